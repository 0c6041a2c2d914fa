package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** User accounts (federation staff only). */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final AuthService auth;

  public UserResource(AuthService auth) { this.auth = auth; }

  /** 201 created; 401; 403 not ADMIN, or a regional ADMIN creating an INSTITUTION or DOCTOR user; 409 username taken; 422 invalid field. */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, AuthService.NewUser body) {
    if (body == null) throw ApiException.invalid("username", "必填 / required");
    AppUser u = auth.createUser(admin, body);
    return Response.status(201).entity(AuthResource.Me.of(u)).build();
  }

  /** 200 a page of users (a regional admin sees those tied to their region); 401; 403 not ADMIN. */
  @GET @RolesAllowed(Role.ADMIN_S)
  public Page<AuthResource.Me> list(@Auth AppUser admin, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return auth.list(admin, PageRequest.parse(limit, cursor)).map(AuthResource.Me::of);
  }
}
