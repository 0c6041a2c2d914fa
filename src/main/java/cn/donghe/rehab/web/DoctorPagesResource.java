package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.contracts.Assessment;
import cn.donghe.rehab.contracts.AssessmentService;
import cn.donghe.rehab.contracts.Contract;
import cn.donghe.rehab.contracts.ContractInputs;
import cn.donghe.rehab.contracts.ContractService;
import cn.donghe.rehab.devices.CatalogueService;
import cn.donghe.rehab.plans.Intervention;
import cn.donghe.rehab.plans.Plan;
import cn.donghe.rehab.plans.PlanContent;
import cn.donghe.rehab.plans.PlanRevision;
import cn.donghe.rehab.plans.PlanService;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
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
import cn.donghe.rehab.reports.ReportService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * DOCTOR: the signing worklist of their area, contracts expiring within 30 days, one contracted
 * person's workspace, the needs assessment form, the plan editor (If-Match from a hidden revision
 * field; a stale revision is explained, not overwritten) and the revision history with a readable diff.
 */
@Path("/app/doctor")
@Produces(Web.HTML)
@Public
@WebRoles(Role.DOCTOR)
public class DoctorPagesResource {
  static final int EXPIRING_DAYS = 30;
  static final Map<String, String> ASSESSMENT_FIELDS = Map.of("year", "assessment.year", "assessedOn", "assessment.assessedOn",
      "rehabNeeds", "assessment.rehabNeeds", "deviceNeeds", "assessment.deviceNeeds");
  private static final String PERSON = "人员 person";
  private final PersonService persons;
  private final ContractService contracts;
  private final AssessmentService assessments;
  private final PlanService plans;
  private final PlanViews planViews;
  private final InstitutionService institutions;
  private final CatalogueService catalogue;
  private final Regions regions;
  private final ReferralPages referrals;
  private final ReportService reports;
  private final Clock clock;

  DoctorPagesResource(PersonService persons, ContractService contracts, AssessmentService assessments, PlanService plans,
                      PlanViews planViews, InstitutionService institutions, CatalogueService catalogue, Regions regions,
                      ReferralPages referrals, ReportService reports, Clock clock) {
    this.referrals = referrals;
    this.reports = reports;
    this.persons = persons;
    this.contracts = contracts;
    this.assessments = assessments;
    this.plans = plans;
    this.planViews = planViews;
    this.institutions = institutions;
    this.catalogue = catalogue;
    this.regions = regions;
    this.clock = clock;
  }

  /** Persons with a contract active today with this doctor. */
  @GET @Path("persons")
  public WebPage contracted(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "doctor/persons", "doctor.persons.title")
        .with("persons", persons.list(web.user(), null, null, null, null, null, PageRequest.parse("50", Web.blank(cursor))))
        .with("regionNames", regions.names(web.user()));
  }

  /** ACTIVE persons of the doctor's area without a contract in force today (应签尽签). */
  @GET @Path("worklist")
  public WebPage worklist(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "doctor/worklist", "doctorWorklist.title")
        .with("persons", contracts.unsigned(web.user(), null, PageRequest.parse("50", Web.blank(cursor))))
        .with("regionNames", regions.names(web.user()));
  }

  /** The doctor's contracts in force today that end within 30 days and have no renewal yet. */
  @GET @Path("expiring")
  public WebPage expiring(@Context ContainerRequestContext req) {
    WebContext web = WebContext.of(req);
    List<Contract> list = new ArrayList<>(contracts.list(web.user(), new ContractInputs.ContractQuery(null, null, null, EXPIRING_DAYS),
        PageRequest.parse("500", null)).items());
    list.sort(Comparator.comparing(Contract::endDate));
    return WebPage.of(web, "doctor/expiring", "expiring.title", EXPIRING_DAYS).with("contracts", list).with("days", EXPIRING_DAYS);
  }

  /** 200 a contracted person's assessments and plan; 404 not contracted. */
  @GET @Path("persons/{id}")
  public WebPage person(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("saved") String saved) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    Plan plan = planViews.current(web.user(), p.id());
    WebPage page = WebPage.of(web, "doctor/person", "doctorPerson.title", p.name())
        .with("person", p)
        .with("assessments", assessments.list(web.user(), p.id()))
        .with("deviceNames", deviceNames())
        .with("plan", plan)
        .with("interventions", planViews.interventions(plan))
        .with("adherence", adherence(p));
    referrals.withLoop(page, web.user(), p, plan, planViews.interventions(plan));
    return saved != null ? page.withNotice("saved." + (SAVED.contains(saved) ? saved : "assessment")) : page;
  }

  private static final Set<String> SAVED = Set.of("plan", "session", "referral", "cancelled");

  /** The home-session form (HOME or COMMUNITY; no child aid, no fee): 200; 404 not contracted. */
  @GET @Path("persons/{id}/session")
  public WebPage sessionForm(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    return referrals.sessionForm(web, persons.get(web.user(), Ids.parseOrNotFound(id, PERSON)));
  }

  /** 303 to the person; 404 not contracted today; 409/422 the form again with the reasons beside the fields. */
  @POST @Path("persons/{id}/session") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logSession(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    return referrals.logSession(web, persons.get(web.user(), Ids.parseOrNotFound(id, PERSON)), form);
  }

  /** The referral form (institutions offering REHAB, service type, reason; the current plan is linked). */
  @GET @Path("persons/{id}/referral")
  public WebPage referForm(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    return referrals.referForm(web, p, planViews.current(web.user(), p.id()));
  }

  /** 303 to the person (the loop shows the PENDING referral); 404 not contracted; 409 referral-open; 422 the fields. */
  @POST @Path("persons/{id}/referral") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response refer(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    return referrals.refer(web, p, planViews.current(web.user(), p.id()), form);
  }

  /** The doctor's outgoing referrals with their status (overdue pending ones marked), newest first. */
  @GET @Path("referrals")
  public WebPage outgoing(@Context ContainerRequestContext req) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "doctor/referrals", "doctorReferrals.title").with("referrals", referrals.outgoing(web.user()));
  }

  /** The referring doctor cancels a PENDING referral: 303 to the person; 404 not theirs; 409 no longer PENDING. */
  @POST @Path("referrals/{rid}/cancel") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancelReferral(@Context ContainerRequestContext req, @PathParam("rid") String rid) {
    WebContext web = WebContext.of(req);
    return referrals.cancel(web, Ids.parseOrNotFound(rid, ReferralPages.WHAT));
  }

  /**
   * The form edits goal texts only: a goal whose text the plan already has keeps its outcome status (recorded by a
   * review), so revising the plan on this page does not reset outcomes to PROPOSED.
   */
  static PlanContent keepOutcomes(PlanContent content, Plan current) {
    if (content.goals() == null || current == null || current.goals() == null) return content;
    Map<String, cn.donghe.rehab.plans.Goal> byText = new LinkedHashMap<>();
    for (cn.donghe.rehab.plans.Goal g : current.goals()) byText.putIfAbsent(g.text(), g);
    List<cn.donghe.rehab.plans.Goal> goals = content.goals().stream().map(g -> byText.getOrDefault(g.text(), g)).toList();
    return new PlanContent(goals, content.interventions(), content.startDate(), content.reviewDate());
  }

  /** PLAN_ADHERENCE of the person: the last full month and this month so far (planned vs delivered by service type). */
  private List<Map<String, Object>> adherence(Person p) {
    java.time.YearMonth now = java.time.YearMonth.now(clock);
    List<Map<String, Object>> out = new ArrayList<>();
    for (java.time.YearMonth m : List.of(now.minusMonths(1), now)) {
      reports.planMonth(p.id(), p.regionCode(), m).ifPresent(g -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("month", m.toString());
        row.put("current", m.equals(now));
        row.put("gap", g);
        row.put("met", ReportService.adherent(g));
        out.add(row);
      });
    }
    return out;
  }

  @GET @Path("persons/{id}/assessment")
  public WebPage assessmentForm(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("year") String year) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    LocalDate today = LocalDate.now(clock);
    int y = year != null && year.matches("[0-9]{4}") ? Integer.parseInt(year) : today.getYear();
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    m.putSingle("year", Integer.toString(y));
    assessments.list(web.user(), p.id()).stream().filter(a -> a.year() == y).findFirst().ifPresentOrElse(a -> {
      m.putSingle("assessedOn", a.assessedOn().toString());
      m.put("rehabNeeds", new ArrayList<>(a.rehabNeeds()));
      m.put("deviceNeeds", new ArrayList<>(a.deviceNeeds()));
    }, () -> m.putSingle("assessedOn", (y == today.getYear() ? today : LocalDate.of(y, 12, 31)).toString()));
    return assessmentPage(web, p, FormState.of(m));
  }

  /** 303 to the person; 404 not contracted; 422 every invalid field next to its input. */
  @POST @Path("persons/{id}/assessment") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response assess(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    FormInput in = new FormInput(form, web);
    try {
      Assessment.Input body = new Assessment.Input(in.date("assessedOn"), in.all("rehabNeeds"), in.all("deviceNeeds"));
      in.throwIfAny();
      assessments.put(web.user(), p.id(), in.text("year"), body);
      return Web.seeOther("/app/doctor/persons/" + p.id() + "?saved=assessment");
    } catch (ApiException e) {
      return assessmentPage(web, p, FormState.of(form).withErrors(e, web, ASSESSMENT_FIELDS)).status(e.status());
    }
  }

  private WebPage assessmentPage(WebContext web, Person p, FormState form) {
    return WebPage.of(web, "doctor/assessment", "assessment.title", p.name())
        .with("person", p)
        .with("serviceTypes", ServiceTypeCodes.CODES)
        .with("devices", catalogue.list(null, null, "500", null).items())
        .withForm(form);
  }

  @GET @Path("persons/{id}/plan")
  public WebPage planForm(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    Person p = persons.get(web.user(), Ids.parseOrNotFound(id, PERSON));
    Plan plan = planViews.current(web.user(), p.id());
    return planPage(web, p, plan, FormState.of(PlanForm.of(plan, LocalDate.now(clock))));
  }

  /**
   * Creates the plan, or revises it with If-Match = the hidden revision. 303 to the history (revise) or
   * the person (create); 412 stale: the form again with the current plan shown and a clear message;
   * 409 plan exists / closed; 422 fields.
   */
  @POST @Path("persons/{id}/plan") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response savePlan(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    AppUser user = web.user();
    Person p = persons.get(user, Ids.parseOrNotFound(id, PERSON));
    MultivaluedMap<String, String> compacted = PlanForm.compact(form);
    FormInput in = new FormInput(compacted, web);
    String planId = in.text("planId");
    try {
      PlanContent content = PlanForm.content(compacted, in);
      Integer revision = in.integer("revision");
      in.throwIfAny();
      if (planId == null) {
        plans.create(user, p.id(), content);
        return Web.seeOther("/app/doctor/persons/" + p.id() + "?saved=plan");
      }
      UUID pid = Ids.parseOrNotFound(planId, "康复方案 plan");
      plans.revise(user, pid, revision == null ? Set.of() : Set.of(revision), keepOutcomes(content, plans.get(user, pid)));
      return Web.seeOther("/app/doctor/plans/" + pid + "/history?saved=1");
    } catch (ApiException e) {
      Plan current = planViews.current(user, p.id());
      FormState state = FormState.of(compacted);
      if (e.status() == 412 && current != null) {
        // Keep what the doctor typed, show the plan as it is now, and carry its revision: a second submit is a deliberate replacement.
        compacted.putSingle("revision", Integer.toString(current.revision()));
        state = FormState.of(compacted).withErrors(List.of(new FieldError("", web.t("plan.stale", current.revision()))), web, Map.of());
      } else {
        state = state.withErrors(e, web, PlanForm.labels(PlanForm.rows(compacted)));
      }
      return planPage(web, p, current, state).with("stale", e.status() == 412).status(e.status());
    }
  }

  private WebPage planPage(WebContext web, Person p, Plan current, FormState form) {
    List<Institution> serving = new ArrayList<>();
    for (String service : List.of("REHAB", "DEVICE")) {
      for (Institution i : institutions.list(web.user(), PageRequest.parse("500", null), service).items()) {
        if (serving.stream().noneMatch(x -> x.id().equals(i.id()))) serving.add(i);
      }
    }
    return WebPage.of(web, "doctor/plan", current == null ? "plan.new.title" : "plan.edit.title", p.name())
        .with("person", p)
        .with("current", current)
        .with("currentInterventions", planViews.interventions(current))
        .with("rows", PlanForm.rows(form.value("rows").isEmpty() ? new MultivaluedHashMap<>() : single("rows", form.value("rows"))))
        .with("serviceTypes", ServiceTypeCodes.CODES)
        .with("settings", ServiceTypeCodes.SETTINGS)
        .with("institutions", serving)
        .withForm(form);
  }

  /** Every revision of the plan (author, time) and what changed in each, in words. */
  @GET @Path("plans/{planId}/history")
  public WebPage history(@Context ContainerRequestContext req, @PathParam("planId") String planId, @QueryParam("saved") String saved) {
    WebContext web = WebContext.of(req);
    UUID id = Ids.parseOrNotFound(planId, "康复方案 plan");
    Plan plan = plans.get(web.user(), id);
    Person p = persons.get(web.user(), plan.personId());
    List<PlanRevision> revisions = new ArrayList<>(plans.revisions(web.user(), id));
    List<Intervention> all = new ArrayList<>();
    revisions.forEach(r -> all.addAll(r.content().interventions()));
    WebPage page = WebPage.of(web, "doctor/history", "history.title", p.name());
    List<PlanDiffView.Revision> diffs = new ArrayList<>(new PlanDiffView(page, planViews.names(all)).revisions(plans.diffs(web.user(), id)));
    java.util.Collections.reverse(diffs);
    java.util.Collections.reverse(revisions);
    page.with("plan", plan).with("person", p).with("revisions", revisions).with("diffs", diffs);
    return saved != null ? page.withNotice("saved.plan") : page;
  }

  private Map<String, String> deviceNames() {
    Map<String, String> m = new LinkedHashMap<>();
    catalogue.list(null, null, "500", null).items().forEach(t -> m.put(t.code(), t.name()));
    return m;
  }

  private static MultivaluedMap<String, String> single(String k, String v) {
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    m.putSingle(k, v);
    return m;
  }
}
