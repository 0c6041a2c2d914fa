package cn.donghe.rehab.registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Resident identity numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd = male), check character by ISO 7064 MOD 11-2 ('X' = 10).
 */
public final class IdNumbers {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private IdNumbers() {}

  public static char checkChar(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    return CHECK[sum % 11];
  }

  /** Normalised (upper-case X) or null if not an 18-character number with a correct check character. */
  public static String normalise(String raw) {
    if (raw == null) return null;
    String s = raw.strip().toUpperCase(java.util.Locale.ROOT);
    if (!s.matches("[0-9]{17}[0-9X]")) return null;
    return checkChar(s.substring(0, 17)) == s.charAt(17) ? s : null;
  }

  public static LocalDate birthDate(String id) {
    try {
      return LocalDate.parse(id.substring(6, 14), BASIC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static String gender(String id) {
    return (id.charAt(16) - '0') % 2 == 1 ? "M" : "F";
  }

  /** Builds a valid number (used by demo and scale data). */
  public static String build(String area6, LocalDate birth, int sequence3) {
    String first17 = area6 + birth.format(BASIC) + String.format("%03d", sequence3);
    return first17 + checkChar(first17);
  }

  /**
   * The area code and 12 '*': 150202************. The birth date, sequence and check digits are all hidden: with
   * only the area (and gender, year-month of birth, age) known, at least 14,000 numbers stay possible.
   */
  public static String mask(String id) {
    return id.substring(0, 6) + "*".repeat(12);
  }

  /** Certificate numbers (20 characters): the ID number's mask plus the category and grade digits (150202************41). */
  public static String maskCertificate(String cert) {
    return cert.substring(0, 6) + "*".repeat(12) + cert.substring(18);
  }

  /** Masks a number that may already be masked (idempotent); null stays null. 18 characters: ID, 20: certificate. */
  public static String remask(String number) {
    if (number == null) return null;
    if (number.length() == 20) return maskCertificate(number);
    return number.length() >= 6 ? mask(number) : "*".repeat(18);
  }

  /** Second-generation certificate number: ID number + category digit + grade digit. */
  public static String certificate(String id, Category category, int grade) {
    return id + category.digit() + grade;
  }
}
