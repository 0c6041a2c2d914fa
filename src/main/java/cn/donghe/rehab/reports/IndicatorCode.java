package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.ApiException;
import java.util.Arrays;

/**
 * The indicators (DESIGN section 8) with their versioned definitions, so every answer explains itself. A change
 * of a definition gets a new version string; snapshots keep the version they were computed with.
 */
public enum IndicatorCode {
  REHAB_SERVICE_RATE("精准康复服务覆盖率", "Rehabilitation service coverage", "rehab-service-rate", new Definition("REHAB_SERVICE_RATE/2026-2",
      new Text("分母中在该年度至少有一次未作废、且服务类型属于其该年度评估所列康复需求的康复服务记录的人数。",
          "Persons of the denominator with at least one non-voided rehabilitation session dated in the year whose service type "
              + "is among the rehabilitation needs of their assessment for the year."),
      new Text("该年度需求评估列有至少一项康复需求的人数（按评估时所在区划计；年初前已死亡、迁出或注销者除外）。",
          "Distinct persons whose needs assessment for the year lists at least one rehabilitation need (counted in the region "
              + "of the assessment; persons deceased, moved out or cancelled before 1 January are excluded).")),
      new Definition("REHAB_SERVICE_RATE/2026-1",
      new Text("分母中在该年度至少有一次未作废康复服务记录的人数。",
          "Persons of the denominator with at least one non-voided rehabilitation session dated in the year."),
      new Text("该年度需求评估列有至少一项康复需求的人数（按评估时所在区划计；年初前已死亡、迁出或注销者除外）。",
          "Distinct persons whose needs assessment for the year lists at least one rehabilitation need (counted in the region "
              + "of the assessment; persons deceased, moved out or cancelled before 1 January are excluded)."))),
  DEVICE_FITTING_RATE("辅助器具适配率", "Assistive device fitting rate", "device-fitting-rate", new Definition("DEVICE_FITTING_RATE/2026-2",
      new Text("分母中在该年度有其评估所列辅具类型的适配交付或辅具租借开始的人数。",
          "Persons of the denominator with a fitting delivered in the year or a device loan started in the year of a device type "
              + "among the device needs of their assessment for the year."),
      new Text("该年度需求评估列有至少一项辅具需求的人数（按评估时所在区划计；年初前已死亡、迁出或注销者除外）。",
          "Distinct persons whose needs assessment for the year lists at least one device need (counted in the region of "
              + "the assessment; persons deceased, moved out or cancelled before 1 January are excluded).")),
      new Definition("DEVICE_FITTING_RATE/2026-1",
      new Text("分母中在该年度有辅具适配交付或辅具租借开始的人数。",
          "Persons of the denominator with a fitting delivered in the year or a device loan started in the year."),
      new Text("该年度需求评估列有至少一项辅具需求的人数（按评估时所在区划计；年初前已死亡、迁出或注销者除外）。",
          "Distinct persons whose needs assessment for the year lists at least one device need (counted in the region of "
              + "the assessment; persons deceased, moved out or cancelled before 1 January are excluded)."))),
  DOCTOR_CONTRACT_RATE("家庭医生签约率", "Family doctor contract rate", "doctor-contract-rate", new Definition("DOCTOR_CONTRACT_RATE/2026-1",
      new Text("分母中在统计日有生效家庭医生签约的人数。",
          "Persons of the denominator with a family-doctor contract in force on the as-of date."),
      new Text("统计日在册（状态为正常，或状态变更日期晚于统计日）的持证残疾人数，按人员档案所在区划计。",
          "Persons registered and active on the as-of date (status ACTIVE, or a status change dated after it), counted in "
              + "the region of their record."))),
  PLAN_ADHERENCE("一人一案落实率", "Rehabilitation plan adherence", "plan-adherence", new Definition("PLAN_ADHERENCE/2026-1",
      new Text("分母中该月未作废康复服务次数达到其方案计划次数 80% 的人数：按服务类型匹配方案各项干预的每月次数，每类计入的次数不超过该类计划次数。",
          "Persons of the denominator whose non-voided sessions dated in the month reach at least 80% of the sessions their plan "
              + "schedules: sessions are matched to the interventions' sessionsPerMonth by service type, and each type counts at most "
              + "its planned number."),
      new Text("该月有进行中康复方案的人数（方案在月末前制定、开始日期不晚于月末、未在月初前关闭；按月末时的方案版本；按人员档案所在区划计；"
          + "月初前已死亡、迁出或注销者除外）。",
          "Persons with a rehabilitation plan active in the month (created before the month ended, starting on or before its last "
              + "day, not closed before it began; the revision in force at the month's end), counted in the region of their record; "
              + "persons deceased, moved out or cancelled before the month began are excluded."))),
  CHILD_AID_UTILISATION("残疾儿童康复救助资金使用率", "Child rehabilitation aid utilisation", "child-aid-utilisation",
      new Definition("CHILD_AID_UTILISATION/2026-1",
          new Text("该年度救助账户已使用金额合计（元，预算减余额；作废退回后不计）。",
              "Sum of the amounts spent (CNY, budget minus balance; voided sessions refunded) of the year's aid accounts."),
          new Text("该年度救助账户预算合计（元），账户按儿童档案所在区划计。",
              "Sum of the budgets (CNY) of the year's child rehabilitation aid accounts, counted in the region of the child's record.")));

  private final String zh;
  private final String en;
  private final String slug;
  private final Definition definition;
  private final Definition version1;

  IndicatorCode(String zh, String en, String slug, Definition definition) {
    this(zh, en, slug, definition, definition);
  }

  /** {@code version1}: the definition before need-matched counting (the same for indicators it did not change). */
  IndicatorCode(String zh, String en, String slug, Definition definition, Definition version1) {
    this.zh = zh;
    this.en = en;
    this.slug = slug;
    this.definition = definition;
    this.version1 = version1;
  }

  public String zh() { return zh; }
  public String en() { return en; }
  /** The last path segment of the FHIR Measure canonical URL. */
  public String slug() { return slug; }
  /** The definition in force. */
  public Definition definition() { return definition; }
  /** The definition under report definition version 1 or 2 (DESIGN section 8: {@code definitionVersion}). */
  public Definition definition(int reportVersion) { return reportVersion == 1 ? version1 : definition; }
  /** True for the indicators counting persons against a target (CHILD_AID_UTILISATION counts money, without target). */
  public boolean countsPersons() { return this != CHILD_AID_UTILISATION; }

  /** A path parameter; unknown codes answer 404. */
  static IndicatorCode parse(String raw) {
    return Arrays.stream(values()).filter(c -> c.name().equals(raw)).findFirst()
        .orElseThrow(() -> ApiException.notFound("指标 indicator"));
  }

  /** One sentence in Chinese and English. */
  public record Text(String zh, String en) {}

  /** What the figures mean, versioned. */
  public record Definition(String version, Text numerator, Text denominator) {}
}
