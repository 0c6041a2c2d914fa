package cn.donghe.rehab.settlement;

import cn.donghe.rehab.common.Exports;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The payment voucher (结算凭证) of a statement as a table: one row per line, then the three totals. Written as CSV or
 * XLSX by {@link Exports} (formula-safe cells, amounts as numbers).
 */
final class SettlementVoucher {
  private static final Map<String, String> VERDICT = Map.of("PENDING", "待审核", "ACCEPTED", "通过", "REJECTED", "核减");
  private static final List<String> HEADER = List.of("机构", "月份", "服务日期", "康复记录编号", "人员编号", "服务类型", "费用", "医保支付",
      "救助申报", "审核结果", "核减原因");

  private SettlementVoucher() {}

  static Exports.Table table(Settlement s) {
    List<List<Object>> rows = new ArrayList<>();
    for (Settlement.Line l : s.lines()) {
      rows.add(Arrays.asList(s.institutionName(), s.period(), l.date().toString(), l.sessionId().toString(), l.personId().toString(),
          l.serviceType(), l.fee(), l.insurancePaid(), l.aidCharged(), VERDICT.getOrDefault(l.status(), l.status()), l.reason()));
    }
    rows.add(total(s, "申报合计 aidClaimed", s.totals().aidClaimed()));
    rows.add(total(s, "核减合计 aidRejected", s.totals().aidRejected()));
    rows.add(total(s, "应付合计 aidPayable", s.totals().aidPayable()));
    return new Exports.Table("结算单", HEADER, rows);
  }

  private static List<Object> total(Settlement s, String label, Object amount) {
    return Arrays.asList(s.institutionName(), s.period(), null, null, null, null, null, null, amount, s.status(), label);
  }
}
