package cn.donghe.rehab.sessions;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.registry.DemoSeed;

/** The sessions part of the demo data set, loaded once after the registry part. */
public final class SessionsDemo {
  private SessionsDemo() {}

  public static void load(AppContext ctx, DemoSeed seed) {
    // filled in by the sessions feature
  }
}
