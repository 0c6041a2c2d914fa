package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin dashboard, its downloads, snapshot publishing and the unserved worklist over plain HTTP: who is sent to
 * sign in, who is refused (and nothing is stored), what a town admin sees of its own town and never of another,
 * malformed parameters, the form token on publishing, and the downloaded files against the JSON API.
 */
class DashboardPagesTest {
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String INDICATOR_HEADER = "年度 Year,区划 Region,统计日 As of,指标代码 Code,指标 Indicator,分组 Group,分组名称 Group name,"
      + "分子 Numerator,分母 Denominator,率(%) Rate,目标(%) Target,达标 Met,差额(人) Shortfall,在册儿童 Enrolled,定义版本 Definition";
  private static final String WORKLIST_HEADER = "人员编号 Person id,姓名 Name,身份证号 ID number,类别 Category,等级 Grade,状态 Status,"
      + "社区代码 Community code,社区 Community,康复需求 Rehab needs,辅具需求 Device needs,签约医生 Doctor";
  /** A well-formed region code that names no region. */
  private static final String UNKNOWN_REGION = "659999999999";
  private static final HttpClient RAW = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private static int year;
  private static String townA, communityA1, communityA2, townB, communityB;
  private static String p1, p2, p3, p4;
  private static JsonNode servedA1, waitingA1, otherWaitingA1, strangerB;
  private static AppUser townAdmin, staff, doctor, guardian;

  /**
   * Town A: community A1 has three persons needing rehab (one served), A2 one (served): 2 of 4 = 50.00%, 2 short of
   * 90%. Town B: one person needing rehab, unserved. The town admin belongs to town A.
   */
  @BeforeAll
  static void scene() {
    year = WebFixtures.today().getYear();
    townA = Fixtures.town();
    communityA1 = Fixtures.community(townA);
    communityA2 = Fixtures.community(townA);
    townB = Fixtures.town();
    communityB = Fixtures.community(townB);
    String rehab = Fixtures.institution(communityA1, true, "REHAB").path("id").asText();
    Api rehabStaff = Fixtures.institutionUser(rehab);
    servedA1 = Fixtures.person(communityA1);
    waitingA1 = Fixtures.person(communityA1);
    otherWaitingA1 = Fixtures.person(communityA1);
    JsonNode servedA2 = Fixtures.person(communityA2);
    strangerB = Fixtures.person(communityB);
    p1 = servedA1.path("id").asText();
    p2 = waitingA1.path("id").asText();
    p3 = otherWaitingA1.path("id").asText();
    p4 = servedA2.path("id").asText();
    for (String p : List.of(p1, p2, p3, p4, strangerB.path("id").asText())) assessRehab(p);
    session(rehabStaff, p1);
    session(rehabStaff, p4);

    townAdmin = Fixtures.createUserDirect(Fixtures.username("web-dash-town"), "ADMIN", null, null, List.of(), townA);
    staff = WebFixtures.user("INSTITUTION", UUID.fromString(rehab), null, List.of());
    String clinic = Fixtures.institution(communityA1, false, "PRIMARY_CARE").path("id").asText();
    doctor = WebFixtures.user("DOCTOR", null, UUID.fromString(Fixtures.doctor(clinic).path("id").asText()), List.of());
    String child = Fixtures.child(communityA1, Category.HEARING, WebFixtures.today().minusYears(5)).path("id").asText();
    guardian = WebFixtures.user("GUARDIAN", null, null, List.of(UUID.fromString(child)));
  }

  /** Every GET page and download of the dashboard, for town A. */
  private static List<String> pages() {
    String rehab = "code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=" + townA;
    return List.of(
        "/app/admin/dashboard",
        "/app/admin/dashboard?year=" + year + "&regionCode=" + townA + "&groupBy=COMMUNITY",
        "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townA + "&groupBy=TOWN&format=csv",
        "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townA + "&groupBy=TOWN&format=xlsx",
        "/app/admin/worklist?" + rehab,
        "/app/admin/worklist/export?" + rehab + "&format=csv",
        "/app/admin/worklist/export?" + rehab + "&format=xlsx");
  }

  private static Map<String, String> publishForm(String region) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("year", String.valueOf(year));
    m.put("regionCode", region);
    m.put("groupBy", "TOWN");
    return m;
  }

  // ---- not signed in ----

  @Test
  void notSignedIn_everyPageAndDownload_redirectsToSignIn_andComesBackToThatPage() {
    for (String page : pages()) {
      WebClient.Page p = new WebClient().get(page);
      assertEquals(303, p.status(), page);
      String path = page.contains("?") ? page.substring(0, page.indexOf('?')) : page;
      assertTrue(p.header("Location").endsWith("/?next=" + WebClient.enc(path)), page + " -> " + p.header("Location"));
      assertFalse(p.body().contains(townA), "nothing of the report before signing in");
    }
  }

  @Test
  void notSignedIn_publishing_redirectsToSignIn_andStoresNothing() {
    long snapshots = Fixtures.count("report_snapshots");
    long audits = Fixtures.count("audit_events");
    WebClient c = new WebClient();
    c.get("/");
    WebClient.Page p = c.post("/app/admin/dashboard/snapshots", publishForm(townA));
    assertEquals(303, p.status(), p.toString());
    assertTrue(URI.create(p.header("Location")).getPath().equals("/"), p.header("Location"));
    assertEquals(snapshots, Fixtures.count("report_snapshots"));
    assertEquals(audits, Fixtures.count("audit_events"));
  }

  // ---- other roles ----

  @Test
  void institutionDoctorAndGuardian_areRefusedEveryPageAndDownload_with403Html() {
    for (AppUser u : List.of(staff, doctor, guardian)) {
      WebClient c = login(u);
      for (String page : pages()) {
        WebClient.Page p = c.get(page);
        assertEquals(403, p.status(), u.role() + " " + page);
        assertTrue(p.header("Content-Type").startsWith("text/html"), "an error page, not a file: " + p.header("Content-Type"));
        assertTrue(p.body().contains("<h1>无权访问</h1>"), p.body());
        assertFalse(p.body().contains(waitingA1.path("name").asText()) || p.body().contains("50.00%"), "no figures or names");
      }
    }
  }

  @Test
  void institutionDoctorAndGuardian_cannotPublish_evenWithTheirOwnFormToken_andNothingIsStored() {
    for (AppUser u : List.of(staff, doctor, guardian)) {
      WebClient c = login(u);
      Map<String, String> form = publishForm(townA);
      form.put("_csrf", csrf(c.get("/app").body()));
      long snapshots = Fixtures.count("report_snapshots");
      long audits = Fixtures.count("audit_events");
      WebClient.Page p = c.post("/app/admin/dashboard/snapshots", form);
      assertEquals(403, p.status(), u.role() + " " + p);
      assertTrue(p.body().contains("您的角色无权打开此页面"), "refused for the role, not for the token: " + p.body());
      assertEquals(snapshots, Fixtures.count("report_snapshots"), u.role().toString());
      assertEquals(audits, Fixtures.count("audit_events"), u.role().toString());
    }
  }

  // ---- a town admin: its own town ----

  @Test
  void townAdmin_seesItsOwnTownsFigures_theSameAsTheApi_andNothingOfAnotherTown() {
    JsonNode api = indicator(apiReport("TOWN"), "REHAB_SERVICE_RATE");
    assertEquals(List.of("2", "4", "50.00", "2"), List.of(api.path("numerator").asText(), api.path("denominator").asText(),
        api.path("rate").asText(), api.path("shortfall").asText()));

    WebClient c = login(townAdmin);
    WebClient.Page p = c.get("/app/admin/dashboard");
    assertEquals(200, p.status(), p.toString());
    String html = section(p.body(), "REHAB_SERVICE_RATE");
    assertTrue(html.contains("class=\"figure-value\">50.00%"), html);
    assertTrue(html.contains("2 / 4 人，目标 90%") && html.contains("未达标，还差 2 人"), html);
    assertTrue(html.contains(townName(townA)), "the town's row");
    assertTrue(p.body().contains("/app/admin/dashboard?year=" + year + "&amp;regionCode=" + townA + "&amp;groupBy=COMMUNITY"), "drill-down link");
    assertFalse(p.body().contains(townName(townB)) || p.body().contains(townB), "never another town");

    WebClient.Page communities = c.get("/app/admin/dashboard?year=" + year + "&regionCode=" + townA + "&groupBy=COMMUNITY");
    assertEquals(200, communities.status());
    String rows = section(communities.body(), "REHAB_SERVICE_RATE");
    assertTrue(rows.contains(communityName(communityA1)) && rows.contains("33.33%"), rows);
    assertTrue(rows.contains(communityName(communityA2)) && rows.contains("100.00%"), rows);
    assertFalse(communities.body().contains(communityB) || communities.body().contains(townB), "never another town's communities");

    WebClient.Page list = c.get("/app/admin/worklist?code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=" + communityA1);
    assertEquals(200, list.status());
    assertTrue(list.body().contains(waitingA1.path("name").asText()) && list.body().contains(otherWaitingA1.path("name").asText()), list.body());
    assertFalse(list.body().contains(servedA1.path("name").asText()), "the served person is not on the worklist");
    WebClient.Page wholeTown = c.get("/app/admin/worklist?code=REHAB_SERVICE_RATE&year=" + year);
    assertEquals(200, wholeTown.status());
    assertTrue(wholeTown.body().contains(waitingA1.path("name").asText()), "default region = the admin's town");
    assertFalse(wholeTown.body().contains(strangerB.path("name").asText()), "never another town's persons");
  }

  @Test
  void townAdmin_askingForAnotherTown_getsTheSamePageAsForAnUnknownRegion_neverItsFiguresOrNames() {
    WebClient c = login(townAdmin);
    String rehab = "/app/admin/worklist?code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=";
    String rehabFile = "/app/admin/worklist/export?code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=";
    List<String> other = List.of(
        "/app/admin/dashboard?regionCode=" + townB,
        "/app/admin/dashboard?year=" + year + "&regionCode=" + townB + "&groupBy=COMMUNITY",
        "/app/admin/dashboard?year=" + year + "&regionCode=" + communityB + "&groupBy=COMMUNITY",
        "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townB + "&format=csv",
        "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townB + "&groupBy=COMMUNITY&format=xlsx",
        rehab + townB,
        rehab + communityB,
        rehabFile + townB + "&format=csv",
        rehabFile + communityB + "&format=xlsx");
    for (String page : other) {
      WebClient.Page p = c.get(page);
      WebClient.Page unknown = c.get(page.replace(townB, UNKNOWN_REGION).replace(communityB, UNKNOWN_REGION));
      assertEquals(404, p.status(), page + " " + p);
      assertEquals(404, unknown.status(), page);
      assertTrue(p.header("Content-Type").startsWith("text/html"), "an error page, not a file: " + p.header("Content-Type"));
      assertEquals(withoutRequestId(unknown.body()), withoutRequestId(p.body()), "answered exactly like an unknown region: " + page);
      assertFalse(p.body().contains(strangerB.path("name").asText()) || p.body().contains(townName(townB)), p.body());
    }

    c.get("/app/admin/dashboard");
    long snapshots = Fixtures.count("report_snapshots");
    long audits = Fixtures.count("audit_events");
    WebClient.Page p = c.post("/app/admin/dashboard/snapshots", publishForm(townB));
    assertEquals(404, p.status(), p.toString());
    assertEquals(snapshots, Fixtures.count("report_snapshots"));
    assertEquals(audits, Fixtures.count("audit_events"));
  }

  @Test
  void malformedYearGroupByFormatOrRegion_get400PagesNamingTheParameter() {
    WebClient c = login(townAdmin);
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("/app/admin/dashboard?year=20x5", "year");
    bad.put("/app/admin/dashboard?year=1999", "year");
    bad.put("/app/admin/dashboard?groupBy=GRADE", "groupBy");
    bad.put("/app/admin/dashboard?groupBy=towns", "groupBy");
    bad.put("/app/admin/dashboard?regionCode=15020", "regionCode");
    bad.put("/app/admin/dashboard/export?format=pdf", "format");
    bad.put("/app/admin/dashboard/export?format=csv&groupBy=CATEGORY", "groupBy");
    bad.put("/app/admin/dashboard/export?format=xlsx&year=next", "year");
    bad.put("/app/admin/worklist?code=REHAB_SERVICE_RATE&year=3000", "year");
    bad.put("/app/admin/worklist/export?code=REHAB_SERVICE_RATE&format=doc", "format");
    bad.put("/app/admin/worklist/export?code=REHAB_SERVICE_RATE&format=csv&year=21", "year");
    bad.forEach((page, parameter) -> {
      WebClient.Page p = c.get(page);
      assertEquals(400, p.status(), page + " " + p);
      assertTrue(p.header("Content-Type").startsWith("text/html"), page + " " + p.header("Content-Type"));
      assertTrue(p.body().contains("<h1>请求有误</h1>"), p.body());
      assertTrue(p.body().contains(parameter + "（"), page + " names " + parameter + ": " + p.body());
    });
    WebClient english = login(townAdmin);
    english.get("/prefs/lang?to=en&back=/app");
    WebClient.Page en = english.get("/app/admin/dashboard/export?format=pdf");
    assertEquals(400, en.status());
    assertTrue(en.body().contains("format must be csv or xlsx"), en.body());

    assertEquals(404, c.get("/app/admin/worklist?code=NO_SUCH_RATE").status(), "an unknown indicator is an unknown page");

    c.get("/app/admin/dashboard");
    long snapshots = Fixtures.count("report_snapshots");
    long audits = Fixtures.count("audit_events");
    Map<String, String> form = publishForm(townA);
    form.put("groupBy", "GRADE");
    WebClient.Page refused = c.post("/app/admin/dashboard/snapshots", form);
    assertEquals(400, refused.status(), refused.toString());
    assertTrue(refused.body().contains("groupBy（"), refused.body());
    assertEquals(snapshots, Fixtures.count("report_snapshots"));
    assertEquals(audits, Fixtures.count("audit_events"));
  }

  // ---- publishing a snapshot ----

  @Test
  void publish_withoutOrWithAWrongFormToken_isRefused_andStoresNothing() throws Exception {
    WebClient c = login(townAdmin);
    String token = csrf(c.get("/app/admin/dashboard").body());
    WebClient other = login(townAdmin);
    String othersToken = csrf(other.get("/app/admin/dashboard").body());
    assertFalse(token.equals(othersToken), "each session has its own token");
    String form = "year=" + year + "&regionCode=" + townA + "&groupBy=TOWN";
    List<String> bodies = List.of(form, form + "&_csrf=", form + "&_csrf=x" + token, form + "&_csrf=" + othersToken,
        form + "&_csrf=" + token.substring(0, token.length() - 1));
    long snapshots = Fixtures.count("report_snapshots");
    long audits = Fixtures.count("audit_events");
    for (String body : bodies) {
      HttpResponse<String> r = rawPost(c, "/app/admin/dashboard/snapshots", "application/x-www-form-urlencoded", body);
      assertEquals(403, r.statusCode(), body);
      assertTrue(r.body().contains("表单已过期或来源不明"), r.body());
    }
    HttpResponse<String> json = rawPost(c, "/app/admin/dashboard/snapshots", "application/json",
        "{\"_csrf\":\"" + token + "\",\"year\":" + year + "}");
    assertEquals(415, json.statusCode(), "not a form: refused before anything runs, " + json.body());
    assertEquals(snapshots, Fixtures.count("report_snapshots"));
    assertEquals(audits, Fixtures.count("audit_events"));
  }

  @Test
  void publish_withTheFormToken_storesExactlyOneSnapshotAndOneAuditEvent_andShowsItsId() {
    WebClient c = login(townAdmin);
    c.get("/app/admin/dashboard?year=" + year + "&regionCode=" + townA + "&groupBy=COMMUNITY");
    long snapshots = Fixtures.count("report_snapshots");
    long audits = Fixtures.count("audit_events");
    Map<String, String> form = publishForm(townA);
    form.put("groupBy", "COMMUNITY");
    WebClient.Page p = c.post("/app/admin/dashboard/snapshots", form);
    assertEquals(303, p.status(), p.toString());
    Matcher m = Pattern.compile("snapshot=([0-9a-f-]{36})").matcher(p.header("Location"));
    assertTrue(m.find(), p.header("Location"));
    String id = m.group(1);
    assertEquals(snapshots + 1, Fixtures.count("report_snapshots"));
    assertEquals(audits + 1, Fixtures.count("audit_events"));
    Map<String, Object> row = TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT year, region_code, group_by, created_by FROM report_snapshots WHERE id = CAST(:id AS uuid)").bind("id", id).mapToMap().one());
    assertEquals(year, ((Number) row.get("year")).intValue());
    assertEquals(townA, row.get("region_code"));
    assertEquals("COMMUNITY", row.get("group_by"));
    assertEquals(townAdmin.id().toString(), String.valueOf(row.get("created_by")));
    assertEquals(1L, (long) TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM audit_events WHERE action = 'PUBLISH' AND entity = 'report_snapshot' AND entity_id = :id")
        .bind("id", id).mapTo(Long.class).one()));
    WebClient.Page shown = c.get(p.header("Location").replaceFirst("^https?://[^/]+", ""));
    assertEquals(200, shown.status());
    assertTrue(shown.body().contains("role=\"status\"") && shown.body().contains(id), shown.body());
  }

  // ---- downloads ----

  @Test
  void dashboardCsv_hasTheBomAndHeader_andTheApisFigures() throws Exception {
    WebClient c = login(townAdmin);
    HttpResponse<byte[]> r = rawGet(c, "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townA + "&groupBy=COMMUNITY&format=csv");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), r.headers().toString());
    assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("indicators-" + year + "-" + townA + ".csv"));
    List<List<String>> rows = csv(r.body(), INDICATOR_HEADER);
    assertSameFigures(apiReport("COMMUNITY"), rows);
  }

  @Test
  void dashboardXlsx_isAWorkbook_withTheApisFigures() throws Exception {
    WebClient c = login(townAdmin);
    HttpResponse<byte[]> r = rawGet(c, "/app/admin/dashboard/export?year=" + year + "&regionCode=" + townA + "&groupBy=COMMUNITY&format=xlsx");
    assertEquals(200, r.statusCode());
    assertEquals(XLSX, r.headers().firstValue("Content-Type").orElse(""));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
      List<Row> sheet = wb.getFirstSheet().read();
      assertEquals(INDICATOR_HEADER, cells(sheet.get(0)).stream().collect(Collectors.joining(",")));
      assertSameFigures(apiReport("COMMUNITY"), sheet.subList(1, sheet.size()).stream().map(DashboardPagesTest::cells).map(DashboardPagesTest::padded).toList());
    }
  }

  @Test
  void worklistCsvAndXlsx_holdTheTownsUnservedPersons_withTheHeaderRow() throws Exception {
    WebClient c = login(townAdmin);
    String path = "/app/admin/worklist/export?code=REHAB_SERVICE_RATE&year=" + year + "&regionCode=" + communityA1;
    HttpResponse<byte[]> r = rawGet(c, path + "&format=csv");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<List<String>> rows = csv(r.body(), WORKLIST_HEADER);
    assertEquals(List.of(p2, p3).stream().sorted().toList(), rows.stream().map(x -> x.get(0)).sorted().toList());
    assertTrue(rows.stream().allMatch(x -> x.get(2).contains("********")), "masked ID numbers");

    HttpResponse<byte[]> x = rawGet(c, path + "&format=xlsx");
    assertEquals(200, x.statusCode());
    assertEquals(XLSX, x.headers().firstValue("Content-Type").orElse(""));
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(x.body()))) {
      List<Row> sheet = wb.getFirstSheet().read();
      assertEquals(WORKLIST_HEADER, String.join(",", cells(sheet.get(0))));
      assertEquals(List.of(p2, p3).stream().sorted().toList(), sheet.subList(1, sheet.size()).stream().map(w -> w.getCellText(0)).sorted().toList());
    }
  }

  // ---- helpers ----

  private static WebClient login(AppUser u) { return new WebClient().login(u.username(), Fixtures.PASSWORD); }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "a form token on the page");
    return m.group(1);
  }

  private static String townName(String town) { return "测试街道" + town.substring(6, 9); }

  private static String communityName(String community) { return "测试社区" + community.substring(9); }

  /** The part of the dashboard for one indicator. */
  private static String section(String html, String code) {
    int start = html.indexOf("aria-labelledby=\"ind-" + code + "\"");
    assertTrue(start >= 0, code + " not on the page: " + html);
    int end = html.indexOf("</section>", start);
    return html.substring(start, end);
  }

  private static String withoutRequestId(String html) {
    return html.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>").replaceAll("(?s)<title>.*?</title>", "");
  }

  private static JsonNode apiReport(String groupBy) {
    Api.Resp r = Fixtures.login(townAdmin).get("/reports/indicators?year=" + year + "&regionCode=" + townA + "&groupBy=" + groupBy);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static JsonNode indicator(JsonNode report, String code) {
    for (JsonNode i : report.path("indicators")) if (code.equals(i.path("code").asText())) return i;
    throw new AssertionError(code + " not in " + report);
  }

  /** Every total and group row of the JSON report appears in the file rows with the same figures, and no other row. */
  private static void assertSameFigures(JsonNode report, List<List<String>> rows) {
    List<List<String>> expected = new ArrayList<>();
    for (JsonNode i : report.path("indicators")) {
      expected.add(figures(i.path("code").asText(), "合计 Total", i));
      for (JsonNode g : i.path("groups")) expected.add(figures(i.path("code").asText(), g.path("key").asText(), g));
    }
    List<List<String>> actual = rows.stream().map(r -> List.of(r.get(3), r.get(5), number(r.get(7)), number(r.get(8)), r.get(9), r.get(12))).toList();
    assertEquals(expected, actual);
    assertTrue(actual.contains(List.of("REHAB_SERVICE_RATE", "合计 Total", "2", "4", "50.00", "2")), actual.toString());
    assertTrue(actual.contains(List.of("REHAB_SERVICE_RATE", communityA1, "1", "3", "33.33", "2")), actual.toString());
  }

  private static List<String> figures(String code, String group, JsonNode n) {
    return List.of(code, group, number(n.path("numerator").asText()), number(n.path("denominator").asText()),
        n.path("rate").isNull() ? "" : n.path("rate").asText(), n.path("shortfall").isNull() ? "" : n.path("shortfall").asText());
  }

  /** A number as written in any of the three forms ("2", "2.0", "300.00") compared by value. */
  private static String number(String s) {
    if (s == null || s.isEmpty()) return "";
    return new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
  }

  private static List<String> cells(Row row) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < row.getCellCount(); i++) out.add(row.getCell(i) == null ? "" : row.getCellText(i));
    return out;
  }

  /** An XLSX row with its trailing empty cells (the writer leaves empty cells out). */
  private static List<String> padded(List<String> cells) {
    List<String> out = new ArrayList<>(cells);
    while (out.size() < 15) out.add("");
    return out;
  }

  /** The CSV's data rows, after checking the BOM and the header row. */
  private static List<List<String>> csv(byte[] body, String header) throws IOException {
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 BOM first");
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(header + "\r\n"), text);
    List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
    return records.subList(1, records.size()).stream().map(CSVRecord::toList).toList();
  }

  private static HttpResponse<byte[]> rawGet(WebClient c, String path) throws Exception {
    return RAW.send(HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + path)).header("Cookie", cookies(c)).GET()
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A POST with exactly this body (WebClient always adds the page's form token). */
  private static HttpResponse<String> rawPost(WebClient c, String path, String type, String body) throws Exception {
    return RAW.send(HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + path)).header("Cookie", cookies(c)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookies(WebClient c) {
    assertNotNull(c.cookies.get(WebCookies.SESSION), "signed in");
    return c.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
  }

  private static void assessRehab(String personId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("assessedOn", WebFixtures.today().toString());
    m.put("rehabNeeds", List.of("REHAB_TRAINING"));
    m.put("deviceNeeds", List.of());
    Api.Resp r = TestApp.admin().put("/persons/" + personId + "/assessments/" + year, m);
    assertTrue(r.status() == 200 || r.status() == 201, r.toString());
  }

  private static void session(Api staff, String personId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("personId", personId);
    m.put("serviceType", "REHAB_TRAINING");
    m.put("date", WebFixtures.today().toString());
    m.put("durationMinutes", 45);
    m.put("therapist", "李治疗师");
    m.put("fee", "120.00");
    m.put("useChildAid", false);
    Api.Resp r = staff.withHeader("Idempotency-Key", "dash-pages-" + UUID.randomUUID()).post("/sessions", m);
    assertEquals(201, r.status(), r.toString());
  }
}
