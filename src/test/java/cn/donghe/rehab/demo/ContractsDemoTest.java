package cn.donghe.rehab.demo;

import cn.donghe.rehab.contracts.ContractFixtures;
import static cn.donghe.rehab.contracts.ContractFixtures.today;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractsDemoTest {
  private static final int N = 3000;

  private static double share(String sql, UUID[] ids) {
    return TestApp.jdbi().withHandle(h -> h.createQuery(sql).bind("ids", ids).bind("today", today())
        .bind("y", (short) today().getYear()).mapTo(Double.class).one());
  }

  @Test
  void demoLoad_signsMostPersons_assessesTwoYears_andWritesPlansWithRevisions_quickly() {
    ContractFixtures.ensureDemoDeviceTypes();
    ContractFixtures.World w = ContractFixtures.world();
    String clinic2 = Fixtures.institution(w.community(), false, "PRIMARY_CARE").path("id").asText();
    UUID d2 = UUID.fromString(Fixtures.doctor(clinic2).path("id").asText());
    UUID device = UUID.fromString(Fixtures.institution(w.community(), false, "DEVICE").path("id").asText());
    AppUser admin = Fixtures.createUserDirect(Fixtures.username("demo-admin"), "ADMIN", null, null, List.of(), null);
    List<UUID> persons = TestApp.jdbi().withHandle(h -> h.createQuery("""
            INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, category, grade,
              region_code, status, created_at, updated_at)
            SELECT gen_random_uuid(), '演示' || i, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, DATE '1950-01-01' + (i * 7) % 25000,
              uuid_send(gen_random_uuid()), uuid_send(gen_random_uuid()), '150202************',
              CASE WHEN i % 100 < 58 THEN 'PHYSICAL' WHEN i % 100 < 68 THEN 'VISUAL' WHEN i % 100 < 78 THEN 'HEARING'
                   WHEN i % 100 < 86 THEN 'INTELLECTUAL' WHEN i % 100 < 97 THEN 'MENTAL' WHEN i % 100 < 98 THEN 'SPEECH' ELSE 'MULTIPLE' END,
              1 + i % 4, :region, 'ACTIVE', now(), now()
            FROM generate_series(1, :n) i RETURNING id""")
        .bind("region", w.community()).bind("n", N).mapTo(UUID.class).list());
    UUID[] ids = persons.toArray(new UUID[0]);
    DemoSeed seed = new DemoSeed(List.of(w.community()), List.of(UUID.fromString(w.rehabId())), List.of(UUID.fromString(w.rehabId())),
        List.of(device), List.of(UUID.fromString(w.clinicId()), UUID.fromString(clinic2)), List.of(UUID.fromString(w.doctorId()), d2),
        persons, List.of(), admin.id());

    long t0 = System.nanoTime();
    TestApp.context().jdbi().useTransaction(h -> ContractsDemo.load(TestApp.context(), h, seed));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("ContractsDemo.load: " + N + " persons in " + ms + " ms");
    assertTrue(ms < 20_000, "demo load took " + ms + " ms for " + N + " persons");

    double signed = share("SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM contracts c WHERE c.person_id = p.id AND c.active_range @> CAST(:today AS date)) THEN 1.0 ELSE 0 END) FROM persons p WHERE p.id = ANY(:ids) AND :y > 0", ids);
    // 90-98% depending on the community (ContractsDemo: 0.90 + 0.08 * DemoShares.of(community, 3)); the fixture's community is random
    assertTrue(signed > 0.85 && signed < 0.99, "signed share " + signed);
    double assessed = share("SELECT count(*) / (2.0 * cardinality(CAST(:ids AS uuid[]))) FROM assessments WHERE person_id = ANY(:ids) AND year IN (:y, :y - 1) AND :today IS NOT NULL", ids);
    assertTrue(assessed > 0.9, "assessed share " + assessed);
    double rehab = share("SELECT avg(CASE WHEN needs_rehab THEN 1.0 ELSE 0 END) FROM assessments WHERE person_id = ANY(:ids) AND year = :y AND :today IS NOT NULL", ids);
    assertTrue(rehab > 0.8 && rehab < 0.97, "rehab need share " + rehab);
    double devices = share("SELECT avg(CASE WHEN needs_device THEN 1.0 ELSE 0 END) FROM assessments WHERE person_id = ANY(:ids) AND year = :y AND :today IS NOT NULL", ids);
    assertTrue(devices > 0.25 && devices < 0.45, "device need share " + devices);
    double plans = share("SELECT count(*) * 1.0 FROM plans WHERE person_id = ANY(:ids) AND :y > 0 AND :today IS NOT NULL", ids);
    double revised = share("SELECT count(*) * 1.0 FROM plans WHERE person_id = ANY(:ids) AND current_revision >= 3 AND :y > 0 AND :today IS NOT NULL", ids);
    assertTrue(plans > N * 0.08 && revised > 10, "plans " + plans + ", with 3+ revisions " + revised);

    // What the loader wrote reads back through the API like any other plan.
    String planId = TestApp.jdbi().withHandle(h -> h.createQuery(
            "SELECT CAST(id AS text) FROM plans WHERE person_id = ANY(:ids) AND current_revision >= 3 ORDER BY id LIMIT 1")
        .bind("ids", ids).mapTo(String.class).one());
    Api.Resp diff = TestApp.admin().get("/plans/" + planId + "/revisions?diff=true");
    assertEquals(200, diff.status(), diff.toString());
    assertTrue(diff.get("items").size() >= 2);
    for (var d : diff.get("items")) assertTrue(d.path("changes").size() > 0, d.toString());
    Api.Resp worklist = TestApp.admin().get("/contracts/worklist/unsigned?regionCode=" + w.community() + "&limit=500");
    // 2-10% of the persons are unsigned, depending on the (random) fixture community's share
    assertTrue(worklist.get("items").size() > N * 0.01, worklist.toString().substring(0, 200));
  }
}
