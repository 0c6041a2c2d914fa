package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.Problems;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Secure by default: a resource method of ours without {@code @RolesAllowed}, {@code @PermitAll} or
 * {@link Public} (on itself or its class) answers 403 to everyone.
 */
@Provider
public class DenyUnannotatedFeature implements DynamicFeature {
  @Override public void configure(ResourceInfo info, FeatureContext ctx) {
    Class<?> cls = info.getResourceClass();
    Method m = info.getResourceMethod();
    if (cls == null || m == null || !cls.getName().startsWith("cn.donghe.rehab")) return;
    if (isDeclared(m, cls)) return;
    ctx.register((jakarta.ws.rs.container.ContainerRequestFilter) req -> req.abortWith(
        Problems.response(403, "forbidden", Problems.titleFor(403), "此接口未声明允许的角色 / endpoint declares no roles", null, null)));
  }

  public static boolean isDeclared(Method m, Class<?> cls) {
    return m.isAnnotationPresent(RolesAllowed.class) || m.isAnnotationPresent(PermitAll.class) || m.isAnnotationPresent(Public.class)
        || m.isAnnotationPresent(DenyAll.class)
        || cls.isAnnotationPresent(RolesAllowed.class) || cls.isAnnotationPresent(PermitAll.class) || cls.isAnnotationPresent(Public.class);
  }
}
