package cn.donghe.rehab.demo;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.reports.GroupBy;
import cn.donghe.rehab.reports.IndicatorReport;
import cn.donghe.rehab.reports.ReportParams;
import cn.donghe.rehab.reports.ReportService;
import cn.donghe.rehab.support.DemoDatabases;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a newcomer must see after the demo loaded, on any date: every feature table has rows in the
 * states the pages show, and each rate has people behind it and lies near its target, with some
 * communities under it (so the worklists have names) and some meeting it.
 */
final class LivingDistrict {
  /** Accepted rate ranges (percent) for the rehab, device and contract rates. */
  record Bands(double rehabLow, double rehabHigh, double deviceLow, double deviceHigh, double contractLow, double contractHigh) {}

  /** The bands, for the full-size district. */
  static final Bands FULL = new Bands(85, 93, 80, 92, 90, 97);
  /** A little wider for the district at 1/8 size (fewer persons per figure). */
  static final Bands SMALL = new Bands(82, 95, 76, 95, 88, 98);

  private LivingDistrict() {}

  /** Every problem found (empty when the district is alive). */
  static List<String> problems(DemoDatabases.Demo demo, LocalDate today, Bands bands) {
    List<String> out = new ArrayList<>();
    Map<String, String> mustHaveRows = new LinkedHashMap<>();
    mustHaveRows.put("persons", "SELECT count(*) FROM persons");
    mustHaveRows.put("users", "SELECT count(*) FROM users");
    mustHaveRows.put("contracts in force", "SELECT count(*) FROM contracts WHERE start_date <= DATE '" + today + "' AND end_date >= DATE '" + today + "' AND terminated_on IS NULL");
    mustHaveRows.put("assessments this year", "SELECT count(*) FROM assessments WHERE year = " + today.getYear());
    mustHaveRows.put("plans with several revisions", "SELECT count(*) FROM plans WHERE current_revision > 1");
    mustHaveRows.put("plan institutions", "SELECT count(*) FROM plan_institutions");
    mustHaveRows.put("aid accounts this year, part-spent", "SELECT count(*) FROM aid_accounts WHERE year = " + today.getYear() + " AND balance > 0 AND balance < budget");
    mustHaveRows.put("aid account used up", "SELECT count(*) FROM aid_accounts WHERE year = " + today.getYear() + " AND balance = 0");
    mustHaveRows.put("aid ledger charges", "SELECT count(*) FROM aid_ledger WHERE kind = 'CHARGE'");
    mustHaveRows.put("sessions this year", "SELECT count(*) FROM sessions WHERE date >= DATE '" + today.withDayOfYear(1) + "'");
    mustHaveRows.put("device types", "SELECT count(*) FROM device_types");
    mustHaveRows.put("pool items available", "SELECT count(*) FROM device_items WHERE status = 'AVAILABLE'");
    mustHaveRows.put("fittings delivered this year", "SELECT count(*) FROM fittings WHERE delivered_on >= DATE '" + today.withDayOfYear(1) + "'");
    mustHaveRows.put("fittings waiting", "SELECT count(*) FROM fittings WHERE status IN ('REQUESTED', 'ASSESSED')");
    mustHaveRows.put("open loans not yet due", "SELECT count(*) FROM loans WHERE returned_on IS NULL AND due_date >= DATE '" + today + "'");
    mustHaveRows.put("overdue loans", "SELECT count(*) FROM loans WHERE returned_on IS NULL AND due_date < DATE '" + today + "'");
    mustHaveRows.put("loan reminders", "SELECT count(*) FROM loan_notifications");
    mustHaveRows.put("repair in progress", "SELECT count(*) FROM repairs WHERE status = 'IN_PROGRESS'");
    mustHaveRows.put("recycling", "SELECT count(*) FROM recycling");
    mustHaveRows.forEach((what, sql) -> {
      long n = demo.count(sql);
      if (n == 0) out.add("no " + what);
    });

    AppUser admin = demo.ctx().get(AuthService.class).find(UUID.fromString(demo.ctx().jdbi().withHandle(h ->
        h.createQuery("SELECT CAST(id AS text) FROM users WHERE username = 'admin'").mapTo(String.class).one()))).orElseThrow();
    ReportService reports = demo.ctx().get(ReportService.class);
    IndicatorReport district = reports.indicators(admin, new ReportParams(today.getYear(), null, null, today));
    IndicatorReport byCommunity = reports.indicators(admin, new ReportParams(today.getYear(), null, GroupBy.COMMUNITY, today));
    check(out, district, byCommunity, "REHAB_SERVICE_RATE", bands.rehabLow(), bands.rehabHigh(), true);
    check(out, district, byCommunity, "DEVICE_FITTING_RATE", bands.deviceLow(), bands.deviceHigh(), true);
    check(out, district, byCommunity, "DOCTOR_CONTRACT_RATE", bands.contractLow(), bands.contractHigh(), false);
    return out;
  }

  private static void check(List<String> out, IndicatorReport district, IndicatorReport byCommunity, String code, double low, double high,
                            boolean someCommunitiesMeetIt) {
    IndicatorReport.Indicator i = district.indicators().stream().filter(x -> x.code().equals(code)).findFirst().orElse(null);
    if (i == null) { out.add(code + " missing"); return; }
    long num = ((Number) i.numerator()).longValue();
    long den = ((Number) i.denominator()).longValue();
    if (num == 0 || den == 0) { out.add(code + " has nobody behind it: " + num + " / " + den); return; }
    double rate = 100.0 * num / den;
    if (rate < low || rate > high) out.add(String.format("%s %.2f%% (%d / %d) outside %.0f..%.0f", code, rate, num, den, low, high));
    IndicatorReport.Indicator g = byCommunity.indicators().stream().filter(x -> x.code().equals(code)).findFirst().orElseThrow();
    long under = g.groups().stream().filter(x -> Boolean.FALSE.equals(x.met())).count();
    long met = g.groups().stream().filter(x -> Boolean.TRUE.equals(x.met())).count();
    if (under == 0) out.add(code + ": no community under target (the worklist would be empty)");
    if (someCommunitiesMeetIt && met == 0) out.add(code + ": no community meets the target");
    if (new BigDecimal(i.rate()).compareTo(BigDecimal.ZERO) <= 0) out.add(code + " rate " + i.rate());
  }
}
