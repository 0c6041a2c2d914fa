package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.IdNumbers;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live document at /api/v1/openapi.json; also saved to target/openapi.json for the linter in scripts/test.sh. */
class OpenApiDocumentTest {
  private static Api.Resp resp;
  private static JsonNode doc;

  @BeforeAll
  static void fetch() throws Exception {
    resp = TestApp.anonymous().get("/openapi.json");
    doc = resp.json();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "openapi.json"), resp.text(), StandardCharsets.UTF_8);
  }

  private interface OpVisitor { void visit(String path, String verb, JsonNode op); }

  private static void eachOperation(OpVisitor v) {
    doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(o -> v.visit(p.getKey(), o.getKey(), o.getValue())));
  }

  @Test
  void servedWithoutLogin_asOpenApi3Json_andCachedIdentical() {
    assertEquals(200, resp.status());
    assertTrue(resp.contentType().startsWith("application/json"), resp.contentType());
    assertTrue(doc.path("openapi").asText().startsWith("3."));
    assertEquals(resp.text(), TestApp.anonymous().get("/openapi.json").text());
  }

  @Test
  void everyOperation_hasUniqueId_summary_roles_security_andProblemErrors() {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    eachOperation((path, verb, op) -> {
      String where = verb.toUpperCase() + " " + path;
      if (!ids.add(op.path("operationId").asText(""))) problems.add(where + ": operationId missing or duplicate");
      if (op.path("summary").asText("").isBlank()) problems.add(where + ": no summary");
      if (!op.path("x-roles").isArray()) problems.add(where + ": no x-roles");
      if (!op.path("security").isArray()) problems.add(where + ": no security");
      boolean isPublic = op.path("security").isEmpty();
      if (isPublic != op.path("x-roles").isEmpty()) problems.add(where + ": public but roles, or roles but no bearer");
      if (!isPublic) {
        for (String s : List.of("400", "401", "403", "404", "422")) {
          if (!op.path("responses").has(s)) problems.add(where + ": no " + s);
        }
      }
      if (!op.path("responses").has("default")) problems.add(where + ": no default error");
      op.path("responses").fields().forEachRemaining(r -> {
        if (r.getKey().startsWith("4") && !r.getValue().path("$ref").asText().startsWith("#/components/responses/")) {
          problems.add(where + ": " + r.getKey() + " not the shared problem response");
        }
      });
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertFalse(ids.isEmpty());
  }

  @Test
  void errors_areProblemJson_withTheSharedProblemSchema() {
    JsonNode responses = doc.path("components").path("responses");
    for (String name : List.of("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "ValidationFailed", "TooManyRequests", "Error")) {
      assertEquals("#/components/schemas/Problem",
          responses.path(name).path("content").path("application/problem+json").path("schema").path("$ref").asText(), name);
    }
    JsonNode problem = doc.path("components").path("schemas").path("Problem");
    for (String f : List.of("type", "title", "status", "detail", "errors", "requestId")) assertTrue(problem.path("properties").has(f), f);
    assertEquals("bearer", doc.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText());
  }

  @Test
  void requestBodies_declareTheirMediaType_neverAnyType() {
    java.util.List<String> any = new java.util.ArrayList<>();
    int bodies[] = {0};
    eachOperation((path, verb, op) -> {
      JsonNode content = op.path("requestBody").path("content");
      if (content.isMissingNode()) return;
      bodies[0]++;
      if (content.has("*/*")) any.add(verb.toUpperCase() + " " + path);
    });
    assertTrue(bodies[0] > 30, "request bodies found: " + bodies[0]);
    assertEquals(java.util.List.of(), any, "request bodies declared as */*");
    JsonNode cancel = doc.path("paths").path("/api/v1/fittings/{id}/cancel").path("post").path("requestBody");
    assertTrue(cancel.path("content").has("application/json"), cancel.toString());
    assertFalse(cancel.path("required").asBoolean(true), "the cancel body is optional: " + cancel);
  }

  @Test
  void login_isPublic_andThrottlingIsDocumented() {
    JsonNode login = doc.path("paths").path("/api/v1/auth/token").path("post");
    assertEquals("AuthResource_login", login.path("operationId").asText());
    assertTrue(login.path("security").isEmpty());
    assertTrue(login.path("responses").has("429"));
    assertFalse(doc.path("paths").path("/api/v1/auth/token").path("delete").path("security").isEmpty());
  }

  @Test
  void roles_comeFromTheAnnotations() {
    JsonNode create = doc.path("paths").path("/api/v1/persons").path("post");
    assertEquals("[\"ADMIN\"]", create.path("x-roles").toString());
    assertEquals("[\"ADMIN\",\"DOCTOR\",\"GUARDIAN\"]", doc.path("paths").path("/api/v1/persons").path("get").path("x-roles").toString());
    assertEquals(4, doc.path("paths").path("/api/v1/me").path("get").path("x-roles").size());
  }

  @Test
  void examples_useChineseNames_andValidIdNumbers() {
    JsonNode person = doc.path("components").path("schemas").path("PersonInput").path("example");
    assertEquals("张伟", person.path("name").asText());
    String id = person.path("idNumber").asText();
    assertEquals(id.charAt(17), IdNumbers.checkChar(id.substring(0, 17)));
    assertEquals(person.path("birthDate").asText(), IdNumbers.birthDate(id).toString());
    assertEquals(person.path("gender").asText(), IdNumbers.gender(id));
    assertTrue(doc.path("components").path("schemas").path("AuthResource.LoginRequest").has("example"));
    JsonNode category = doc.path("components").path("schemas").path("PersonInput").path("properties").path("category");
    assertTrue(category.path("enum").toString().contains("INTELLECTUAL"), category.toString());
  }

  @Test
  void pagesAndAssets_areNotPartOfTheApiDocument() {
    doc.path("paths").fieldNames().forEachRemaining(p -> assertTrue(p.startsWith("/api/v1/"), p));
    assertTrue(doc.path("paths").path("/api/v1/openapi.json").has("get"));
  }
}
