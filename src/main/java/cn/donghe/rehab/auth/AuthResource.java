package cn.donghe.rehab.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Login, logout and "who am I". */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
  private final AuthService auth;

  public AuthResource(AuthService auth) { this.auth = auth; }

  public record LoginRequest(@Schema(requiredMode = REQUIRED) String username, @Schema(requiredMode = REQUIRED) String password) {}
  public record TokenResponse(String token, Instant expiresAt, Role role, String displayName) {}

  /** 200 token; 401 wrong username or password; 422 username or password missing (nothing counted); 429 too many failures for the username or the client address (Retry-After);
   *  503 too many logins being checked at once (Retry-After). */
  @POST @Path("/auth/token") @Public @Consumes(MediaType.APPLICATION_JSON)
  public TokenResponse login(LoginRequest body, @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest request) {
    // a missing field is a malformed request, not a failed attempt: say which, and do not count it towards the throttle
    new cn.donghe.rehab.common.Checks().required(body == null ? null : body.username(), "username")
        .required(body == null ? null : body.password(), "password").throwIfAny();
    AuthService.TokenGrant g = auth.login(body.username(), body.password(), cn.donghe.rehab.common.ClientAddress.of(request));
    return new TokenResponse(g.token(), g.expiresAt(), g.role(), g.displayName());
  }

  /** 204 the caller's token is revoked; 401 without a valid token. */
  @DELETE @Path("/auth/token") @PermitAll
  public void logout(@Auth AppUser user, @HeaderParam("Authorization") String authorization) {
    auth.logout(user, authorization.substring("Bearer ".length()).trim());
  }

  public record Me(UUID id, String username, Role role, String displayName, UUID institutionId, UUID doctorId,
                   List<UUID> childPersonIds, String regionCode) {
    static Me of(AppUser u) {
      return new Me(u.id(), u.username(), u.role(), u.displayName(), u.institutionId(), u.doctorId(),
          u.role() == Role.GUARDIAN ? u.childPersonIds() : null, u.regionCode());
    }
  }

  /** 200 the caller; 401 without a valid token. */
  @GET @Path("/me") @PermitAll
  public Me me(@Auth AppUser user) { return Me.of(user); }
}
