package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Problem;
import cn.donghe.rehab.common.Problems;
import cn.donghe.rehab.common.RequestIdFilter;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The person registry. */
@Path("/api/v1/persons")
@Produces(MediaType.APPLICATION_JSON)
public class PersonResource {
  private final PersonService service;
  private final PersonImport importer;
  private final PersonUpsert upserter;

  public PersonResource(PersonService service, PersonImport importer, PersonUpsert upserter) {
    this.service = service;
    this.importer = importer;
    this.upserter = upserter;
  }

  /** 201; 401; 403 not ADMIN; 409 ID or certificate number already registered (named in errors); 422 invalid field (ID check digit, birth date/gender mismatch ...). */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, PersonInput body) {
    if (body == null) throw ApiException.invalid("name", "必填 / required");
    return Response.status(201).entity(service.create(admin, body)).build();
  }

  /** 200 page of persons in scope (numbers masked); 400 bad filter; 401; 403 INSTITUTION. */
  @GET @RolesAllowed({Role.ADMIN_S, Role.DOCTOR_S, Role.GUARDIAN_S})
  public Page<Person> list(@Auth AppUser user, @QueryParam("regionCode") String regionCode, @QueryParam("category") String category,
                           @QueryParam("grade") String grade, @QueryParam("q") String q, @QueryParam("status") String status,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return service.list(user, blank(regionCode), blank(category), blank(grade), blank(q), blank(status), PageRequest.parse(limit, cursor));
  }

  /** 200 the person (ADMIN: full numbers, audited); 401; 404 unknown or out of scope. */
  @GET @Path("/{id}") @PermitAll
  public Person get(@Auth AppUser user, @PathParam("id") String id) {
    return service.get(user, Ids.parseOrNotFound(id, "人员 person"));
  }

  /** 200 the person; 401; 404 unknown number or out of scope; 422 neither or both numbers given; 429 too many misses by a non-admin (Retry-After). */
  @POST @Path("/lookup") @PermitAll @Consumes(MediaType.APPLICATION_JSON)
  public Person lookup(@Auth AppUser user, PersonService.Lookup body) {
    if (body == null) throw ApiException.invalid("idNumber", "必填 / required");
    return service.lookup(user, body);
  }

  /** 200 updated; 401; 403 not ADMIN; 404 unknown or out of region; 422 invalid field. */
  @PATCH @Path("/{id}") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Person patch(@Auth AppUser admin, @PathParam("id") String id, PersonService.PersonPatch body) {
    if (body == null) throw ApiException.invalid("status", "请求体为空 / empty body");
    return service.patch(admin, Ids.parseOrNotFound(id, "人员 person"), body);
  }

  /**
   * CSV import, all or nothing. 200 {@code {"imported":N,"rejected":[]}} (dry run: {@code "valid":N}, nothing stored);
   * with {@code mode=upsert} 200 {@code {"mode","dryRun","created","updated","unchanged","failed","rows":[{"line","outcome",
   * "personId"?,"changes"?,"errors"?}]}} (see docs/register.md), 422 the same report as problem+json when a row is ERROR;
   * 400 not UTF-8, malformed CSV, bad dryRun or mode; 401; 403 not ADMIN; 413 over 1 MiB; 415 not text/csv;
   * 422 problem+json with {@code "imported":0,"rejected":[{"line","errors":[{"field","message"}]}]}, nothing stored.
   */
  @POST @Path("/import") @RolesAllowed(Role.ADMIN_S) @Consumes({"text/csv", "application/csv"})
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "导入结果 / import result",
      content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
          schema = @io.swagger.v3.oas.annotations.media.Schema(oneOf = {PersonImport.Report.class, PersonUpsert.Report.class})))
  public Response importCsv(@Auth AppUser admin, @QueryParam("dryRun") String dryRun, @QueryParam("mode") String mode, byte[] body) {
    boolean dry = switch (dryRun == null ? "false" : dryRun.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw ApiException.badRequest("dryRun", "dryRun 须为 true 或 false / dryRun must be true or false");
    };
    boolean upsert = switch (mode == null ? "" : mode.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "", "create" -> false;
      case "upsert" -> true;
      default -> throw ApiException.badRequest("mode", "mode 须为 create 或 upsert / mode must be create or upsert");
    };
    if (upsert) return upsertResponse(upserter.run(admin, body == null ? new byte[0] : body, dry));
    PersonImport.Report report = importer.run(admin, body == null ? new byte[0] : body, dry);
    if (report.ok()) return Response.ok(report).build();
    java.util.Map<String, Object> problem = rejectedImport(report.rejected().size() + " 行未通过校验，未导入任何数据 / "
        + report.rejected().size() + " line(s) failed validation; nothing was imported");
    problem.put("imported", 0);
    if (dry) {
      problem.put("dryRun", true);
      problem.put("valid", report.valid());
    }
    problem.put("rejected", report.rejected());
    return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static Response upsertResponse(PersonUpsert.Report report) {
    if (report.ok()) return Response.ok(report).build();
    java.util.Map<String, Object> problem = rejectedImport(report.failed() + " 行未通过校验，未写入任何数据 / " + report.failed()
        + " line(s) failed validation; nothing was written");
    problem.put("mode", report.mode());
    problem.put("dryRun", report.dryRun());
    problem.put("created", report.created());
    problem.put("updated", report.updated());
    problem.put("unchanged", report.unchanged());
    problem.put("failed", report.failed());
    problem.put("rows", report.rows());
    return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  /** The problem+json members of a rejected import (422 import-rejected); the caller adds the report's members. */
  private static java.util.Map<String, Object> rejectedImport(String detail) {
    java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
    problem.put("type", Problem.TYPE_BASE + "import-rejected");
    problem.put("title", Problems.titleFor(422));
    problem.put("status", 422);
    problem.put("detail", detail);
    problem.put("requestId", org.slf4j.MDC.get(RequestIdFilter.MDC_KEY));
    return problem;
  }

  static String blank(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
