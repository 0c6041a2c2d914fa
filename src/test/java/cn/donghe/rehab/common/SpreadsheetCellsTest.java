package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The formula-injection rule of every CSV/XLSX cell (DESIGN section 6). */
class SpreadsheetCellsTest {
  @Test
  void textStartingAFormula_getsALeadingQuote_everythingElseIsUnchanged() {
    for (String s : new String[] {"=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")", "-300.00"}) {
      assertEquals("'" + s, SpreadsheetCells.text(s), s);
      assertEquals("'" + s, SpreadsheetCells.csvCell(s), s);
    }
    for (String s : new String[] {"王芳", "a=b", " =x", "'=x", "150202", ""}) assertEquals(s, SpreadsheetCells.csvCell(s), s);
    assertEquals("", SpreadsheetCells.csvCell(null));
  }

  @Test
  void numbersStayNumbers_evenNegativeAmounts() {
    assertEquals("-300.00", SpreadsheetCells.csvCell(new BigDecimal("-300.00")));
    assertEquals("1E+3", new BigDecimal("1E+3").toString());
    assertEquals("1000", SpreadsheetCells.csvCell(new BigDecimal("1E+3")), "plain spelling, never scientific");
    assertEquals("-7", SpreadsheetCells.csvCell(-7));
    assertEquals("是", SpreadsheetCells.csvCell(true));
  }
}
