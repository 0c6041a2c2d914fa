package cn.donghe.rehab.registry;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;

/**
 * Ages as shown. Readers who see the birth date get the exact age ({@link Period}; someone born on 29 February
 * turns a year older on 1 March in common years). Readers who do not see it get an age that depends only on the
 * year-month of birth: whole years with the birthday taken as the last day of the birth month. An exact age would
 * give the day of birth away on the day it changes (and to anyone who reads it daily), which with the area code
 * and gender would leave 500 possible ID numbers; this one never exceeds the true age and equals it from the last
 * day of the birth month on (at most 30 days late once a year).
 */
public final class Ages {
  private Ages() {}

  public static String yearMonth(LocalDate birth) {
    return birth == null ? null : YearMonth.from(birth).toString();
  }

  public static Integer exact(LocalDate birth, LocalDate today) {
    if (birth == null) return null;
    return Math.max(0, Period.between(birth, today).getYears());
  }

  public static Integer masked(LocalDate birth, LocalDate today) {
    if (birth == null) return null;
    int age = today.getYear() - birth.getYear();
    if (today.isBefore(YearMonth.of(today.getYear(), birth.getMonth()).atEndOfMonth())) age--;
    return Math.max(0, age);
  }
}
