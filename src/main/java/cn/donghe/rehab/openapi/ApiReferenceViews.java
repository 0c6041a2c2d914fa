package cn.donghe.rehab.openapi;

import java.util.List;

/** What the API reference page shows ({@link ApiReference} builds them from the document; templates/apidocs.ftlh renders them). */
public final class ApiReferenceViews {
  private ApiReferenceViews() {}

  /** What the intro says, each value read from the document (null when the document has no such operation). */
  public record Intro(String title, String version, String openapi, String basePath, String loginPath, String loginMethod,
                      String documentPath, String problemMediaType, String problemAnchor, String bearer, int operationCount,
                      int schemaCount) {}

  public record TagGroup(String name, String anchor, String description, List<Op> operations) {}

  /** One operation. {@code summaryLang} is "en" when the summary has no Chinese half on a Chinese page. */
  public record Op(String anchor, String method, String path, String operationId, String summary, String summaryLang,
                   List<String> description, boolean loginRequired, List<String> roles, List<Param> parameters,
                   List<String> requiredHeaders, Body body, List<Resp> responses, List<Example> examples) {}

  public record Param(String name, String in, boolean required, Type type, String description, String constraints) {}

  /** A type as text ("string (date)", "array of") with an optional link to a component schema after it. */
  public record Type(String text, String refName, String refAnchor) {
    static final Type NONE = new Type("", null, null);
  }

  public record Field(String name, int depth, Type type, boolean required, boolean nullable, List<String> codes,
                      String description, String constraints) {}

  public record Body(boolean required, List<String> mediaTypes, Type type, List<Field> fields) {}

  /** One response; {@code component} names the shared response it refers to (BadRequest ...), or null. */
  public record Resp(String status, String description, List<String> mediaTypes, Type type, String component) {}

  public record Example(String label, String mediaType, String json) {}

  public record SchemaDoc(String name, String anchor, String description, Type type, List<String> codes, List<Field> fields,
                          String example) {}

  /** A shared error response (components.responses) with the status the operations use it for. */
  public record ErrorDoc(String status, String name, String description, String mediaType, Type type, String example) {}
}
