package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.Exports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reports as export tables: one row per indicator total followed by its groups; worklists one row per person. */
final class ReportTables {
  private ReportTables() {}

  static final List<String> INDICATOR_HEADER = List.of("年度 Year", "区划 Region", "统计日 As of", "指标代码 Code", "指标 Indicator",
      "分组 Group", "分组名称 Group name", "分子 Numerator", "分母 Denominator", "率(%) Rate", "目标(%) Target", "达标 Met",
      "差额(人) Shortfall", "在册儿童 Enrolled", "定义版本 Definition");

  static List<Exports.Table> indicators(IndicatorReport r) {
    List<List<Object>> rows = new ArrayList<>();
    String region = r.regionCode() == null ? "" : r.regionCode();
    for (IndicatorReport.Indicator i : r.indicators()) {
      // PLAN_ADHERENCE counts a month: its rows name the month where the others name the as-of day
      String asOf = i.code().equals(IndicatorCode.PLAN_ADHERENCE.name()) && r.month() != null ? r.month() : r.asOf().toString();
      rows.add(row(r.year(), region, asOf, i.code(), i.name() + " " + i.nameEn(), "合计 Total", "", i.numerator(),
          i.denominator(), i.rate(), i.target() == null ? null : PlainNumber.plain(i.target()), i.met(), i.shortfall(), i.enrolled(),
          i.definition().version()));
      for (IndicatorReport.Group g : i.groups()) {
        rows.add(row(r.year(), region, asOf, i.code(), i.name() + " " + i.nameEn(), g.key(), g.name(), g.numerator(),
            g.denominator(), g.rate(), null, g.met(), g.shortfall(), g.enrolled(), i.definition().version()));
      }
    }
    List<List<Object>> defs = new ArrayList<>();
    for (IndicatorReport.Indicator i : r.indicators()) {
      IndicatorCode.Definition d = i.definition();
      defs.add(row(i.code(), d.version(), d.numerator().zh(), d.numerator().en(), d.denominator().zh(), d.denominator().en()));
    }
    return List.of(new Exports.Table("指标 Indicators", INDICATOR_HEADER, rows),
        new Exports.Table("定义 Definitions", List.of("指标代码 Code", "版本 Version", "分子 Numerator (zh)", "Numerator (en)",
            "分母 Denominator (zh)", "Denominator (en)"), defs));
  }

  static final List<String> WORKLIST_HEADER = List.of("人员编号 Person id", "姓名 Name", "身份证号 ID number", "类别 Category", "等级 Grade",
      "状态 Status", "社区代码 Community code", "社区 Community", "康复需求 Rehab needs", "辅具需求 Device needs", "签约医生 Doctor");

  /** PLAN_ADHERENCE's worklist adds the plan's month, planned and delivered sessions, and both by service type. */
  static final List<String> PLAN_COLUMNS = List.of("方案编号 Plan id", "月份 Month", "计划次数 Planned", "已提供次数 Delivered",
      "按服务类型 计划/提供 By service type planned/delivered");

  static List<Exports.Table> worklist(IndicatorCode code, List<UnservedPerson> persons) {
    boolean plans = code == IndicatorCode.PLAN_ADHERENCE;
    List<List<Object>> rows = new ArrayList<>();
    for (UnservedPerson p : persons) {
      List<Object> row = new ArrayList<>(row(p.personId().toString(), p.name(), p.idNumber(), p.category(), p.grade(), p.status(),
          p.communityCode(), p.communityName(), String.join(";", p.rehabNeeds()), String.join(";", p.deviceNeeds()), p.doctorName()));
      if (plans && p.plan() != null) {
        UnservedPerson.PlanGap g = p.plan();
        row.addAll(row(g.planId().toString(), g.month(), g.planned(), g.delivered(),
            String.join("; ", g.interventions().stream().map(t -> t.serviceType() + " " + t.planned() + "/" + t.delivered()).toList())));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>(WORKLIST_HEADER);
    if (plans) header.addAll(PLAN_COLUMNS);
    return List.of(new Exports.Table("名单 Worklist", header, rows));
  }

  private static List<Object> row(Object... cells) { return Arrays.asList(cells); }
}
