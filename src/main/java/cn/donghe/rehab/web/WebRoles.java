package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which logged-in roles may open a web page (on the method or the resource class). An empty list
 * means any logged-in role. A web resource method without this or {@link WebPublic} answers 403:
 * pages are closed by default, like the API.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface WebRoles {
  Role[] value() default {};
}
