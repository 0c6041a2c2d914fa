package cn.donghe.rehab.openapi;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Realistic examples (synthetic people with valid GB 11643 ID numbers) for the requests clients start with:
 * logging in, registering and reading persons, logging a rehab session. Examples attach to whatever
 * operation or schema exists, so an endpoint that lands later picks its example up when it appears.
 */
final class Examples {
  static final LocalDate BIRTH = LocalDate.of(2016, 3, 14);
  /** 150202 (Donghe District) + 2016-03-14 + sequence 123 (odd: male) + check digit. */
  static final String ID_NUMBER = IdNumbers.build("150202", BIRTH, 123);
  static final String CERTIFICATE = IdNumbers.certificate(ID_NUMBER, Category.PHYSICAL, 2);
  static final String PERSON_ID = "01963f1e-7a4b-7c3d-9e2f-0a1b2c3d4e5f";
  static final String INSTITUTION_ID = "01963f1e-6b2a-7d11-8a0c-5e6f7a8b9c0d";

  private Examples() {}

  static void apply(OpenAPI api) {
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    if (schemas != null) {
      example(schemas, "AuthResource.LoginRequest", Map.of("username", "zhangwei", "password", "correct-horse-battery-staple"));
      example(schemas, "AuthResource.TokenResponse", Map.of("token", "q3JtY2VYb1hVd1ZzT2Z0d0h0c2c3c1FpN0p1", "expiresAt",
          "2025-03-14T20:30:00Z", "role", "INSTITUTION", "displayName", "张伟（东河区康复中心）"));
      example(schemas, "PersonInput", personInput());
      example(schemas, "Person", person());
      example(schemas, "PersonService.Lookup", Map.of("idNumber", ID_NUMBER));
    }
    if (api.getPaths() == null) return;
    PathItem sessions = api.getPaths().get(ApiCustomiser.API_PREFIX + "/sessions");
    if (sessions != null && sessions.getPost() != null) sessionExamples(sessions.getPost());
  }

  private static void example(Map<String, Schema> schemas, String name, Object value) {
    Schema<?> s = schemas.get(name);
    if (s != null) s.setExample(value);
  }

  static Map<String, Object> personInput() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "张伟");
    m.put("gender", "M");
    m.put("birthDate", BIRTH.toString());
    m.put("idNumber", ID_NUMBER);
    m.put("certificateNo", CERTIFICATE);
    m.put("category", "PHYSICAL");
    m.put("grade", 2);
    m.put("autism", false);
    m.put("regionCode", "150202001001");
    m.put("phone", "13904721234");
    m.put("guardian", Map.of("name", "李娜", "phone", "13804725678", "relation", "母亲"));
    return m;
  }

  private static Map<String, Object> person() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", PERSON_ID);
    for (Map.Entry<String, Object> e : personInput().entrySet()) {
      m.put(e.getKey(), e.getValue());
      if (e.getKey().equals("birthDate")) {
        // as ADMIN sees it (others: no birthDate, masked numbers, the age of Ages.masked)
        m.put("birthYearMonth", java.time.YearMonth.from(BIRTH).toString());
        m.put("age", 9);
      }
    }
    m.put("status", "ACTIVE");
    m.put("statusDate", null);
    m.put("createdAt", "2025-03-14T08:30:00Z");
    m.put("updatedAt", "2025-03-14T08:30:00Z");
    return m;
  }

  private static void sessionExamples(Operation post) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("personId", PERSON_ID);
    body.put("serviceType", "REHAB_TRAINING");
    body.put("date", "2025-03-14");
    body.put("durationMinutes", 45);
    body.put("therapist", "王芳");
    body.put("fee", "300.00");
    body.put("useChildAid", true);
    body.put("notes", "下肢力量训练 / lower-limb strength training");
    if (post.getRequestBody() != null) setExample(post.getRequestBody().getContent(), body);
    if (post.getResponses() != null && post.getResponses().get("201") != null) {
      Map<String, Object> created = new LinkedHashMap<>();
      created.put("id", "01963f2a-1c2d-7e3f-8a4b-5c6d7e8f9a0b");
      created.putAll(body);
      created.put("institutionId", INSTITUTION_ID);
      created.put("aidCharged", "300.00");
      created.put("selfPay", "0.00");
      created.put("aidBalanceAfter", "19700.00");
      setExample(post.getResponses().get("201").getContent(), created);
    }
  }

  private static void setExample(Content content, Object example) {
    if (content == null) return;
    content.forEach((type, media) -> {
      if (type.contains("json") && media.getExample() == null) media.setExample(example);
    });
  }

}
