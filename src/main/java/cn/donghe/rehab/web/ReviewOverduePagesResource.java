package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.plans.PlanService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/**
 * DOCTOR and ADMIN: plans whose review date has passed (PlanService.reviewOverdue with the signed-in user, so a doctor
 * sees the persons contracted to them today and an admin their region), each linking to the person's page.
 */
@Path("/app/plans/review-overdue")
@Produces(Web.HTML)
@Public
@WebRoles({Role.DOCTOR, Role.ADMIN})
public class ReviewOverduePagesResource {
  private final PlanService plans;

  ReviewOverduePagesResource(PlanService plans) { this.plans = plans; }

  /** 200 one page of the list (50 a page); 400 malformed cursor. */
  @GET
  public WebPage show(@Context ContainerRequestContext req, @QueryParam("cursor") String cursor) {
    WebContext web = WebContext.of(req);
    return WebPage.of(web, "plans/review-overdue", "reviewOverdue.title")
        .with("page", plans.reviewOverdue(web.user(), PageRequest.parse("50", Web.blank(cursor))))
        .with("personBase", web.user().is(Role.DOCTOR) ? "/app/doctor/persons/" : "/app/persons/");
  }
}
