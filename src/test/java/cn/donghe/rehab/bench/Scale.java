package cn.donghe.rehab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much data: whole districts of {@value #PERSONS_PER_DISTRICT} persons each (Donghe has 9,216
 * certified persons). District = Donghe alone (150202); city = ten districts 150202..150211
 * (about a prefecture-level city); province = a hundred districts in ten cities (1501xx..1510xx).
 */
public enum Scale {
  DISTRICT(1, 1), CITY(1, 10), PROVINCE(10, 10);

  public static final int PERSONS_PER_DISTRICT = 10_000;
  private final int cities;
  private final int districtsPerCity;

  Scale(int cities, int districtsPerCity) {
    this.cities = cities;
    this.districtsPerCity = districtsPerCity;
  }

  /** The 6-digit district codes (always starting with Donghe, 150202). */
  public List<String> districtCodes() {
    List<String> codes = new ArrayList<>();
    codes.add("150202");
    for (int city = 1; city <= cities; city++) {
      for (int d = 2; d < 2 + districtsPerCity; d++) {
        String code = String.format(Locale.ROOT, "15%02d%02d", cities == 1 ? 2 : city, d);
        if (!codes.contains(code)) codes.add(code);
      }
    }
    return codes;
  }

  public int persons() { return districtCodes().size() * PERSONS_PER_DISTRICT; }

  public static Scale parse(String s) {
    return valueOf(s.strip().toUpperCase(Locale.ROOT));
  }
}
