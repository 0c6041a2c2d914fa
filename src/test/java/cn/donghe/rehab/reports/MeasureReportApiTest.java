package cn.donghe.rehab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import cn.donghe.rehab.support.Api;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FHIR R4 MeasureReport parses with HAPI FHIR (strictly) and carries the report's exact figures. */
class MeasureReportApiTest {
  /** Creating a FhirContext is slow: once per class. */
  static FhirContext fhir;
  static Scenario2025 s;

  @BeforeAll
  static void setUp() {
    fhir = FhirContext.forR4();
    s = Scenario2025.get();
  }

  private static MeasureReport parse(String code, String extra) {
    Api.Resp r = ReportFixtures.admin().withHeader("Accept", "application/fhir+json")
        .get("/reports/indicators/" + code + "/measure-report?" + s.query(extra));
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.contentType().startsWith("application/fhir+json"), r.contentType());
    IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    return parser.parseResource(MeasureReport.class, r.text());
  }

  private static int count(MeasureReport m, String population) {
    return m.getGroupFirstRep().getPopulation().stream()
        .filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population)).findFirst().orElseThrow().getCount();
  }

  @Test
  void rehabMeasureReport_isASummaryWithCountsAndScore() {
    MeasureReport m = parse("REHAB_SERVICE_RATE", "");
    assertEquals(MeasureReport.MeasureReportStatus.COMPLETE, m.getStatus());
    assertEquals(MeasureReport.MeasureReportType.SUMMARY, m.getType());
    assertEquals("https://rehab.donghe.example/fhir/Measure/rehab-service-rate|REHAB_SERVICE_RATE/2026-2", m.getMeasure());
    assertEquals("https://rehab.donghe.example/fhir/Measure/rehab-service-rate|REHAB_SERVICE_RATE/2026-1",
        parse("REHAB_SERVICE_RATE", "&definitionVersion=1").getMeasure());
    assertEquals("2025-01-01", m.getPeriod().getStartElement().getValueAsString());
    assertEquals("2025-12-31", m.getPeriod().getEndElement().getValueAsString());
    assertEquals(5, count(m, "numerator"));
    assertEquals(8, count(m, "denominator"));
    assertEquals(0, new BigDecimal("62.50").compareTo(m.getGroupFirstRep().getMeasureScore().getValue()));
    assertEquals("%", m.getGroupFirstRep().getMeasureScore().getCode());
    assertEquals(s.area.town(), m.getSubject().getIdentifier().getValue());
  }

  @Test
  void contractMeasureReport_coversTheAsOfDay() {
    MeasureReport m = parse("DOCTOR_CONTRACT_RATE", "&asOf=2025-03-01");
    assertEquals("2025-03-01", m.getPeriod().getStartElement().getValueAsString());
    assertEquals(1, count(m, "numerator"));
    assertEquals(10, count(m, "denominator"));
    assertEquals(0, new BigDecimal("10.00").compareTo(m.getGroupFirstRep().getMeasureScore().getValue()));
  }

  @Test
  void emptyDenominator_hasNoScore() {
    String town = cn.donghe.rehab.support.Fixtures.town();
    Api.Resp r = ReportFixtures.admin().get("/reports/indicators/DEVICE_FITTING_RATE/measure-report?year=2025&regionCode=" + town);
    assertEquals(200, r.status(), r.toString());
    MeasureReport m = fhir.newJsonParser().parseResource(MeasureReport.class, r.text());
    assertEquals(0, count(m, "denominator"));
    assertFalse(m.getGroupFirstRep().hasMeasureScore());
  }

  @Test
  void childAid_hasNoFhirMeasure() {
    Api.Resp r = ReportFixtures.admin().get("/reports/indicators/CHILD_AID_UTILISATION/measure-report?year=2025");
    assertEquals(404, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
  }
}
