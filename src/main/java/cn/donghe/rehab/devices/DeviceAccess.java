package cn.donghe.rehab.devices;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.RegionCodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Who may do what with device records (DESIGN section 2).
 * <ul>
 *   <li>Device staff: ADMIN (limited to their region) and INSTITUTION users whose institution offers
 *       DEVICE services (limited to their own institution's records). Other institutions get 403.</li>
 *   <li>GUARDIAN and DOCTOR read fittings, loans and reminders of the persons {@link PersonScope} lets
 *       them read (own children, contracted persons).</li>
 * </ul>
 * Records outside the caller's scope answer 404.
 */
final class DeviceAccess {
  private final PersonScope persons;

  DeviceAccess(PersonScope persons) { this.persons = persons; }

  PersonScope persons() { return persons; }

  /** ADMIN, or INSTITUTION staff of an institution offering DEVICE services; anyone else 403. */
  void requireStaff(Handle h, AppUser u) {
    if (u.isAdmin()) return;
    if (u.is(Role.INSTITUTION) && u.institutionId() != null
        && InstitutionService.find(h, u.institutionId()).map(i -> i.offers("DEVICE")).orElse(false)) {
      return;
    }
    throw ApiException.forbidden("本机构不提供辅具服务 / your institution does not offer DEVICE services");
  }

  /** Readers of person-linked records: INSTITUTION users must be device staff; the other roles are scoped by person. */
  void requireReader(Handle h, AppUser u) {
    if (u.is(Role.INSTITUTION)) requireStaff(h, u);
  }

  /** True when the caller may manage records of this institution (own institution / admin region). */
  boolean manages(AppUser u, Institution i) {
    if (i == null) return false;
    if (u.isAdmin()) return u.isGlobalAdmin() || RegionCodes.within(i.regionCode(), u.regionCode());
    return u.is(Role.INSTITUTION) && i.id().equals(u.institutionId());
  }

  boolean manages(Handle h, AppUser u, UUID institutionId) {
    return institutionId != null && manages(u, InstitutionService.find(h, institutionId).orElse(null));
  }

  /**
   * Condition for person-linked records (alias {@code r} with institution_id, persons alias {@code p}):
   * INSTITUTION sees its own institution's records, the other roles what they may read of the person.
   */
  PersonScope.Filter personRecords(AppUser u, String r, String p) {
    if (u.is(Role.INSTITUTION)) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("scopeInstitution", u.institutionId());
      return new PersonScope.Filter(r + ".institution_id = :scopeInstitution", b);
    }
    return persons.filter(u, p);
  }

  /** Condition for institution-owned records (alias {@code r} with institution_id, institutions alias {@code i}). */
  PersonScope.Filter institutionRecords(AppUser u, String r, String i) {
    Map<String, Object> b = new LinkedHashMap<>();
    if (u.isAdmin()) {
      b.put("scopePrefix", u.regionPrefix() + "%");
      return new PersonScope.Filter(i + ".region_code LIKE :scopePrefix", b);
    }
    b.put("scopeInstitution", u.institutionId());
    return new PersonScope.Filter(r + ".institution_id = :scopeInstitution", b);
  }
}
