package cn.donghe.rehab.openapi;

import cn.donghe.rehab.AppContext;

/** Wires the API description ({@code /api/v1/openapi.json}) and its rendering for people ({@code /api/docs}). */
public final class OpenApiModule {
  private OpenApiModule() {}

  public static void register(AppContext ctx) {
    // read lazily: resources registered after this module (or by modules merged later) are included too
    OpenApiDocument document = ctx.put(OpenApiDocument.class,
        new OpenApiDocument(() -> OpenApiDocument.resourceClasses(ctx.env().jersey().getResourceConfig())));
    ctx.register(new OpenApiResource(document));
    ctx.register(new ApiDocsResource(document));
  }
}
