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
      rows.add(row(r.year(), region, r.asOf().toString(), i.code(), i.name() + " " + i.nameEn(), "合计 Total", "", i.numerator(),
          i.denominator(), i.rate(), i.target() == null ? null : PlainNumber.plain(i.target()), i.met(), i.shortfall(), i.enrolled(),
          i.definition().version()));
      for (IndicatorReport.Group g : i.groups()) {
        rows.add(row(r.year(), region, r.asOf().toString(), i.code(), i.name() + " " + i.nameEn(), g.key(), g.name(), g.numerator(),
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

  static List<Exports.Table> worklist(List<UnservedPerson> persons) {
    List<List<Object>> rows = new ArrayList<>();
    for (UnservedPerson p : persons) {
      rows.add(row(p.personId().toString(), p.name(), p.idNumber(), p.category(), p.grade(), p.status(), p.communityCode(),
          p.communityName(), String.join(";", p.rehabNeeds()), String.join(";", p.deviceNeeds()), p.doctorName()));
    }
    return List.of(new Exports.Table("名单 Worklist", WORKLIST_HEADER, rows));
  }

  private static List<Object> row(Object... cells) { return Arrays.asList(cells); }
}
