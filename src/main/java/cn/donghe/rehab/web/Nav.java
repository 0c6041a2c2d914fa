package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import java.util.List;
import java.util.Set;

/**
 * The navigation of each role. A new page of a role gets its entry here (message key, path).
 * {@code service} names an institution service the entry needs (device pages only for DEVICE institutions).
 */
public final class Nav {
  public record Item(String key, String path, String service) {
    Item(String key, String path) { this(key, path, null); }
  }

  private Nav() {}

  /** Every entry a role may have (the message test reads them all). */
  public static List<Item> forRole(Role role) {
    return switch (role) {
      case ADMIN -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.dashboard", "/app/admin/dashboard"),
          new Item("nav.persons", "/app/admin/persons"),
          new Item("nav.personNew", "/app/admin/persons/new"),
          new Item("nav.institutions", "/app/admin/institutions"),
          new Item("nav.doctors", "/app/admin/doctors"),
          new Item("nav.users", "/app/admin/users"),
          new Item("nav.aidStandards", "/app/admin/aid-standards"),
          new Item("nav.periods", "/app/admin/periods"),
          new Item("nav.reviewOverdue", "/app/plans/review-overdue"));
      case INSTITUTION -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.findPerson", "/app/institution/find"),
          new Item("nav.sessions", "/app/institution/sessions"),
          new Item("nav.devices", "/app/institution/devices", "DEVICE"),
          new Item("nav.fittings", "/app/institution/fittings", "DEVICE"),
          new Item("nav.recycling", "/app/institution/devices/recycling", "DEVICE"));
      case DOCTOR -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.myPersons", "/app/doctor/persons"),
          new Item("nav.worklist", "/app/doctor/worklist"),
          new Item("nav.expiring", "/app/doctor/expiring"),
          new Item("nav.referrals", "/app/doctor/referrals"),
          new Item("nav.reviewOverdue", "/app/plans/review-overdue"));
      case GUARDIAN -> List.of(
          new Item("nav.home", "/app"),
          new Item("nav.myChildren", "/app/guardian/children"));
    };
  }

  /** The entries this user sees: those of their role whose required institution service their institution offers. */
  public static List<Item> forUser(AppUser user, Set<String> institutionServices) {
    return forRole(user.role()).stream().filter(i -> i.service() == null || institutionServices.contains(i.service())).toList();
  }
}
