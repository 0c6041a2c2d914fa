package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.childaid.AidAccount;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.childaid.StatementCsv;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
import cn.donghe.rehab.sessions.Session;
import cn.donghe.rehab.sessions.SessionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * GUARDIAN: one child's page (this year's aid balance as a figure and a bar, the statement, sessions,
 * the current plan in plain words); and the statement as CSV for any role that may read the account.
 * Every read goes through the feature services with the signed-in user, so scope is the API's.
 */
@Path("/app")
@Produces(Web.HTML)
@Public
public class GuardianPagesResource {
  private final PersonService persons;
  private final AidAccountService aid;
  private final SessionService sessions;
  private final PlanViews plans;
  private final Regions regions;
  private final Clock clock;

  GuardianPagesResource(PersonService persons, AidAccountService aid, SessionService sessions, PlanViews plans, Regions regions, Clock clock) {
    this.persons = persons;
    this.regions = regions;
    this.aid = aid;
    this.sessions = sessions;
    this.plans = plans;
    this.clock = clock;
  }

  /** The guardian's own children, each linking to their page. */
  @GET @Path("guardian/children") @WebRoles(Role.GUARDIAN)
  public WebPage children(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "guardian/children", "children.title")
        .with("persons", persons.list(web.user(), null, null, null, null, null, PageRequest.parse("50", Web.blank(cursor))))
        .with("regionNames", regions.names(web.user()));
  }

  /** 200 the child's page; 404 not one of the guardian's children. */
  @GET @Path("guardian/children/{id}") @WebRoles(Role.GUARDIAN)
  public WebPage child(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    AppUser user = web.user();
    Person child = persons.get(user, Ids.parseOrNotFound(id, "人员 person"));
    int year = LocalDate.now(clock).getYear();
    AidAccount account = aid.list(user, child.id(), year, PageRequest.parse("1", null)).items().stream().findFirst().orElse(null);
    List<AidAccount.Entry> newestFirst = new ArrayList<>(account == null ? List.of() : account.entries());
    Collections.reverse(newestFirst);
    List<Session> recent = new ArrayList<>(sessions.list(user, child.id(), LocalDate.of(year, 1, 1), null, PageRequest.parse("200", null)).items());
    Collections.reverse(recent);
    Plan plan = plans.current(user, child.id());
    return WebPage.of(web, "guardian/child", "child.title", child.name())
        .with("child", child)
        .with("year", year)
        .with("account", account)
        .with("entries", newestFirst)
        .with("sessions", recent)
        .with("plan", plan)
        .with("interventions", plans.interventions(plan));
  }

  /** The balance statement of an aid account as CSV (the same file as the API's), for whoever may read the account. */
  @GET @Path("aid-accounts/{id}/statement.csv") @WebRoles @Produces("text/csv; charset=UTF-8")
  public Response statement(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    UUID accountId = Ids.parseOrNotFound(id, "救助账户 aid account");
    AidAccount a = aid.get(web.user(), accountId);
    return Response.ok(StatementCsv.render(a, web.zone()), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"aid-statement-" + a.year() + "-" + a.id() + ".csv\"").build();
  }
}
