package cn.donghe.rehab.openapi;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.web.Lang;
import cn.donghe.rehab.web.WebContext;
import cn.donghe.rehab.web.WebPage;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /api/docs}: the API reference for people, a server-rendered page of the site (its layout, languages,
 * large-text view and Content-Security-Policy; no script needed) made from the same in-memory OpenAPI document
 * that {@code /api/v1/openapi.json} serves, so the two cannot differ. Any other path under /api/docs is a 404
 * problem (Jersey finds no resource for it).
 */
@Hidden
@Path(ApiDocsResource.PATH)
public class ApiDocsResource {
  static final String PATH = "/api/docs";
  private final OpenApiDocument document;
  private final Map<Lang, ApiReference> references = new ConcurrentHashMap<>();

  public ApiDocsResource(OpenApiDocument document) { this.document = document; }

  /** 200 the reference page (HTML), in the reader's language; 301 from "/api/docs/" to the one address of the page. */
  @GET @Public @Produces("text/html;charset=UTF-8")
  public Response page(@Context ContainerRequestContext req) {
    if (req.getUriInfo().getRequestUri().getRawPath().endsWith("/")) {
      return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create(PATH)).build();
    }
    WebContext web = WebContext.of(req);
    ApiReference reference = references.computeIfAbsent(web.lang(), lang -> ApiReference.of(document.model(), lang));
    return WebPage.of(web, "apidocs", "apidocs.title").with("doc", reference).status(200);
  }
}
