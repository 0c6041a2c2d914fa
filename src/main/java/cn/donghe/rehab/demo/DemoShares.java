package cn.donghe.rehab.demo;

import java.util.Random;

/**
 * A stable number in [0, 1) per community and purpose, so each demo community has its own share of
 * people served (a few fall under target, most meet it) whatever day the demo is loaded.
 */
public final class DemoShares {
  private DemoShares() {}

  /** The community's draw for {@code purpose} (1 = rehab, 2 = devices, 3 = contracts, ...). */
  public static double of(String community, int purpose) {
    return new Random(community.hashCode() * 31L + purpose * 1_000_003L).nextDouble();
  }
}
