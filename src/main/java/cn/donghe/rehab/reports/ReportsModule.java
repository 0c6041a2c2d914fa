package cn.donghe.rehab.reports;

import cn.donghe.rehab.AppContext;

/** Wires the reports feature (services, resources, jobs). */
public final class ReportsModule {
  private ReportsModule() {}

  public static void register(AppContext ctx) {
    // filled in by the reports feature
  }
}
