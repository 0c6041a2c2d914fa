package cn.donghe.rehab.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Downloads (indicator reports, worklists, settlement vouchers, reconciliation) as JSON, CSV (UTF-8 with BOM, so spreadsheet programs show Chinese) or XLSX, chosen by
 * {@code ?format=json|csv|xlsx} or else by the first Accept type that names one of them.
 */
public final class Exports {
  public static final String CSV = "text/csv";
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  public enum Format { JSON, CSV, XLSX }

  /**
   * A sheet: a name, a header row and rows of String / Number / Boolean cells (null = empty). Cells are written by
   * {@link SpreadsheetCells}: text that would start a formula gets a leading quote; numbers stay numbers.
   */
  public record Table(String sheet, List<String> header, List<List<Object>> rows) {}

  private Exports() {}

  public static Format choose(String format, HttpHeaders headers) {
    if (format != null && !format.isBlank()) {
      return switch (format.trim().toLowerCase()) {
        case "json" -> Format.JSON;
        case "csv" -> Format.CSV;
        case "xlsx" -> Format.XLSX;
        default -> throw ApiException.badRequest("format", "format 须为 json、csv 或 xlsx / format must be json, csv or xlsx");
      };
    }
    for (MediaType m : headers.getAcceptableMediaTypes()) {
      if (m.isWildcardType()) return Format.JSON;
      if (m.getType().equals("text") && m.getSubtype().equals("csv")) return Format.CSV;
      if (m.isCompatible(MediaType.valueOf(XLSX)) && !m.isWildcardSubtype()) return Format.XLSX;
      if (m.getSubtype().equals("json") || m.getSubtype().endsWith("+json")) return Format.JSON;
    }
    return Format.JSON;
  }

  /** A CSV or XLSX download of the tables (CSV holds the first table only). */
  public static Response file(Format f, String baseName, List<Table> tables) {
    byte[] body = f == Format.CSV ? csv(tables.get(0)) : xlsx(tables);
    String type = f == Format.CSV ? CSV + "; charset=UTF-8" : XLSX;
    String name = baseName + (f == Format.CSV ? ".csv" : ".xlsx");
    return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
  }

  public static byte[] csv(Table t) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
      SpreadsheetCells.csvRecord(p, t.header());
      for (List<Object> row : t.rows()) SpreadsheetCells.csvRecord(p, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] xlsx(List<Table> tables) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      Workbook wb = new Workbook(bytes, "rehab-tracker", "1.0");
      for (Table t : tables) {
        Worksheet ws = wb.newWorksheet(t.sheet());
        for (int c = 0; c < t.header().size(); c++) {
          SpreadsheetCells.xlsxCell(ws, 0, c, t.header().get(c));
          ws.style(0, c).bold().set();
        }
        for (int r = 0; r < t.rows().size(); r++) {
          List<Object> row = t.rows().get(r);
          for (int c = 0; c < row.size(); c++) SpreadsheetCells.xlsxCell(ws, r + 1, c, row.get(c));
        }
        ws.freezePane(0, 1);
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
