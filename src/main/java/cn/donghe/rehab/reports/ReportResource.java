package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.Exports;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;

/**
 * Indicator reports (DESIGN section 8), their worklists and FHIR MeasureReports. ADMIN only; a regional admin
 * sees their own region's subtree (another region answers 404). JSON, CSV or XLSX by {@code Accept} or {@code ?format=}.
 */
@Path("/api/v1/reports/indicators")
public class ReportResource {
  static final String FHIR_JSON = "application/fhir+json";
  private final ReportService service;
  private final ZoneId zone;

  public ReportResource(ReportService service, ZoneId zone) {
    this.service = service;
    this.zone = zone;
  }

  /**
   * 200 the report (JSON, CSV with BOM, or XLSX); 400 malformed year/regionCode/groupBy/asOf/definitionVersion/format; 401;
   * 403 not ADMIN; 404 unknown region or outside the caller's region.
   */
  @GET @RolesAllowed(Role.ADMIN_S) @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
  public Response indicators(@Auth AppUser user, @QueryParam("year") String year, @QueryParam("regionCode") String regionCode,
                             @QueryParam("groupBy") String groupBy, @QueryParam("asOf") String asOf,
                             @QueryParam("definitionVersion") String definitionVersion,
                             @QueryParam("format") String format, @Context HttpHeaders headers) {
    Exports.Format f = Exports.choose(format, headers);
    IndicatorReport r = service.indicators(user, ReportParams.parse(year, regionCode, groupBy, asOf, definitionVersion));
    if (f == Exports.Format.JSON) return Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build();
    return Exports.file(f, "indicators-" + r.year() + "-" + (r.regionCode() == null ? "all" : r.regionCode()), ReportTables.indicators(r));
  }

  /**
   * 200 a page of the worklist (JSON), or the whole list as CSV/XLSX; 400 malformed parameter; 401; 403 not ADMIN;
   * 404 unknown indicator or region; 422 export larger than the row limit.
   */
  @GET @Path("/{code}/unserved") @RolesAllowed(Role.ADMIN_S) @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
  public Response unserved(@Auth AppUser user, @PathParam("code") String code, @QueryParam("year") String year,
                           @QueryParam("regionCode") String regionCode, @QueryParam("asOf") String asOf,
                           @QueryParam("definitionVersion") String definitionVersion,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                           @QueryParam("format") String format, @Context HttpHeaders headers) {
    IndicatorCode c = IndicatorCode.parse(code);
    Exports.Format f = Exports.choose(format, headers);
    ReportParams p = ReportParams.parse(year, regionCode, null, asOf, definitionVersion);
    if (f == Exports.Format.JSON) return Response.ok(service.unserved(user, c, p, PageRequest.parse(limit, cursor)), MediaType.APPLICATION_JSON_TYPE).build();
    return Exports.file(f, "unserved-" + c.name() + "-" + (p.year() == null ? service.today().getYear() : p.year()) + "-"
        + (p.regionCode() == null ? "all" : p.regionCode()), ReportTables.worklist(service.unservedAll(user, c, p)));
  }

  /**
   * 200 a FHIR R4 MeasureReport (application/fhir+json) of a person indicator; 400 malformed parameter; 401;
   * 403 not ADMIN; 404 unknown indicator, CHILD_AID_UTILISATION (no FHIR measure) or region.
   */
  @GET @Path("/{code}/measure-report") @RolesAllowed(Role.ADMIN_S) @Produces({FHIR_JSON, MediaType.APPLICATION_JSON})
  public Response measureReport(@Auth AppUser user, @PathParam("code") String code, @QueryParam("year") String year,
                                     @QueryParam("regionCode") String regionCode, @QueryParam("asOf") String asOf,
                                     @QueryParam("definitionVersion") String definitionVersion) {
    IndicatorCode c = IndicatorCode.parse(code);
    if (!c.countsPersons()) throw cn.donghe.rehab.common.ApiException.notFound("FHIR 度量 FHIR measure");
    IndicatorReport r = service.indicators(user, ReportParams.parse(year, regionCode, null, asOf, definitionVersion));
    IndicatorReport.Indicator i = r.indicators().stream().filter(x -> x.code().equals(c.name())).findFirst().orElseThrow();
    // always labelled as FHIR JSON (also when the client asked for plain application/json)
    return Response.ok(MeasureReport.of(r, i, c, zone), FHIR_JSON + "; charset=UTF-8").build();
  }
}
