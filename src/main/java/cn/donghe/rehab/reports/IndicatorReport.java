package cn.donghe.rehab.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An indicator report (DESIGN section 8). {@code regionCode} is the region asked for (null = everything the caller
 * sees); {@code asOf} is the day DOCTOR_CONTRACT_RATE is counted on (and the day of the age bands), {@code month} the
 * month of PLAN_ADHERENCE (null in snapshots taken before it existed).
 */
public record IndicatorReport(int year, String regionCode, String regionName, LocalDate asOf, String groupBy,
                              @Schema(description = "指标定义版本：2 = 按评估需求匹配计数（默认），1 = 任意服务计数（重现此前发布的数字）/ "
                                  + "definition version: 2 = need-matched counting (the default), 1 = any service (reproduces figures published "
                                  + "before it); each indicator's definition.version names its own", allowableValues = {"1", "2"}, example = "2")
                              Integer definitionVersion,
                              Instant generatedAt, List<Indicator> indicators,
                              @Schema(description = "PLAN_ADHERENCE 统计的月份 / the month PLAN_ADHERENCE counts (YYYY-MM)", example = "2026-11")
                              String month) {

  /**
   * One indicator. For the person indicators numerator and denominator are counts; for CHILD_AID_UTILISATION they
   * are money strings (spent and budget, "35000.00"), {@code enrolled} counts the accounts, and there is no target.
   */
  public record Indicator(
      String code, String name, String nameEn,
      @Schema(oneOf = {Long.class, String.class}, description = "人数，或 CHILD_AID_UTILISATION 的金额字符串 / a count, or a money string for CHILD_AID_UTILISATION")
      Object numerator,
      @Schema(oneOf = {Long.class, String.class}, description = "人数，或 CHILD_AID_UTILISATION 的金额字符串 / a count, or a money string for CHILD_AID_UTILISATION")
      Object denominator,
      @Schema(description = "百分比，两位小数，四舍五入；分母为 0 时为 null / percent, two decimals, half-up; null when the denominator is 0")
      String rate,
      @Schema(type = "number", description = "目标（百分比，来自配置）/ target percent (configuration)", example = "90")
      @JsonSerialize(using = PlainNumber.class) Number target,
      Boolean met, Long shortfall,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long enrolled,
      IndicatorCode.Definition definition,
      List<Group> groups) {}

  /**
   * One group of a grouped report. {@code key}: the region code (TOWN, COMMUNITY), category code, grade ("1".."4",
   * "NONE"), "townCode/CATEGORY" for TOWN,CATEGORY, the age band ("0-6", "7-14", "15-17", "18-59", "60+") on asOf for
   * AGE_BAND, "M" or "F" for SEX.
   */
  public record Group(
      String key, String name, String nameEn,
      @Schema(oneOf = {Long.class, String.class}) Object numerator,
      @Schema(oneOf = {Long.class, String.class}) Object denominator,
      String rate, Boolean met, Long shortfall,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long enrolled) {}
}
