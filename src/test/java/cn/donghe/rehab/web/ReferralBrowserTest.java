package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The referral loop in a real browser (issue 19): the doctor refers from the person page and records a home visit
 * (refused "45分" beside the field, then accepted), the institution's home page leads with the incoming referral
 * and the institution accepts it with the keyboard, its first session completes it, and the doctor reads the whole
 * loop -- every page with zero axe violations in Chinese, English and the large-text view.
 */
class ReferralBrowserTest {
  private static Browser b;
  private static ReferralPagesTest.Scene s;

  @BeforeAll
  static void start() {
    b = Browser.startOrSkip();
    s = new ReferralPagesTest.Scene();
  }

  @AfterAll
  static void stop() {
    if (b != null) b.quit();
  }

  @Test
  void doctorRefers_institutionAccepts_firstSessionCloses_theLoopIsReadable() {
    JsonNode p = s.person();
    String id = p.path("id").asText();
    b.signIn(s.a.username());
    b.open("/app/doctor/persons/" + id);
    b.check("doctor-person-before");

    b.tabTo("make-referral");
    b.typeAndWait(Keys.ENTER);
    assertEquals("/app/doctor/persons/" + id + "/referral", b.path());
    new Select(b.find("#f-toInstitutionId")).selectByValue(s.centre);
    new Select(b.find("#f-serviceType")).selectByValue("REHAB_TRAINING");
    b.check("doctor-referral-form");
    b.tabTo("f-reason");
    b.typeAndWait("居家训练效果不佳，建议机构康复", Keys.ENTER);
    assertTrue(b.path().startsWith("/app/doctor/persons/" + id + "?saved=referral"), b.path());
    String rid = ReferralPagesTest.latestReferral(id);
    assertEquals("PENDING", ReferralPagesTest.status(rid));

    b.tabTo("log-home-session");
    b.typeAndWait(Keys.ENTER);
    new Select(b.find("#f-serviceType")).selectByValue("REHAB_NURSING");
    assertTrue(b.find("#f-setting").isSelected(), "HOME is preselected");
    b.tabTo("f-durationMinutes");
    b.typeAndWait("45分", Keys.ENTER);
    assertEquals("e-durationMinutes", b.find("#f-durationMinutes").getAttribute("aria-describedby").replaceFirst("^.* ", ""));
    assertTrue(b.find("#error-summary").isDisplayed());
    assertEquals(0, ReferralPagesTest.sessions(id), "nothing stored");
    b.check("doctor-session-refused");
    b.find("#f-durationMinutes").clear();
    b.tabTo("f-durationMinutes");
    b.typeAndWait("40", Keys.ENTER);
    assertEquals(1, ReferralPagesTest.sessions(id));
    assertTrue(b.find("#doctor-sessions").getText().contains("40"), b.find("#doctor-sessions").getText());

    b.signIn(s.staff.username());
    assertTrue(b.find("#incoming-referrals").getText().contains(p.path("name").asText()));
    b.check("institution-home-incoming");
    b.tabToCss("#incoming-referrals a[href='/app/institution/referrals/" + rid + "']");
    b.typeAndWait(Keys.ENTER);
    b.check("institution-referral");
    b.tabTo("accept-submit");
    b.typeAndWait(Keys.ENTER);
    assertEquals("ACCEPTED", ReferralPagesTest.status(rid));
    assertTrue(b.find("#serve-person").isDisplayed(), "the accepted person can be served");
    b.check("institution-referral-accepted");

    WebFixtures.ok(Fixtures.login(s.staff).withHeader("Idempotency-Key", "rb-" + UUID.randomUUID()).post("/sessions", Map.of("personId", id,
        "serviceType", "REHAB_TRAINING", "date", WebFixtures.today().toString(), "durationMinutes", 45, "therapist", "王治疗师",
        "fee", "0.00", "useChildAid", false)), 201);
    assertEquals("COMPLETED", ReferralPagesTest.status(rid));

    b.signIn(s.a.username());
    b.open("/app/doctor/persons/" + id);
    assertEquals("COMPLETED", b.find("#referral-" + rid).getAttribute("data-status"));
    b.check("doctor-person-loop");
    for (String view : List.of("en", "large")) {
      b.switchTo(view);
      b.open("/app/doctor/persons/" + id);
      b.check("doctor-person-loop");
      b.open("/app/doctor/persons/" + id + "/session");
      b.check("doctor-session-form");
    }
  }
}
