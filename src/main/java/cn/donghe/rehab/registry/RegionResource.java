package cn.donghe.rehab.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Administrative divisions (district, towns, communities). */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
public class RegionResource {
  private final RegionService regions;

  public RegionResource(RegionService regions) {
    this.regions = regions;
  }

  public record Region(@Schema(requiredMode = REQUIRED) String code, @Schema(requiredMode = REQUIRED) String name,
                       @Schema(requiredMode = REQUIRED) String level, String parentCode) {}

  /** 200 flat list (children of parentCode, or all); 401. */
  @GET @PermitAll
  public Map<String, List<Region>> list(@Auth AppUser user, @QueryParam("parentCode") String parentCode) {
    return Map.of("items", regions.list(parentCode));
  }

  /** 201 created; 401; 403 not ADMIN; 409 code exists; 422 invalid field (code format, level/parent mismatch). */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, Region body) {
    return Response.status(201).entity(regions.create(admin, body)).build();
  }
}
