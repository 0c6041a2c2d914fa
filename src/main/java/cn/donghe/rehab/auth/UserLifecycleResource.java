package cn.donghe.rehab.auth;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Accounts after creation: disable/enable, revoke all tokens, own password, a guardian's children. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UserLifecycleResource {
  private final UserLifecycle lifecycle;

  public UserLifecycleResource(UserLifecycle lifecycle) { this.lifecycle = lifecycle; }

  /** 204 disabled (its tokens stop at once; already disabled: nothing changes); 401; 403 not ADMIN; 404 unknown or outside the admin's region; 409 one's own account. */
  @POST @Path("/users/{id}/disable") @RolesAllowed(Role.ADMIN_S)
  public void disable(@Auth AppUser admin, @PathParam("id") String id) { lifecycle.setDisabled(admin, id, true); }

  /** 204 enabled (tokens from before stay revoked); 401; 403 not ADMIN; 404 unknown or outside the admin's region. */
  @POST @Path("/users/{id}/enable") @RolesAllowed(Role.ADMIN_S)
  public void enable(@Auth AppUser admin, @PathParam("id") String id) { lifecycle.setDisabled(admin, id, false); }

  /** 204 every token of the user revoked; 401; 403 not ADMIN; 404 unknown or outside the admin's region. */
  @DELETE @Path("/users/{id}/tokens") @RolesAllowed(Role.ADMIN_S)
  public void revokeTokens(@Auth AppUser admin, @PathParam("id") String id) { lifecycle.revokeTokens(admin, id); }

  /** 200 the guardian with the new children; 401; 403 not ADMIN; 404 unknown or outside the admin's region; 422 not a GUARDIAN, no child, unknown or out-of-region child. */
  @PUT @Path("/users/{id}/children") @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public AuthResource.Me children(@Auth AppUser admin, @PathParam("id") String id, UserLifecycle.Children body) {
    return AuthResource.Me.of(lifecycle.replaceChildren(admin, id, body));
  }

  /** 204 changed (the caller's other tokens are revoked, this one stays); 401; 422 current password wrong or new one against the policy;
   *  429 too many wrong passwords for the user (counted with failed logins; Retry-After); 503 too many passwords being checked (Retry-After). */
  @POST @Path("/me/password") @PermitAll @Consumes(MediaType.APPLICATION_JSON)
  public void changePassword(@Auth AppUser user, @HeaderParam("Authorization") String authorization, UserLifecycle.PasswordChange body,
                             @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest request) {
    lifecycle.changePassword(user, authorization.substring("Bearer ".length()).trim(), body, cn.donghe.rehab.common.ClientAddress.of(request));
  }
}
