package cn.donghe.rehab.openapi;

import cn.donghe.rehab.auth.Public;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The machine-readable API description. */
@Path("/api/v1")
public class OpenApiResource {
  private final OpenApiDocument document;

  public OpenApiResource(OpenApiDocument document) { this.document = document; }

  /** 200 the OpenAPI 3 document of every endpoint (no login). */
  @GET @Path("/openapi.json") @Public @Produces(MediaType.APPLICATION_JSON)
  @ApiResponse(responseCode = "200", description = "OpenAPI 3 文档 / the OpenAPI 3 document",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
  public Response document() {
    return Response.ok(document.json(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
  }
}
