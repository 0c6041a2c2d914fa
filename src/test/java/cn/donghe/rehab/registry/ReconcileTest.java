package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** {@code POST /persons/reconcile}: a roster with planted differences finds exactly those, and changes nothing. */
class ReconcileTest {
  private static String roster(List<List<Object>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180)) {
      p.printRecord(PersonReconcile.COLUMNS);
      for (List<Object> r : rows) p.printRecord(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Map<String, Object> person(String community, Category c, int grade) {
    Map<String, Object> body = Fixtures.personBody(community, c, grade, LocalDate.of(1972, 10, 30));
    Api.Resp r = TestApp.admin().post("/persons", body);
    assertEquals(201, r.status(), r.toString());
    body.put("id", r.str("id"));
    return body;
  }

  private static List<Object> row(Map<String, Object> p) {
    return new ArrayList<>(List.of(p.get("idNumber"), p.get("name"), p.get("category"), p.get("grade"), p.get("regionCode"), "ACTIVE"));
  }

  private static Api.Resp reconcile(Api api, String csv, String accept) {
    Api caller = accept == null ? api : api.withHeader("Accept", accept);
    return caller.send("POST", "/persons/reconcile", csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
  }

  private static Set<String> texts(JsonNode list, String field) {
    Set<String> s = new TreeSet<>();
    list.forEach(n -> s.add(n.path(field).asText()));
    return s;
  }

  @Test
  void plantedDifferences_areFoundExactly_perTown_andNothingChanges() {
    String town = Fixtures.town();
    String a = Fixtures.community(town);
    String b = Fixtures.community(town);
    Map<String, Object> same = person(a, Category.PHYSICAL, 2);
    Map<String, Object> regraded = person(a, Category.PHYSICAL, 2);
    Map<String, Object> moved = person(a, Category.VISUAL, 3);
    Map<String, Object> missing = person(b, Category.MENTAL, 1);
    Map<String, Object> dead = person(b, Category.MENTAL, 1);
    assertEquals(200, TestApp.admin().patch("/persons/" + dead.get("id"), Map.of("status", "DECEASED", "statusDate", "2025-03-01")).status());
    Map<String, Object> elsewhere = person(Fixtures.community(), Category.HEARING, 4); // registered in another town
    Map<String, Object> newcomer = Fixtures.personBody(b, Category.SPEECH, 2, LocalDate.of(1990, 1, 1));
    newcomer.put("name", "=HYPERLINK(\"http://evil.example\",\"x\")");

    List<Object> regradedRow = row(regraded);
    regradedRow.set(3, 1);
    List<Object> movedRow = row(moved);
    movedRow.set(4, b);
    List<Object> elsewhereRow = row(elsewhere);
    elsewhereRow.set(4, a);
    List<Object> bad = row(same);
    String sameId = (String) same.get("idNumber");
    bad.set(0, sameId.substring(0, 17) + (sameId.charAt(17) == '1' ? '2' : '1')); // wrong check character
    List<Object> otherTown = row(Fixtures.personBody(Fixtures.community(), Category.PHYSICAL, 1, LocalDate.of(1980, 2, 29)));
    String csv = roster(List.of(row(same), regradedRow, movedRow, row(newcomer), elsewhereRow, bad, otherTown));
    Api townAdmin = Fixtures.regionalAdmin(town);
    long persons = Fixtures.count("persons");
    long ratings = Fixtures.count("person_ratings");

    Api.Resp r = reconcile(townAdmin, csv, null);

    assertEquals(200, r.status(), r.toString());
    assertEquals(7, r.get("rosterRows").asInt());
    assertEquals(3, r.get("matched").asInt());
    assertEquals(1, r.get("outOfRegion").asInt());
    assertEquals(Set.of("5", "6"), Set.copyOf(new ArrayList<>(texts(r.get("onlyInRoster"), "line"))), r.toString());
    assertFalse(r.get("onlyInRoster").toString().contains((String) elsewhere.get("idNumber")), "numbers are masked");
    assertFalse(r.get("onlyInRoster").toString().contains(elsewhere.get("id").toString()), "a person of another town is not revealed");
    assertEquals(Set.of(missing.get("id").toString()), texts(r.get("onlyInRegister"), "personId"));
    JsonNode diffs = r.get("differences");
    assertEquals(2, diffs.size(), diffs.toString());
    assertEquals(Set.of("grade", "regionCode"), texts(diffs, "field"));
    assertEquals(Set.of("7"), texts(r.get("invalid"), "line"));
    assertEquals(1, r.get("towns").size(), r.get("towns").toString());
    JsonNode t = r.get("towns").get(0);
    assertEquals(List.of(town, "2", "1", "2"), List.of(t.path("townCode").asText(), t.path("onlyInRoster").asText(),
        t.path("onlyInRegister").asText(), t.path("differences").asText()));
    assertEquals(persons, Fixtures.count("persons"));
    assertEquals(ratings, Fixtures.count("person_ratings"));
    assertEquals(2, TestApp.admin().get("/persons/" + regraded.get("id")).get("grade").asInt());

    // the district sees the same person as missing from the roster, among everyone else of every test
    Api.Resp district = reconcile(TestApp.admin(), csv, null);
    assertEquals(200, district.status(), district.toString());
    Set<String> onlyInRegister = texts(district.get("onlyInRegister"), "personId");
    assertTrue(onlyInRegister.contains(missing.get("id").toString()));
    assertFalse(onlyInRegister.contains(same.get("id").toString()));
    assertFalse(onlyInRegister.contains(dead.get("id").toString()));
    assertTrue(texts(district.get("differences"), "personId").contains(elsewhere.get("id").toString())); // its region differs
  }

  @Test
  void csvAndXlsxDownloads_defuseFormulas_andOthersAreRefused() {
    String town = Fixtures.town();
    Map<String, Object> newcomer = Fixtures.personBody(Fixtures.community(town), Category.SPEECH, 2, LocalDate.of(1990, 1, 1));
    newcomer.put("name", "=HYPERLINK(\"http://evil.example\",\"x\")");
    String csv = roster(List.of(row(newcomer)));
    Api townAdmin = Fixtures.regionalAdmin(town);

    Api.Resp asCsv = reconcile(townAdmin, csv, "text/csv");
    assertEquals(200, asCsv.status(), asCsv.toString());
    assertTrue(asCsv.contentType().startsWith("text/csv"));
    assertTrue(asCsv.text().contains("'=HYPERLINK"), asCsv.text());
    assertFalse(asCsv.text().contains(",=HYPERLINK"), asCsv.text());
    Api.Resp asXlsx = reconcile(townAdmin, csv, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertEquals(200, asXlsx.status(), asXlsx.toString());
    assertEquals('P', (char) asXlsx.raw().body()[0]); // a zip

    String inst = Fixtures.institution(Fixtures.community(town), false, "REHAB").path("id").asText();
    assertEquals(403, reconcile(Fixtures.institutionUser(inst), csv, null).status());
    assertEquals(403, reconcile(Fixtures.doctorUser(Fixtures.doctor(Fixtures.institution(Fixtures.community(town), false, "PRIMARY_CARE")
        .path("id").asText()).path("id").asText()), csv, null).status());
    Api.Resp noColumns = reconcile(townAdmin, "idNumber,name\n", null);
    assertEquals(422, noColumns.status(), noColumns.toString());
    assertTrue(noColumns.text().contains("regionCode"));
    Api.Resp gbk = townAdmin.send("POST", "/persons/reconcile", csv.replace("=HYPERLINK", "张三").getBytes(java.nio.charset.Charset.forName("GBK")), "text/csv");
    assertEquals(400, gbk.status(), gbk.toString());
  }
}
