package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/** The home page of every role: what they can do here, one link per task. */
@Path("/app")
@Produces(Web.HTML)
@Public
@WebRoles
public class HomeResource {
  private final ReferralPages referrals;

  HomeResource(ReferralPages referrals) { this.referrals = referrals; }

  /** An institution's home page leads with its open incoming referrals (issue 19), before the task links. */
  @GET
  public WebPage home(@Context ContainerRequestContext req) {
    WebContext web = WebContext.of(req);
    WebPage page = WebPage.of(web, "home", "home.title")
        .with("tasks", Nav.forUser(web.user(), web.institutionServices()).stream().filter(i -> !i.path().equals("/app")).toList());
    return web.user().is(cn.donghe.rehab.auth.Role.INSTITUTION) ? page.with("incoming", referrals.incoming(web.user())) : page;
  }
}
