package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonImportTest {
  private static final List<String> HEADER = List.of("name", "gender", "birthDate", "idNumber", "certificateNo", "category",
      "grade", "autism", "regionCode", "phone", "guardian.name", "guardian.phone", "guardian.relation");

  private static Map<String, Object> adult(String community) {
    return Fixtures.personBody(community, Category.VISUAL, 3, LocalDate.of(1966, 8, 9));
  }

  private static String csv(List<String> header, List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", header)).append("\r\n");
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String column : header) {
        Object v = row.get(column);
        String s = v == null ? "" : v.toString();
        cells.add(s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
      }
      sb.append(String.join(",", cells)).append("\r\n");
    }
    return sb.toString();
  }

  private static Api.Resp upload(Api api, String query, byte[] body) {
    return api.send("POST", "/persons/import" + query, body, "text/csv; charset=utf-8");
  }

  private static Api.Resp upload(String query, String body) {
    return upload(TestApp.admin(), query, body.getBytes(StandardCharsets.UTF_8));
  }

  private static int lookupStatus(Object idNumber) {
    return TestApp.admin().post("/persons/lookup", Map.of("idNumber", idNumber)).status();
  }

  private static List<String> fieldsOf(JsonNode rejectedLine) {
    List<String> fields = new ArrayList<>();
    for (JsonNode e : rejectedLine.path("errors")) fields.add(e.path("field").asText());
    return fields;
  }

  @Test
  void validFile_importsEveryRow_withGuardianColumns_andOneImportAuditRow() {
    String community = Fixtures.community();
    Map<String, Object> a = adult(community);
    Map<String, Object> b = adult(community);
    Map<String, Object> child = Fixtures.personBody(community, Category.HEARING, 2, LocalDate.of(2019, 6, 1));
    child.remove("certificateNo");
    child.put("autism", true);
    child.put("guardian.name", "王芳");
    child.put("guardian.phone", "13900001111");
    child.put("guardian.relation", "母亲");
    long persons = Fixtures.count("persons");
    long imports = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE action = 'IMPORT'").mapTo(Long.class).one());

    Api.Resp r = upload("", csv(HEADER, List.of(a, b, child)));

    assertEquals(200, r.status(), r.toString());
    assertEquals(3, r.get("imported").asInt());
    assertEquals(0, r.get("rejected").size());
    assertEquals(persons + 3, Fixtures.count("persons"));
    Api.Resp stored = TestApp.admin().post("/persons/lookup", Map.of("idNumber", child.get("idNumber")));
    assertEquals("王芳", stored.get("guardian").path("name").asText());
    assertEquals("母亲", stored.get("guardian").path("relation").asText());
    assertTrue(stored.get("autism").asBoolean());
    assertTrue(stored.get("certificateNo").isNull());
    assertEquals(imports + 1, (long) TestApp.jdbi().withHandle(h ->
        h.createQuery("SELECT count(*) FROM audit_events WHERE action = 'IMPORT'").mapTo(Long.class).one()));
  }

  @Test
  void failingRows_areReportedWithTheirLineNumbers_andNothingIsStored() {
    String community = Fixtures.community();
    Map<String, Object> ok1 = adult(community);                       // line 2
    Map<String, Object> badCheck = adult(community);                  // line 3
    String id = (String) badCheck.get("idNumber");
    badCheck.put("idNumber", id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
    Map<String, Object> ok2 = adult(community);                       // line 4
    Map<String, Object> sameId = new java.util.LinkedHashMap<>(ok1);  // line 5: duplicate within the file
    sameId.put("name", "重复的人");
    Map<String, Object> unknownRegion = adult("150202999999");        // line 6
    Map<String, Object> badDate = adult(community);                   // line 7
    badDate.put("birthDate", "1966-13-40");
    long before = Fixtures.count("persons");

    Api.Resp r = upload("", csv(HEADER, List.of(ok1, badCheck, ok2, sameId, unknownRegion, badDate)));

    assertEquals(422, r.status(), r.toString());
    assertEquals("application/problem+json", r.contentType());
    assertEquals(0, r.get("imported").asInt());
    JsonNode rejected = r.get("rejected");
    assertEquals(4, rejected.size(), r.toString());
    assertEquals(3, rejected.get(0).path("line").asInt());
    assertTrue(fieldsOf(rejected.get(0)).contains("idNumber"));
    assertEquals(5, rejected.get(1).path("line").asInt());
    assertTrue(fieldsOf(rejected.get(1)).containsAll(List.of("idNumber", "certificateNo")), rejected.get(1).toString());
    assertTrue(rejected.get(1).toString().contains("line 2"));
    assertEquals(6, rejected.get(2).path("line").asInt());
    assertEquals(List.of("regionCode"), fieldsOf(rejected.get(2)));
    assertEquals(7, rejected.get(3).path("line").asInt());
    assertEquals(List.of("birthDate"), fieldsOf(rejected.get(3)));
    assertEquals(before, Fixtures.count("persons"));
    assertEquals(404, lookupStatus(ok1.get("idNumber")));
    assertEquals(404, lookupStatus(ok2.get("idNumber")));
  }

  @Test
  void numbersAlreadyRegistered_areRejected() {
    String community = Fixtures.community();
    Map<String, Object> existing = adult(community);
    assertEquals(201, TestApp.admin().post("/persons", existing).status());
    Map<String, Object> again = new java.util.LinkedHashMap<>(existing);
    Api.Resp r = upload("", csv(HEADER, List.of(adult(community), again)));
    assertEquals(422, r.status());
    JsonNode line = r.get("rejected").get(0);
    assertEquals(3, line.path("line").asInt());
    assertTrue(fieldsOf(line).containsAll(List.of("idNumber", "certificateNo")));
  }

  @Test
  void byteOrderMark_isSkipped() {
    String community = Fixtures.community();
    Map<String, Object> p = adult(community);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.writeBytes(csv(HEADER, List.of(p)).getBytes(StandardCharsets.UTF_8));
    Api.Resp r = upload(TestApp.admin(), "", out.toByteArray());
    assertEquals(200, r.status(), r.toString());
    assertEquals(1, r.get("imported").asInt());
    assertEquals(200, lookupStatus(p.get("idNumber")));
  }

  @Test
  void columnsMayComeInAnyOrder_andOptionalColumnsMayBeLeftOut() {
    String community = Fixtures.community();
    Map<String, Object> p = adult(community);
    p.put("name", "张, 三");
    List<String> shuffled = List.of("regionCode", "certificateNo", "grade", "category", "idNumber", "name", "birthDate", "gender");
    Api.Resp r = upload("", csv(shuffled, List.of(p)));
    assertEquals(200, r.status(), r.toString());
    Api.Resp stored = TestApp.admin().post("/persons/lookup", Map.of("idNumber", p.get("idNumber")));
    assertEquals("张, 三", stored.str("name"));
    assertEquals(community, stored.str("regionCode"));
    assertEquals(3, stored.get("grade").asInt());
    assertFalse(stored.get("autism").asBoolean());
  }

  @Test
  void dryRun_validatesOnly() {
    String community = Fixtures.community();
    Map<String, Object> p = adult(community);
    long before = Fixtures.count("persons");
    Api.Resp ok = upload("?dryRun=true", csv(HEADER, List.of(p, adult(community))));
    assertEquals(200, ok.status(), ok.toString());
    assertEquals(0, ok.get("imported").asInt());
    assertEquals(2, ok.get("valid").asInt());
    assertTrue(ok.get("dryRun").asBoolean());
    assertEquals(before, Fixtures.count("persons"));
    assertEquals(404, lookupStatus(p.get("idNumber")));

    Map<String, Object> bad = adult(community);
    bad.put("gender", "X");
    Api.Resp refused = upload("?dryRun=true", csv(HEADER, List.of(p, bad)));
    assertEquals(422, refused.status());
    assertEquals(1, refused.get("valid").asInt());
    assertEquals(3, refused.get("rejected").get(0).path("line").asInt());
    assertEquals(before, Fixtures.count("persons"));
  }

  @Test
  void unknownOrMissingColumns_areReportedAsLineOne() {
    Api.Resp r = upload("", "name,gender,birthDate,idNumber,category,shoeSize\n张三,M,1980-01-01,x,PHYSICAL,42\n");
    assertEquals(422, r.status());
    JsonNode line = r.get("rejected").get(0);
    assertEquals(1, line.path("line").asInt());
    assertTrue(fieldsOf(line).containsAll(List.of("shoeSize", "regionCode")), line.toString());
  }

  @Test
  void headerOnly_orMalformedCsv_orNotUtf8_isRefused() {
    assertEquals(422, upload("", String.join(",", HEADER) + "\n").status());
    Api.Resp quote = upload("", "name,gender\n\"unterminated,M\n");
    assertTrue(quote.status() == 400 || quote.status() == 422, quote.toString());
    assertEquals("application/problem+json", quote.contentType());
    byte[] gbk = "name,gender\n张三,M\n".getBytes(java.nio.charset.Charset.forName("GBK"));
    Api.Resp r = upload(TestApp.admin(), "", gbk);
    assertEquals(400, r.status());
    assertEquals("application/problem+json", r.contentType());
    assertEquals(400, upload("?dryRun=maybe", String.join(",", HEADER) + "\n").status());
  }

  @Test
  void regionalAdmin_mayImportOnlyIntoTheirRegion() {
    String town = Fixtures.town();
    String mine = Fixtures.community(town);
    String other = Fixtures.community();
    Api regional = Fixtures.regionalAdmin(town);
    long before = Fixtures.count("persons");
    Api.Resp r = upload(regional, "", csv(HEADER, List.of(adult(mine), adult(other))).getBytes(StandardCharsets.UTF_8));
    assertEquals(422, r.status());
    assertEquals(3, r.get("rejected").get(0).path("line").asInt());
    assertEquals(List.of("regionCode"), fieldsOf(r.get("rejected").get(0)));
    assertEquals(before, Fixtures.count("persons"));
    assertEquals(200, upload(regional, "", csv(HEADER, List.of(adult(mine))).getBytes(StandardCharsets.UTF_8)).status());
  }

  @Test
  void nonAdmin_is403_wrongMediaType_is415_noToken_is401() {
    String community = Fixtures.community();
    String inst = Fixtures.institution(community, false, "REHAB").path("id").asText();
    byte[] body = csv(HEADER, List.of(adult(community))).getBytes(StandardCharsets.UTF_8);
    long before = Fixtures.count("persons");
    assertEquals(403, upload(Fixtures.institutionUser(inst), "", body).status());
    assertEquals(401, upload(TestApp.anonymous(), "", body).status());
    Api.Resp json = TestApp.admin().send("POST", "/persons/import", body, "application/json");
    assertEquals(415, json.status());
    assertEquals("application/problem+json", json.contentType());
    assertEquals(before, Fixtures.count("persons"));
  }
}
