package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.registry.PersonService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/**
 * One person, for any role within its scope (PersonService decides, exactly as GET /persons/{id}):
 * ADMIN sees full numbers (audited), everyone else masked; out of scope is a 404 page.
 */
@Path("/app/persons/{id}")
@Produces(Web.HTML)
@Public
@WebRoles
public class PersonPageResource {
  private final PersonService persons;
  private final Regions regions;

  PersonPageResource(PersonService persons, Regions regions) {
    this.persons = persons;
    this.regions = regions;
  }

  @GET
  public WebPage show(@Context ContainerRequestContext req, @PathParam("id") String id, @QueryParam("created") String created) {
    WebContext web = WebContext.of(req);
    var person = persons.get(web.user(), Ids.parseOrNotFound(id, "人员 person"));
    WebPage page = WebPage.of(web, "person", "person.detail.title", person.name())
        .with("person", person)
        .with("regionName", regions.names(web.user()).getOrDefault(person.regionCode(), ""));
    return created != null ? page.withNotice("person.created") : page;
  }
}
