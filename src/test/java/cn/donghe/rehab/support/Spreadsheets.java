package cn.donghe.rehab.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads CSV and XLSX downloads back cell by cell, for the formula-injection tests: a text cell that a spreadsheet
 * program would run as a formula (starts with =, +, -, @, tab or CR) must not exist in any export.
 */
public final class Spreadsheets {
  /** What a hostile person, institution or region is called in the tests. */
  public static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
  public static final String DEFUSED = "'" + FORMULA;

  private Spreadsheets() {}

  /** Every cell of a CSV download (BOM skipped), header row included. */
  public static List<List<String>> csv(byte[] body) {
    int skip = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF ? 3 : 0;
    String text = new String(body, skip, body.length - skip, StandardCharsets.UTF_8);
    List<List<String>> out = new ArrayList<>();
    try {
      for (CSVRecord r : CSVFormat.DEFAULT.parse(new StringReader(text))) out.add(r.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every cell of every sheet of an XLSX download; a formula cell fails the test at once. */
  public static List<List<String>> xlsx(byte[] body) {
    List<List<String>> out = new ArrayList<>();
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(body))) {
      for (Sheet s : wb.getSheets().toList()) {
        for (Row r : s.read()) {
          List<String> cells = new ArrayList<>();
          for (Cell c : r) {
            if (c == null) { cells.add(""); continue; }
            if (c.getType() == CellType.FORMULA) fail("formula cell " + c.getAddress() + " in sheet " + s.getName() + ": " + c.getFormula());
            cells.add(c.getType() == CellType.NUMBER ? "#" + c.getRawValue() : c.getText());
          }
          out.add(cells);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Fails when any text cell starts with a formula trigger; number cells of XLSX (marked "#") are exempt. */
  public static void assertNoLiveFormula(List<List<String>> rows, String what) {
    for (List<String> row : rows) {
      for (String cell : row) {
        if (cell.isEmpty() || cell.startsWith("#")) continue;
        char c = cell.charAt(0);
        boolean trigger = c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r' || (c == '-' && !isPlainNumber(cell));
        assertTrue(!trigger, what + ": cell starts a formula: " + cell + " in row " + row);
      }
    }
  }

  /** The defused hostile text appears in some cell. */
  public static void assertDefused(List<List<String>> rows, String what) {
    assertTrue(rows.stream().anyMatch(r -> r.contains(DEFUSED)), what + ": expected a cell " + DEFUSED + " in " + rows);
  }

  /** "-300.00", "12", "-0.5": amounts written as plain numbers, which a spreadsheet reads as numbers, not formulas. */
  public static boolean isPlainNumber(String s) { return s.matches("-?[0-9]+(\\.[0-9]+)?"); }
}
