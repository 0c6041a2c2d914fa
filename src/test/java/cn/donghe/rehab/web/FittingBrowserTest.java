package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The fitting workflow in a real browser (one headless Chromium): device staff request a fitting for a
 * person found by ID number, assess it, are refused an unreadable subsidy next to the field, read the
 * subsidy and service-life check, deliver and follow up -- typing and submitting with the keyboard (the
 * device type is chosen from the list with Selenium). Every page visited passes axe-core (WCAG 2.1 A/AA)
 * in Chinese, English and the large-text view.
 */
class FittingBrowserTest {
  private static Browser b;
  private static FittingPagesTest.Scene s;

  @BeforeAll
  static void start() {
    b = Browser.startOrSkip();
    s = new FittingPagesTest.Scene();
  }

  @AfterAll
  static void stop() {
    try {
      if (s != null) s.remove();
    } finally {
      if (b != null) b.quit();
    }
  }

  private static String status(String fittingPath) { return FittingPagesTest.status(fittingPath); }

  @Test
  void staff_walkTheFittingFromRequestToFollowUp_withZeroAxeViolations() {
    FittingPagesTest.P person = s.person();
    b.signIn(s.staff.username());
    b.tabToCss("nav.main-nav a[href='/app/institution/fittings']");
    b.typeAndWait(Keys.ENTER);
    assertEquals("/app/institution/fittings", b.path());
    b.check("fittings-board");

    b.tabTo("f-kind");
    b.type(Keys.ARROW_DOWN);
    assertTrue(b.find("#f-kind-1").isSelected(), "the ID number radio is chosen with an arrow key");
    new Select(b.find("#f-deviceTypeCode")).selectByValue(s.typeCode);
    b.tabTo("f-number");
    b.typeAndWait(person.idNumber(), Keys.ENTER);
    assertTrue(b.path().matches("/app/institution/fittings/[0-9a-f-]{36}\\?done=requested"), b.path());
    String fitting = b.path().replaceFirst("\\?.*$", "");
    assertTrue(b.find("main").getText().contains(person.name()));
    b.check("fitting-requested");

    b.tabTo("f-suitable");
    b.type(Keys.SPACE);
    b.tabTo("f-notes");
    b.typeAndWait("听力评估适合", Keys.ENTER);
    assertEquals("ASSESSED", status(fitting));
    assertTrue(b.find("#subsidy-ok").isDisplayed(), "the service-life check is shown before delivery");
    b.check("fitting-assessed");

    b.find("#f-subsidy").clear();
    b.tabTo("f-subsidy");
    b.type("3.005");
    b.typeAndWait(Keys.ENTER);
    assertEquals("e-subsidy", b.find("#f-subsidy").getAttribute("aria-describedby").replaceFirst("^.* ", ""));
    assertTrue(b.find("#error-summary").getText().contains("补贴金额"), b.find("#error-summary").getText());
    assertEquals("ASSESSED", status(fitting), "nothing delivered");
    b.check("fitting-deliver-refused");

    b.tabTo("f-serialNo");
    b.type("HA-2026-01");
    b.find("#f-subsidy").clear();
    b.tabTo("f-subsidy");
    b.typeAndWait("800", Keys.ENTER);
    assertEquals("FITTED", status(fitting), b.find("main").getText());
    b.check("fitting-delivered");

    b.tabTo("f-outcome");
    b.type(Keys.SPACE);
    b.tabTo("f-followUpNotes");
    b.typeAndWait("每天使用", Keys.ENTER);
    assertEquals("FOLLOWED_UP", status(fitting));
    assertTrue(b.find("main").getText().contains("正在使用"));
    b.check("fitting-followed-up");

    for (String view : List.of("en", "large")) {
      b.switchTo(view);
      b.open("/app/institution/fittings");
      b.check("fittings-board");
      b.open(fitting);
      assertTrue(b.find("main").getText().contains("In use"));
      b.check("fitting-followed-up");
    }
  }
}
