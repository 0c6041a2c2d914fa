package cn.donghe.rehab.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.donghe.rehab.childaid.AidCategory;
import cn.donghe.rehab.childaid.AidStandard;
import cn.donghe.rehab.childaid.ChildAidEligibility;
import cn.donghe.rehab.childaid.ChildAidEligibility.Applicant;
import cn.donghe.rehab.childaid.ChildAidEligibility.Rejection;
import cn.donghe.rehab.registry.Person;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The enrolment policy on its own, without a database. */
class ChildAidEligibilityTest {
  private static final AidStandard STANDARD = AidStandard.planDefault(2025);

  private static Person child(String category, boolean autism, LocalDate birth, String status) {
    return new Person(UUID.randomUUID(), "童", "F", birth, null, null, category, 2, autism, "150202001001", null, null, status,
        status.equals("ACTIVE") ? null : LocalDate.of(2025, 1, 1), null, null);
  }

  private static String rejection(Person p, AidCategory c, AidStandard s, boolean enrolled) {
    var d = ChildAidEligibility.check(new Applicant(p, 2025, c, s, enrolled));
    return d instanceof Rejection r ? r.type() : "OK";
  }

  @Test
  void aChildOfTenOnFirstJanuary_withFittingCategory_isEligible() {
    assertInstanceOf(ChildAidEligibility.Ok.class,
        ChildAidEligibility.check(new Applicant(child("PHYSICAL", false, LocalDate.of(2015, 1, 1), "ACTIVE"), 2025, AidCategory.PHYSICAL, STANDARD, false)));
  }

  @Test
  void eleventhBirthdayBeforeFirstJanuary_isTooOld() {
    assertEquals("aid-age-out-of-range", rejection(child("PHYSICAL", false, LocalDate.of(2014, 1, 1), "ACTIVE"), AidCategory.PHYSICAL, STANDARD, false));
    assertEquals("OK", rejection(child("PHYSICAL", false, LocalDate.of(2014, 1, 2), "ACTIVE"), AidCategory.PHYSICAL, STANDARD, false));
  }

  @Test
  void bornAfterFirstJanuary_hasNoAgeThatYear() {
    assertNull(ChildAidEligibility.ageOnFirstJanuary(LocalDate.of(2025, 1, 2), 2025));
    assertEquals(0, ChildAidEligibility.ageOnFirstJanuary(LocalDate.of(2025, 1, 1), 2025));
    assertEquals("aid-age-out-of-range", rejection(child("HEARING", false, LocalDate.of(2025, 3, 1), "ACTIVE"), AidCategory.HEARING, STANDARD, false));
  }

  @Test
  void categories_mapFromTheDisability() {
    LocalDate b = LocalDate.of(2020, 5, 5);
    assertEquals("OK", rejection(child("VISUAL", false, b, "ACTIVE"), AidCategory.LOW_VISION, STANDARD, false));
    assertEquals("aid-category-mismatch", rejection(child("VISUAL", false, b, "ACTIVE"), AidCategory.HEARING, STANDARD, false));
    assertEquals("OK", rejection(child("INTELLECTUAL", true, b, "ACTIVE"), AidCategory.AUTISM, STANDARD, false));
    assertEquals("aid-category-mismatch", rejection(child("INTELLECTUAL", false, b, "ACTIVE"), AidCategory.AUTISM, STANDARD, false));
    assertEquals("aid-category-mismatch", rejection(child("MULTIPLE", false, b, "ACTIVE"), AidCategory.PHYSICAL, STANDARD, false));
  }

  @Test
  void eachRejection_hasItsOwnType() {
    LocalDate b = LocalDate.of(2020, 5, 5);
    assertEquals("aid-no-standard", rejection(child("PHYSICAL", false, b, "ACTIVE"), AidCategory.PHYSICAL, null, false));
    assertEquals("aid-person-not-active", rejection(child("PHYSICAL", false, b, "DECEASED"), AidCategory.PHYSICAL, STANDARD, false));
    var noHearing = new AidStandard(2025, 0, 10, java.util.Map.of("PHYSICAL", new java.math.BigDecimal("1.00")), null);
    assertEquals("aid-category-not-in-standard", rejection(child("HEARING", false, b, "ACTIVE"), AidCategory.HEARING, noHearing, false));
    var r = ChildAidEligibility.check(new Applicant(child("PHYSICAL", false, b, "ACTIVE"), 2025, AidCategory.PHYSICAL, STANDARD, true));
    assertEquals(409, ((Rejection) r).status());
    assertEquals("aid-already-enrolled", ((Rejection) r).type());
  }
}
