package cn.donghe.rehab.support;

import cn.donghe.rehab.registry.IdNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * DESIGN section 2's test of a mask: "from everything one role sees of a person, at least 1,000 ID numbers must
 * remain possible". Given every view of one person a role got (JSON of a person read, a look-up, a list row, a
 * worklist row ...), each with the day it was seen on, this enumerates the 18-character ID numbers consistent
 * with all of them: the characters a mask shows (of {@code idNumber}, and the first 18 of {@code certificateNo}),
 * {@code birthDate}, or {@code birthYearMonth} and {@code age} on that day (by the documented rule, see
 * {@link #maskedAge}), the gender's parity of the 17th digit, and the GB 11643 check character.
 * Area codes a mask hides count as any 6 digits (the service's masks always show them).
 */
public final class IdCandidates {
  public static final long MINIMUM = 1_000;

  private IdCandidates() {}

  /** One view of a person and the day (in the service's zone) it was seen. */
  public record Seen(JsonNode view, LocalDate on) {}

  public static Seen seen(JsonNode view, LocalDate on) { return new Seen(view, on); }

  /**
   * The age shown to readers who do not see the birth date: whole years, the birthday taken as the last day of
   * the birth month (of the current year), so it depends only on {@code birthYearMonth} and never exceeds the
   * true age (docs/security.md). Written out here again on purpose: the test states the contract.
   */
  public static int maskedAge(LocalDate birth, LocalDate today) {
    int age = today.getYear() - birth.getYear();
    if (today.isBefore(YearMonth.of(today.getYear(), birth.getMonth()).atEndOfMonth())) age--;
    return Math.max(0, age);
  }

  public static long count(List<Seen> seen) {
    char[] known = new char[18];
    List<LocalDate> exact = new ArrayList<>();
    List<YearMonth> months = new ArrayList<>();
    List<int[]> ages = new ArrayList<>(); // {age, epochDay of the day seen, masked?1:0}
    String gender = null;
    for (Seen s : seen) {
      JsonNode v = s.view();
      learn(known, text(v, "idNumber"));
      String cert = text(v, "certificateNo");
      if (cert != null) learn(known, cert.length() >= 18 ? cert.substring(0, 18) : cert);
      if (text(v, "birthDate") != null) exact.add(LocalDate.parse(text(v, "birthDate")));
      if (text(v, "birthYearMonth") != null) months.add(YearMonth.parse(text(v, "birthYearMonth")));
      if (v.hasNonNull("age")) ages.add(new int[] {v.path("age").asInt(), (int) s.on().toEpochDay(), text(v, "birthDate") == null ? 1 : 0});
      if (text(v, "gender") != null) gender = text(v, "gender");
    }
    LocalDate latest = seen.stream().map(Seen::on).max(LocalDate::compareTo).orElse(LocalDate.now());
    long areas = 1;
    for (int i = 0; i < 6; i++) if (known[i] == 0) areas *= 10;
    long total = 0;
    for (LocalDate d = LocalDate.of(1900, 1, 1); !d.isAfter(latest); d = d.plusDays(1)) {
      if (!fits(d, known, exact, months, ages)) continue;
      for (int seq = 0; seq < 1000; seq++) {
        String s3 = String.format("%03d", seq);
        if (!matches(known, 14, s3)) continue;
        if (gender != null && ((seq % 10) % 2 == 1) != gender.equals("M")) continue;
        if (known[17] != 0) {
          if (areas != 1) throw new IllegalStateException("check character shown but area hidden: not modelled");
          String first17 = new String(known, 0, 6) + d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + s3;
          if (IdNumbers.checkChar(first17) != known[17]) continue;
        }
        total += areas;
      }
    }
    return total;
  }

  public static long count(Seen... seen) { return count(List.of(seen)); }

  private static boolean fits(LocalDate d, char[] known, List<LocalDate> exact, List<YearMonth> months, List<int[]> ages) {
    for (LocalDate e : exact) if (!e.equals(d)) return false;
    for (YearMonth m : months) if (!m.equals(YearMonth.from(d))) return false;
    if (!matches(known, 6, d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE))) return false;
    for (int[] a : ages) {
      LocalDate on = LocalDate.ofEpochDay(a[1]);
      if (d.isAfter(on)) return false;
      int age = a[2] == 1 ? maskedAge(d, on) : Period.between(d, on).getYears();
      if (age != a[0]) return false;
    }
    return true;
  }

  private static boolean matches(char[] known, int from, String s) {
    for (int i = 0; i < s.length(); i++) if (known[from + i] != 0 && known[from + i] != s.charAt(i)) return false;
    return true;
  }

  private static void learn(char[] known, String masked) {
    if (masked == null) return;
    for (int i = 0; i < Math.min(18, masked.length()); i++) {
      char c = masked.charAt(i);
      if (c != '*') known[i] = c;
    }
  }

  private static String text(JsonNode v, String field) {
    JsonNode n = v.path(field);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
