package cn.donghe.rehab.devices;

import cn.donghe.rehab.AppContext;

/** Wires the devices feature (services, resources, jobs). */
public final class DevicesModule {
  private DevicesModule() {}

  public static void register(AppContext ctx) {
    // filled in by the devices feature
  }
}
