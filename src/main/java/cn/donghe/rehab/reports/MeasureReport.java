package cn.donghe.rehab.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A FHIR R4 MeasureReport (summary) of one person indicator: population counts and the measure score in percent
 * (UCUM "%"), the same exact figures as the JSON report. Only the elements used are modelled; absent ones are omitted,
 * as FHIR JSON requires.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeasureReport(String resourceType, String status, String type, String measure, Reference subject, String date,
                            Period period, CodeableConcept improvementNotation, List<Group> group) {
  /** Canonical base of this service's Measure resources and code systems. */
  public static final String BASE = "https://rehab.donghe.example/fhir";
  static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
  static final String IMPROVEMENT = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation";
  static final String REGION_SYSTEM = BASE + "/NamingSystem/region-code";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Coding(String system, String code, String display) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CodeableConcept(List<Coding> coding, String text) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Identifier(String system, String value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reference(Identifier identifier, String display) {}

  public record Period(String start, String end) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Quantity(@Schema(type = "number") @JsonSerialize(using = PlainNumber.class) Number value, String unit, String system, String code) {}

  public record Population(CodeableConcept code, long count) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Group(CodeableConcept code, List<Population> population, Quantity measureScore) {}

  /** The MeasureReport of indicator {@code i} of {@code report}. */
  static MeasureReport of(IndicatorReport report, IndicatorReport.Indicator i, IndicatorCode code, ZoneId zone) {
    long n = ((Number) i.numerator()).longValue();
    long d = ((Number) i.denominator()).longValue();
    java.time.YearMonth month = report.month() == null ? null : java.time.YearMonth.parse(report.month());
    Period period = code == IndicatorCode.DOCTOR_CONTRACT_RATE
        ? new Period(report.asOf().toString(), report.asOf().toString())
        : code == IndicatorCode.PLAN_ADHERENCE && month != null ? new Period(month.atDay(1).toString(), month.atEndOfMonth().toString())
        : new Period(report.year() + "-01-01", report.year() + "-12-31");
    Reference subject = report.regionCode() == null ? null
        : new Reference(new Identifier(REGION_SYSTEM, report.regionCode()), report.regionName());
    List<Population> pops = new ArrayList<>();
    pops.add(new Population(concept(POPULATION, "numerator", "Numerator"), n));
    pops.add(new Population(concept(POPULATION, "denominator", "Denominator"), d));
    Quantity score = i.rate() == null ? null : new Quantity(new BigDecimal(i.rate()), "%", "http://unitsofmeasure.org", "%");
    Group g = new Group(new CodeableConcept(List.of(new Coding(BASE + "/CodeSystem/indicator", code.name(), code.zh())), code.en()), pops, score);
    return new MeasureReport("MeasureReport", "complete", "summary", canonical(code, i.definition().version()), subject,
        OffsetDateTime.ofInstant(report.generatedAt(), zone).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")), period,
        concept(IMPROVEMENT, "increase", "Increased score indicates improvement"), List.of(g));
  }

  /** The Measure's canonical URL with its definition version: {@code BASE/Measure/rehab-service-rate|REHAB_SERVICE_RATE/2026-1}. */
  static String canonical(IndicatorCode code) { return canonical(code, code.definition().version()); }

  /** The canonical URL under a given definition version (the report's: {@code definitionVersion=1} names the old one). */
  static String canonical(IndicatorCode code, String version) {
    return BASE + "/Measure/" + code.slug() + "|" + version;
  }

  private static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept(List.of(new Coding(system, code, display)), null);
  }
}
