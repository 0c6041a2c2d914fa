package cn.donghe.rehab.devices;

import static cn.donghe.rehab.devices.DeviceFixtures.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reminder schedule from config.yml: 7 and 1 days before the due date, 1 and 7 days after. */
class ReminderJobTest {
  private final ReminderJob job = TestApp.context().get(ReminderJob.class);
  private final DeviceFixtures.Site site = DeviceFixtures.site();
  private final Api staff = site.staff();
  private final String type = DeviceFixtures.rentableType();

  private String lend(LocalDate start, LocalDate due) {
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    return DeviceFixtures.loan(staff, item, site.newPerson(), start, due).path("id").asText();
  }

  /** Offsets recorded for the loan, in order of steps. */
  private List<Integer> steps(String loanId) {
    Api.Resp r = staff.get("/notifications?loanId=" + loanId);
    assertEquals(200, r.status(), r.toString());
    List<Integer> s = new ArrayList<>();
    for (JsonNode n : r.get("items")) s.add(n.path("offsetDays").asInt());
    s.sort(Integer::compare);
    return s;
  }

  private void runDays(LocalDate from, LocalDate to) {
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) job.runFor(d);
  }

  @Test
  void runningDayByDay_recordsEachStepOnItsDay_exactlyOnce() {
    assertEquals(List.of(-7, -1, 1, 7), job.offsets());
    LocalDate due = LocalDate.of(2021, 3, 20);
    String loan = lend(LocalDate.of(2021, 3, 1), due);
    runDays(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 3, 12));
    assertEquals(List.of(), steps(loan));
    job.runFor(LocalDate.of(2021, 3, 13));
    assertEquals(List.of(-7), steps(loan));
    runDays(LocalDate.of(2021, 3, 13), LocalDate.of(2021, 3, 18));
    assertEquals(List.of(-7), steps(loan));
    job.runFor(LocalDate.of(2021, 3, 19));
    assertEquals(List.of(-7, -1), steps(loan));
    runDays(LocalDate.of(2021, 3, 20), LocalDate.of(2021, 3, 21));
    assertEquals(List.of(-7, -1, 1), steps(loan));
    runDays(LocalDate.of(2021, 3, 22), LocalDate.of(2021, 4, 30));
    assertEquals(List.of(-7, -1, 1, 7), steps(loan));
    runDays(LocalDate.of(2021, 3, 13), LocalDate.of(2021, 3, 28));
    assertEquals(4, steps(loan).size());
    Api.Resp r = staff.get("/notifications?loanId=" + loan);
    for (JsonNode n : r.get("items")) {
      assertNotNull(n.path("deliveredAt").asText(null), "delivered through the log channel");
      assertEquals(due.plusDays(n.path("offsetDays").asInt()).toString(), n.path("stepDate").asText());
      assertEquals("log", n.path("channel").asText());
    }
    assertEquals("OVERDUE", kindOf(r, 7));
    assertEquals("DUE_SOON", kindOf(r, -7));
  }

  @Test
  void returnedLoans_getNoFurtherReminders() {
    LocalDate due = LocalDate.of(2021, 6, 20);
    String loan = lend(LocalDate.of(2021, 6, 1), due);
    runDays(LocalDate.of(2021, 6, 1), LocalDate.of(2021, 6, 15));
    assertEquals(List.of(-7), steps(loan));
    assertEquals(200, staff.post("/loans/" + loan + "/return", body("returnedOn", "2021-06-16", "condition", "GOOD")).status());
    runDays(LocalDate.of(2021, 6, 16), LocalDate.of(2021, 7, 31));
    assertEquals(List.of(-7), steps(loan));
  }

  @Test
  void missedDays_areCaughtUp_butNotWithStaleDueSoonReminders_andNotBeforeTheLoanStarted() {
    LocalDate due = LocalDate.of(2021, 9, 20);
    String loan = lend(LocalDate.of(2021, 9, 1), due);
    job.runFor(LocalDate.of(2021, 9, 19));
    assertEquals(List.of(-7, -1), steps(loan));
    String late = lend(LocalDate.of(2021, 9, 1), due);
    job.runFor(LocalDate.of(2021, 9, 30));
    assertEquals(List.of(1, 7), steps(late));
    assertEquals(List.of(-7, -1, 1, 7), steps(loan));
    String shortLoan = lend(LocalDate.of(2021, 9, 17), due);
    runDays(LocalDate.of(2021, 9, 17), LocalDate.of(2021, 9, 21));
    assertEquals(List.of(-1, 1), steps(shortLoan));
  }

  @Test
  void extension_givesTheNewDueDateItsOwnReminders() {
    String loan = lend(LocalDate.of(2021, 11, 1), LocalDate.of(2021, 11, 10));
    runDays(LocalDate.of(2021, 11, 1), LocalDate.of(2021, 11, 9));
    assertEquals(List.of(-7, -1), steps(loan));
    assertEquals(200, staff.post("/loans/" + loan + "/extend", body("dueDate", "2021-11-30")).status());
    runDays(LocalDate.of(2021, 11, 10), LocalDate.of(2021, 11, 29));
    assertEquals(List.of(-7, -7, -1, -1), steps(loan));
    runDays(LocalDate.of(2021, 11, 30), LocalDate.of(2021, 12, 31));
    assertEquals(List.of(-7, -7, -1, -1, 1, 7), steps(loan));
  }

  @Test
  void database_refusesASecondRowForOneLoanDueDateAndStep() {
    String loan = lend(LocalDate.of(2021, 2, 1), LocalDate.of(2021, 2, 10));
    job.runFor(LocalDate.of(2021, 2, 9));
    long before = Fixtures.count("loan_notifications");
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> TestApp.jdbi().useHandle(h -> h.execute("""
        INSERT INTO loan_notifications (id, loan_id, person_id, offset_days, due_date, step_date, kind, message, channel, created_at)
        SELECT gen_random_uuid(), loan_id, person_id, offset_days, due_date, step_date, kind, message, channel, now()
        FROM loan_notifications WHERE loan_id = CAST(? AS uuid) LIMIT 1""", loan)));
    assertEquals(before, Fixtures.count("loan_notifications"));
  }

  /** Issue 21: each recorded step is published to the outbox with it: the child's guardian, and when overdue the lender. */
  @Test
  void reminders_reachTheGuardiansInbox_andOverdueOnesTheLendersStaff_oncePerStep() {
    String child = Fixtures.child(site.community(), cn.donghe.rehab.registry.Category.PHYSICAL, LocalDate.of(2018, 4, 2)).path("id").asText();
    Api guardian = Fixtures.guardianUser(child);
    String item = DeviceFixtures.item(staff, type, site.institutionId(), "GOOD");
    LocalDate due = LocalDate.of(2022, 5, 20);
    String loan = DeviceFixtures.loan(staff, item, child, LocalDate.of(2022, 5, 1), due).path("id").asText();
    runDays(LocalDate.of(2022, 5, 13), LocalDate.of(2022, 5, 21));
    runDays(LocalDate.of(2022, 5, 13), LocalDate.of(2022, 5, 21));

    Api.Resp inbox = guardian.get("/me/notifications?limit=500");
    assertEquals(200, inbox.status(), inbox.toString());
    List<String> kinds = new ArrayList<>();
    for (JsonNode n : inbox.get("items")) {
      kinds.add(n.path("kind").asText());
      assertEquals(true, n.path("eventKey").asText().startsWith("loan:" + loan + ":due:" + due), n.toString());
    }
    kinds.sort(String::compareTo);
    assertEquals(List.of("LOAN_DUE_SOON", "LOAN_DUE_SOON", "LOAN_OVERDUE"), kinds, "steps -7, -1 and +1, each once");
    assertEquals(true, inbox.get("items").get(0).path("body").asText().contains("已逾期 1 天"), inbox.toString());

    Api.Resp lender = staff.get("/me/notifications?limit=500");
    long overdue = 0;
    for (JsonNode n : lender.get("items")) if (n.path("eventKey").asText().startsWith("loan:" + loan)) overdue++;
    assertEquals(1, overdue, "the lending institution hears of the overdue step only");
  }

  @Test
  void nextRun_isTheNextRunAtInTheConfiguredZone() {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    ZonedDateTime morning = ZonedDateTime.of(2026, 3, 1, 7, 30, 0, 0, zone);
    assertEquals(Duration.ofMinutes(30), ReminderJob.untilNextRun(morning, LocalTime.of(8, 0)));
    ZonedDateTime atEight = ZonedDateTime.of(2026, 3, 1, 8, 0, 0, 0, zone);
    assertEquals(Duration.ofHours(24), ReminderJob.untilNextRun(atEight, LocalTime.of(8, 0)));
  }

  private static String kindOf(Api.Resp r, int offset) {
    for (JsonNode n : r.get("items")) if (n.path("offsetDays").asInt() == offset) return n.path("kind").asText();
    return null;
  }
}
