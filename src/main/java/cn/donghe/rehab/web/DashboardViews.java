package cn.donghe.rehab.web;

import cn.donghe.rehab.reports.IndicatorReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator dashboard's view of a report: per indicator the figure against the target and a horizontal SVG bar
 * chart (one bar per group, geometry computed here so the template only prints numbers; no inline styles).
 */
public final class DashboardViews {
  /** Chart geometry (SVG user units): names left, bars from BAR_X over BAR_W (= 100 %), value labels after the bar. */
  static final int WIDTH = 720, NAME_W = 200, BAR_X = 210, BAR_W = 340, ROW = 34, TOP = 30;

  private DashboardViews() {}

  public record Bar(String key, String name, String label, Object numerator, Object denominator, String rate, Boolean met, Long shortfall,
             Long enrolled, int y, int textY, String width, String valueX, boolean drillable, BigDecimal spent, BigDecimal budget) {}

  public record Chart(String code, boolean money, String target, String targetX, int height, int axisY, List<Bar> bars, Object numerator,
               Object denominator, String rate, Boolean met, Long shortfall, Long enrolled, String summaryRate,
               BigDecimal spent, BigDecimal budget) {}

  static List<Chart> charts(IndicatorReport r, WebContext web, boolean townLevel) {
    List<Chart> out = new ArrayList<>();
    for (IndicatorReport.Indicator i : r.indicators()) {
      boolean money = i.code().equals("CHILD_AID_UTILISATION");
      List<Bar> bars = new ArrayList<>();
      int row = 0;
      for (IndicatorReport.Group g : i.groups()) {
        int y = TOP + row * ROW;
        BigDecimal w = g.rate() == null ? BigDecimal.ZERO : new BigDecimal(g.rate()).min(BigDecimal.valueOf(100))
            .multiply(BigDecimal.valueOf(BAR_W)).divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP);
        String name = web.lang() == Lang.EN && g.nameEn() != null ? g.nameEn() : g.name();
        String rate = g.rate() == null ? web.t("dash.rate.none") : web.t("dash.rate", g.rate());
        String label = g.met() == null ? rate : rate + " " + web.t(g.met() ? "dash.met.short" : "dash.unmet.short");
        bars.add(new Bar(g.key(), name, label, g.numerator(), g.denominator(), g.rate(), g.met(), g.shortfall(), g.enrolled(),
            y, y + 17, w.toPlainString(), BigDecimal.valueOf(BAR_X + 6).add(w).toPlainString(), townLevel,
            money ? amount(g.numerator()) : null, money ? amount(g.denominator()) : null));
        row++;
      }
      String target = i.target() == null ? null : new BigDecimal(i.target().toString()).stripTrailingZeros().toPlainString();
      String targetX = target == null ? null : new BigDecimal(target).min(BigDecimal.valueOf(100)).multiply(BigDecimal.valueOf(BAR_W))
          .divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP).add(BigDecimal.valueOf(BAR_X)).toPlainString();
      int axisY = TOP + Math.max(1, bars.size()) * ROW + 2;
      out.add(new Chart(i.code(), money, target, targetX, axisY + 22, axisY, bars, i.numerator(), i.denominator(), i.rate(), i.met(),
          i.shortfall(), i.enrolled(), i.rate() == null ? web.t("dash.rate.none") : web.t("dash.rate", i.rate()),
          money ? amount(i.numerator()) : null, money ? amount(i.denominator()) : null));
    }
    return out;
  }

  /** A money string of the aid indicator as a number the templates format for the locale. */
  static BigDecimal amount(Object v) { return v == null ? null : new BigDecimal(v.toString()); }
}
