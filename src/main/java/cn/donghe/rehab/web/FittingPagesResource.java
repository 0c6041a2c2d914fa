package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.devices.CatalogueService;
import cn.donghe.rehab.devices.DeviceType;
import cn.donghe.rehab.devices.Fitting;
import cn.donghe.rehab.devices.FittingService;
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
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * INSTITUTION staff of a DEVICE institution: the fittings board (适配) per status, a request for a person
 * found by number, and one fitting with the actions its status allows (assess, deliver with the subsidy
 * and service-life check shown first, follow up, cancel). Every action calls {@link FittingService}, so
 * the rules, scope (404 for another institution's fitting) and 403 for non-device institutions are the API's.
 */
@Path("/app/institution/fittings")
@Produces(Web.HTML)
@Public
@WebRoles(Role.INSTITUTION)
public class FittingPagesResource {
  static final Map<String, String> REQUEST_FIELDS = Map.of("kind", "find.kind", "number", "find.number",
      "personId", "find.number", "deviceTypeCode", "device.type");
  static final Map<String, String> ASSESS_FIELDS = Map.of("suitable", "fitting.suitable", "notes", "fitting.assessNotes");
  static final Map<String, String> DELIVER_FIELDS = Map.of("deliveredOn", "fitting.deliveredOn", "serialNo", "device.serialNo",
      "subsidy", "fitting.subsidy");
  static final Map<String, String> FOLLOW_UP_FIELDS = Map.of("on", "fitting.followUpOn", "outcome", "fitting.outcome",
      "followUpNotes", "fitting.followUpNotes");
  static final Map<String, String> CANCEL_FIELDS = Map.of("reason", "fitting.cancelReason");
  /** The confirmation shown after each action (?done=...), as message keys. */
  static final Map<String, String> DONE = Map.of("requested", "fitting.done.requested", "assessed", "fitting.done.assessed",
      "delivered", "fitting.done.delivered", "followed", "fitting.done.followed", "cancelled", "fitting.done.cancelled");
  static final List<String> OUTCOMES = List.of("IN_USE", "NOT_USED", "NEEDS_ADJUSTMENT");
  /** A delivered fitting not followed up this many days after delivery is listed as an overdue follow-up. */
  static final int FOLLOW_UP_DAYS = 30;
  private static final String FITTING = "适配 fitting";
  private final FittingService fittings;
  private final CatalogueService catalogue;
  private final PersonService persons;
  private final Clock clock;

  FittingPagesResource(FittingService fittings, CatalogueService catalogue, PersonService persons, Clock clock) {
    this.fittings = fittings;
    this.catalogue = catalogue;
    this.persons = persons;
    this.clock = clock;
  }

  /** A fitting with its person's name and, once delivered, the days since delivery. */
  public record Row(Fitting fitting, String personName, long days) {}

  /** 200 the board (overdue follow-ups first) and the request form; 403 page for a non-device institution. */
  @GET
  public WebPage board(@Context ContainerRequestContext req, @QueryParam("done") String done) {
    WebContext web = WebContext.of(req);
    MultivaluedMap<String, String> defaults = new MultivaluedHashMap<>();
    defaults.putSingle("kind", "certificateNo");
    WebPage page = boardPage(web, FormState.of(defaults));
    return done != null && DONE.containsKey(done) ? page.withNotice(DONE.get(done)) : page;
  }

  /** 303 to the new fitting; 404 number unknown; 409 pending fitting of that type; 422 the form naming the field. */
  @POST @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response request(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    String number = Web.field(form, "number");
    boolean byId = "idNumber".equals(Web.field(form, "kind"));
    FormState state = FormState.of(form);
    try {
      fittings.requireStaff(web.user()); // before the look-up: a refused request leaves no look-up or reach behind
      FormInput in = new FormInput(form, web);
      if (number == null) in.error("number", "form.required");
      if (in.text("deviceTypeCode") == null) in.error("deviceTypeCode", "form.required");
      in.throwIfAny();
      Person p;
      try {
        p = persons.lookup(web.user(), new PersonService.Lookup(byId ? number : null, byId ? null : number));
      } catch (ApiException e) {
        if (e.status() != 404) throw e;
        return boardPage(web, state.withErrors(List.of(new FieldError("number", web.t("find.notFound"))), web, REQUEST_FIELDS)).status(404);
      }
      Fitting f = fittings.create(web.user(), new FittingService.NewFitting(p.id(), in.text("deviceTypeCode"), null, null));
      return Web.seeOther("/app/institution/fittings/" + f.id() + "?done=requested");
    } catch (ApiException e) {
      if (e.status() == 403) throw e;
      return boardPage(web, state.withErrors(e, web, REQUEST_FIELDS)).status(e.status());
    }
  }

  private WebPage boardPage(WebContext web, FormState form) {
    AppUser u = web.user();
    LocalDate today = today();
    List<Row> fitted = rows(u, Fitting.FITTED, today);
    return WebPage.of(web, "institution/fittings", "fittings.title")
        .with("overdue", fitted.stream().filter(r -> r.days() > FOLLOW_UP_DAYS).toList())
        .with("requested", rows(u, Fitting.REQUESTED, today))
        .with("assessed", rows(u, Fitting.ASSESSED, today))
        .with("fitted", fitted.stream().filter(r -> r.days() <= FOLLOW_UP_DAYS).toList())
        .with("followUpDays", FOLLOW_UP_DAYS)
        .with("catalogue", catalogue.list(null, null, "500", null).items())
        .with("types", typeNames())
        .withForm(form.without("number"));
  }

  private List<Row> rows(AppUser u, String status, LocalDate today) {
    return fittings.list(u, null, status, null, PageRequest.parse("500", null)).items().stream()
        .map(f -> row(f, today))
        .sorted(Comparator.comparing((Row r) -> -r.days()).thenComparing(r -> r.fitting().requestedOn()))
        .toList();
  }

  private Row row(Fitting f, LocalDate today) {
    long days = f.deliveredOn() == null ? 0 : ChronoUnit.DAYS.between(f.deliveredOn(), today);
    return new Row(f, persons.find(f.personId()).map(Person::name).orElse(""), days);
  }

  /** 200 one fitting with the forms of its status; 404 unknown or another institution's. */
  @GET @Path("{id}")
  public WebPage fitting(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("done") String done) {
    WebContext web = WebContext.of(req);
    MultivaluedMap<String, String> defaults = new MultivaluedHashMap<>();
    defaults.putSingle("deliveredOn", today().toString());
    defaults.putSingle("on", today().toString());
    UUID fid = Ids.parseOrNotFound(id, FITTING);
    Fitting f = fittings.get(web.user(), fid);
    if (Fitting.ASSESSED.equals(f.status())) defaults.putSingle("subsidy", typeOf(f).subsidy().toPlainString());
    WebPage page = fittingPage(web, f, FormState.of(defaults));
    return done != null && DONE.containsKey(done) ? page.withNotice(DONE.get(done)) : page;
  }

  /** 303 back to the fitting; 409 not REQUESTED; 422 suitability missing. */
  @POST @Path("{id}/assess") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response assess(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return act(req, id, form, ASSESS_FIELDS, "assessed", in -> {
      String s = in.text("suitable");
      if (s != null && !s.equals("true") && !s.equals("false")) in.error("suitable", "form.choose");
      in.throwIfAny();
      return u -> fittings.assess(u.user(), u.id(), new FittingService.Assessment(s == null ? null : Boolean.valueOf(s), in.text("notes")));
    });
  }

  /** 303 back to the fitting; 409 not ASSESSED or subsidy within the service life; 422 date, serial or amount. */
  @POST @Path("{id}/deliver") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response deliver(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return act(req, id, form, DELIVER_FIELDS, "delivered", in -> {
      FittingService.Delivery body = new FittingService.Delivery(in.date("deliveredOn"), in.text("serialNo"), in.money("subsidy"), null, null);
      in.throwIfAny();
      return u -> fittings.deliver(u.user(), u.id(), body);
    });
  }

  /** 303 back to the fitting; 409 not FITTED; 422 date or outcome. */
  @POST @Path("{id}/follow-up") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response followUp(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return act(req, id, form, FOLLOW_UP_FIELDS, "followed", in -> {
      FittingService.FollowUp body = new FittingService.FollowUp(in.date("on"), in.text("outcome"), in.text("followUpNotes"));
      in.throwIfAny();
      return u -> fittings.followUp(u.user(), u.id(), body);
    });
  }

  /** 303 back to the fitting; 409 already delivered, rejected or cancelled. */
  @POST @Path("{id}/cancel") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    return act(req, id, form, CANCEL_FIELDS, "cancelled", in -> u -> fittings.cancel(u.user(), u.id(), new FittingService.Cancellation(in.text("reason"))));
  }

  private record Target(AppUser user, UUID id) {}

  private interface Action { Fitting run(Target t); }

  private interface Reader { Action read(FormInput in); }

  /** Reads the form, runs the action, redirects; a refusal re-renders the fitting with the reasons (404/403 pages as they are). */
  private Response act(ContainerRequestContext req, String id, MultivaluedMap<String, String> form, Map<String, String> fields,
                       String done, Reader reader) {
    WebContext web = WebContext.of(req);
    UUID fid = Ids.parseOrNotFound(id, FITTING);
    try {
      reader.read(new FormInput(form, web)).run(new Target(web.user(), fid));
      return Web.seeOther("/app/institution/fittings/" + fid + "?done=" + done);
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      List<FieldError> errs = e.errors().stream()
          .map(fe -> new FieldError(fields == FOLLOW_UP_FIELDS && "notes".equals(fe.field()) ? "followUpNotes" : fe.field(), fe.message())).toList();
      FormState state = errs.isEmpty() ? FormState.of(form).withErrors(e, web, fields) : FormState.of(form).withErrors(errs, web, fields);
      return fittingPage(web, fittings.get(web.user(), fid), state).status(e.status());
    }
  }

  private WebPage fittingPage(WebContext web, Fitting f, FormState form) {
    DeviceType type = typeOf(f);
    WebPage page = WebPage.of(web, "institution/fitting", "fitting.title", type.name())
        .with("row", row(f, today()))
        .with("type", type)
        .with("outcomes", OUTCOMES)
        .withForm(form);
    if (Fitting.ASSESSED.equals(f.status())) {
      LocalDate on = dateOr(form.value("deliveredOn"), today());
      page.with("check", fittings.subsidyCheck(web.user(), f.id(), on));
    }
    return page;
  }

  private DeviceType typeOf(Fitting f) { return catalogue.get(f.deviceTypeCode()); }

  private static LocalDate dateOr(String v, LocalDate fallback) {
    try {
      return v == null || v.isBlank() ? fallback : LocalDate.parse(v.strip());
    } catch (java.time.format.DateTimeParseException e) {
      return fallback;
    }
  }

  private Map<String, String> typeNames() {
    Map<String, String> m = new LinkedHashMap<>();
    for (DeviceType t : catalogue.list(null, null, "500", null).items()) m.put(t.code(), t.name());
    return m;
  }

  private LocalDate today() { return LocalDate.now(clock); }
}
