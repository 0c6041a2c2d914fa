package cn.donghe.rehab.reports;

import cn.donghe.rehab.common.Exports;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Published (frozen) indicator reports. ADMIN only; a regional admin publishes and reads its own region's. */
@Path("/api/v1/reports/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {
  private static final String SNAPSHOT = "报表快照 report snapshot";
  private final SnapshotService service;

  public SnapshotResource(SnapshotService service) { this.service = service; }

  /** 201 the snapshot; 401; 403 not ADMIN; 404 unknown region or outside the caller's region; 422 year/regionCode/groupBy/asOf. */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser user, ReportSnapshot.Input body) {
    if (body == null) throw ApiException.invalid("year", "必填 / required");
    ReportSnapshot s = service.create(user, body);
    return Response.created(URI.create("/api/v1/reports/snapshots/" + s.id())).entity(s).build();
  }

  /** 200 page of snapshots in the caller's region, oldest first; 400 bad year/limit/cursor; 401; 403 not ADMIN. */
  @GET @RolesAllowed(Role.ADMIN_S)
  public Page<ReportSnapshot> list(@Auth AppUser user, @QueryParam("year") String year, @QueryParam("limit") String limit,
                                   @QueryParam("cursor") String cursor) {
    return service.list(user, ReportParams.year(year), PageRequest.parse(limit, cursor));
  }

  /** 200 the snapshot (JSON, or its report as CSV/XLSX); 400 bad format; 401; 403 not ADMIN; 404 unknown or outside the caller's region. */
  @GET @Path("/{id}") @RolesAllowed(Role.ADMIN_S) @Produces({MediaType.APPLICATION_JSON, Exports.CSV, Exports.XLSX})
  public Response get(@Auth AppUser user, @PathParam("id") String id, @QueryParam("format") String format, @Context HttpHeaders headers) {
    Exports.Format f = Exports.choose(format, headers);
    ReportSnapshot s = service.get(user, Ids.parseOrNotFound(id, SNAPSHOT));
    if (f == Exports.Format.JSON) return Response.ok(s, MediaType.APPLICATION_JSON_TYPE).build();
    return Exports.file(f, "snapshot-" + s.year() + "-" + s.id(), ReportTables.indicators(s.report()));
  }

  /** 200 the snapshot's person-set hashes re-computed on today's data; 401; 403 not ADMIN; 404 unknown or out of region. */
  @GET @Path("/{id}/verification") @RolesAllowed(Role.ADMIN_S)
  public ReportSnapshot.Verification verify(@Auth AppUser user, @PathParam("id") String id) {
    return service.verify(user, Ids.parseOrNotFound(id, SNAPSHOT));
  }
}
