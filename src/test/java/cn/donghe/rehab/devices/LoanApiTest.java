package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.assertConflict;
import static cn.donghe.rehab.devices.DeviceFixtures.assertInvalid;
import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoanApiTest {
  private static final LocalDate TODAY = LocalDate.now(TestApp.context().clock());
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();
  private final String type = DeviceFixtures.rentableType();

  @Test
  void lend_thenItemIsOnLoan_andASecondLoanOfTheItemIs409() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "NEW");
    JsonNode loan = DeviceFixtures.loan(staff, item, site.personId(), TODAY, TODAY.plusDays(30));
    assertEquals("OPEN", loan.path("status").asText());
    assertTrue(loan.path("returnedOn").isNull());
    assertEquals(item, loan.path("itemId").asText());
    assertEquals("ON_LOAN", DeviceFixtures.itemStatus(item));
    long before = Fixtures.count("loans");
    Api.Resp again = staff.post("/loans", body("itemId", item, "personId", site.newPerson(), "startDate", TODAY.toString(),
        "dueDate", TODAY.plusDays(5).toString()));
    assertConflict(again, "ON_LOAN");
    assertEquals(before, Fixtures.count("loans"));
  }

  @Test
  void concurrentLoanRequestsForOneItem_exactlyOneWins() throws Exception {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    List<String> persons = new ArrayList<>();
    for (int i = 0; i < 8; i++) persons.add(site.newPerson());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(persons.size());
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (String p : persons) {
        results.add(pool.submit(() -> {
          go.await();
          return staff.post("/loans", body("itemId", item, "personId", p, "startDate", TODAY.toString(),
              "dueDate", TODAY.plusDays(10).toString())).status();
        }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) statuses.add(f.get());
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(persons.size() - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdownNow();
    }
    long open = TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM loans WHERE item_id = CAST(:i AS uuid) AND returned_on IS NULL")
        .bind("i", item).mapTo(Long.class).one());
    assertEquals(1, open);
  }

  @Test
  void invalidLoans_are422NamingTheField_andStoreNothing() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    long before = Fixtures.count("loans");
    assertInvalid(staff.post("/loans", body("itemId", item, "personId", site.personId(), "startDate", TODAY.toString(),
        "dueDate", TODAY.minusDays(1).toString())), "dueDate");
    assertInvalid(staff.post("/loans", body("itemId", item, "personId", site.personId(), "startDate", TODAY.plusDays(1).toString(),
        "dueDate", TODAY.plusDays(9).toString())), "startDate");
    assertInvalid(staff.post("/loans", body("personId", site.personId(), "startDate", TODAY.toString(), "dueDate", TODAY.plusDays(9).toString())), "itemId");
    String notRentable = DeviceFixtures.deviceType("50.00", 12, false);
    String hearingAid = DeviceFixtures.item(staff, notRentable, site.institutionId(), "NEW");
    assertInvalid(staff.post("/loans", body("itemId", hearingAid, "personId", site.personId(), "startDate", TODAY.toString(),
        "dueDate", TODAY.plusDays(9).toString())), "itemId");
    assertEquals(before, Fixtures.count("loans"));
    assertEquals("AVAILABLE", DeviceFixtures.itemStatus(item));
  }

  @Test
  void returnInGoodCondition_makesItemAvailable_andReturnOrExtendAgainIs409() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "NEW");
    String id = DeviceFixtures.loan(staff, item, site.personId(), TODAY.minusDays(20), TODAY.plusDays(10)).path("id").asText();
    assertInvalid(staff.post("/loans/" + id + "/return", body("returnedOn", TODAY.minusDays(21).toString(), "condition", "GOOD")), "returnedOn");
    assertInvalid(staff.post("/loans/" + id + "/return", body("returnedOn", TODAY.toString(), "condition", "BROKEN")), "condition");
    Api.Resp r = staff.post("/loans/" + id + "/return", body("returnedOn", TODAY.toString(), "condition", "GOOD"));
    assertEquals(200, r.status(), r.toString());
    assertEquals("RETURNED", r.str("status"));
    assertEquals(TODAY.toString(), r.str("returnedOn"));
    assertEquals("AVAILABLE", DeviceFixtures.itemStatus(item));
    assertEquals("GOOD", staff.get("/device-items/" + item).str("condition"));
    assertConflict(staff.post("/loans/" + id + "/return", body("returnedOn", TODAY.toString(), "condition", "GOOD")), "RETURNED");
    assertConflict(staff.post("/loans/" + id + "/extend", body("dueDate", TODAY.plusDays(40).toString())), "RETURNED");
    // the item can be lent again
    DeviceFixtures.loan(staff, item, site.newPerson(), TODAY, TODAY.plusDays(3));
  }

  @Test
  void returnInPoorCondition_sendsTheItemToRepair() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    String id = DeviceFixtures.loan(staff, item, site.personId(), TODAY.minusDays(5), TODAY.plusDays(10)).path("id").asText();
    assertEquals(200, staff.post("/loans/" + id + "/return", body("returnedOn", TODAY.toString(), "condition", "POOR")).status());
    assertEquals("IN_REPAIR", DeviceFixtures.itemStatus(item));
    Api.Resp repairs = staff.get("/repairs?itemId=" + item);
    assertEquals(1, repairs.get("items").size(), repairs.toString());
    assertEquals("OPEN", repairs.get("items").get(0).path("status").asText());
    assertEquals(id, repairs.get("items").get(0).path("loanId").asText());
  }

  @Test
  void extend_movesTheDueDateForward_only() {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    String id = DeviceFixtures.loan(staff, item, site.personId(), TODAY, TODAY.plusDays(10)).path("id").asText();
    assertInvalid(staff.post("/loans/" + id + "/extend", body("dueDate", TODAY.plusDays(10).toString())), "dueDate");
    Api.Resp r = staff.post("/loans/" + id + "/extend", body("dueDate", TODAY.plusDays(40).toString()));
    assertEquals(200, r.status(), r.toString());
    assertEquals(TODAY.plusDays(40).toString(), r.str("dueDate"));
    assertEquals(1, DeviceFixtures.auditCount("EXTEND", id));
  }

  @Test
  void overdueList_showsOpenLoansDueBeforeAsOf_only() {
    String person = site.newPerson();
    String a = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    String b = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    String c = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    String overdue = DeviceFixtures.loan(staff, a, person, TODAY.minusDays(30), TODAY.minusDays(2)).path("id").asText();
    String current = DeviceFixtures.loan(staff, b, person, TODAY.minusDays(30), TODAY.plusDays(2)).path("id").asText();
    String returned = DeviceFixtures.loan(staff, c, person, TODAY.minusDays(30), TODAY.minusDays(5)).path("id").asText();
    staff.post("/loans/" + returned + "/return", body("returnedOn", TODAY.minusDays(1).toString(), "condition", "GOOD"));
    assertEquals(Set.of(overdue), ids(staff.get("/loans?overdue=true&personId=" + person)));
    assertEquals(Set.of(overdue, current), ids(staff.get("/loans?overdue=true&personId=" + person + "&asOf=" + TODAY.plusDays(3))));
    assertEquals(Set.of(), ids(staff.get("/loans?overdue=true&personId=" + person + "&asOf=" + TODAY.minusDays(2))));
    assertEquals(Set.of(overdue, current, returned), ids(staff.get("/loans?personId=" + person)));
    assertEquals(Set.of(returned), ids(staff.get("/loans?status=RETURNED&personId=" + person)));
    assertEquals(400, staff.get("/loans?overdue=maybe").status());
    assertEquals(400, staff.get("/loans?asOf=yesterday").status());
  }

  static Set<String> ids(Api.Resp r) {
    assertEquals(200, r.status(), r.toString());
    Set<String> s = new HashSet<>();
    r.get("items").forEach(n -> s.add(n.path("id").asText()));
    return s;
  }
}
