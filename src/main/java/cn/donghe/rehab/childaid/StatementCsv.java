package cn.donghe.rehab.childaid;

import cn.donghe.rehab.common.Money;
import cn.donghe.rehab.common.SpreadsheetCells;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * An aid account's balance statement as CSV: UTF-8 with a BOM so spreadsheet programs show Chinese. Cells go through
 * {@link SpreadsheetCells} (formula injection): amounts as plain numbers, text defused.
 */
public final class StatementCsv {
  private static final Map<String, String> KINDS = Map.of("BUDGET", "年度预算", "CHARGE", "康复扣费", "REVERSAL", "作废退回",
      "TOP_UP", "标准上调补足", "ADJUSTMENT", "标准调整", "SETTLEMENT_REFUND", "结算核减退回");
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private StatementCsv() {}

  private static java.math.BigDecimal money(java.math.BigDecimal v) { return v == null ? null : Money.scale(v); }

  public static byte[] render(AidAccount a, ZoneId zone) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
    try (CSVPrinter p = new CSVPrinter(out, format)) {
      SpreadsheetCells.csvRecord(p, "时间", "类型", "类型代码", "金额", "余额", "康复记录编号", "服务机构", "服务日期");
      for (AidAccount.Entry e : a.entries()) {
        // amounts are numbers (plain "-300.00", never prefixed); the institution name is text and defused
        SpreadsheetCells.csvRecord(p, AT.format(e.at().atZone(zone)), KINDS.getOrDefault(e.kind(), e.kind()), e.kind(),
            money(e.amount()), money(e.balanceAfter()), e.sessionId() == null ? null : e.sessionId().toString(), e.institutionName(),
            e.sessionDate() == null ? null : e.sessionDate().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
