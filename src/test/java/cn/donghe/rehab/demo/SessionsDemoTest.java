package cn.donghe.rehab.demo;

import cn.donghe.rehab.sessions.AidFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionsDemoTest {
  @Test
  void demoData_hasConsistentLedgers_usedUpBalances_andMostAdultsServed() {
    String community = Fixtures.community();
    int year = AidFixtures.thisYear();
    UUID aid = UUID.fromString(Fixtures.institution(community, true, "REHAB").path("id").asText());
    UUID plain = UUID.fromString(Fixtures.institution(community, false, "REHAB").path("id").asText());
    List<UUID> children = new ArrayList<>();
    children.add(UUID.fromString(AidFixtures.child(community, Category.HEARING, year, 4).path("id").asText()));
    children.add(UUID.fromString(AidFixtures.child(community, Category.PHYSICAL, year, 6).path("id").asText()));
    children.add(UUID.fromString(AidFixtures.child(community, Category.VISUAL, year, 2).path("id").asText()));
    children.add(UUID.fromString(AidFixtures.child(community, Category.MENTAL, year, 2).path("id").asText()));
    List<UUID> persons = new ArrayList<>(children);
    List<UUID> adults = new ArrayList<>();
    for (int i = 0; i < 40; i++) adults.add(UUID.fromString(Fixtures.person(community, Category.PHYSICAL, 3, LocalDate.of(1960 + i % 40, 3, 1)).path("id").asText()));
    persons.addAll(adults);
    // the demo serves mostly persons assessed with a rehab need this year (the rate's denominator)
    for (UUID a : adults) {
      var r = TestApp.admin().put("/persons/" + a + "/assessments/" + year,
          cn.donghe.rehab.contracts.ContractFixtures.assessmentBody(LocalDate.of(year, 1, 1), List.of("REHAB_TRAINING"), List.of()));
      assertTrue(r.status() == 200 || r.status() == 201, r.toString());
    }
    UUID admin = Fixtures.createUserDirect(Fixtures.username("demo"), "ADMIN", null, null, List.of(), null).id();
    DemoSeed seed = new DemoSeed(List.of(community), List.of(aid, plain), List.of(aid), List.of(), List.of(), List.of(), persons, children, admin);

    TestApp.context().jdbi().useTransaction(h -> SessionsDemo.load(TestApp.context(), h, seed));

    String kids = children.stream().map(u -> "'" + u + "'").reduce((a, b) -> a + "," + b).orElseThrow();
    assertEquals(6L, AidFixtures.countWhere("SELECT count(*) FROM aid_accounts WHERE person_id IN (" + kids + ")"),
        "the three children with an aid category, this year and last; none for the MENTAL one");
    assertEquals(0L, AidFixtures.countWhere("""
        SELECT count(*) FROM aid_accounts a WHERE a.person_id IN (%s)
           AND a.balance <> (SELECT sum(amount) FROM aid_ledger l WHERE l.account_id = a.id)""".formatted(kids)), "ledger sums equal balances");
    assertEquals(0L, AidFixtures.countWhere("""
        SELECT count(*) FROM aid_accounts a WHERE a.person_id IN (%s)
           AND a.budget - a.balance <> (SELECT coalesce(sum(aid_charged), 0) FROM sessions s WHERE s.aid_account_id = a.id)""".formatted(kids)));
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM aid_accounts WHERE person_id IN (" + kids + ") AND year = ? AND balance = 0", year));
    assertEquals(1L, AidFixtures.countWhere("SELECT count(*) FROM aid_accounts WHERE person_id IN (" + kids + ") AND year = ? AND balance = 180.00", year));
    assertEquals(0L, AidFixtures.countWhere("SELECT count(*) FROM sessions WHERE person_id IN (" + kids + ") AND (date > ? OR institution_id <> ?)",
        AidFixtures.today(), aid));
    String ads = adults.stream().map(u -> "'" + u + "'").reduce((a, b) -> a + "," + b).orElseThrow();
    long served = AidFixtures.countWhere("SELECT count(DISTINCT person_id) FROM sessions WHERE person_id IN (" + ads + ") AND date >= ?",
        LocalDate.of(year, 1, 1));
    assertTrue(served >= 28 && served <= 40, "most assessed adults served this year: " + served);
  }
}
