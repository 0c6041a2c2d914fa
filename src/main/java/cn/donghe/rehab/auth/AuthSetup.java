package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.Problems;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.setup.Environment;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Registers bearer-token authentication, role checks and the secure-by-default rule. */
public final class AuthSetup {
  private AuthSetup() {}

  public static void register(Environment env, AuthService auth) {
    env.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<AppUser>()
        .setAuthenticator(auth::authenticate)
        .setAuthorizer((user, role, ctx) -> user.role().name().equals(role))
        .setPrefix("Bearer")
        .setRealm("rehab")
        .setUnauthorizedHandler(new io.dropwizard.auth.UnauthorizedHandler() {
          @Override public jakarta.ws.rs.core.Response buildResponse(String prefix, String realm) {
            return jakarta.ws.rs.core.Response.fromResponse(Problems.response(401, "unauthorized", Problems.titleFor(401),
                    "需要有效的登录令牌 / a valid bearer token is required", null, null))
                .header("WWW-Authenticate", "Bearer realm=\"rehab\"").build();
          }
        })
        .buildAuthFilter()));
    env.jersey().register(RolesAllowedDynamicFeature.class);
    env.jersey().register(new AuthValueFactoryProvider.Binder<>(AppUser.class));
    env.jersey().register(DenyUnannotatedFeature.class);
  }
}
