package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** GB 11643-1999 vectors: the standard's own examples and hand-made broken ones. */
class IdNumbersTest {
  @ParameterizedTest
  @CsvSource({
      "11010519491231002X, 1949-12-31, F",   // the standard's example, check character X
      "440524188001010014, 1880-01-01, M",   // the standard's second example
      "150202198005171232, 1980-05-17, M"})
  void knownGoodNumbers_areValid_withTheirBirthDateAndGender(String id, LocalDate birth, String gender) {
    assertEquals(id, IdNumbers.normalise(id));
    assertEquals(birth, IdNumbers.birthDate(id));
    assertEquals(gender, IdNumbers.gender(id));
  }

  @Test
  void lowerCaseX_andSurroundingSpaces_areNormalised() {
    assertEquals("11010519491231002X", IdNumbers.normalise(" 11010519491231002x "));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "110105194912310021",   // wrong check digit (should be X)
      "440524188001010015",   // wrong check digit
      "11010519491231002",    // 17 characters
      "11010519491231002XX",  // 19 characters
      "1101051949123100X2",   // X not last
      "11010519A91231002X",   // letter inside
      ""})
  void badNumbers_areRejected(String id) {
    assertNull(IdNumbers.normalise(id));
  }

  @Test
  void impossibleBirthDate_isDetected_evenWithACorrectCheckDigit() {
    String feb30 = IdNumbers.build("150202", LocalDate.of(1990, 2, 1), 11).replace("19900201", "19900230");
    String fixed = feb30.substring(0, 17) + IdNumbers.checkChar(feb30.substring(0, 17));
    assertEquals(fixed, IdNumbers.normalise(fixed));
    assertNull(IdNumbers.birthDate(fixed));
  }

  @Test
  void build_makesValidNumbers_withOddSequenceForMen() {
    String man = IdNumbers.build("150202", LocalDate.of(2001, 2, 28), 123);
    String woman = IdNumbers.build("150202", LocalDate.of(2001, 2, 28), 124);
    assertEquals(man, IdNumbers.normalise(man));
    assertEquals("M", IdNumbers.gender(man));
    assertEquals("F", IdNumbers.gender(woman));
  }

  @Test
  void certificate_isIdPlusCategoryAndGradeDigit_inTheOrderOfTheStandard() {
    String id = "11010519491231002X";
    assertEquals(id + "11", IdNumbers.certificate(id, Category.VISUAL, 1));
    assertEquals(id + "24", IdNumbers.certificate(id, Category.HEARING, 4));
    assertEquals(id + "32", IdNumbers.certificate(id, Category.SPEECH, 2));
    assertEquals(id + "43", IdNumbers.certificate(id, Category.PHYSICAL, 3));
    assertEquals(id + "51", IdNumbers.certificate(id, Category.INTELLECTUAL, 1));
    assertEquals(id + "62", IdNumbers.certificate(id, Category.MENTAL, 2));
    assertEquals(id + "74", IdNumbers.certificate(id, Category.MULTIPLE, 4));
  }

  @Test
  void masks_keepFirstSixAndLastFour_orLastSixForCertificates() {
    assertEquals("110105************", IdNumbers.mask("11010519491231002X"));
    assertEquals("110105************43", IdNumbers.maskCertificate("11010519491231002X43"));
  }
}
