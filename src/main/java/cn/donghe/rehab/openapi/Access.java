package cn.donghe.rehab.openapi;

import cn.donghe.rehab.auth.Public;
import cn.donghe.rehab.auth.Role;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Who may call a resource method, read from the same annotations the server enforces (method first, then
 * class, as {@code RolesAllowedDynamicFeature} does). An unannotated method is refused to everyone.
 */
record Access(boolean isPublic, List<String> roles) {
  static Access of(Method m) {
    Access onMethod = from(m.isAnnotationPresent(Public.class), m.getAnnotation(DenyAll.class),
        m.getAnnotation(RolesAllowed.class), m.getAnnotation(PermitAll.class));
    if (onMethod != null) return onMethod;
    Class<?> c = m.getDeclaringClass();
    Access onClass = from(c.isAnnotationPresent(Public.class), c.getAnnotation(DenyAll.class),
        c.getAnnotation(RolesAllowed.class), c.getAnnotation(PermitAll.class));
    return onClass != null ? onClass : new Access(false, List.of());
  }

  private static Access from(boolean pub, DenyAll deny, RolesAllowed roles, PermitAll permit) {
    if (pub) return new Access(true, List.of());
    if (deny != null) return new Access(false, List.of());
    if (roles != null) return new Access(false, Arrays.stream(roles.value()).sorted().toList());
    if (permit != null) return new Access(false, Arrays.stream(Role.values()).map(Role::name).toList());
    return null;
  }

  private static final String PUBLIC = "无需登录 / no login required";
  private static final String NOBODY = "任何角色均不可调用 / no role may call this";
  private static final String ROLES = "允许的角色 / roles allowed: ";

  String describe() {
    if (isPublic) return PUBLIC;
    if (roles.isEmpty()) return NOBODY;
    return ROLES + String.join(", ", roles);
  }

  /** True for a text {@link #describe()} wrote (the docs page shows the roles from x-roles instead). */
  static boolean isDescription(String text) {
    return text.equals(PUBLIC) || text.equals(NOBODY) || text.startsWith(ROLES);
  }
}
