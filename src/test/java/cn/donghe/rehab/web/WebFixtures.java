package cn.donghe.rehab.web;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Test data the web tests need beyond the shared fixtures. */
final class WebFixtures {
  private WebFixtures() {}

  static AppUser user(String role, UUID institutionId, UUID doctorId, List<UUID> children) {
    return Fixtures.createUserDirect(Fixtures.username("web-" + role.toLowerCase()), role, institutionId, doctorId, children, null);
  }

  /**
   * A family-doctor contract active today. Written straight into the contracts table because the
   * contracts API is built on another branch; replace with its service once merged.
   */
  static void contract(String personId, String doctorId) {
    LocalDate today = LocalDate.now(TestApp.context().clock());
    TestApp.jdbi().useHandle(h -> h.createUpdate("""
            INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
            VALUES (:id, :p, :d, :start, :end, 'BASIC', now())""")
        .bind("id", UUID.randomUUID()).bind("p", UUID.fromString(personId)).bind("d", UUID.fromString(doctorId))
        .bind("start", today.minusDays(30)).bind("end", today.plusYears(1)).execute());
  }
}
