package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.childaid.AidStandard;
import cn.donghe.rehab.childaid.AidStandardService;
import cn.donghe.rehab.common.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ADMIN: the child rehab aid standard of a year (ages and amount per category), and changing it.
 * Raising an amount tops up every account of that year and category (AidStandardService does it in
 * the same transaction); only a district-wide admin may change it (403 page otherwise).
 */
@Path("/app/admin/aid-standards")
@Produces(Web.HTML)
@Public
@WebRoles(Role.ADMIN)
public class AdminAidStandardsResource {
  static final Map<String, String> FIELDS = fields();
  private final AidStandardService standards;
  private final Clock clock;

  AdminAidStandardsResource(AidStandardService standards, Clock clock) {
    this.standards = standards;
    this.clock = clock;
  }

  private static Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("year", "standard.year");
    m.put("minAge", "standard.minAge");
    m.put("maxAge", "standard.maxAge");
    m.put("amounts", "standard.amounts");
    for (String c : ServiceTypeCodes.AID_CATEGORIES) m.put("amounts." + c, "aidCategory." + c);
    return m;
  }

  /** 200 the year's standard with the edit form; a year without a standard shows an empty form. */
  @GET
  public WebPage show(@Context ContainerRequestContext req, @QueryParam("year") String year, @QueryParam("saved") String saved) {
    WebContext web = WebContext.of(req);
    int y = year != null && year.matches("[0-9]{4}") ? Integer.parseInt(year) : LocalDate.now(clock).getYear();
    AidStandard s = find(y);
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    m.putSingle("year", Integer.toString(y));
    if (s != null) {
      m.putSingle("minAge", Integer.toString(s.minAge()));
      m.putSingle("maxAge", Integer.toString(s.maxAge()));
      s.amounts().forEach((c, a) -> m.putSingle("amounts." + c, a.toPlainString()));
    }
    WebPage page = page(web, y, s, FormState.of(m));
    return saved != null ? page.withNotice("standard.saved") : page;
  }

  /** 303 back to the year; 403 regional admin; 409 removing a category in use; 422 fields. */
  @POST @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response save(@Context ContainerRequestContext req, MultivaluedMap<String, String> form) {
    WebContext web = WebContext.of(req);
    FormInput in = new FormInput(form, web);
    Integer year = in.integer("year");
    try {
      Map<String, BigDecimal> amounts = new LinkedHashMap<>();
      for (String c : ServiceTypeCodes.AID_CATEGORIES) {
        BigDecimal a = in.money("amounts." + c);
        if (a != null) amounts.put(c, a);
      }
      AidStandardService.StandardInput body = new AidStandardService.StandardInput(in.integer("minAge"), in.integer("maxAge"), amounts);
      if (year == null ? in.text("year") == null : year < 2000 || year > 2100) in.error("year", "standard.badYear");
      in.throwIfAny();
      standards.put(web.user(), year, body);
      return Web.seeOther("/app/admin/aid-standards?year=" + year + "&saved=1");
    } catch (ApiException e) {
      int y = year == null ? LocalDate.now(clock).getYear() : year;
      return page(web, y, find(y), FormState.of(form).withErrors(e, web, FIELDS)).status(e.status());
    }
  }

  private AidStandard find(int year) {
    try {
      return standards.get(year);
    } catch (ApiException e) {
      if (e.status() == 404) return null;
      throw e;
    }
  }

  private WebPage page(WebContext web, int year, AidStandard s, FormState form) {
    return WebPage.of(web, "admin/aid-standards", "standard.title")
        .with("year", year)
        .with("standard", s)
        .with("categories", ServiceTypeCodes.AID_CATEGORIES)
        .with("mayEdit", web.user().isGlobalAdmin())
        .withForm(form);
  }
}
