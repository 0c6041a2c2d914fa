package cn.donghe.rehab.hardening;

import cn.donghe.rehab.AppContext;

/** Wires the hardening pieces that live outside a feature: graceful drain on shutdown. */
public final class HardeningModule {
  private HardeningModule() {}

  public static void register(AppContext ctx) {
    GracefulDrain.install(ctx.env(), ctx.config().getShutdownDelay());
  }
}
