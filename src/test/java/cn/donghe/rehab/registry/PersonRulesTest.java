package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.FieldError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The person rules of DESIGN section 4, each named by the field it blames. */
class PersonRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
  private static final LocalDate BIRTH = LocalDate.of(1949, 12, 31);
  private static final String ID = "11010519491231002X";   // female, 1949-12-31

  private static PersonInput adult(String id, String cert, String gender, LocalDate birth, String category, Integer grade) {
    return new PersonInput("王秀英", gender, birth, id, cert, category, grade, false, "150202001001", "13800000000", null);
  }

  private static PersonInput valid() { return adult(ID, ID + "43", "F", BIRTH, "PHYSICAL", 3); }

  private static List<String> fields(PersonInput in) {
    return PersonRules.validate(in, TODAY).errors().stream().map(FieldError::field).distinct().toList();
  }

  @Test
  void aValidAdult_passes() {
    assertEquals(List.of(), fields(valid()));
  }

  @Test
  void wrongCheckDigit_blamesIdNumber() {
    assertEquals(List.of("idNumber"), fields(adult("110105194912310021", null, "F", BIRTH, "PHYSICAL", 3)).subList(0, 1));
  }

  @Test
  void idWithImpossibleDate_blamesIdNumber() {
    String first17 = "15020219900230001";
    String id = first17 + IdNumbers.checkChar(first17);
    assertTrue(fields(adult(id, null, "M", LocalDate.of(1990, 2, 28), "PHYSICAL", 3)).contains("idNumber"));
  }

  @Test
  void birthDateDisagreeingWithTheId_blamesBirthDate() {
    assertEquals(List.of("birthDate"), fields(adult(ID, ID + "43", "F", BIRTH.minusDays(1), "PHYSICAL", 3)));
  }

  @Test
  void genderDisagreeingWithTheParityDigit_blamesGender() {
    assertEquals(List.of("gender"), fields(adult(ID, ID + "43", "M", BIRTH, "PHYSICAL", 3)));
  }

  @Test
  void certificateCategoryDigit_mustMatchTheCategory() {
    assertEquals(List.of("certificateNo"), fields(adult(ID, ID + "13", "F", BIRTH, "PHYSICAL", 3)));
  }

  @Test
  void certificateGradeDigit_mustMatchTheGrade() {
    assertEquals(List.of("certificateNo"), fields(adult(ID, ID + "44", "F", BIRTH, "PHYSICAL", 3)));
  }

  @Test
  void certificateDigitsOutOfRange_areRejected() {
    assertEquals(List.of("certificateNo"), fields(adult(ID, ID + "83", "F", BIRTH, "PHYSICAL", 3)));
    assertEquals(List.of("certificateNo"), fields(adult(ID, ID + "45", "F", BIRTH, "PHYSICAL", 3)));
    assertEquals(List.of("certificateNo"), fields(adult(ID, ID + "4", "F", BIRTH, "PHYSICAL", 3)));
  }

  @Test
  void certificateOfAnotherId_isRejected() {
    assertEquals(List.of("certificateNo"), fields(adult(ID, "440524188001010014" + "43", "F", BIRTH, "PHYSICAL", 3)));
  }

  @Test
  void certificateWithoutGrade_blamesGrade() {
    assertEquals(List.of("grade"), fields(adult(ID, ID + "43", "F", BIRTH, "PHYSICAL", null)));
  }

  @Test
  void adultWithoutCertificate_isRejected_butAChildUnder18MayHaveNone() {
    assertEquals(List.of("certificateNo"), fields(adult(ID, null, "F", BIRTH, "PHYSICAL", 3)));
    LocalDate childBirth = LocalDate.of(2019, 4, 2);
    String child = IdNumbers.build("150202", childBirth, 12);
    assertEquals(List.of(), fields(adult(child, null, "F", childBirth, "HEARING", null)));
    LocalDate justAdult = TODAY.minusYears(18);
    String adult = IdNumbers.build("150202", justAdult, 12);
    assertEquals(List.of("certificateNo"), fields(adult(adult, null, "F", justAdult, "HEARING", null)));
  }

  @Test
  void requiredFields_andEnumerations_areNamed() {
    PersonInput empty = new PersonInput(null, null, null, null, null, null, null, null, null, null, null);
    assertTrue(fields(empty).containsAll(List.of("name", "gender", "birthDate", "idNumber", "category", "regionCode")));
    assertTrue(fields(adult(ID, ID + "43", "X", BIRTH, "PHYSICAL", 3)).contains("gender"));
    assertEquals(List.of("category"), fields(adult(ID, ID + "43", "F", BIRTH, "BLIND", 3)));
    assertTrue(fields(adult(ID, ID + "43", "F", BIRTH, "PHYSICAL", 5)).contains("grade"));
  }

  @Test
  void futureBirthDate_badRegionCode_badPhone_guardianWithoutName_areNamed() {
    LocalDate future = TODAY.plusDays(1);
    String id = IdNumbers.build("150202", future, 12);
    assertTrue(fields(adult(id, null, "F", future, "PHYSICAL", null)).contains("birthDate"));
    PersonInput in = new PersonInput("王秀英", "F", BIRTH, ID, ID + "43", "PHYSICAL", 3, false, "15020", "phone!",
        new Person.Guardian(" ", "13800000000", "女儿"));
    assertEquals(List.of("regionCode", "phone", "guardian.name"), fields(in));
  }

  @Test
  void guardian_needsNamePhoneAndRelation_asDesignLists() {
    PersonInput in = new PersonInput("王秀英", "F", BIRTH, ID, ID + "43", "PHYSICAL", 3, false, "150202001001", null,
        new Person.Guardian("王芳", null, " "));
    assertEquals(java.util.Set.of("guardian.phone", "guardian.relation"), java.util.Set.copyOf(fields(in)));
  }
}
