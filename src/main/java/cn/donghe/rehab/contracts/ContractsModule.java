package cn.donghe.rehab.contracts;

import cn.donghe.rehab.AppContext;

/** Wires the contracts feature (services, resources, jobs). */
public final class ContractsModule {
  private ContractsModule() {}

  public static void register(AppContext ctx) {
    // filled in by the contracts feature
  }
}
