package cn.donghe.rehab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DevicesDemoTest {
  @Test
  void demo_buildsAConsistentPool_everyFittingAndRepairState_someOverdueLoans_andAnInterestingRate() {
    String community = Fixtures.community();
    List<UUID> institutions = List.of(
        UUID.fromString(Fixtures.institution(community, false, "DEVICE").path("id").asText()),
        UUID.fromString(Fixtures.institution(community, false, "DEVICE", "REHAB").path("id").asText()));
    List<UUID> persons = new ArrayList<>();
    for (int i = 0; i < 40; i++) persons.add(UUID.fromString(Fixtures.person(community).path("id").asText()));
    DemoSeed seed = new DemoSeed(List.of(community), List.of(), List.of(), institutions, List.of(), List.of(), persons, List.of(), null);
    var jdbi = TestApp.jdbi();
    try {
      TestApp.context().jdbi().useTransaction(h -> DevicesDemo.load(TestApp.context(), h, seed));
      long types = jdbi.withHandle(h -> h.createQuery("""
          SELECT count(*) FROM device_types WHERE code IN ('WHEELCHAIR','WALKER','CRUTCH','HEARING_AID','MAGNIFIER','WHITE_CANE',
            'COMMODE_CHAIR','COMMUNICATION_BOARD')""").mapTo(Long.class).one());
      assertEquals(8, types);
      String[] ids = persons.stream().map(UUID::toString).toArray(String[]::new);
      Set<String> states = Set.copyOf(jdbi.withHandle(h -> h.createQuery(
          "SELECT DISTINCT status FROM fittings WHERE person_id::text = ANY(:p)").bind("p", ids).mapTo(String.class).list()));
      assertEquals(Set.of("REQUESTED", "ASSESSED", "REJECTED", "FITTED", "FOLLOWED_UP", "CANCELLED"), states);
      String[] inst = institutions.stream().map(UUID::toString).toArray(String[]::new);
      Set<String> repairStates = Set.copyOf(jdbi.withHandle(h -> h.createQuery(
          "SELECT DISTINCT status FROM repairs WHERE institution_id::text = ANY(:i)").bind("i", inst).mapTo(String.class).list()));
      assertEquals(Set.of("OPEN", "IN_PROGRESS", "DONE", "UNREPAIRABLE"), repairStates);
      // pool consistent: ON_LOAN items have exactly one open loan and vice versa; IN_REPAIR items have an open repair
      long inconsistent = jdbi.withHandle(h -> h.createQuery("""
          SELECT count(*) FROM device_items d WHERE d.institution_id::text = ANY(:i) AND (
            (d.status = 'ON_LOAN') <> EXISTS (SELECT 1 FROM loans l WHERE l.item_id = d.id AND l.returned_on IS NULL)
            OR (d.status = 'IN_REPAIR') <> EXISTS (SELECT 1 FROM repairs r WHERE r.item_id = d.id AND r.status IN ('OPEN','IN_PROGRESS')))""")
          .bind("i", inst).mapTo(Long.class).one());
      assertEquals(0, inconsistent);
      LocalDate today = LocalDate.now(TestApp.context().clock());
      long overdue = jdbi.withHandle(h -> h.createQuery(
          "SELECT count(*) FROM loans WHERE institution_id::text = ANY(:i) AND returned_on IS NULL AND due_date < :t")
          .bind("i", inst).bind("t", today).mapTo(Long.class).one());
      long served = jdbi.withHandle(h -> h.createQuery("""
          SELECT count(DISTINCT p) FROM (
            SELECT person_id p FROM fittings WHERE person_id::text = ANY(:p) AND delivered_on >= :y
            UNION SELECT person_id FROM loans WHERE person_id::text = ANY(:p) AND start_date >= :y) s""")
          .bind("p", ids).bind("y", today.withDayOfYear(1)).mapTo(Long.class).one());
      long needy = jdbi.withHandle(h -> h.createQuery("SELECT count(DISTINCT person_id) FROM fittings WHERE person_id::text = ANY(:p)")
          .bind("p", ids).mapTo(Long.class).one()
          + h.createQuery("SELECT count(DISTINCT person_id) FROM loans WHERE person_id::text = ANY(:p) AND person_id NOT IN (SELECT person_id FROM fittings)")
          .bind("p", ids).mapTo(Long.class).one());
      assertEquals(40, needy);
      assertTrue(served >= 26 && served <= 38, "served " + served + " of 40");
      assertTrue(overdue > 0, "some loans overdue on " + today);
      long before = Fixtures.count("fittings");
      TestApp.context().jdbi().useTransaction(h -> DevicesDemo.load(TestApp.context(), h, seed));
      assertEquals(before, Fixtures.count("fittings"), "loads once");
    } finally {
      jdbi.useHandle(h -> h.execute("DELETE FROM app_meta WHERE key = 'demo-devices'"));
    }
  }
}
