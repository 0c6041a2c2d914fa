package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /api/docs: a self-hosted Swagger UI page that loads the API's own document. */
class ApiDocsPageTest {
  private static Api.Resp page() {
    return TestApp.anonymous().withHeader("Accept", "text/html").get("/api/docs");
  }

  @Test
  void page_isServedWithoutLogin_withLandmarksAndNoInlineScript() {
    Api.Resp r = page();
    assertEquals(200, r.status());
    assertTrue(r.contentType().startsWith("text/html"), r.contentType());
    String html = r.text();
    assertTrue(html.contains("<html lang=\"zh-CN\">"));
    assertTrue(html.matches("(?s).*<title>[^<]+</title>.*"));
    assertTrue(html.contains("class=\"skip-link\" href=\"#main\""));
    assertTrue(html.contains("<main id=\"main\""));
    assertTrue(html.contains("<h1>"));
    Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertTrue(scripts.group(1).contains("src=\"/api/docs/"), "script from our own origin: " + scripts.group(1));
      assertTrue(scripts.group(2).isBlank(), "no inline script");
    }
    assertEquals(2, count);
    assertFalse(html.contains("http://") || html.contains("https://"), "no CDN or other origin");
  }

  @Test
  void page_forbidsInlineScriptsByPolicy() {
    String csp = page().header("Content-Security-Policy");
    assertTrue(csp != null && csp.contains("script-src 'self'"), csp);
    String scriptSrc = csp.replaceAll(".*script-src([^;]*).*", "$1");
    assertFalse(scriptSrc.contains("unsafe-inline") || scriptSrc.contains("unsafe-eval"), csp);
  }

  @Test
  void swaggerUiFiles_comeFromTheJar_andTheInitialiserLoadsOurDocument() {
    Api anon = TestApp.anonymous().withHeader("Accept", "*/*");
    Api.Resp bundle = anon.get("/api/docs/swagger-ui/swagger-ui-bundle.js");
    assertEquals(200, bundle.status());
    assertTrue(bundle.contentType().startsWith("text/javascript"));
    assertTrue(bundle.raw().body().length > 100_000);
    assertEquals(200, anon.get("/api/docs/swagger-ui/swagger-ui.css").status());
    Api.Resp init = anon.get("/api/docs/docs-init.js");
    assertEquals(200, init.status());
    assertTrue(init.text().contains("'/api/v1/openapi.json'"));
    assertTrue(init.text().contains("validatorUrl: null"), "no call to the public validator service");
    assertEquals(200, anon.get("/api/docs/docs.css").status());
  }

  @Test
  void otherFiles_are404Problems() {
    Api anon = TestApp.anonymous().withHeader("Accept", "*/*");
    for (String path : new String[] {"/api/docs/index.html", "/api/docs/swagger-ui/index.html", "/api/docs/openapi.json",
        "/api/docs/swagger-ui/swagger-initializer.js"}) {
      Api.Resp r = anon.get(path);
      assertEquals(404, r.status(), path);
      assertEquals("application/problem+json", r.contentType());
    }
  }

  @Test
  void webjarVersion_isReadFromTheJar() {
    assertTrue(ApiDocsResource.webjarVersion().matches("\\d+\\.\\d+\\.\\d+"), ApiDocsResource.webjarVersion());
  }
}
