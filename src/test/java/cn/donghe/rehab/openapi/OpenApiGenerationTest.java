package cn.donghe.rehab.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.common.Page;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.swagger.v3.core.util.Json;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator on resources that do not exist yet in this code base: everything is derived from code. */
class OpenApiGenerationTest {
  enum Setting { HOME, COMMUNITY, INSTITUTION }

  @Path("/api/v1")
  @Produces(MediaType.APPLICATION_JSON)
  public static class SampleResource {
    public record Sample(UUID id, BigDecimal fee, LocalDate date, Instant at, Setting setting, String notes, Carer carer,
                         long count, Long total, java.math.BigInteger big,
                         @io.swagger.v3.oas.annotations.media.Schema(oneOf = {Long.class, String.class}) Object amount) {}
    public record Carer(String name) {}

    @POST @Path("/sessions") @RolesAllowed("INSTITUTION") @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Auth AppUser user, @HeaderParam("Idempotency-Key") String key, Sample body) {
      return Response.status(201).entity(make(body)).build();
    }

    @POST @Path("/samples/{id}/void") @RolesAllowed("INSTITUTION")
    public Response voidSample(@Auth AppUser user, @PathParam("id") String id) {
      if (id.isEmpty()) return Response.noContent().build();
      return Response.ok(List.of(id)).header("X-Note", "n").build();
    }

    @PUT @Path("/samples/{id}") @RolesAllowed("ADMIN") @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@Auth AppUser user, @PathParam("id") String id, Sample body) {
      check(body, 200);
      return Response.status(id.length() > 3 ? 200 : 201).entity(make(body)).build();
    }

    private static void check(Sample s, int max) {}

    private static Sample make(Sample s) { return s; }

    @PUT @Path("/plans/{planId}") @RolesAllowed({"DOCTOR", "ADMIN"}) @Consumes(MediaType.APPLICATION_JSON)
    public Sample revise(@Auth AppUser user, @PathParam("planId") String planId, Sample body) { return null; }

    @GET @Path("/samples") @PermitAll
    public Page<Sample> list(@Auth AppUser user, @HeaderParam("X-Trace") String trace, @QueryParam("limit") String limit) { return null; }

    @DELETE @Path("/samples/{id}") @RolesAllowed("ADMIN")
    public void remove(@Auth AppUser user, @PathParam("id") String id) {}

    @GET @Path("/samples.csv") @Public @Produces("text/csv")
    public String export() { return null; }
  }

  @Path("/app")
  public static class PageResource {
    @GET @Public @Produces(MediaType.TEXT_HTML) public String page() { return ""; }
  }

  private static JsonNode doc;

  @BeforeAll
  static void build() throws Exception {
    doc = new ObjectMapper().readTree(Json.pretty(OpenApiDocument.build(Set.of(SampleResource.class, PageResource.class))));
  }

  private static JsonNode op(String path, String verb) { return doc.path("paths").path(path).path(verb); }

  private static List<String> statuses(JsonNode op) {
    List<String> s = new ArrayList<>();
    op.path("responses").fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static JsonNode param(JsonNode op, String in, String name) {
    for (JsonNode p : op.path("parameters")) if (p.path("in").asText().equals(in) && p.path("name").asText().equals(name)) return p;
    return null;
  }

  @Test
  void postSessions_hasIdRolesBearerRequiredIdempotencyKeyAndStandardErrors() {
    JsonNode post = op("/api/v1/sessions", "post");
    assertEquals("SampleResource_create", post.path("operationId").asText());
    assertEquals("INSTITUTION", post.path("x-roles").get(0).asText());
    assertTrue(post.path("security").get(0).has("bearerAuth"));
    JsonNode key = param(post, "header", "Idempotency-Key");
    assertTrue(key != null && key.path("required").asBoolean(), post.toString());
    assertTrue(post.path("requestBody").path("required").asBoolean());
    assertEquals("#/components/schemas/SampleResource.Sample",
        post.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText());
    assertEquals("#/components/schemas/SampleResource.Sample",
        post.path("responses").path("201").path("content").path("application/json").path("schema").path("$ref").asText(), post.toString());
    assertTrue(statuses(post).containsAll(List.of("201", "400", "401", "403", "404", "409", "413", "422", "default")), statuses(post).toString());
    assertEquals("#/components/responses/ValidationFailed", post.path("responses").path("422").path("$ref").asText());
    assertFalse(doc.path("components").path("schemas").has("AppUser"), "the @Auth principal is not a request body");
  }

  @Test
  void bareResponse_statusesAndEntityTypes_areReadFromTheBytecode() {
    JsonNode v = op("/api/v1/samples/{id}/void", "post");
    assertTrue(statuses(v).containsAll(List.of("200", "204")), statuses(v).toString());
    assertFalse(statuses(v).contains("201"));
    assertTrue(v.path("responses").path("204").path("content").isMissingNode());
    JsonNode put = op("/api/v1/samples/{id}", "put");
    assertEquals(List.of("200", "201"), statuses(put).stream().filter(x -> x.startsWith("2")).sorted().toList(), put.toString());
    assertEquals("array", v.path("responses").path("200").path("content").path("application/json").path("schema").path("type").asText(), v.toString());
  }

  @Test
  void putPlan_requiresIfMatch_evenWithoutHeaderParam_andDeclares412And428() {
    JsonNode put = op("/api/v1/plans/{planId}", "put");
    JsonNode ifMatch = param(put, "header", "If-Match");
    assertTrue(ifMatch != null && ifMatch.path("required").asBoolean(), put.toString());
    assertTrue(statuses(put).containsAll(List.of("200", "412", "428")), statuses(put).toString());
    assertEquals(List.of("ADMIN", "DOCTOR"), List.of(put.path("x-roles").get(0).asText(), put.path("x-roles").get(1).asText()));
  }

  @Test
  void schemas_moneyIsTwoDecimalString_datesInstantsEnums() {
    JsonNode sample = doc.path("components").path("schemas").path("SampleResource.Sample").path("properties");
    assertEquals("string", sample.path("fee").path("type").asText());
    assertEquals(SchemaConverters.MONEY_PATTERN, sample.path("fee").path("pattern").asText());
    assertTrue("20000.00".matches(sample.path("fee").path("pattern").asText()));
    assertFalse("20000.5".matches(sample.path("fee").path("pattern").asText()));
    assertEquals("date", sample.path("date").path("format").asText());
    assertEquals("date-time", sample.path("at").path("format").asText());
    assertEquals("uuid", sample.path("id").path("format").asText());
    assertEquals("[\"HOME\",\"COMMUNITY\",\"INSTITUTION\"]", sample.path("setting").path("enum").toString());
  }

  @Test
  void whatMayBeNull_isNullableInAForm30ValidatorsRead_andCountsAreIntegers() {
    JsonNode schemas = doc.path("components").path("schemas");
    JsonNode sample = schemas.path("SampleResource.Sample").path("properties");
    // a nested record that may be null: $ref ignores its siblings, so nullable: true beside it would say nothing
    assertEquals("[{\"$ref\":\"#/components/schemas/SampleResource.Carer\"},{\"$ref\":\"#/components/schemas/Null\"}]",
        sample.path("carer").path("anyOf").toString());
    assertEquals("[null]", schemas.path("Null").path("enum").toString());
    assertTrue(schemas.path("Null").path("nullable").asBoolean());
    // an Object that is a count or a money string: no "type: object" (which forbids both), null as an alternative
    assertTrue(sample.path("amount").path("type").isMissingNode(), sample.path("amount").toString());
    List<String> alternatives = new ArrayList<>();
    sample.path("amount").path("oneOf").forEach(a -> alternatives.add(a.has("$ref") ? a.path("$ref").asText() : a.path("type").asText()));
    assertEquals(List.of("integer", "string", "#/components/schemas/Null"), alternatives);
    assertTrue(sample.path("notes").path("nullable").asBoolean());
    for (String count : List.of("count", "total", "big")) assertEquals("integer", sample.path(count).path("type").asText(), count);

    // and the independent validator agrees: null where the document allows it, numbers where it says integer
    com.atlassian.oai.validator.OpenApiInteractionValidator validator =
        com.atlassian.oai.validator.OpenApiInteractionValidator.createForInlineApiSpecification(doc.toString()).build();
    java.util.function.Function<String, Boolean> valid = body -> !validator.validateResponse("/api/v1/samples/abcd",
        com.atlassian.oai.validator.model.Request.Method.PUT, com.atlassian.oai.validator.model.SimpleResponse.Builder.ok()
            .withContentType("application/json").withBody(body).build()).hasErrors();
    assertTrue(valid.apply("{\"carer\":null,\"amount\":null,\"notes\":null,\"count\":3,\"big\":12345678901234567890}"));
    assertTrue(valid.apply("{\"carer\":{\"name\":\"李娜\"},\"amount\":42}"));
    assertTrue(valid.apply("{\"amount\":\"35000.00\"}"));
    assertFalse(valid.apply("{\"carer\":5}"));
    assertFalse(valid.apply("{\"amount\":{}}"));
    assertFalse(valid.apply("{\"count\":\"3\"}"));
  }

  @Test
  void anyHeaderParam_appears_limitIsBoundedInteger_voidIs204() {
    JsonNode list = op("/api/v1/samples", "get");
    assertTrue(param(list, "header", "X-Trace") != null, list.toString());
    JsonNode limit = param(list, "query", "limit");
    assertEquals("integer", limit.path("schema").path("type").asText());
    assertEquals(500, limit.path("schema").path("maximum").asInt());
    assertEquals(4, list.path("x-roles").size());
    assertTrue(statuses(op("/api/v1/samples/{id}", "delete")).contains("204"));
  }

  @Test
  void publicOperation_hasNoSecurity_csvIsText_andPagesAreLeftOut() {
    JsonNode csv = op("/api/v1/samples.csv", "get");
    assertTrue(csv.path("security").isArray() && csv.path("security").isEmpty(), csv.toString());
    assertEquals(0, csv.path("x-roles").size());
    assertEquals("string", csv.path("responses").path("200").path("content").path("text/csv").path("schema").path("type").asText());
    assertTrue(doc.path("paths").path("/app").isMissingNode());
  }
}
