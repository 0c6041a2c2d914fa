package cn.donghe.rehab.registry;

import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Text;
import java.time.LocalDate;
import java.time.Period;

/**
 * Validation of a person record (DESIGN section 4): names the field of every problem. Checks that
 * need the database (region exists, numbers unique) are done by {@link PersonService}.
 */
public final class PersonRules {
  private PersonRules() {}

  public static Checks validate(PersonInput in, LocalDate today) {
    Checks c = new Checks();
    c.required(in.name(), "name");
    Text.check(c, in.name(), 100, "name");
    c.require(in.gender() == null || in.gender().equals("M") || in.gender().equals("F"), "gender", "性别须为 M 或 F / gender must be M or F");
    c.required(in.gender(), "gender");
    c.required(in.birthDate(), "birthDate");
    if (in.birthDate() != null) {
      c.require(!in.birthDate().isAfter(today), "birthDate", "出生日期不能晚于今天 / birth date cannot be in the future");
      c.require(in.birthDate().getYear() >= 1900, "birthDate", "出生日期不合理 / birth date before 1900");
    }
    Category category = checkRating(c, in.category(), in.grade());
    c.required(in.regionCode(), "regionCode");
    c.require(in.regionCode() == null || in.regionCode().matches("[0-9]{12}"), "regionCode", "区划代码为 12 位数字 / 12-digit code");
    if (in.phone() != null) c.require(in.phone().matches("[0-9+\\- ]{5,30}"), "phone", "电话号码格式错误 / invalid phone number");
    checkGuardian(c, in.guardian());

    String id = IdNumbers.normalise(in.idNumber());
    c.required(in.idNumber(), "idNumber");
    if (in.idNumber() != null && !in.idNumber().isBlank()) {
      if (id == null) {
        c.require(false, "idNumber", "身份证号须为 18 位且校验位正确 / ID number must be 18 characters with a valid check character");
      } else {
        LocalDate birth = IdNumbers.birthDate(id);
        c.require(birth != null, "idNumber", "身份证号中的出生日期无效 / ID number has an invalid birth date");
        c.require(birth == null || in.birthDate() == null || birth.equals(in.birthDate()), "birthDate",
            "出生日期与身份证号不一致 / birth date does not match the ID number");
        c.require(in.gender() == null || IdNumbers.gender(id).equals(in.gender()), "gender", "性别与身份证号不一致 / gender does not match the ID number");
      }
    }
    boolean childOnDiagnosis = in.birthDate() != null && Period.between(in.birthDate(), today).getYears() < 18;
    if (in.certificateNo() == null || in.certificateNo().isBlank()) {
      c.require(childOnDiagnosis, "certificateNo", "成年人必须提供残疾人证号 / certificate number required (optional only for children under 18)");
    } else {
      String cert = in.certificateNo().strip().toUpperCase(java.util.Locale.ROOT);
      boolean shape = cert.matches("[0-9]{17}[0-9X][1-7][1-4]");
      c.require(shape, "certificateNo", "残疾人证号为身份证号加类别和等级两位 / certificate = ID number + category digit + grade digit");
      if (shape && id != null) {
        c.require(cert.startsWith(id), "certificateNo", "残疾人证号与身份证号不一致 / certificate does not match the ID number");
        checkCertificateDigits(c, cert, category, in.grade());
      }
    }
    return c;
  }

  /** Category (required, known) and grade (1..4 when given); the parsed category or null. */
  static Category checkRating(Checks c, String categoryCode, Integer grade) {
    Category category = Category.parse(categoryCode);
    c.required(categoryCode, "category");
    c.require(categoryCode == null || category != null, "category",
        "残疾类别须为 VISUAL、HEARING、SPEECH、PHYSICAL、INTELLECTUAL、MENTAL、MULTIPLE 之一 / unknown category");
    c.require(grade == null || (grade >= 1 && grade <= 4), "grade", "残疾等级为 1 到 4 / grade must be 1..4");
    return category;
  }

  /** The last two characters of a well-formed certificate number are the category and grade digits. */
  static void checkCertificateDigits(Checks c, String cert, Category category, Integer grade) {
    c.require(category == null || cert.charAt(18) - '0' == category.digit(), "certificateNo", "残疾人证号中的类别与类别不一致 / category digit does not match category");
    c.require(grade != null, "grade", "有残疾人证时必须填写等级 / grade required with a certificate");
    c.require(grade == null || cert.charAt(19) - '0' == grade, "certificateNo", "残疾人证号中的等级与等级不一致 / grade digit does not match grade");
  }

  /**
   * A guardian, when given, is {@code {"name","phone","relation"}} with all three (DESIGN section 4): whoever serves a
   * child must be able to reach the guardian and know who they are to the child.
   */
  static void checkGuardian(Checks c, Person.Guardian g) {
    if (g == null) return;
    c.required(g.name(), "guardian.name");
    Text.check(c, g.name(), 100, "guardian.name");
    c.required(g.phone(), "guardian.phone");
    c.require(g.phone() == null || g.phone().isBlank() || g.phone().matches("[0-9+\\- ]{5,30}"), "guardian.phone", "电话号码格式错误 / invalid phone number");
    c.required(g.relation(), "guardian.relation");
    Text.check(c, g.relation(), 30, "guardian.relation");
  }
}
