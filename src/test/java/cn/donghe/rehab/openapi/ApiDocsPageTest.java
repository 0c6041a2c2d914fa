package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import cn.donghe.rehab.web.Lang;
import cn.donghe.rehab.web.SecurityHeadersFilter;
import cn.donghe.rehab.web.WebCookies;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/docs: the API reference, a server-rendered page of the site made from the same document /api/v1/openapi.json
 * serves: every operation and schema is on it, in Chinese and English, under the site's Content-Security-Policy.
 */
class ApiDocsPageTest {
  private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static JsonNode doc;
  private static String zh, en;

  @BeforeAll
  static void fetch() {
    doc = TestApp.anonymous().get("/openapi.json").json();
    zh = page(null).text();
    en = page(WebCookies.LANG + "=en").text();
  }

  private static Api.Resp page(String cookie) {
    Api api = TestApp.anonymous().withHeader("Accept", "text/html");
    return (cookie == null ? api : api.withHeader("Cookie", cookie)).get("/api/docs");
  }

  private record Op(String verb, String path, JsonNode op) {
    String id() { return op.path("operationId").asText(); }
  }

  private static List<Op> operations() {
    List<Op> out = new ArrayList<>();
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> {
      if (VERBS.contains(o.getKey())) out.add(new Op(o.getKey().toUpperCase(), p.getKey(), o.getValue()));
    }));
    return out;
  }

  /** The HTML of one operation's section (from its heading to the next operation). */
  private static String section(String html, String operationId) {
    int start = html.indexOf("<h3 id=\"op-" + ApiReference.slug(operationId) + "\">");
    assertTrue(start >= 0, "no section for " + operationId);
    int end = html.indexOf("<section class=\"api-op\">", start);
    int tagEnd = html.indexOf("<p class=\"back\">", start);
    return html.substring(start, Math.min(end < 0 ? html.length() : end, tagEnd < 0 ? html.length() : tagEnd));
  }

  @Test
  void page_isAPageOfTheSite_servedWithoutLogin() {
    Api.Resp r = page(null);
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/html"), r.contentType());
    assertTrue(zh.contains("<html lang=\"zh-CN\">"), "Chinese first");
    assertTrue(zh.contains("<title>接口参考（API）"), "title");
    assertEquals(1, count(zh, "<h1>"));
    assertTrue(zh.contains("<h1>接口参考（API）</h1>"));
    assertTrue(zh.contains("class=\"skip-link\" href=\"#main\"") && zh.contains("<main id=\"main\""));
    assertTrue(zh.contains("<header class=\"site-header\">") && zh.contains("<footer class=\"site-footer\">"));
    assertTrue(zh.contains("<nav class=\"toc\" aria-labelledby=\"toc\">"), "the contents are a navigation landmark");
    assertTrue(zh.contains("href=\"/assets/web/app.css\""), "the site's style sheet");
  }

  @Test
  void everyOperationOfTheDocument_appears_withMethodPathAndOperationIdAnchor_inBothLanguages() {
    List<Op> ops = operations();
    assertTrue(ops.size() > 50, "the document has the API's operations: " + ops.size());
    for (String html : List.of(zh, en)) {
      for (Op op : ops) {
        String anchor = "op-" + ApiReference.slug(op.id());
        assertTrue(html.contains("<h3 id=\"" + anchor + "\"><span class=\"method\">" + op.verb() + "</span> <code>" + op.path() + "</code></h3>"),
            op.verb() + " " + op.path());
        assertTrue(html.contains("<a href=\"#" + anchor + "\">"), "the contents link to " + op.id());
        assertTrue(section(html, op.id()).contains("<code>" + op.id() + "</code>"), "operationId shown: " + op.id());
      }
      assertEquals(ops.size(), count(html, "<section class=\"api-op\">"), "one section per operation, no more");
    }
  }

  @Test
  void everyOperation_namesWhoMayCallIt_fromTheDocumentsRoles() {
    for (Op op : operations()) {
      String s = section(zh, op.id());
      if (op.op().path("security").isArray() && op.op().path("security").isEmpty()) {
        assertTrue(s.contains("无需登录"), op.id() + " is public");
      } else {
        assertTrue(op.op().path("x-roles").size() > 0, op.id());
        op.op().path("x-roles").forEach(role -> assertTrue(s.contains("(<code>" + role.asText() + "</code>)"), op.id() + " allows " + role));
      }
    }
    assertTrue(section(en, "AuthResource_login").contains("No login needed"));
    assertTrue(section(en, "SessionResource_create").contains("(<code>INSTITUTION</code>)"));
  }

  @Test
  void operations_showParametersRequiredHeadersBodyFieldsResponsesAndExamples() {
    String post = section(zh, "SessionResource_create");
    assertTrue(post.contains("<caption>POST /api/v1/sessions 的参数</caption>"), "parameters table");
    assertTrue(post.contains("必需的请求头</dt><dd><code>Idempotency-Key</code>"), "the required header");
    assertTrue(post.contains("<caption>POST /api/v1/sessions 的请求体字段</caption>"), "body fields table");
    for (String field : List.of("personId", "serviceType", "date", "durationMinutes", "fee", "useChildAid")) {
      assertTrue(post.contains("<th scope=\"row\"><code>" + field + "</code></th>"), field);
    }
    assertTrue(post.contains("<a href=\"#schema-SessionInput\"><code>SessionInput</code></a>"), "the body's schema is linked");
    assertTrue(post.contains("<th scope=\"row\">201</th>") && post.contains("<a href=\"#schema-Session\"><code>Session</code></a>"), "201 Session");
    assertTrue(post.contains("<th scope=\"row\">422</th>") && post.contains("<code>application/problem+json</code>"), "errors are problem+json");
    assertTrue(post.contains("<pre class=\"example\"><code>") && post.contains("&quot;therapist&quot; : &quot;王芳&quot;"), "request example");

    String plan = section(zh, "PlanResource_revise");
    assertTrue(plan.contains("<code>If-Match</code>"), "If-Match on PUT /plans/{planId}");

    String create = section(en, "PersonResource_create");
    assertTrue(create.contains("<code>PHYSICAL</code>") && create.contains("<code>VISUAL</code>"), "category codes listed");
    assertTrue(create.contains("<code>guardian</code>") && create.contains("<a href=\"#schema-Person-Guardian\"><code>Person.Guardian</code></a>"),
        "a nested object links to its schema");

    String list = section(en, "PersonResource_list");
    assertTrue(list.contains("<th scope=\"row\"><code>limit</code></th>") && list.contains("range 1–500") && list.contains("default 50"), list);
  }

  @Test
  void everyComponentSchema_appears_andEveryLinkOnThePageLeadsToAnAnchorOnIt() {
    List<String> names = new ArrayList<>();
    doc.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
    assertTrue(names.contains("Problem") && names.contains("PersonInput"));
    for (String name : names) {
      assertTrue(zh.contains("<h3 id=\"schema-" + ApiReference.slug(name) + "\"><code>" + name + "</code></h3>"), name);
    }
    assertEquals(names.size(), count(zh, "<section class=\"api-schema\">"));
    for (String html : List.of(zh, en)) {
      Set<String> ids = new HashSet<>();
      Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
      while (m.find()) assertTrue(ids.add(m.group(1)), "unique id " + m.group(1));
      Matcher links = Pattern.compile("href=\"#([^\"]*)\"").matcher(html);
      while (links.find()) assertTrue(ids.contains(links.group(1)), "link to #" + links.group(1) + " has a target");
    }
  }

  @Test
  void thePage_andTheDocument_describeTheSameOperations() {
    OpenApiDocument document = TestApp.context().get(OpenApiDocument.class);
    ApiReference reference = ApiReference.of(document.model(), Lang.EN);
    assertEquals(operations().size(), reference.operations().size());
    assertEquals(doc.path("components").path("schemas").size(), reference.getSchemas().size());
    assertEquals(operations().stream().map(Op::id).sorted().toList(),
        reference.operations().stream().map(ApiReferenceViews.Op::operationId).sorted().toList());
  }

  @Test
  void intro_tellsHowToLogIn_whereErrorsAreDescribed_andLinksTheDocument() {
    assertTrue(zh.contains("<code>POST /api/v1/auth/token</code>"), "login endpoint from the document");
    assertTrue(zh.contains("<code>/api/v1</code>"), "base path");
    assertTrue(zh.contains("<code>application/problem+json</code>") && zh.contains("<a href=\"#schema-Problem\"><code>Problem</code></a>"));
    assertTrue(zh.contains("<a href=\"/api/v1/openapi.json\" download=\"openapi.json\">"), "download link");
    assertTrue(zh.contains("<h2 id=\"errors\">错误响应</h2>"));
  }

  @Test
  void english_isTheSecondLanguage_andLargeTextIsHonoured() {
    assertTrue(en.contains("<html lang=\"en\">") && en.contains("<h1>API reference</h1>"));
    assertTrue(section(en, "AuthResource_login").contains("Log in and get a bearer token"));
    assertFalse(en.contains("登录并取得令牌"), "only the English half of bilingual texts");
    assertTrue(section(zh, "AuthResource_login").contains("登录并取得令牌"));
    assertFalse(zh.contains("Log in and get a bearer token"), "only the Chinese half of bilingual texts");
    assertTrue(zh.contains("<span class=\"method\">POST</span> <code>/api/v1/sessions</code></a> — <span lang=\"en\">Create session</span>"),
        "an English-only summary is marked as English on the Chinese page");
    assertTrue(page(WebCookies.VIEW + "=large").text().contains("<html lang=\"zh-CN\" class=\"large-text\">"));
  }

  @Test
  void preferenceLinks_returnToTheReference() throws Exception {
    assertTrue(zh.contains("href=\"/prefs/lang?to=en&amp;back=%2Fapi%2Fdocs\""), "switch language and come back");
    assertTrue(zh.contains("href=\"/prefs/view?large=1&amp;back=%2Fapi%2Fdocs\""), "large text and come back");
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(TestApp.baseUrl() + "/prefs/lang?to=en&back=%2Fapi%2Fdocs")).GET().build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(303, r.statusCode());
    assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/api/docs"), r.headers().toString());
  }

  @Test
  void bilingualTexts_showTheReadersHalf() {
    assertEquals("已创建", ApiReference.pick("已创建 / created", Lang.ZH));
    assertEquals("created", ApiReference.pick("已创建 / created", Lang.EN));
    assertEquals("请求格式错误（JSON 或查询参数）", ApiReference.pick("请求格式错误（JSON 或查询参数）/ malformed JSON body", Lang.ZH));
    assertEquals("malformed JSON body", ApiReference.pick("请求格式错误（JSON 或查询参数）/ malformed JSON body", Lang.EN));
    assertEquals("新增残疾人/儿童", ApiReference.pick("新增残疾人/儿童 / Register a person", Lang.ZH));
    assertEquals("Register a person", ApiReference.pick("新增残疾人/儿童 / Register a person", Lang.EN));
    assertEquals("Create session", ApiReference.pick("Create session", Lang.ZH));
    assertEquals("", ApiReference.pick(null, Lang.EN));
  }

  @Test
  void page_loadsNothingFromElsewhere_andHasNoInlineScript() {
    for (String html : List.of(zh, en)) {
      Matcher refs = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"").matcher(html);
      while (refs.find()) {
        String ref = refs.group(1);
        assertTrue(ref.startsWith("/") && !ref.startsWith("//") || ref.startsWith("#"), "only this site: " + ref);
      }
      Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
      while (scripts.find()) {
        assertTrue(scripts.group(1).contains("src=\"/assets/"), "script from a file of ours: " + scripts.group(1));
        assertTrue(scripts.group(2).isBlank(), "no inline script");
      }
      assertFalse(html.contains(" style=") || html.contains("<style"), "no inline style");
      assertFalse(html.toLowerCase().contains("swagger"), "no Swagger UI left");
    }
    assertNull(ApiDocsPageTest.class.getClassLoader().getResource("META-INF/maven/org.webjars/swagger-ui/pom.properties"),
        "the swagger-ui webjar is gone");
  }

  @Test
  void page_isSentWithTheSitesContentSecurityPolicy_withoutUnsafeInline() {
    Api.Resp r = page(null);
    String csp = r.header("Content-Security-Policy");
    assertEquals(SecurityHeadersFilter.CSP, csp);
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    assertEquals("DENY", r.header("X-Frame-Options"));
    assertEquals("nosniff", r.header("X-Content-Type-Options"));
  }

  @Test
  void tables_haveCaptionsAndHeaderScopes_andHeadingsDoNotSkipALevel() {
    int tables = count(zh, "<table");
    assertTrue(tables > 100, "tables: " + tables);
    assertEquals(tables, count(zh, "<caption>"));
    Matcher th = Pattern.compile("<th( [^>]*)?>").matcher(zh);
    while (th.find()) assertTrue(th.group(0).contains("scope=\"col\"") || th.group(0).contains("scope=\"row\""), th.group(0));
    Matcher h = Pattern.compile("<h([1-6])[ >]").matcher(zh);
    int previous = 0;
    while (h.find()) {
      int level = Integer.parseInt(h.group(1));
      assertTrue(level <= previous + 1, "h" + previous + " followed by h" + level + " at " + h.start());
      previous = level;
    }
  }

  @Test
  void otherPathsUnderApiDocs_are404Problems() {
    Api anon = TestApp.anonymous().withHeader("Accept", "*/*");
    for (String path : new String[] {"/api/docs/index.html", "/api/docs/swagger-ui/swagger-ui-bundle.js", "/api/docs/docs-init.js",
        "/api/docs/docs.css", "/api/docs/openapi.json"}) {
      Api.Resp r = anon.get(path);
      assertEquals(404, r.status(), path);
      assertEquals("application/problem+json", r.contentType(), path);
    }
  }

  @Test
  void withATrailingSlash_theReaderIsSentToThePage() {
    Api.Resp r = TestApp.anonymous().withHeader("Accept", "text/html").get("/api/docs/");
    assertEquals(301, r.status());
    assertTrue(r.header("Location").endsWith("/api/docs"), r.header("Location"));
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) n++;
    return n;
  }
}
