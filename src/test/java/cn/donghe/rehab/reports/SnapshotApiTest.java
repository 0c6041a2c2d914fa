package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.Exports;

import static cn.donghe.rehab.reports.ReportFixtures.assertFigures;
import static cn.donghe.rehab.reports.ReportFixtures.indicator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Published snapshots stay frozen while the live report follows new data, and their hashes can be reproduced. */
class SnapshotApiTest {

  /** The documented hash: sorted lowercase ids joined by "\n", UTF-8, SHA-256 hex. */
  static String hash(Stream<String> ids) throws Exception {
    String joined = String.join("\n", ids.sorted().toList());
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void snapshot_freezesFiguresAndPersonSetHashes_whileTheLiveReportMovesOn() throws Exception {
    ReportFixtures.Area area = ReportFixtures.area();
    String served = area.person(area.a());
    String waiting = area.person(area.a());
    ReportFixtures.assessRehab(served, 2025);
    ReportFixtures.assessRehab(waiting, 2025);
    ReportFixtures.session(area.rehab(), served, LocalDate.of(2025, 9, 1));
    long audits = Fixtures.count("audit_events");

    Api.Resp created = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", area.town()));
    assertEquals(201, created.status(), created.toString());
    String id = created.str("id");
    assertEquals("/api/v1/reports/snapshots/" + id, java.net.URI.create(created.header("Location")).getPath());
    assertEquals("2025-12-31", created.str("asOf"));
    assertFigures(indicator(created.get("report"), "REHAB_SERVICE_RATE"), 1, 2, "50.00", false, 1);
    JsonNode rehab = created.get("hashes").path("REHAB_SERVICE_RATE");
    assertEquals(hash(Stream.of(served)), rehab.path("numeratorHash").asText());
    assertEquals(hash(Stream.of(served, waiting)), rehab.path("denominatorHash").asText());
    assertEquals(hash(Stream.of()), created.get("hashes").path("DEVICE_FITTING_RATE").path("denominatorHash").asText());
    assertEquals(hash(Stream.of(served, waiting)), created.get("hashes").path("DOCTOR_CONTRACT_RATE").path("denominatorHash").asText());
    assertEquals(2, created.get("report").path("definitionVersion").asInt());
    assertEquals("REHAB_SERVICE_RATE/2026-2", indicator(created.get("report"), "REHAB_SERVICE_RATE").path("definition").path("version").asText());
    assertEquals(audits + 1, Fixtures.count("audit_events"));
    assertEquals(1L, (long) TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM audit_events WHERE action = 'PUBLISH' AND entity = 'report_snapshot' AND entity_id = :id")
        .bind("id", id).mapTo(Long.class).one()));
    assertTrue(verification(id).path("matches").asBoolean(), "unchanged data re-hashes to the same values");

    ReportFixtures.session(area.rehab(), waiting, LocalDate.of(2025, 10, 1));
    assertFigures(indicator(ReportFixtures.report("year=2025&regionCode=" + area.town()), "REHAB_SERVICE_RATE"), 2, 2, "100.00", true, 0);
    Api.Resp again = ReportFixtures.admin().get("/reports/snapshots/" + id);
    assertEquals(200, again.status(), again.toString());
    assertFigures(indicator(again.get("report"), "REHAB_SERVICE_RATE"), 1, 2, "50.00", false, 1);
    assertEquals(created.get("hashes"), again.get("hashes"));
    assertEquals(created.get("report"), again.get("report"));

    JsonNode v = verification(id);
    assertFalse(v.path("matches").asBoolean());
    assertFalse(v.path("indicators").path("REHAB_SERVICE_RATE").path("matches").asBoolean());
    assertEquals(hash(Stream.of(served, waiting)), v.path("indicators").path("REHAB_SERVICE_RATE").path("current").path("numeratorHash").asText());
    assertTrue(v.path("indicators").path("DOCTOR_CONTRACT_RATE").path("matches").asBoolean());

    List<String> listed = ReportFixtures.admin().get("/reports/snapshots?year=2025&limit=500").get("items").findValuesAsText("id");
    assertTrue(listed.contains(id));
  }

  /**
   * A snapshot records the definition version it was computed with (2 by default, 1 when asked for) and verification
   * re-computes under that version: a session of a service type not among the needs changes version 1's person sets
   * (any service counts) but not version 2's. PLAN_ADHERENCE is frozen with its month.
   */
  @Test
  void snapshot_recordsItsDefinitionVersion_andVerifiesUnderIt() {
    ReportFixtures.Area area = ReportFixtures.area();
    String p = area.person(area.a());
    ReportFixtures.assess(p, 2025, LocalDate.of(2025, 3, 1), List.of("REHAB_NURSING"), List.of());
    Api.Resp v2 = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", area.town()));
    Api.Resp v1 = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", area.town(), "definitionVersion", 1,
        "month", "2025-06"));
    assertEquals(201, v2.status(), v2.toString());
    assertEquals(201, v1.status(), v1.toString());
    assertEquals(2, v2.get("definitionVersion").asInt());
    assertEquals(1, v1.get("definitionVersion").asInt());
    assertEquals(1, v1.get("report").path("definitionVersion").asInt());
    assertEquals("REHAB_SERVICE_RATE/2026-1", indicator(v1.get("report"), "REHAB_SERVICE_RATE").path("definition").path("version").asText());
    assertEquals("2025-06", v1.get("report").path("month").asText());
    assertTrue(v1.get("hashes").has("PLAN_ADHERENCE"), v1.toString());
    assertEquals(1, ReportFixtures.admin().get("/reports/snapshots/" + v1.str("id")).get("definitionVersion").asInt());
    assertEquals(1L, (long) TestApp.jdbi().withHandle(h -> h.createQuery("SELECT definition_version FROM report_snapshots WHERE id = CAST(:id AS uuid)")
        .bind("id", v1.str("id")).mapTo(Long.class).one()));

    // a training session: served under version 1 (any service), not under version 2 (nursing was needed)
    ReportFixtures.session(area.rehab(), p, LocalDate.of(2025, 9, 1), "REHAB_TRAINING");
    assertTrue(verification(v2.str("id")).path("indicators").path("REHAB_SERVICE_RATE").path("matches").asBoolean());
    assertFalse(verification(v1.str("id")).path("indicators").path("REHAB_SERVICE_RATE").path("matches").asBoolean());
    assertTrue(verification(v1.str("id")).path("indicators").path("PLAN_ADHERENCE").path("matches").asBoolean());

    for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("year", 2025, "definitionVersion", 3),
        Map.of("year", 2025, "month", "2025-13"))) {
      Api.Resp r = ReportFixtures.admin().post("/reports/snapshots", bad);
      assertEquals(422, r.status(), bad + " " + r);
    }
  }

  private static JsonNode verification(String id) {
    Api.Resp r = ReportFixtures.admin().get("/reports/snapshots/" + id + "/verification");
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  @Test
  void snapshots_areAppendOnly_inTheDatabase() {
    String town = Fixtures.town();
    String id = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", town)).str("id");
    assertThrows(Exception.class, () -> TestApp.jdbi().useHandle(h ->
        h.execute("UPDATE report_snapshots SET year = 2024 WHERE id = CAST(? AS uuid)", id)));
    assertThrows(Exception.class, () -> TestApp.jdbi().useHandle(h ->
        h.execute("DELETE FROM report_snapshots WHERE id = CAST(? AS uuid)", id)));
    assertEquals(2025, ReportFixtures.admin().get("/reports/snapshots/" + id).json().path("year").asInt());
  }

  @Test
  void snapshotExports_asCsv() {
    String town = Fixtures.town();
    String id = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", town)).str("id");
    Api.Resp csv = ReportFixtures.admin().get("/reports/snapshots/" + id + "?format=csv");
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.text().startsWith("\uFEFF年度 Year,"), csv.text());
  }

  @Test
  void regionalAdmins_publishAndReadOnlyTheirOwnRegion() {
    String town = Fixtures.town();
    Api regional = Fixtures.regionalAdmin(town);
    Api.Resp own = regional.post("/reports/snapshots", Map.of("year", 2025));
    assertEquals(201, own.status(), own.toString());
    assertEquals(town, own.str("regionCode"));
    assertEquals(200, regional.get("/reports/snapshots/" + own.str("id")).status());

    long before = Fixtures.count("report_snapshots");
    String other = Fixtures.town();
    Api.Resp foreign = regional.post("/reports/snapshots", Map.of("year", 2025, "regionCode", other));
    assertEquals(404, foreign.status(), foreign.toString());
    assertEquals(before, Fixtures.count("report_snapshots"));
    String othersSnapshot = ReportFixtures.admin().post("/reports/snapshots", Map.of("year", 2025, "regionCode", other)).str("id");
    assertEquals(404, regional.get("/reports/snapshots/" + othersSnapshot).status());
    assertEquals(404, regional.get("/reports/snapshots/" + othersSnapshot + "/verification").status());
    List<String> listed = regional.get("/reports/snapshots?limit=500").get("items").findValuesAsText("id");
    assertEquals(List.of(own.str("id")), listed);
    assertNotEquals(403, regional.get("/reports/snapshots").status());
  }

  @Test
  void invalidSnapshotRequests_are422_andWriteNothing() {
    long before = Fixtures.count("report_snapshots");
    for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("regionCode", "150202000000"), Map.of("year", 1999),
        Map.of("year", 2025, "regionCode", "15"), Map.of("year", 2025, "groupBy", "STREET"), Map.of("year", 2025, "asOf", "31.12.2025"))) {
      Api.Resp r = ReportFixtures.admin().post("/reports/snapshots", body);
      assertEquals(422, r.status(), body + " " + r);
      assertEquals("application/problem+json", r.contentType());
    }
    assertEquals(before, Fixtures.count("report_snapshots"));
    Api.Resp staff = Fixtures.institutionUser(Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText())
        .post("/reports/snapshots", Map.of("year", 2025));
    assertEquals(403, staff.status());
    assertEquals(404, ReportFixtures.admin().get("/reports/snapshots/" + java.util.UUID.randomUUID()).status());
  }
}
