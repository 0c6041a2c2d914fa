package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.reports.GroupBy;
import cn.donghe.rehab.reports.IndicatorCode;
import cn.donghe.rehab.reports.IndicatorReport;
import cn.donghe.rehab.reports.ReportParams;
import cn.donghe.rehab.reports.ReportResource;
import cn.donghe.rehab.reports.ReportService;
import cn.donghe.rehab.reports.ReportSnapshot;
import cn.donghe.rehab.reports.SnapshotService;
import cn.donghe.rehab.reports.UnservedPerson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;

/**
 * ADMIN: the indicator dashboard (figures against targets, a bar chart per town or community with the same data as a
 * table, drill-down, CSV/XLSX downloads, publishing a snapshot) and the unserved worklist. Calls ReportService and
 * SnapshotService with the signed-in admin, so a regional admin sees only their region (another region = 404 page).
 * The downloads are the reports API's own files (same bytes), streamed with the cookie session.
 */
@Path("/app/admin/dashboard")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminDashboardResource {
  private final ReportService reports;
  private final SnapshotService snapshots;
  private final ReportResource files;
  private final Clock clock;

  AdminDashboardResource(ReportService reports, SnapshotService snapshots, ReportResource files, Clock clock) {
    this.reports = reports;
    this.snapshots = snapshots;
    this.files = files;
    this.clock = clock;
  }

  /** 200 the dashboard of a year (default this year), by TOWN (default) or COMMUNITY; 400 malformed; 404 region. */
  @GET
  public WebPage show(@Context ContainerRequestContext req, @QueryParam("year") String year, @QueryParam("regionCode") String regionCode,
                      @QueryParam("groupBy") String groupBy, @QueryParam("snapshot") String snapshot) {
    WebContext web = WebContext.of(req);
    int y = year(year, clock);
    String region = region(regionCode);
    GroupBy g = groupBy(groupBy);
    IndicatorReport r = reports.indicators(web.user(), new ReportParams(y, region, g, null));
    String query = "year=" + y + (region == null ? "" : "&regionCode=" + region) + "&groupBy=" + g.name();
    return WebPage.of(web, "admin/dashboard", "dash.title")
        .with("year", y)
        .with("regionCode", region)
        .with("regionName", r.regionName())
        .with("groupBy", g.name())
        .with("townLevel", g == GroupBy.TOWN)
        .with("byRegion", g == GroupBy.TOWN || g == GroupBy.COMMUNITY)
        .with("chartCaption", BREAKDOWN_KEYS.get(g).get(0))
        .with("tableCaption", BREAKDOWN_KEYS.get(g).get(1))
        .with("groupColumn", BREAKDOWN_KEYS.get(g).get(2))
        .with("breakdowns", java.util.List.of(
            breakdown("TOWN", "dash.breakdown.TOWN", g == GroupBy.TOWN || g == GroupBy.COMMUNITY),
            breakdown("AGE_BAND", "dash.breakdown.AGE_BAND", g == GroupBy.AGE_BAND),
            breakdown("SEX", "dash.breakdown.SEX", g == GroupBy.SEX)))
        .with("month", r.month())
        .with("asOf", r.asOf())
        .with("definitionVersion", r.definitionVersion())
        .with("definitions", r.indicators().stream().map(i -> i.definition().version()).toList())
        .with("query", query)
        .with("charts", DashboardViews.charts(r, web, g == GroupBy.TOWN))
        .with("geo", new Geo())
        .with("snapshot", snapshot != null && snapshot.matches("[0-9a-f-]{36}") ? snapshot : null);
  }

  /** Per breakdown the message keys of the chart caption, the table caption and the group column. */
  private static final java.util.Map<GroupBy, java.util.List<String>> BREAKDOWN_KEYS = java.util.Map.of(
      GroupBy.TOWN, java.util.List.of("dash.chart.caption.town", "dash.table.caption.town", "dash.col.town"),
      GroupBy.COMMUNITY, java.util.List.of("dash.chart.caption.community", "dash.table.caption.community", "dash.col.community"),
      GroupBy.AGE_BAND, java.util.List.of("dash.chart.caption.ageband", "dash.table.caption.ageband", "dash.col.ageband"),
      GroupBy.SEX, java.util.List.of("dash.chart.caption.sex", "dash.table.caption.sex", "dash.col.sex"));

  private static java.util.Map<String, Object> breakdown(String groupBy, String label, boolean current) {
    return java.util.Map.of("groupBy", groupBy, "label", label, "current", current);
  }

  /** The report as the API's CSV (UTF-8 with BOM) or XLSX file, with the same parameters as the page. */
  @GET @Path("export") @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
  public Response export(@Context ContainerRequestContext req, @QueryParam("year") String year, @QueryParam("regionCode") String regionCode,
                         @QueryParam("groupBy") String groupBy, @QueryParam("format") String format) {
    WebContext web = WebContext.of(req);
    int y = year(year, clock);
    String region = region(regionCode);
    String g = groupBy(groupBy).name();
    return files.indicators(web.user(), Integer.toString(y), region, g, null, null, null, fileFormat(format), null);
  }

  /** Publishes a snapshot of the shown report (SnapshotService, audited) and returns to the dashboard showing its id. */
  @POST @Path("snapshots") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response publish(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    int y = year(form.getFirst("year"), clock);
    String region = region(form.getFirst("regionCode"));
    String g = groupBy(form.getFirst("groupBy")).name();
    ReportSnapshot s = snapshots.create(web.user(), new ReportSnapshot.Input(y, region, g, null));
    return Web.seeOther("/app/admin/dashboard?year=" + y + (region == null ? "" : "&regionCode=" + region) + "&groupBy=" + g
        + "&snapshot=" + s.id());
  }

  /** The chart geometry constants for the template. */
  public static final class Geo {
    public int getWidth() { return DashboardViews.WIDTH; }
    public int getNameW() { return DashboardViews.NAME_W; }
    public int getBarX() { return DashboardViews.BAR_X; }
    public int getBarW() { return DashboardViews.BAR_W; }
    public int getBarEnd() { return DashboardViews.BAR_X + DashboardViews.BAR_W; }
    public int getRow() { return DashboardViews.ROW; }
  }

  static int year(String raw, Clock clock) {
    if (raw == null || raw.isBlank()) return LocalDate.now(clock).getYear();
    String s = raw.trim();
    if (s.matches("[0-9]{4}")) {
      int y = Integer.parseInt(s);
      if (y >= 2000 && y <= 2100) return y;
    }
    throw ApiException.badRequest("year", "year（年度）须为 2000 到 2100 / year must be 2000..2100");
  }

  static String region(String raw) {
    if (raw == null || raw.isBlank()) return null;
    String s = raw.trim();
    if (!s.matches("[0-9]{12}")) throw ApiException.badRequest("regionCode", "regionCode（区划代码）须为 12 位数字 / regionCode must be 12 digits");
    return s;
  }

  /** TOWN (default), COMMUNITY, AGE_BAND or SEX; anything else is 400 naming groupBy (never silently the town view). */
  static GroupBy groupBy(String raw) {
    if (raw == null || raw.isBlank()) return GroupBy.TOWN;
    String s = raw.trim();
    for (GroupBy g : new GroupBy[] {GroupBy.TOWN, GroupBy.COMMUNITY, GroupBy.AGE_BAND, GroupBy.SEX}) {
      if (s.equalsIgnoreCase(g.name())) return g;
    }
    throw ApiException.badRequest("groupBy", "groupBy（分组）须为 TOWN、COMMUNITY、AGE_BAND 或 SEX / groupBy must be TOWN, COMMUNITY, AGE_BAND or SEX");
  }

  /** csv (default) or xlsx; anything else is 400 naming format (never silently a CSV file). */
  static String fileFormat(String raw) {
    if (raw == null || raw.isBlank()) return "csv";
    String s = raw.trim();
    if (s.equalsIgnoreCase("csv") || s.equalsIgnoreCase("xlsx")) return s.toLowerCase(java.util.Locale.ROOT);
    throw ApiException.badRequest("format", "format（文件格式）须为 csv 或 xlsx / format must be csv or xlsx");
  }

  static IndicatorCode code(String raw) {
    try {
      return IndicatorCode.valueOf(raw == null ? "" : raw.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("指标 indicator");
    }
  }

  /** ADMIN: the unserved worklist of an indicator in a region (masked ID numbers), page by page, with its downloads. */
  @Path("/app/admin/worklist")
  @Produces(Web.HTML)
  @Public
  @WebRoles(Role.ADMIN)
  public static class Worklist {
    private final ReportService reports;
    private final ReportResource files;
    private final Clock clock;

    Worklist(ReportService reports, ReportResource files, Clock clock) {
      this.reports = reports;
      this.files = files;
      this.clock = clock;
    }

    /** 200 one page of the list; 400 malformed; 404 unknown indicator or region out of scope. */
    @GET
    public WebPage show(@Context ContainerRequestContext req, @QueryParam("code") String code, @QueryParam("year") String year,
                        @QueryParam("regionCode") String regionCode, @QueryParam("cursor") String cursor) {
      WebContext web = WebContext.of(req);
      IndicatorCode c = code(code);
      int y = year(year, clock);
      String region = region(regionCode);
      Page<UnservedPerson> page = reports.unserved(web.user(), c, new ReportParams(y, region, null, null), PageRequest.parse("50", cursor));
      String query = "code=" + c.name() + "&year=" + y + (region == null ? "" : "&regionCode=" + region);
      return WebPage.of(web, "admin/worklist", "worklist.title")
          .with("code", c.name())
          .with("year", y)
          .with("regionCode", region)
          .with("query", query)
          .with("rows", page.items())
          .with("nextCursor", page.nextCursor());
    }

    /** The whole list as the API's CSV or XLSX file. */
    @GET @Path("export") @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    public Response export(@Context ContainerRequestContext req, @QueryParam("code") String code, @QueryParam("year") String year,
                           @QueryParam("regionCode") String regionCode, @QueryParam("format") String format) {
      WebContext web = WebContext.of(req);
      return files.unserved(web.user(), code(code).name(), Integer.toString(year(year, clock)), region(regionCode), null, null, null, null, null,
          fileFormat(format), null);
    }
  }
}
