package cn.donghe.rehab.childaid;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A year's child rehab aid standard: eligible ages on 1 January and the yearly amount per category.
 * {@code amounts} keeps the order of {@link AidCategory}.
 */
public record AidStandard(int year, int minAge, int maxAge, Map<String, BigDecimal> amounts, Instant updatedAt) {
  /** The first year of the 14th five-year plan's standard; every later year ships with it. */
  public static final int FIRST_PLAN_YEAR = 2022;

  public AidStandard {
    amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
  }

  /** The plan's standard: 20,000 for physical, intellectual, autism; 24,000 hearing; 5,000 low vision; ages 0-10. */
  public static AidStandard planDefault(int year) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    m.put("PHYSICAL", new BigDecimal("20000.00"));
    m.put("INTELLECTUAL", new BigDecimal("20000.00"));
    m.put("AUTISM", new BigDecimal("20000.00"));
    m.put("HEARING", new BigDecimal("24000.00"));
    m.put("LOW_VISION", new BigDecimal("5000.00"));
    return new AidStandard(year, 0, 10, m, null);
  }

  public BigDecimal amount(AidCategory c) { return amounts.get(c.name()); }
}
