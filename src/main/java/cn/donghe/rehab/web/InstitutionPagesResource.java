package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.childaid.AidAccount;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
import cn.donghe.rehab.sessions.Session;
import cn.donghe.rehab.sessions.SessionInput;
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
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * INSTITUTION: serve a person found by number (their plan's interventions for this institution, their
 * child-aid balance, the session form), the logged session with its aid split, today's and this
 * month's sessions, and voiding with a reason. The session form carries an idempotency key made when
 * the form is rendered and passed to SessionService as the Idempotency-Key, so a double submit logs
 * one session.
 */
@Path("/app/institution")
@Produces(Web.HTML)
@Public
@WebRoles(Role.INSTITUTION)
public class InstitutionPagesResource {
  static final Map<String, String> SESSION_FIELDS = Map.of("serviceType", "session.serviceType", "date", "session.date",
      "durationMinutes", "session.minutes", "therapist", "session.therapist", "fee", "session.fee", "useChildAid", "session.useChildAid",
      "notes", "session.notes");
  static final Map<String, String> FIND_FIELDS = Map.of("kind", "find.kind", "number", "find.number");
  static final Map<String, String> VOID_FIELDS = Map.of("reason", "session.void.reason");
  private static final String SESSION = "康复记录 session";
  private final PersonService persons;
  private final AidAccountService aid;
  private final SessionService sessions;
  private final PlanViews plans;
  private final Regions regions;
  private final ReferralPages referrals;
  private final Clock clock;

  InstitutionPagesResource(PersonService persons, AidAccountService aid, SessionService sessions, PlanViews plans, Regions regions,
                           ReferralPages referrals, Clock clock) {
    this.referrals = referrals;
    this.persons = persons;
    this.regions = regions;
    this.aid = aid;
    this.sessions = sessions;
    this.plans = plans;
    this.clock = clock;
  }

  /** The lookup form. The number goes in a POST body, never in a URL. */
  @GET @Path("find")
  public WebPage findForm(@Context ContainerRequestContext req) {
    return WebPage.of(WebContext.of(req), "institution/find", "find.title").withForm(FormState.empty());
  }

  /** 200 the person (masked numbers) with the link to serve them; 404/422 the form with the reason. */
  @POST @Path("find") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response find(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    String number = Web.field(form, "number");
    boolean byId = "idNumber".equals(Web.field(form, "kind"));
    FormState state = FormState.of(form);
    WebPage page = WebPage.of(web, "institution/find", "find.title");
    if (number == null) {
      return page.withForm(state.withErrors(List.of(new FieldError("number", web.t("form.required"))), web, FIND_FIELDS)).status(422);
    }
    try {
      Person p = persons.lookup(web.user(), new PersonService.Lookup(byId ? number : null, byId ? null : number));
      return page.withForm(state.without("number")).with("person", p).with("regionName", regions.names(web.user()).getOrDefault(p.regionCode(), ""))
          .status(200);
    } catch (ApiException e) {
      String msg = e.status() == 404 ? web.t("find.notFound") : web.lang().pick(e.getMessage());
      return Web.withRetryAfter(page.withForm(state.withErrors(List.of(new FieldError("number", msg)), web, FIND_FIELDS)).status(e.status()), e);
    }
  }

  /** 200 the person with the session form (a fresh idempotency key); 404 unknown person. */
  @GET @Path("persons/{id}")
  public WebPage serve(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, "人员 person"));
    MultivaluedMap<String, String> defaults = new MultivaluedHashMap<>();
    defaults.putSingle("idempotencyKey", UUID.randomUUID().toString());
    defaults.putSingle("date", today().toString());
    defaults.putSingle("useChildAid", "true");
    return servePage(web, p, FormState.of(defaults));
  }

  /** 303 to the logged session (also for a repeated submit of the same form); 409/422 the form again with the reasons. */
  @POST @Path("persons/{id}/sessions") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response log(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, "人员 person"));
    FormInput in = new FormInput(form, web);
    try {
      SessionInput body = new SessionInput(p.id(), in.text("serviceType"), in.date("date"), in.integer("durationMinutes"),
          in.text("therapist"), in.money("fee"), in.checked("useChildAid"), in.text("notes"), uuidOrNull(in.text("planId")),
          in.integer("planRevision"), null, null, null, null);
      in.throwIfAny();
      SessionService.Created c = sessions.create(web.user(), in.text("idempotencyKey"), body);
      return Web.seeOther("/app/institution/sessions/" + c.session().id() + "?logged=1");
    } catch (ApiException e) {
      return servePage(web, p, FormState.of(form).withErrors(e, web, SESSION_FIELDS)).status(e.status());
    }
  }

  private WebPage servePage(WebContext web, Person p, FormState form) {
    AppUser user = web.user();
    int year = today().getYear();
    Plan plan = plans.current(user, p.id());
    List<PlanViews.InterventionView> mine = plans.interventions(plan).stream()
        .filter(i -> Objects.equals(i.institutionId(), user.institutionId())).toList();
    List<Session> recent = new ArrayList<>(sessions.list(user, p.id(), LocalDate.of(year, 1, 1), null, PageRequest.parse("100", null)).items());
    Collections.reverse(recent);
    return WebPage.of(web, "institution/person", "serve.title", p.name())
        .with("person", p)
        .with("year", year)
        .with("account", account(user, p.id(), year))
        .with("plan", plan)
        .with("interventions", mine)
        .with("serviceTypes", ServiceTypeCodes.CODES)
        .with("sessions", recent)
        .withForm(form);
  }

  /** This year's aid account, or null when the child has none or this institution may not read it. */
  private AidAccount account(AppUser user, UUID personId, int year) {
    try {
      return aid.list(user, personId, year, PageRequest.parse("1", null)).items().stream().findFirst().orElse(null);
    } catch (ApiException e) {
      if (e.status() == 404) return null;
      throw e;
    }
  }

  /** 200 an incoming referral with the accept (appointment date) and decline (reason) forms while PENDING; 404 not ours. */
  @GET @Path("referrals/{rid}")
  public WebPage referral(@Context ContainerRequestContext req, @PathParam("rid") String rid, @QueryParam("done") String done) {
    WebContext web = WebContext.of(req);
    WebPage page = referrals.referralPage(web, Ids.parseOrNotFound(rid, ReferralPages.WHAT), FormState.empty());
    if ("accept".equals(done)) page.withNotice("referral.accepted");
    if ("decline".equals(done)) page.withNotice("referral.declined");
    return page;
  }

  /** 303 back to the referral; 404 not ours; 409 not PENDING (page with the reason); 422 appointmentOn. */
  @POST @Path("referrals/{rid}/accept") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response accept(@Context ContainerRequestContext req, @PathParam("rid") String rid, MultivaluedMap<String, String> form) {
    return referrals.act(WebContext.of(req), Ids.parseOrNotFound(rid, ReferralPages.WHAT), "accept", form);
  }

  /** 303 back to the referral; 404 not ours; 409 not PENDING; 422 no reason. */
  @POST @Path("referrals/{rid}/decline") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response decline(@Context ContainerRequestContext req, @PathParam("rid") String rid, MultivaluedMap<String, String> form) {
    return referrals.act(WebContext.of(req), Ids.parseOrNotFound(rid, ReferralPages.WHAT), "decline", form);
  }

  /** Today's and this month's sessions of the institution, newest first. */
  @GET @Path("sessions")
  public WebPage sessions(@Context ContainerRequestContext req) {
    WebContext web = WebContext.of(req);
    LocalDate today = today();
    List<Session> month = new ArrayList<>(sessions.list(web.user(), null, today.withDayOfMonth(1), today, PageRequest.parse("500", null)).items());
    month.sort((a, b) -> b.date().compareTo(a.date()) != 0 ? b.date().compareTo(a.date()) : b.createdAt().compareTo(a.createdAt()));
    List<Session> todays = month.stream().filter(s -> s.date().equals(today)).toList();
    return WebPage.of(web, "institution/sessions", "sessions.title")
        .with("today", today)
        .with("todays", todays)
        .with("month", month)
        .with("names", names(month));
  }

  /** 200 one session with its aid split and the void form; 404 not this institution's. */
  @GET @Path("sessions/{sid}")
  public WebPage session(@Context ContainerRequestContext req, @PathParam("sid") String sid, @QueryParam("logged") String logged,
                         @QueryParam("voided") String voided) {
    WebContext web = WebContext.of(req);
    WebPage page = sessionPage(web, sessions.get(web.user(), Ids.parseOrNotFound(sid, SESSION)), FormState.empty());
    if (logged != null) page.withNotice("session.logged");
    if (voided != null) page.withNotice("session.voided");
    return page;
  }

  /** 303 back to the session (voiding twice changes nothing); 422 no reason; 404 not this institution's. */
  @POST @Path("sessions/{sid}/void") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response voidSession(@Context ContainerRequestContext req, @PathParam("sid") String sid, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    UUID id = Ids.parseOrNotFound(sid, SESSION);
    try {
      sessions.voidSession(web.user(), id, Web.field(form, "reason"));
      return Web.seeOther("/app/institution/sessions/" + id + "?voided=1");
    } catch (ApiException e) {
      if (e.status() == 404) throw e;
      return sessionPage(web, sessions.get(web.user(), id), FormState.of(form).withErrors(e, web, VOID_FIELDS)).status(e.status());
    }
  }

  private WebPage sessionPage(WebContext web, Session s, FormState form) {
    return WebPage.of(web, "institution/session", "session.title", persons.find(s.personId()).map(Person::name).orElse(""))
        .with("session", s)
        .withForm(form);
  }

  private Map<String, String> names(List<Session> list) {
    Map<String, String> out = new HashMap<>();
    list.stream().map(Session::personId).distinct()
        .forEach(pid -> out.put(pid.toString(), persons.find(pid).map(Person::name).orElse("")));
    return out;
  }

  private LocalDate today() { return LocalDate.now(clock); }

  private static UUID uuidOrNull(String s) {
    if (s == null) return null;
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
