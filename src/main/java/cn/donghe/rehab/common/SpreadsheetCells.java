package cn.donghe.rehab.common;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Worksheet;

/**
 * The one place where cells of CSV and XLSX downloads are written (formula injection, DESIGN section 6).
 *
 * <p>Text cells that start with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return get a leading
 * {@code '}, so a spreadsheet program shows them as text instead of running them as a formula
 * ({@code =HYPERLINK(...)}, {@code @SUM(...)}, {@code -2+3}). Numbers the service produces itself (counts, rates,
 * money amounts) are passed as {@link Number}: in XLSX they are number cells, in CSV their plain decimal spelling
 * ({@code -300.00}), which every spreadsheet program reads as a number, never as a formula. Only text that may
 * come from a person (names, free text, codes) is defused, so amounts stay computable.
 *
 * <p>Every CSV and XLSX writer goes through {@link #csvRecord} and {@link #xlsxCell} (ArchitectureTest checks that
 * no other class calls CSVPrinter.print* or Worksheet.value).
 */
public final class SpreadsheetCells {
  private SpreadsheetCells() {}

  /** True when a spreadsheet program would treat text starting like this as a formula. */
  public static boolean startsFormula(String s) {
    if (s == null || s.isEmpty()) return false;
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** A text cell as written: with a leading {@code '} when it would start a formula; null is empty. */
  public static String text(String s) {
    if (s == null) return "";
    return startsFormula(s) ? "'" + s : s;
  }

  /** The CSV spelling of a cell: numbers plain ({@code -300.00}), booleans 是/否, anything else defused text. */
  public static String csvCell(Object v) {
    if (v == null) return "";
    if (v instanceof BigDecimal d) return d.toPlainString();
    if (v instanceof Number n) return n.toString();
    if (v instanceof Boolean b) return b ? "是" : "否";
    return text(v.toString());
  }

  /** Prints one CSV record through {@link #csvCell}. */
  public static void csvRecord(CSVPrinter p, List<?> cells) throws IOException {
    List<String> out = new ArrayList<>(cells.size());
    for (Object v : cells) out.add(csvCell(v));
    p.printRecord(out);
  }

  public static void csvRecord(CSVPrinter p, Object... cells) throws IOException { csvRecord(p, java.util.Arrays.asList(cells)); }

  /** Writes one XLSX cell: a number cell for numbers, else defused text (booleans 是/否); null leaves it empty. */
  public static void xlsxCell(Worksheet ws, int row, int col, Object v) {
    if (v == null) return;
    if (v instanceof Number n) ws.value(row, col, n);
    else ws.value(row, col, csvCell(v));
  }
}
