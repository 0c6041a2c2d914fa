package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.Person;
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
import java.util.List;
import java.util.Map;

/**
 * The person pages of INSTITUTION, DOCTOR and GUARDIAN users. Each calls PersonService with the
 * logged-in user, so the scope rules are exactly those of the API.
 */
@Path("/app")
@Produces(Web.HTML)
@Public
public class RolePagesResource {
  static final Map<String, String> FIND_FIELDS = Map.of("kind", "find.kind", "number", "find.number");
  private final PersonService persons;
  private final Regions regions;

  RolePagesResource(PersonService persons, Regions regions) {
    this.persons = persons;
    this.regions = regions;
  }

  /** INSTITUTION: the lookup form. The number goes in a POST body, never in a URL. */
  @GET @Path("institution/find") @WebRoles(Role.INSTITUTION)
  public WebPage findForm(@Context ContainerRequestContext req) {
    return WebPage.of(WebContext.of(req), "institution/find", "find.title").withForm(FormState.empty());
  }

  /** 200 the person (masked numbers); 404/422 the form with the reason. */
  @POST @Path("institution/find") @WebRoles(Role.INSTITUTION) @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
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
      return page.withForm(state.without("number")).with("person", p).with("regionName", regions.names(web.user()).getOrDefault(p.regionCode(), "")).status(200);
    } catch (ApiException e) {
      String msg = e.status() == 404 ? web.t("find.notFound") : web.lang().pick(e.getMessage());
      return page.withForm(state.withErrors(List.of(new FieldError("number", msg)), web, FIND_FIELDS)).status(e.status());
    }
  }

  /** DOCTOR: persons with a contract active today with this doctor. */
  @GET @Path("doctor/persons") @WebRoles(Role.DOCTOR)
  public WebPage contracted(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "doctor/persons", "doctor.persons.title")
        .with("persons", persons.list(web.user(), null, null, null, null, null, PageRequest.parse("50", Web.blank(cursor))))
        .with("regionNames", regions.names(web.user()));
  }

  /** GUARDIAN: their own children. */
  @GET @Path("guardian/children") @WebRoles(Role.GUARDIAN)
  public WebPage children(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "guardian/children", "children.title")
        .with("persons", persons.list(web.user(), null, null, null, null, null, PageRequest.parse("50", Web.blank(cursor))))
        .with("regionNames", regions.names(web.user()));
  }
}
