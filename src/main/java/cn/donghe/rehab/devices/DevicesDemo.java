package cn.donghe.rehab.devices;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.registry.DemoSeed;

/** The devices part of the demo data set, loaded once after the registry part. */
public final class DevicesDemo {
  private DevicesDemo() {}

  public static void load(AppContext ctx, DemoSeed seed) {
    // filled in by the devices feature
  }
}
