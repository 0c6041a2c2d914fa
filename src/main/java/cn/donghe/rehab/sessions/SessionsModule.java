package cn.donghe.rehab.sessions;

import cn.donghe.rehab.AppContext;

/** Wires the sessions feature (services, resources, jobs). */
public final class SessionsModule {
  private SessionsModule() {}

  public static void register(AppContext ctx) {
    // filled in by the sessions feature
  }
}
