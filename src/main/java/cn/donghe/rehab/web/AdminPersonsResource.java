package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonInput;
import cn.donghe.rehab.registry.PersonService;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ADMIN: search the person registry and register a person. */
@Path("/app/admin/persons")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminPersonsResource {
  static final Map<String, String> SEARCH_FIELDS = Map.of("q", "person.search.q", "regionCode", "person.region",
      "category", "person.category", "grade", "person.grade");
  static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "person.name"), Map.entry("gender", "person.gender"),
      Map.entry("birthDate", "person.birthDate"), Map.entry("idNumber", "person.idNumber"),
      Map.entry("certificateNo", "person.certificateNo"), Map.entry("category", "person.category"), Map.entry("grade", "person.grade"),
      Map.entry("autism", "person.autism"), Map.entry("regionCode", "person.region"), Map.entry("phone", "person.phone"),
      Map.entry("guardian.name", "person.guardian.name"), Map.entry("guardian.phone", "person.guardian.phone"),
      Map.entry("guardian.relation", "person.guardian.relation"));
  private final PersonService persons;
  private final Regions regions;

  AdminPersonsResource(PersonService persons, Regions regions) {
    this.persons = persons;
    this.regions = regions;
  }

  /** Search by name, region, category, grade; numbers masked in the list. 400 page on a bad filter. */
  @GET
  public Response search(@Context ContainerRequestContext req, @QueryParam("q") String q, @QueryParam("regionCode") String region,
                         @QueryParam("category") String category, @QueryParam("grade") String grade, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    AppUser admin = web.user();
    WebPage page = WebPage.of(web, "admin/persons", "person.search.title")
        .with("regions", regions.choices(admin, "TOWN", "COMMUNITY"))
        .with("regionNames", regions.names(admin))
        .with("categories", Category.values())
        .with("filter", Map.of("q", nz(q), "regionCode", nz(region), "category", nz(category), "grade", nz(grade)));
    try {
      return page.with("persons", persons.list(admin, Web.blank(region), Web.blank(category), Web.blank(grade), Web.blank(q), null,
          PageRequest.parse("50", Web.blank(cursor)))).status(200);
    } catch (ApiException e) {
      MultivaluedMap<String, String> typed = new jakarta.ws.rs.core.MultivaluedHashMap<>();
      page.withForm(FormState.of(typed).withErrors(e, web, SEARCH_FIELDS));
      return page.status(e.status());
    }
  }

  @GET @Path("new")
  public WebPage form(@Context ContainerRequestContext req) {
    return formPage(WebContext.of(req), FormState.empty());
  }

  /** 303 to the new person's page; 422 the form again with each reason next to its field. */
  @POST @Path("new") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    List<FieldError> typing = new ArrayList<>();
    PersonInput in = input(form, typing, web);
    try {
      if (!typing.isEmpty()) throw ApiException.invalid(typing);
      Person p = persons.create(web.user(), in);
      return Web.seeOther("/app/persons/" + p.id() + "?created=1");
    } catch (ApiException e) {
      return formPage(web, FormState.of(form).withErrors(e, web, FIELDS)).status(e.status());
    }
  }

  private WebPage formPage(WebContext web, FormState form) {
    return WebPage.of(web, "admin/person-new", "person.new.title")
        .with("regions", regions.choices(web.user(), "COMMUNITY"))
        .with("categories", Category.values())
        .withForm(form);
  }

  /** The form as the service's input; values the browser cannot have produced become field errors. */
  private static PersonInput input(MultivaluedMap<String, String> form, List<FieldError> typing, WebContext web) {
    LocalDate birth = null;
    String rawBirth = Web.field(form, "birthDate");
    if (rawBirth != null) {
      try {
        birth = LocalDate.parse(rawBirth);
      } catch (DateTimeParseException e) {
        typing.add(new FieldError("birthDate", web.t("form.badDate")));
      }
    }
    Integer grade = null;
    String rawGrade = Web.field(form, "grade");
    if (rawGrade != null) {
      if (rawGrade.matches("[1-4]")) grade = Integer.parseInt(rawGrade);
      else typing.add(new FieldError("grade", web.t("form.badGrade")));
    }
    String gName = Web.field(form, "guardian.name");
    String gPhone = Web.field(form, "guardian.phone");
    String gRelation = Web.field(form, "guardian.relation");
    Person.Guardian guardian = gName == null && gPhone == null && gRelation == null ? null : new Person.Guardian(gName, gPhone, gRelation);
    return new PersonInput(Web.field(form, "name"), Web.field(form, "gender"), birth, Web.field(form, "idNumber"),
        Web.field(form, "certificateNo"), Web.field(form, "category"), grade, "true".equals(Web.field(form, "autism")),
        Web.field(form, "regionCode"), Web.field(form, "phone"), guardian);
  }

  private static String nz(String s) { return s == null ? "" : s; }
}
