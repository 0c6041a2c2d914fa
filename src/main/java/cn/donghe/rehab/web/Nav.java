package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.Role;
import java.util.List;

/** The navigation of each role. A new page of a role gets its entry here (message key, path). */
public final class Nav {
  public record Item(String key, String path) {}

  private Nav() {}

  public static List<Item> forRole(Role role) {
    return switch (role) {
      case ADMIN -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.persons", "/app/admin/persons"),
          new Item("nav.personNew", "/app/admin/persons/new"),
          new Item("nav.institutions", "/app/admin/institutions"),
          new Item("nav.doctors", "/app/admin/doctors"),
          new Item("nav.users", "/app/admin/users"));
      case INSTITUTION -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.findPerson", "/app/institution/find"));
      case DOCTOR -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.myPersons", "/app/doctor/persons"));
      case GUARDIAN -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.myChildren", "/app/guardian/children"));
    };
  }
}
