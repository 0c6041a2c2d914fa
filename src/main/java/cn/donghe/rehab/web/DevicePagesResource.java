package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.devices.CatalogueService;
import cn.donghe.rehab.devices.DeviceItem;
import cn.donghe.rehab.devices.DeviceType;
import cn.donghe.rehab.devices.ItemService;
import cn.donghe.rehab.devices.Loan;
import cn.donghe.rehab.devices.LoanService;
import cn.donghe.rehab.devices.RecyclingService;
import cn.donghe.rehab.devices.Repair;
import cn.donghe.rehab.devices.RepairService;
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
 * INSTITUTION staff of a DEVICE institution: the rental pool, open loans by due date (overdue first),
 * returning a loan, repairs (start / done / unrepairable) and the recycling intake. The device services
 * refuse other institutions (403 page), exactly as the API does.
 */
@Path("/app/institution/devices")
@Produces(Web.HTML)
@Public
@WebRoles(Role.INSTITUTION)
public class DevicePagesResource {
  static final Map<String, String> RETURN_FIELDS = Map.of("returnedOn", "loan.returnedOn", "condition", "device.condition");
  static final Map<String, String> EXTEND_FIELDS = Map.of("dueDate", "loan.extend.dueDate");
  static final Map<String, String> DONE_FIELDS = Map.of("cost", "repair.cost", "notes", "repair.notes", "condition", "device.condition");
  static final Map<String, String> UNREPAIRABLE_FIELDS = Map.of("closingNotes", "repair.closingNotes");
  static final Map<String, String> RECYCLING_FIELDS = Map.of("deviceTypeCode", "device.type", "serialNo", "device.serialNo",
      "condition", "device.condition");
  /** Loans due within this many days are marked "due soon". */
  static final int DUE_SOON_DAYS = 7;
  private final ItemService items;
  private final LoanService loans;
  private final RepairService repairs;
  private final RecyclingService recycling;
  private final CatalogueService catalogue;
  private final PersonService persons;
  private final Clock clock;

  DevicePagesResource(ItemService items, LoanService loans, RepairService repairs, RecyclingService recycling, CatalogueService catalogue,
                      PersonService persons, Clock clock) {
    this.items = items;
    this.loans = loans;
    this.repairs = repairs;
    this.recycling = recycling;
    this.catalogue = catalogue;
    this.persons = persons;
    this.clock = clock;
  }

  /** An open loan with its person and how it stands against its due date. */
  public record LoanRow(Loan loan, String personName, String state, long days) {}

  /** 200 pool, open loans, repairs; 403 page for an institution without DEVICE services. */
  @GET
  public WebPage overview(@Context ContainerRequestContext req, @QueryParam("returned") String returned) {
    WebContext web = WebContext.of(req);
    AppUser u = web.user();
    PageRequest all = PageRequest.parse("500", null);
    List<DeviceItem> pool = items.list(u, null, null, null, all).items();
    LocalDate today = today();
    List<LoanRow> open = loans.list(u, null, null, Loan.OPEN, null, null, all).items().stream()
        .sorted(Comparator.comparing(Loan::dueDate)).map(l -> row(l, today)).toList();
    List<Repair> active = repairs.list(u, null, null, null, all).items().stream()
        .filter(r -> r.status().equals(Repair.OPEN) || r.status().equals(Repair.IN_PROGRESS)).toList();
    WebPage page = WebPage.of(web, "institution/devices", "devices.title")
        .with("pool", pool)
        .with("loans", open)
        .with("repairs", active)
        .with("serials", serials(pool))
        .with("types", typeNames());
    return returned != null ? page.withNotice("loan.returned") : page;
  }

  private LoanRow row(Loan l, LocalDate today) {
    long days = ChronoUnit.DAYS.between(today, l.dueDate());
    String state = days < 0 ? "OVERDUE" : days == 0 ? "DUE_TODAY" : days <= DUE_SOON_DAYS ? "DUE_SOON" : "ON_TIME";
    return new LoanRow(l, persons.find(l.personId()).map(Person::name).orElse(""), state, Math.abs(days));
  }

  @GET @Path("loans/{id}")
  public WebPage loan(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("extended") String extended) {
    WebContext web = WebContext.of(req);
    MultivaluedMap<String, String> defaults = new MultivaluedHashMap<>();
    defaults.putSingle("returnedOn", today().toString());
    WebPage page = loanPage(web, loans.get(web.user(), Ids.parseOrNotFound(id, "借用 loan")), FormState.of(defaults));
    return extended != null ? page.withNotice("loan.extended") : page;
  }

  /** 303 back to the loan; 409 not open; 422 unreadable or not later due date. */
  @POST @Path("loans/{id}/extend") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response extend(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    UUID loanId = Ids.parseOrNotFound(id, "借用 loan");
    FormInput in = new FormInput(form, web);
    try {
      LoanService.Extension body = new LoanService.Extension(in.date("dueDate"));
      in.throwIfAny();
      loans.extend(web.user(), loanId, body);
      return Web.seeOther("/app/institution/devices/loans/" + loanId + "?extended=1");
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      return loanPage(web, loans.get(web.user(), loanId), FormState.of(form).withErrors(e, web, EXTEND_FIELDS)).status(e.status());
    }
  }

  /** 303 to the overview; 409 not open; 422 date or condition. */
  @POST @Path("loans/{id}/return") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response giveBack(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    UUID loanId = Ids.parseOrNotFound(id, "借用 loan");
    FormInput in = new FormInput(form, web);
    try {
      LoanService.Return body = new LoanService.Return(in.date("returnedOn"), in.text("condition"));
      in.throwIfAny();
      loans.giveBack(web.user(), loanId, body);
      return Web.seeOther("/app/institution/devices?returned=1");
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      return loanPage(web, loans.get(web.user(), loanId), FormState.of(form).withErrors(e, web, RETURN_FIELDS)).status(e.status());
    }
  }

  private WebPage loanPage(WebContext web, Loan l, FormState form) {
    return WebPage.of(web, "institution/loan", "loan.title", l.serialNo())
        .with("row", row(l, today()))
        .with("types", typeNames())
        .with("conditions", ServiceTypeCodes.CONDITIONS)
        .withForm(form);
  }

  @GET @Path("repairs/{id}")
  public WebPage repair(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("updated") String updated) {
    WebContext web = WebContext.of(req);
    WebPage page = repairPage(web, repairs.get(web.user(), Ids.parseOrNotFound(id, "维修 repair")), FormState.empty());
    return updated != null ? page.withNotice("repair.updated") : page;
  }

  @POST @Path("repairs/{id}/start") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response start(@Context ContainerRequestContext req, @PathParam("id") String id) {
    WebContext web = WebContext.of(req);
    UUID rid = Ids.parseOrNotFound(id, "维修 repair");
    try {
      repairs.start(web.user(), rid);
      return Web.seeOther("/app/institution/devices/repairs/" + rid + "?updated=1");
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      return repairPage(web, repairs.get(web.user(), rid), FormState.empty().withErrors(e, web, Map.of())).status(e.status());
    }
  }

  @POST @Path("repairs/{id}/done") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response done(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    UUID rid = Ids.parseOrNotFound(id, "维修 repair");
    FormInput in = new FormInput(form, web);
    try {
      RepairService.Completion body = new RepairService.Completion(in.money("cost"), in.text("notes"), in.text("condition"));
      in.throwIfAny();
      repairs.done(web.user(), rid, body);
      return Web.seeOther("/app/institution/devices/repairs/" + rid + "?updated=1");
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      return repairPage(web, repairs.get(web.user(), rid), FormState.of(form).withErrors(e, web, DONE_FIELDS)).status(e.status());
    }
  }

  @POST @Path("repairs/{id}/unrepairable") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response unrepairable(@Context ContainerRequestContext req, @PathParam("id") String id, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    UUID rid = Ids.parseOrNotFound(id, "维修 repair");
    try {
      repairs.unrepairable(web.user(), rid, new RepairService.Closing(Web.field(form, "closingNotes")));
      return Web.seeOther("/app/institution/devices/repairs/" + rid + "?updated=1");
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) throw e;
      // The service names the field "notes"; on this page it is the second form's "closingNotes".
      List<FieldError> errs = e.errors().stream().map(fe -> new FieldError("notes".equals(fe.field()) ? "closingNotes" : fe.field(), fe.message())).toList();
      FormState state = errs.isEmpty() ? FormState.of(form).withErrors(e, web, UNREPAIRABLE_FIELDS)
          : FormState.of(form).withErrors(errs, web, UNREPAIRABLE_FIELDS);
      return repairPage(web, repairs.get(web.user(), rid), state).status(e.status());
    }
  }

  private WebPage repairPage(WebContext web, Repair r, FormState form) {
    String serial = r.itemId() == null ? "" : items.get(web.user(), r.itemId()).serialNo();
    return WebPage.of(web, "institution/repair", "repair.title", serial)
        .with("repair", r)
        .with("serial", serial)
        .with("conditions", ServiceTypeCodes.CONDITIONS)
        .withForm(form);
  }

  @GET @Path("recycling")
  public WebPage recyclingPage(@Context ContainerRequestContext req, @QueryParam("received") String received) {
    WebContext web = WebContext.of(req);
    WebPage page = recyclingPage(web, FormState.empty());
    return received != null ? page.withNotice("recycling.received") : page;
  }

  /** 303 back to the intake page; 409 already taken in; 422 invalid field. */
  @POST @Path("recycling") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response receive(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    try {
      recycling.receive(web.user(), new RecyclingService.Intake(null, null, Web.field(form, "deviceTypeCode"), Web.field(form, "serialNo"),
          Web.field(form, "condition"), null));
      return Web.seeOther("/app/institution/devices/recycling?received=1");
    } catch (ApiException e) {
      if (e.status() == 403) throw e;
      return recyclingPage(web, FormState.of(form).withErrors(e, web, RECYCLING_FIELDS)).status(e.status());
    }
  }

  private WebPage recyclingPage(WebContext web, FormState form) {
    List<cn.donghe.rehab.devices.Recycling> received = new java.util.ArrayList<>(recycling.list(web.user(), null, PageRequest.parse("100", null)).items());
    java.util.Collections.reverse(received);
    return WebPage.of(web, "institution/recycling", "recycling.title")
        .with("received", received)
        .with("catalogue", catalogue.list(null, null, "500", null).items())
        .with("types", typeNames())
        .with("conditions", ServiceTypeCodes.CONDITIONS)
        .withForm(form);
  }

  private Map<String, String> typeNames() {
    Map<String, String> m = new LinkedHashMap<>();
    for (DeviceType t : catalogue.list(null, null, "500", null).items()) m.put(t.code(), t.name());
    return m;
  }

  private static Map<String, String> serials(List<DeviceItem> pool) {
    Map<String, String> m = new LinkedHashMap<>();
    pool.forEach(i -> m.put(i.id().toString(), i.serialNo()));
    return m;
  }

  private LocalDate today() { return LocalDate.now(clock); }
}
