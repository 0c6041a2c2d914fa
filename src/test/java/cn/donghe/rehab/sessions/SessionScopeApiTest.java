package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who sees which sessions: institution its own, doctor contracted persons, guardian own children, admin region. */
class SessionScopeApiTest {
  private static String community;
  private static AidFixtures.Clinic mine;
  private static AidFixtures.Clinic other;
  private static String child;
  private static String otherChild;
  private static String session;
  private static String otherSession;

  @BeforeAll
  static void setUp() {
    community = Fixtures.community();
    mine = AidFixtures.clinic(community, true);
    other = AidFixtures.clinic(community, true);
    child = AidFixtures.child(community, Category.HEARING, AidFixtures.thisYear(), 5).path("id").asText();
    otherChild = AidFixtures.child(community, Category.HEARING, AidFixtures.thisYear(), 5).path("id").asText();
    session = AidFixtures.log(mine.staff(), AidFixtures.session(child, "100.00", false, AidFixtures.today().minusDays(3))).str("id");
    otherSession = AidFixtures.log(other.staff(), AidFixtures.session(otherChild, "100.00", false)).str("id");
  }

  private static boolean lists(Api api, String query, String sessionId) {
    Api.Resp r = api.get("/sessions" + query);
    assertEquals(200, r.status(), r.toString());
    for (JsonNode s : r.get("items")) if (s.path("id").asText().equals(sessionId)) return true;
    return false;
  }

  @Test
  void institution_seesOnlyItsOwnSessions() {
    assertEquals(200, mine.staff().get("/sessions/" + session).status());
    assertEquals(404, mine.staff().get("/sessions/" + otherSession).status());
    assertTrue(lists(mine.staff(), "", session));
    assertFalse(lists(mine.staff(), "", otherSession));
    assertFalse(lists(mine.staff(), "?personId=" + otherChild, otherSession));
  }

  @Test
  void guardian_seesOwnChildsSessions_and404ForOtherChildren() {
    Api parent = Fixtures.guardianUser(child);
    Api.Resp s = parent.get("/sessions/" + session);
    assertEquals(200, s.status());
    assertEquals(mine.id(), s.str("institutionId"));
    assertTrue(s.str("institutionName") != null);
    assertTrue(lists(parent, "?personId=" + child, session));
    assertTrue(lists(parent, "", session));
    assertFalse(lists(parent, "", otherSession));
    assertEquals(404, parent.get("/sessions/" + otherSession).status());
    assertEquals(404, parent.get("/sessions?personId=" + otherChild).status());
  }

  @Test
  void doctor_seesSessionsOfContractedPersonsOnly() {
    String clinicId = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinicId).path("id").asText();
    LocalDate today = AidFixtures.today();
    TestApp.jdbi().useHandle(h -> h.createUpdate("""
            INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
            VALUES (:id, :p, :d, :s, :e, 'BASIC', now())""")
        .bind("id", Ids.newId()).bind("p", UUID.fromString(child)).bind("d", UUID.fromString(doctorId))
        .bind("s", today.minusMonths(1)).bind("e", today.plusMonths(11)).execute());
    Api doctor = Fixtures.doctorUser(doctorId);
    assertEquals(200, doctor.get("/sessions/" + session).status());
    assertEquals(404, doctor.get("/sessions/" + otherSession).status());
    assertTrue(lists(doctor, "?personId=" + child, session));
    assertEquals(404, doctor.get("/sessions?personId=" + otherChild).status());
  }

  @Test
  void regionalAdmin_seesSessionsOfTheirRegionOnly() {
    Api here = Fixtures.regionalAdmin(community.substring(0, 9) + "000");
    Api elsewhere = Fixtures.regionalAdmin(Fixtures.town());
    assertEquals(200, here.get("/sessions/" + session).status());
    assertEquals(404, elsewhere.get("/sessions/" + session).status());
    assertTrue(lists(here, "?personId=" + child, session));
    assertFalse(lists(elsewhere, "", session));
  }

  @Test
  void dateFilters_narrowTheList_andBadFiltersAre400() {
    LocalDate d = AidFixtures.today().minusDays(3);
    assertTrue(lists(mine.staff(), "?from=" + d + "&to=" + d, session));
    assertFalse(lists(mine.staff(), "?from=" + d.plusDays(1), session));
    assertFalse(lists(mine.staff(), "?to=" + d.minusDays(1), session));
    assertEquals(400, mine.staff().get("/sessions?from=yesterday").status());
    assertEquals(400, mine.staff().get("/sessions?from=" + d + "&to=" + d.minusDays(1)).status());
    assertEquals(400, mine.staff().get("/sessions?personId=nope").status());
    assertEquals(404, mine.staff().get("/sessions/not-an-id").status());
  }

  @Test
  void paging_followsTheCursor() {
    String adult = Fixtures.person(community).path("id").asText();
    for (int i = 0; i < 3; i++) AidFixtures.log(mine.staff(), AidFixtures.session(adult, "1.00", false));
    Api.Resp p1 = mine.staff().get("/sessions?personId=" + adult + "&limit=2");
    assertEquals(2, p1.get("items").size());
    Api.Resp p2 = mine.staff().get("/sessions?personId=" + adult + "&limit=2&cursor=" + p1.str("nextCursor"));
    assertEquals(1, p2.get("items").size());
    assertTrue(p2.get("nextCursor").isNull());
  }
}
