package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.AuthService;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.InstitutionService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** ADMIN: user accounts (list and create). */
@Path("/app/admin/users")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminUsersResource {
  static final Map<String, String> FIELDS = Map.of("username", "user.username", "password", "user.password", "role", "user.role",
      "displayName", "user.displayName", "institutionId", "user.institution", "doctorId", "user.doctor",
      "childPersonIds", "user.children", "regionCode", "user.region");
  private final AuthService auth;
  private final InstitutionService institutions;

  public AdminUsersResource(AuthService auth, InstitutionService institutions) {
    this.auth = auth;
    this.institutions = institutions;
  }

  @GET
  public WebPage list(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor, @QueryParam("created") String created) {
    WebPage page = page(WebContext.of(req), cursor, FormState.empty());
    return created != null ? page.withNotice("user.created") : page;
  }

  /** 303 back to the list; 422/409 the form again with the reasons next to the fields. */
  @POST @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response create(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    List<String> bad = new ArrayList<>();
    UUID inst = Web.uuid(Web.field(form, "institutionId"), "institutionId", bad);
    UUID doctor = Web.uuid(Web.field(form, "doctorId"), "doctorId", bad);
    List<UUID> children = Web.uuids(Web.field(form, "childPersonIds"), "childPersonIds", bad);
    try {
      if (!bad.isEmpty()) throw ApiException.invalid(bad.stream().map(f -> new FieldError(f, web.t("form.badId"))).toList());
      auth.createUser(web.user(), new AuthService.NewUser(Web.field(form, "username"), form.getFirst("password"), Web.field(form, "role"),
          Web.field(form, "displayName"), inst, doctor, children, Web.field(form, "regionCode")));
      return Web.seeOther("/app/admin/users?created=1");
    } catch (ApiException e) {
      return page(web, null, FormState.of(form).withErrors(e, web, FIELDS)).status(e.status());
    }
  }

  private WebPage page(WebContext web, String cursor, FormState form) {
    AppUser admin = web.user();
    return WebPage.of(web, "admin/users", "user.title")
        .with("users", auth.list(admin, PageRequest.parse("100", cursor)))
        // a town admin may not create INSTITUTION or DOCTOR logins (designating is a district act): not offered
        .with("roles", admin.isGlobalAdmin() ? List.of(Role.values()) : List.of(Role.ADMIN, Role.GUARDIAN))
        .with("institutions", institutions.list(admin, PageRequest.parse("500", null), null).items())
        .with("doctors", institutions.listDoctors(admin, PageRequest.parse("500", null), null).items())
        .withForm(form);
  }
}
