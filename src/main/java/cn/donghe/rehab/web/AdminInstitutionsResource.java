package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.registry.Doctor;
import cn.donghe.rehab.registry.Institution;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** ADMIN: institutions and their family doctors (list and create). */
@Path("/app/admin")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminInstitutionsResource {
  static final Map<String, String> INSTITUTION_FIELDS = Map.of("name", "institution.name", "regionCode", "institution.region",
      "services", "institution.services", "childAidDesignated", "institution.childAid");
  static final Map<String, String> DOCTOR_FIELDS = Map.of("name", "doctor.name", "institutionId", "doctor.institution",
      "licenseNo", "doctor.licenseNo");
  private final InstitutionService institutions;
  private final Regions regions;

  AdminInstitutionsResource(InstitutionService institutions, Regions regions) {
    this.institutions = institutions;
    this.regions = regions;
  }

  @GET @Path("institutions")
  public WebPage institutions(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor, @QueryParam("created") String created) {
    WebPage page = institutionPage(WebContext.of(req), cursor, FormState.empty());
    return created != null ? page.withNotice("institution.created") : page;
  }

  @POST @Path("institutions") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response createInstitution(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    try {
      institutions.create(web.user(), new InstitutionService.InstitutionInput(Web.field(form, "name"), Web.field(form, "regionCode"),
          Web.fields(form, "services"), "true".equals(Web.field(form, "childAidDesignated"))));
      return Web.seeOther("/app/admin/institutions?created=1");
    } catch (ApiException e) {
      return institutionPage(web, null, FormState.of(form).withErrors(e, web, INSTITUTION_FIELDS)).status(e.status());
    }
  }

  @GET @Path("doctors")
  public WebPage doctors(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor, @QueryParam("created") String created) {
    WebPage page = doctorPage(WebContext.of(req), cursor, FormState.empty());
    return created != null ? page.withNotice("doctor.created") : page;
  }

  @POST @Path("doctors") @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response createDoctor(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    List<String> bad = new ArrayList<>();
    UUID inst = Web.uuid(Web.field(form, "institutionId"), "institutionId", bad);
    try {
      if (!bad.isEmpty()) throw ApiException.invalid(List.of(new FieldError("institutionId", web.t("form.badId"))));
      institutions.createDoctor(web.user(), new InstitutionService.DoctorInput(Web.field(form, "name"), inst, Web.field(form, "licenseNo")));
      return Web.seeOther("/app/admin/doctors?created=1");
    } catch (ApiException e) {
      return doctorPage(web, null, FormState.of(form).withErrors(e, web, DOCTOR_FIELDS)).status(e.status());
    }
  }

  private WebPage institutionPage(WebContext web, String cursor, FormState form) {
    AppUser admin = web.user();
    return WebPage.of(web, "admin/institutions", "institution.title")
        .with("institutions", institutions.list(admin, PageRequest.parse("100", cursor), null))
        .with("regionNames", regions.names(admin))
        .with("regions", regions.choices(admin, "DISTRICT", "TOWN", "COMMUNITY"))
        .with("services", List.of("REHAB", "DEVICE", "PRIMARY_CARE"))
        .withForm(form);
  }

  private WebPage doctorPage(WebContext web, String cursor, FormState form) {
    AppUser admin = web.user();
    List<Institution> all = institutions.list(admin, PageRequest.parse("500", null), null).items();
    Map<String, String> names = new LinkedHashMap<>();
    all.forEach(i -> names.put(i.id().toString(), i.name()));
    cn.donghe.rehab.common.Page<Doctor> doctors = institutions.listDoctors(admin, PageRequest.parse("100", cursor), null);
    return WebPage.of(web, "admin/doctors", "doctor.title")
        .with("doctors", doctors)
        .with("institutionNames", names)
        .with("primaryCare", all.stream().filter(i -> i.offers("PRIMARY_CARE")).toList())
        .withForm(form);
  }
}
