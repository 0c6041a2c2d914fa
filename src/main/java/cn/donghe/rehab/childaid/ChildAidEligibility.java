package cn.donghe.rehab.childaid;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.registry.Person;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * Who may be enrolled in a year's child rehab aid (DESIGN section 6). Each rejection carries its own
 * problem type, status and message, so a client can tell the reasons apart.
 */
public final class ChildAidEligibility {
  private ChildAidEligibility() {}

  /** OK, or why not. */
  public sealed interface Decision permits Ok, Rejection {}

  public record Ok() implements Decision {}

  public record Rejection(int status, String type, String field, String message) implements Decision {
    public ApiException toException() {
      return new ApiException(status, type, status == 409 ? "与当前状态冲突 Conflict" : "不符合救助条件 Not eligible", message,
          List.of(new FieldError(field, message)));
    }
  }

  public static final Ok OK = new Ok();

  /** What the rule looks at. */
  public record Applicant(Person child, int year, AidCategory category, AidStandard standard, boolean alreadyEnrolled) {}

  public static Decision check(Applicant a) {
    if (a.standard() == null) {
      return new Rejection(422, "aid-no-standard", "year", "该年度没有救助标准 / no aid standard for " + a.year());
    }
    if (!"ACTIVE".equals(a.child().status())) {
      return new Rejection(422, "aid-person-not-active", "personId",
          "该人员状态不是在册（ACTIVE） / the person is not ACTIVE");
    }
    if (a.standard().amount(a.category()) == null) {
      return new Rejection(422, "aid-category-not-in-standard", "category",
          "该年度救助标准不包含此类别 / category " + a.category() + " is not in the " + a.year() + " standard");
    }
    if (!a.category().fits(a.child())) {
      return new Rejection(422, "aid-category-mismatch", "category",
          "救助类别与儿童的残疾类别不符 / category " + a.category() + " does not fit the child's disability");
    }
    Integer age = ageOnFirstJanuary(a.child().birthDate(), a.year());
    if (age == null || age < a.standard().minAge() || age > a.standard().maxAge()) {
      String got = age == null ? "1月1日尚未出生 / not yet born on 1 January" : "1月1日年龄 " + age + " 岁 / age " + age + " on 1 January";
      return new Rejection(422, "aid-age-out-of-range", "personId", "年龄不在救助范围 " + a.standard().minAge() + "-"
          + a.standard().maxAge() + " 岁内（" + got + "） / age on 1 January " + a.year() + " must be within "
          + a.standard().minAge() + ".." + a.standard().maxAge());
    }
    if (a.alreadyEnrolled()) {
      return new Rejection(409, "aid-already-enrolled", "personId",
          "该儿童本年度已纳入救助 / the child is already enrolled for " + a.year());
    }
    return OK;
  }

  /** Completed years of age on 1 January of the year; null when born after that day. */
  public static Integer ageOnFirstJanuary(LocalDate birth, int year) {
    LocalDate jan1 = LocalDate.of(year, 1, 1);
    if (birth.isAfter(jan1)) return null;
    return Period.between(birth, jan1).getYears();
  }
}
