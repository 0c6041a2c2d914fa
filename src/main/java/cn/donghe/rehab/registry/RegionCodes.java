package cn.donghe.rehab.registry;

/**
 * 12-digit statistical division codes are hierarchical: province 2 digits, city 4, county 6,
 * town 9, village/community 12, padded with zeros. A region's subtree is every code that starts
 * with its significant prefix, which the database answers with an index range scan.
 */
public final class RegionCodes {
  private RegionCodes() {}

  public static String prefix(String code) {
    if (code.endsWith("0000000000")) return code.substring(0, 2);
    if (code.endsWith("00000000")) return code.substring(0, 4);
    if (code.endsWith("000000")) return code.substring(0, 6);
    if (code.endsWith("000")) return code.substring(0, 9);
    return code;
  }

  /** True when {@code code} lies in the subtree of {@code ancestor} (or is it). */
  public static boolean within(String code, String ancestor) {
    return code != null && ancestor != null && code.startsWith(prefix(ancestor));
  }

  /** The town-level code (9 significant digits) of a community code. */
  public static String townOf(String code) {
    return code.substring(0, 9) + "000";
  }
}
