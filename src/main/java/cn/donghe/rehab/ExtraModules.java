package cn.donghe.rehab;

/** Cross-cutting modules added after the features (graceful drain, API description, web pages). */
final class ExtraModules {
  private ExtraModules() {}

  static void register(AppContext ctx) {
    // openapi and web modules register here
    cn.donghe.rehab.server.GracefulDrain.install(ctx.env(), ctx.config().getShutdownDelay());
    cn.donghe.rehab.openapi.OpenApiModule.register(ctx);
    cn.donghe.rehab.web.WebModule.register(ctx);
  }
}
