package cn.donghe.rehab.contracts;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.registry.DemoSeed;

/** The contracts part of the demo data set, loaded once after the registry part. */
public final class ContractsDemo {
  private ContractsDemo() {}

  public static void load(AppContext ctx, DemoSeed seed) {
    // filled in by the contracts feature
  }
}
