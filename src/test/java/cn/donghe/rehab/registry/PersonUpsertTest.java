package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.MutableClock;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** {@code POST /persons/import?mode=upsert}: matched on the ID number, every row reported, all or nothing. */
class PersonUpsertTest {
  private static final List<String> HEADER = List.of("name", "gender", "birthDate", "idNumber", "certificateNo", "category", "grade",
      "regionCode", "phone", "status", "statusDate", "effectiveDate", "reason");

  static String csv(List<Map<String, Object>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180)) {
      p.printRecord(HEADER);
      for (Map<String, Object> r : rows) {
        List<String> cells = new ArrayList<>();
        for (String c : HEADER) cells.add(r.get(c) == null ? "" : r.get(c).toString());
        p.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static Api.Resp upsert(Api api, String csv, boolean dryRun) {
    return api.send("POST", "/persons/import?mode=upsert" + (dryRun ? "&dryRun=true" : ""), csv.getBytes(StandardCharsets.UTF_8),
        "text/csv; charset=utf-8");
  }

  /** A registered adult (PHYSICAL 2) as an import row of its current state. */
  static Map<String, Object> registered(String community) {
    Map<String, Object> body = Fixtures.personBody(community, Category.PHYSICAL, 2, LocalDate.of(1966, 8, 9));
    Api.Resp r = TestApp.admin().post("/persons", body);
    assertEquals(201, r.status(), r.toString());
    Map<String, Object> row = new HashMap<>(body);
    row.put("id", r.str("id"));
    return row;
  }

  static Map<String, Object> fresh(String community) {
    return new HashMap<>(Fixtures.personBody(community, Category.VISUAL, 3, LocalDate.of(1980, 1, 31)));
  }

  private static List<String> outcomes(Api.Resp r) {
    List<String> out = new ArrayList<>();
    r.get("rows").forEach(n -> out.add(n.path("outcome").asText()));
    return out;
  }

  private static long table(String name) { return Fixtures.count(name); }

  @Test
  void mixOfNewChangedAndUnchangedRows_dryRunReportsExactlyWhatTheRunDoes_andARerunChangesNothing() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    String other = Fixtures.community(town);
    Map<String, Object> created = fresh(community);
    Map<String, Object> moved = registered(community);
    moved.put("regionCode", other);
    moved.put("phone", "13900001234");
    Map<String, Object> same = registered(community);
    Map<String, Object> reRated = registered(community);
    String today = LocalDate.now(TestApp.context().clock()).toString();
    reRated.put("category", "HEARING");
    reRated.put("grade", 1);
    reRated.put("certificateNo", IdNumbers.certificate((String) reRated.get("idNumber"), Category.HEARING, 1));
    reRated.put("effectiveDate", today);
    reRated.put("reason", "复评");
    String file = csv(List.of(created, moved, same, reRated));
    long persons = table("persons");
    long ratings = table("person_ratings");
    long audits = table("audit_events");

    Api.Resp dry = upsert(TestApp.admin(), file, true);
    assertEquals(200, dry.status(), dry.toString());
    assertEquals(List.of("CREATED", "UPDATED", "UNCHANGED", "UPDATED"), outcomes(dry));
    assertEquals(persons, table("persons"));
    assertEquals(ratings, table("person_ratings"));
    assertEquals(audits, table("audit_events"));

    Api.Resp real = upsert(TestApp.admin(), file, false);
    assertEquals(200, real.status(), real.toString());
    ObjectNode dryBody = (ObjectNode) dry.json();
    dryBody.put("dryRun", false);
    assertEquals(dryBody, real.json());
    assertEquals(1, real.get("created").asInt());
    assertEquals(2, real.get("updated").asInt());
    assertEquals(1, real.get("unchanged").asInt());
    JsonNode movedRow = real.get("rows").get(1);
    assertEquals("regionCode", movedRow.path("changes").get(0).path("field").asText());
    assertEquals(other, movedRow.path("changes").get(0).path("to").asText());
    assertEquals(persons + 1, table("persons"));
    assertEquals(ratings + 2, table("person_ratings")); // the new person's registration and the re-rating

    JsonNode m = TestApp.admin().get("/persons/" + moved.get("id")).json();
    assertEquals(other, m.path("regionCode").asText());
    assertEquals("13900001234", m.path("phone").asText());
    JsonNode rr = TestApp.admin().get("/persons/" + reRated.get("id") + "/ratings").json();
    assertEquals("HEARING", rr.path("items").get(0).path("category").asText());
    assertEquals(2, rr.path("items").size());

    Api.Resp again = upsert(TestApp.admin(), file, false);
    assertEquals(200, again.status(), again.toString());
    assertEquals(List.of("UNCHANGED", "UNCHANGED", "UNCHANGED", "UNCHANGED"), outcomes(again));
    assertEquals(persons + 1, table("persons"));
    assertEquals(ratings + 2, table("person_ratings"));
  }

  @Test
  void oneBadRow_writesNothing_andEveryRowIsReported_duplicateRowsToo() {
    String community = Fixtures.community();
    Map<String, Object> created = fresh(community);
    Map<String, Object> changed = registered(community);
    changed.put("phone", "13900005678");
    Map<String, Object> renamed = registered(community);
    renamed.put("name", "别人");                              // a wrong ID number more likely than a new name
    Map<String, Object> regraded = registered(community);
    regraded.put("grade", 1);                                 // no effectiveDate, and the certificate still says grade 2
    Map<String, Object> future = registered(community);
    future.put("status", "DECEASED");
    future.put("statusDate", LocalDate.now(TestApp.context().clock()).plusDays(1).toString());
    long persons = table("persons");
    long audits = table("audit_events");

    Api.Resp r = upsert(TestApp.admin(), csv(List.of(created, changed, renamed, regraded, future, created)), false);

    assertEquals(422, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertEquals(List.of("CREATED", "UPDATED", "ERROR", "ERROR", "ERROR", "ERROR"), outcomes(r));
    assertEquals("name", r.get("rows").get(2).path("errors").get(0).path("field").asText());
    assertTrue(r.get("rows").get(3).toString().contains("certificateNo"), r.toString());
    assertTrue(r.get("rows").get(4).toString().contains("statusDate"), r.toString());
    assertTrue(r.get("rows").get(5).toString().contains("line 2"), r.toString()); // the duplicate row names its first line
    assertEquals(persons, table("persons"));
    assertEquals(audits, table("audit_events"));
    assertNull(TestApp.admin().get("/persons/" + changed.get("id")).json().path("phone").textValue());
  }

  @Test
  void townAdmin_cannotTouchOrDetectPersonsOfAnotherTown() {
    String home = Fixtures.town();
    String away = Fixtures.town();
    Api townAdmin = Fixtures.regionalAdmin(home);
    Map<String, Object> theirs = registered(Fixtures.community(away));
    theirs.put("phone", "13900009999");
    Map<String, Object> neverRegistered = fresh(Fixtures.community(away));
    Map<String, Object> moveAway = registered(Fixtures.community(home));
    moveAway.put("regionCode", Fixtures.community(away));
    long audits = table("audit_events");

    Api.Resp r = upsert(townAdmin, csv(List.of(theirs, neverRegistered, moveAway)), false);

    assertEquals(422, r.status(), r.toString());
    assertEquals(List.of("ERROR", "ERROR", "ERROR"), outcomes(r));
    assertEquals(PersonService.NOT_REGISTRABLE, r.get("rows").get(0).path("errors").get(0).path("message").asText());
    assertNull(r.get("rows").get(0).get("personId"));
    assertEquals("regionCode", r.get("rows").get(1).path("errors").get(0).path("field").asText());
    assertEquals("regionCode", r.get("rows").get(2).path("errors").get(0).path("field").asText());
    assertEquals(audits, table("audit_events"));
    assertNull(TestApp.admin().get("/persons/" + theirs.get("id")).json().path("phone").textValue());
  }

  @Test
  void institutionsAndDoctors_get403_aBadMode400_aGbkFile400_and10MB413_withNothingStored() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    String file = csv(List.of(fresh(community)));
    long persons = table("persons");
    assertEquals(403, upsert(Fixtures.institutionUser(inst), file, false).status());
    Api.Resp badMode = TestApp.admin().send("POST", "/persons/import?mode=merge", file.getBytes(StandardCharsets.UTF_8), "text/csv");
    assertEquals(400, badMode.status(), badMode.toString());
    Map<String, Object> chinese = fresh(community);
    chinese.put("name", "张三丰");
    Api.Resp gbk = TestApp.admin().send("POST", "/persons/import?mode=upsert", csv(List.of(chinese)).getBytes(Charset.forName("GBK")), "text/csv");
    assertEquals(400, gbk.status(), gbk.toString());
    assertTrue(gbk.text().contains("GBK"), gbk.toString());
    StringBuilder big = new StringBuilder(file);
    while (big.length() < 10 * 1024 * 1024) big.append(file, file.indexOf('\n') + 1, file.length());
    Api.Resp tooBig = TestApp.admin().send("POST", "/persons/import?mode=upsert", big.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
    assertEquals(413, tooBig.status(), tooBig.toString());
    assertEquals(persons, table("persons"));
  }

  @Test
  void deathsAndMovesOut_fromTheFederationsList_leaveTheContractRatesDenominator() {
    String town = Fixtures.town();
    String community = Fixtures.community(town);
    Map<String, Object> died = registered(community);
    Map<String, Object> left = registered(community);
    registered(community);
    String today = LocalDate.now(TestApp.context().clock()).toString();
    long before = contractDenominator(town);
    assertEquals(3, before);
    died.put("status", "DECEASED");
    died.put("statusDate", today);
    left.put("status", "MOVED_OUT");
    left.put("statusDate", today);

    Api.Resp r = upsert(TestApp.admin(), csv(List.of(died, left)), false);

    assertEquals(200, r.status(), r.toString());
    assertEquals("DECEASED", TestApp.admin().get("/persons/" + died.get("id")).get("status").asText());
    // from the day they left they are out of the denominator (the report counts persons ACTIVE on the as-of day)
    assertEquals(1, contractDenominator(town, today));
  }

  private static long contractDenominator(String town) { return contractDenominator(town, null); }

  private static long contractDenominator(String town, String asOf) {
    Api.Resp r = TestApp.admin().get("/reports/indicators?regionCode=" + town + (asOf == null ? "" : "&asOf=" + asOf));
    assertEquals(200, r.status(), r.toString());
    for (JsonNode i : r.get("indicators")) if (i.path("code").asText().equals("DOCTOR_CONTRACT_RATE")) return i.path("denominator").asLong();
    throw new AssertionError(r.toString());
  }

  @Test
  void fortyConcurrentImportsOfOneFile_registerEachPersonOnce() throws Exception {
    String community = Fixtures.community();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) rows.add(fresh(community));
    String file = csv(rows);
    long persons = table("persons");
    ExecutorService pool = Executors.newFixedThreadPool(40);
    try {
      List<Future<Api.Resp>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) calls.add(pool.submit(() -> upsert(TestApp.admin(), file, false)));
      int created = 0;
      for (Future<Api.Resp> f : calls) {
        Api.Resp r = f.get();
        assertEquals(200, r.status(), r.toString());
        created += r.get("created").asInt();
      }
      assertEquals(5, created);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(persons + 5, table("persons"));
  }

  @Test
  void statusDates_followTheShanghaiCalendar_on29February() {
    MutableClock clock = TestApp.context().clock();
    try {
      clock.set(Instant.parse("2024-02-28T16:30:00Z")); // 00:30 on 29 Feb 2024 in Shanghai, still the 28th in UTC
      Map<String, Object> died = registered(Fixtures.community());
      died.put("status", "DECEASED");
      died.put("statusDate", "2024-03-01");
      Api.Resp future = upsert(TestApp.admin(), csv(List.of(died)), false);
      assertEquals(422, future.status(), future.toString());
      died.put("statusDate", "2024-02-29");
      Api.Resp leap = upsert(TestApp.admin(), csv(List.of(died)), false);
      assertEquals(200, leap.status(), leap.toString());
      assertEquals("2024-02-29", TestApp.admin().get("/persons/" + died.get("id")).get("statusDate").asText());
    } finally {
      clock.reset();
    }
  }
}
