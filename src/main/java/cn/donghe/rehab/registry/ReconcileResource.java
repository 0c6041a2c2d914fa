package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.Exports;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** Reconciliation of the register with the federation's roster (DESIGN section 13). Reads only. */
@Path("/api/v1/persons/reconcile")
public class ReconcileResource {
  private static final List<String> HEADER = List.of("差异 Kind", "行 Line", "人员 Person ID", "身份证号 ID number", "姓名 Name",
      "区划 Region", "字段 Field", "登记 Register", "名册 Roster");
  private final PersonReconcile reconcile;

  public ReconcileResource(PersonReconcile reconcile) { this.reconcile = reconcile; }

  /**
   * 200 the differences (JSON, or CSV with BOM / XLSX by Accept or {@code ?format=}; numbers masked); roster rows that
   * cannot be read are listed under {@code invalid}; 400 not UTF-8, malformed CSV or bad format; 401; 403 not ADMIN;
   * 413 over 1 MiB; 415 not text/csv; 422 a required column missing. Nothing in the register changes.
   */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes({"text/csv", "application/csv"})
  @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "差异 / the differences", content = {
      @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
          schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = PersonReconcile.Result.class)),
      @io.swagger.v3.oas.annotations.media.Content(mediaType = Exports.CSV,
          schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")),
      @io.swagger.v3.oas.annotations.media.Content(mediaType = Exports.XLSX,
          schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))})
  public Response reconcile(@Auth AppUser admin, @QueryParam("format") String format, @Context HttpHeaders headers, byte[] body) {
    Exports.Format f = Exports.choose(format, headers);
    PersonReconcile.Result r = reconcile.run(admin, body == null ? new byte[0] : body);
    if (f == Exports.Format.JSON) return Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build();
    List<List<Object>> rows = new ArrayList<>();
    r.onlyInRoster().forEach(p -> rows.add(List.of("ONLY_IN_ROSTER", p.line(), "", p.idNumber(), nz(p.name()), p.regionCode(), "", "", "")));
    r.onlyInRegister().forEach(p -> rows.add(List.of("ONLY_IN_REGISTER", "", p.personId().toString(), p.idNumber(), p.name(), p.regionCode(),
        "", "", "")));
    r.differences().forEach(d -> rows.add(List.of("DIFFERENT", d.line(), d.personId().toString(), "", d.name(), "", d.field(),
        nz(d.register()), d.roster())));
    r.invalid().forEach(i -> rows.add(List.of("INVALID", i.line(), "", "", "", "", i.errors().get(0).field(), "", i.errors().get(0).message())));
    List<List<Object>> towns = new ArrayList<>();
    r.towns().forEach(t -> towns.add(List.of(t.townCode(), t.onlyInRoster(), t.onlyInRegister(), t.differences())));
    return Exports.file(f, "reconciliation", List.of(new Exports.Table("差异 Differences", HEADER, rows),
        new Exports.Table("乡镇 Towns", List.of("乡镇 Town", "仅名册 Only in roster", "仅登记 Only in register", "字段差异 Differences"), towns)));
  }

  private static String nz(String s) { return s == null ? "" : s; }
}
