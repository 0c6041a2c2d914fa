package cn.donghe.rehab.openapi;

import cn.donghe.rehab.auth.Public;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /api/docs}: a self-hosted Swagger UI (the org.webjars:swagger-ui jar on the classpath, no CDN) that
 * renders {@code /api/v1/openapi.json}. Only a fixed list of files is served; scripts come from files, never
 * inline, so the page works under a Content-Security-Policy without 'unsafe-inline' for scripts.
 */
@Hidden
@Path("/api/docs")
public class ApiDocsResource {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
      + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  private static final String OWN = "assets/docs/";
  private static final Map<String, String> OWN_FILES = Map.of(
      "docs-init.js", "text/javascript; charset=UTF-8",
      "docs.css", "text/css; charset=UTF-8");
  private static final Map<String, String> UI_FILES = Map.of(
      "swagger-ui-bundle.js", "text/javascript; charset=UTF-8",
      "swagger-ui.css", "text/css; charset=UTF-8",
      "favicon-32x32.png", "image/png",
      "favicon-16x16.png", "image/png");
  private final String uiBase = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

  /** 200 the documentation page (HTML). */
  @GET @Public
  public Response page() {
    return file(OWN + "index.html", "text/html; charset=UTF-8");
  }

  /** 200 a script or style sheet of the page; 404 anything else. */
  @GET @Path("/{file}") @Public
  public Response own(@PathParam("file") String name) {
    String type = OWN_FILES.get(name);
    if (type == null) throw new NotFoundException();
    return file(OWN + name, type);
  }

  /** 200 a file of the Swagger UI distribution; 404 anything else. */
  @GET @Path("/swagger-ui/{file}") @Public
  public Response swaggerUi(@PathParam("file") String name) {
    String type = UI_FILES.get(name);
    if (type == null) throw new NotFoundException();
    return file(uiBase + name, type);
  }

  private static Response file(String resource, String type) {
    InputStream in = ApiDocsResource.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) throw new NotFoundException();
    try (in) {
      return Response.ok(in.readAllBytes(), type)
          .header("Content-Security-Policy", CSP)
          .header("Referrer-Policy", "no-referrer")
          .header("X-Frame-Options", "DENY")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version of the swagger-ui webjar on the classpath (its Maven metadata), so a version bump needs no code change. */
  static String webjarVersion() {
    try (InputStream in = ApiDocsResource.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
