package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.devices.FittingService;
import cn.donghe.rehab.periods.Period;
import cn.donghe.rehab.periods.PeriodResource;
import cn.donghe.rehab.periods.PeriodService;
import cn.donghe.rehab.sessions.SessionService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ADMIN: the months of a year, OPEN or CLOSED, with close and reopen forms (district-wide admin only; PRG) and, for an
 * open month that has ended, what is still arriving in it: sessions logged in the last {@value #RECENT_DAYS} days dated
 * in it, and fittings requested in it that are still open. A regional admin sees the months only.
 */
@Path("/app/admin/periods")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminPeriodsResource {
  static final int RECENT_DAYS = 3;
  private static final Map<String, String> FIELDS = Map.of("period", "periods.month", "note", "periods.note", "reason", "periods.reason");
  private final PeriodService periods;
  private final SessionService sessions;
  private final FittingService fittings;
  private final Clock clock;

  AdminPeriodsResource(PeriodService periods, SessionService sessions, FittingService fittings, Clock clock) {
    this.periods = periods;
    this.sessions = sessions;
    this.fittings = fittings;
    this.clock = clock;
  }

  /** One row of the page: the month, whether it may be closed now, and what is pending in it (null when nothing). */
  public record Row(Period month, boolean ended, Long recentSessions, Long openFittings) {
    public boolean getPending() { return recentSessions != null; }
  }

  /** 200 the year's months (default this year). */
  @GET
  public WebPage show(@Context ContainerRequestContext req, @QueryParam("year") String year, @QueryParam("done") String done) {
    WebContext web = WebContext.of(req);
    WebPage page = page(web, year(year), FormState.empty(), null);
    if ("closed".equals(done)) return page.withNotice("periods.closed");
    return "reopened".equals(done) ? page.withNotice("periods.reopened") : page;
  }

  /** 303 back to the year; 400 malformed month; 403 regional admin; 409 already closed; 422 month not ended. */
  @POST @Path("/{period}/close") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response close(@Context ContainerRequestContext req, @PathParam("period") String period, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    try {
      YearMonth m = PeriodResource.month(period);
      periods.close(web.user(), m, Web.blank(Web.field(form, "note")));
      return Web.seeOther("/app/admin/periods?year=" + m.getYear() + "&done=closed");
    } catch (ApiException e) {
      return refused(web, period, form, e);
    }
  }

  /** 303 back to the year; 400 malformed month; 403 regional admin; 409 not closed; 422 no reason. */
  @POST @Path("/{period}/reopen") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response reopen(@Context ContainerRequestContext req, @PathParam("period") String period, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    try {
      YearMonth m = PeriodResource.month(period);
      periods.reopen(web.user(), m, Web.blank(Web.field(form, "reason")));
      return Web.seeOther("/app/admin/periods?year=" + m.getYear() + "&done=reopened");
    } catch (ApiException e) {
      return refused(web, period, form, e);
    }
  }

  private Response refused(WebContext web, String period, MultivaluedMap<String, String> form, ApiException e) {
    int y = period != null && period.matches("[0-9]{4}-.*") ? year(period.substring(0, 4)) : LocalDate.now(clock).getYear();
    return page(web, y, FormState.of(form).withErrors(e, web, FIELDS), period).status(e.status());
  }

  private int year(String raw) {
    if (raw != null && raw.matches("20[0-9]{2}|2100")) return Integer.parseInt(raw);
    return LocalDate.now(clock).getYear();
  }

  private WebPage page(WebContext web, int year, FormState form, String failed) {
    LocalDate today = LocalDate.now(clock);
    boolean district = web.user().isGlobalAdmin();
    List<Row> rows = new ArrayList<>();
    for (Period p : periods.year(year)) {
      YearMonth m = YearMonth.parse(p.period());
      boolean ended = m.atEndOfMonth().isBefore(today);
      boolean pending = district && !p.closed() && !m.atDay(1).isAfter(today);
      rows.add(new Row(p, ended, pending ? sessions.countRecentlyLogged(m.atDay(1), m.atEndOfMonth(), RECENT_DAYS) : null,
          pending ? fittings.countOpenRequested(m.atDay(1), m.atEndOfMonth()) : null));
    }
    return WebPage.of(web, "admin/periods", "periods.title")
        .with("year", year)
        .with("rows", rows)
        .with("recentDays", RECENT_DAYS)
        .with("mayEdit", district)
        .with("failed", failed == null ? "" : failed)
        .withForm(form);
  }
}
