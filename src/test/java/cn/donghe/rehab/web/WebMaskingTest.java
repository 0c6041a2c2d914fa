package cn.donghe.rehab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 15 item 3 on the pages: DOCTOR and INSTITUTION pages show the same masked view as the API, never the day of birth. */
class WebMaskingTest {
  private static final LocalDate BIRTH = LocalDate.of(1988, 6, 17);

  private static void assertMasked(String what, WebClient.Page p, String idNumber, boolean showsDetails) {
    assertEquals(200, p.status(), what + ": " + p);
    String body = p.body();
    List<String> secrets = new java.util.ArrayList<>(List.of(idNumber, idNumber.substring(6, 14), BIRTH.toString(),
        idNumber.substring(0, 6) + "********" + idNumber.substring(14)));
    for (Locale l : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.forLanguageTag("zh-CN"), Locale.forLanguageTag("en"))) {
      secrets.add(BIRTH.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l)));
      secrets.add(BIRTH.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(l)));
    }
    for (String s : secrets) assertFalse(body.contains(s), what + " shows " + s);
    assertTrue(body.contains(idNumber.substring(0, 6) + "************"), what + " shows the masked number");
    if (showsDetails) assertTrue(body.contains("1988-06"), what + " shows the year-month of birth");
  }

  @Test
  void doctorAndInstitutionPages_showMaskedNumbers_andTheYearMonthOnly() {
    String community = Fixtures.community();
    Map<String, Object> body = Fixtures.personBody(community, Category.HEARING, 2, BIRTH);
    String personId = TestApp.admin().post("/persons", body).str("id");
    Map<String, Object> other = Fixtures.personBody(community, Category.HEARING, 2, BIRTH);
    assertEquals(201, TestApp.admin().post("/persons", other).status());
    String id = (String) body.get("idNumber");

    String clinic = Fixtures.institution(community, false, "PRIMARY_CARE").path("id").asText();
    String doctorId = Fixtures.doctor(clinic).path("id").asText();
    WebFixtures.contract(personId, doctorId);
    AppUser d = WebFixtures.user("DOCTOR", null, UUID.fromString(doctorId), List.of());
    WebClient doc = new WebClient().login(d.username(), Fixtures.PASSWORD);
    assertMasked("doctor persons", doc.get("/app/doctor/persons"), id, false);
    assertMasked("doctor person", doc.get("/app/doctor/persons/" + personId), id, true);
    assertMasked("person page (doctor)", doc.get("/app/persons/" + personId), id, true);
    assertMasked("doctor worklist", doc.get("/app/doctor/worklist?cursor="), (String) other.get("idNumber"), false);

    String inst = Fixtures.institution(community, true, "REHAB").path("id").asText();
    AppUser staff = WebFixtures.user("INSTITUTION", UUID.fromString(inst), null, List.of());
    WebClient c = new WebClient().login(staff.username(), Fixtures.PASSWORD);
    assertEquals(200, c.get("/app/institution/find").status()); // the form (and its token) first
    assertMasked("institution find", c.post("/app/institution/find", Map.of("kind", "certificateNo", "number", (String) body.get("certificateNo"))), id, true);
    assertMasked("institution person", c.get("/app/institution/persons/" + personId), id, true);
    assertMasked("person page (institution)", c.get("/app/persons/" + personId), id, true);
  }
}
