package cn.donghe.rehab.openapi;

import cn.donghe.rehab.openapi.ApiReferenceViews.Body;
import cn.donghe.rehab.openapi.ApiReferenceViews.ErrorDoc;
import cn.donghe.rehab.openapi.ApiReferenceViews.Example;
import cn.donghe.rehab.openapi.ApiReferenceViews.Field;
import cn.donghe.rehab.openapi.ApiReferenceViews.Intro;
import cn.donghe.rehab.openapi.ApiReferenceViews.Op;
import cn.donghe.rehab.openapi.ApiReferenceViews.Param;
import cn.donghe.rehab.openapi.ApiReferenceViews.Resp;
import cn.donghe.rehab.openapi.ApiReferenceViews.SchemaDoc;
import cn.donghe.rehab.openapi.ApiReferenceViews.TagGroup;
import cn.donghe.rehab.openapi.ApiReferenceViews.Type;
import cn.donghe.rehab.web.Lang;
import cn.donghe.rehab.web.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI document as the {@code /api/docs} page reads it, in one language: operations grouped by tag, each with
 * its parameters, body fields, responses and examples, the shared error responses, and every component schema.
 * Everything comes from the one in-memory document that {@code /api/v1/openapi.json} serves; texts written
 * "中文 / English" show the reader's half. Only reads the model.
 */
public final class ApiReference {
  /** How many levels of inline objects are shown as nested rows ("guardian.name"); $refs link to the Schemas section. */
  private static final int NESTED_ROWS = 2;
  private static final String SCHEMA_REF = "#/components/schemas/";
  private static final String RESPONSE_REF = "#/components/responses/";
  private static final List<PathItem.HttpMethod> VERB_ORDER = List.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST,
      PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE, PathItem.HttpMethod.HEAD,
      PathItem.HttpMethod.OPTIONS, PathItem.HttpMethod.TRACE);

  private final Lang lang;
  private final OpenAPI api;
  private final Map<String, String> schemaAnchors = new LinkedHashMap<>();
  private final Set<String> ids = new HashSet<>();
  private final Intro intro;
  private final List<TagGroup> tags;
  private final List<ErrorDoc> errors;
  private final List<SchemaDoc> schemas;

  private ApiReference(OpenAPI api, Lang lang) {
    this.api = api;
    this.lang = lang;
    // ids the page itself uses for its sections
    ids.addAll(List.of("main", "overview", "errors", "toc", "schemas", "session-info", "session-warning"));
    componentSchemas().keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER)
        .forEach(name -> schemaAnchors.put(name, unique("schema-" + slug(name))));
    this.tags = tagGroups();
    this.errors = errorDocs();
    this.schemas = schemaDocs();
    this.intro = intro();
  }

  /** The reference of this document in this language. */
  public static ApiReference of(OpenAPI api, Lang lang) {
    return new ApiReference(Objects.requireNonNull(api), lang);
  }

  public Intro getIntro() { return intro; }
  public List<TagGroup> getTags() { return tags; }
  public List<ErrorDoc> getErrors() { return errors; }
  public List<SchemaDoc> getSchemas() { return schemas; }

  /** Every operation of the page, in page order. */
  public List<Op> operations() { return tags.stream().flatMap(t -> t.operations().stream()).toList(); }

  // ---- intro ----

  private Intro intro() {
    Op login = null;
    Op document = null;
    for (Op op : operations()) {
      if (op.operationId().equals("AuthResource_login")) login = op;
      if (op.operationId().equals("OpenApiResource_document")) document = op;
    }
    String bearer = null;
    if (api.getComponents() != null && api.getComponents().getSecuritySchemes() != null) {
      bearer = api.getComponents().getSecuritySchemes().values().stream()
          .filter(s -> "bearer".equalsIgnoreCase(s.getScheme())).map(s -> pick(s.getDescription())).findFirst().orElse(null);
    }
    String problemType = errors.stream().map(ErrorDoc::mediaType).filter(Objects::nonNull).findFirst().orElse(null);
    return new Intro(pick(api.getInfo() == null ? null : api.getInfo().getTitle()), api.getInfo() == null ? null : api.getInfo().getVersion(),
        api.getOpenapi(), ApiCustomiser.API_PREFIX,
        login == null ? null : login.path(), login == null ? null : login.method(),
        document == null ? null : document.path(), problemType, schemaAnchors.get(ProblemComponents.PROBLEM), bearer,
        operations().size(), schemas.size());
  }

  // ---- operations ----

  private List<TagGroup> tagGroups() {
    Map<String, List<Op>> byTag = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> tagAnchors = new LinkedHashMap<>();
    Map<String, String> tagDescriptions = new LinkedHashMap<>();
    if (api.getTags() != null) for (Tag t : api.getTags()) tagDescriptions.put(t.getName(), pick(t.getDescription()));
    Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : new TreeMap<>(api.getPaths());
    // anchors of operations first (their ids are the operationIds integrators search for), then of tags
    List<Object[]> found = new ArrayList<>();
    paths.forEach((path, item) -> {
      Map<PathItem.HttpMethod, Operation> ops = item.readOperationsMap();
      for (PathItem.HttpMethod verb : VERB_ORDER) {
        Operation op = ops.get(verb);
        if (op != null) found.add(new Object[] {path, verb, op});
      }
    });
    for (Object[] f : found) {
      Operation op = (Operation) f[2];
      String tag = op.getTags() == null || op.getTags().isEmpty() ? "default" : op.getTags().get(0);
      byTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(operation((String) f[0], (PathItem.HttpMethod) f[1], op));
    }
    List<TagGroup> out = new ArrayList<>();
    byTag.forEach((tag, ops) -> {
      tagAnchors.put(tag, unique("tag-" + slug(tag)));
      out.add(new TagGroup(tag, tagAnchors.get(tag), tagDescriptions.get(tag), List.copyOf(ops)));
    });
    return List.copyOf(out);
  }

  private Op operation(String path, PathItem.HttpMethod verb, Operation op) {
    String id = op.getOperationId() == null ? verb + " " + path : op.getOperationId();
    String summary = pick(op.getSummary());
    List<String> description = new ArrayList<>();
    if (op.getDescription() != null) {
      for (String para : op.getDescription().split("\\n\\s*\\n")) {
        if (para.isBlank() || Access.isDescription(para.strip())) continue; // the roles are shown from x-roles
        description.add(pick(para.strip()));
      }
    }
    boolean loginRequired = op.getSecurity() == null || !op.getSecurity().isEmpty();
    List<String> roles = new ArrayList<>();
    Object xRoles = op.getExtensions() == null ? null : op.getExtensions().get("x-roles");
    if (xRoles instanceof List<?> l) l.forEach(r -> roles.add(String.valueOf(r)));

    List<Param> params = new ArrayList<>();
    List<String> requiredHeaders = new ArrayList<>();
    if (op.getParameters() != null) {
      for (Parameter p : op.getParameters()) {
        Schema<?> s = p.getSchema();
        params.add(new Param(p.getName(), p.getIn(), Boolean.TRUE.equals(p.getRequired()), type(s), pick(p.getDescription()), constraints(s)));
        if ("header".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired())) requiredHeaders.add(p.getName());
      }
    }

    List<Example> examples = new ArrayList<>();
    Body body = null;
    if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
      Content c = op.getRequestBody().getContent();
      Schema<?> schema = firstSchema(c);
      body = new Body(Boolean.TRUE.equals(op.getRequestBody().getRequired()), List.copyOf(c.keySet()), type(schema), bodyFields(schema));
      examples(c, t("apidocs.example.request"), examples);
    }

    List<Resp> responses = new ArrayList<>();
    if (op.getResponses() != null) {
      op.getResponses().forEach((status, r) -> {
        String component = null;
        ApiResponse resolved = r;
        if (r.get$ref() != null) {
          component = refName(r.get$ref(), RESPONSE_REF);
          resolved = api.getComponents() == null || api.getComponents().getResponses() == null ? null
              : api.getComponents().getResponses().get(component);
        }
        if (resolved == null) {
          responses.add(new Resp(status, "", List.of(), Type.NONE, component));
          return;
        }
        Content c = resolved.getContent();
        responses.add(new Resp(status, pick(resolved.getDescription()), c == null ? List.of() : List.copyOf(c.keySet()),
            c == null || c.isEmpty() ? Type.NONE : type(firstSchema(c)), component));
        // the shared error responses' examples are shown once, in the errors section
        if (component == null && c != null) examples(c, t("apidocs.example.response", status), examples);
      });
    }
    return new Op(unique("op-" + slug(id)), verb.name(), path, id, summary, summaryLang(op.getSummary(), summary), List.copyOf(description),
        loginRequired, List.copyOf(roles), List.copyOf(params), List.copyOf(requiredHeaders), body, List.copyOf(responses),
        List.copyOf(examples));
  }

  /** The fields of a body: those of the schema it refers to (or of the items of an array of them). */
  private List<Field> bodyFields(Schema<?> schema) {
    Schema<?> s = resolve(schema);
    if (s != null && s.getProperties() == null && s.getItems() != null) s = resolve(s.getItems());
    List<Field> out = new ArrayList<>();
    if (s != null) fields(s, "", 0, out);
    return List.copyOf(out);
  }

  /** The examples of a body: those given for the media type, else the example of the schema it refers to. */
  private void examples(Content c, String label, List<Example> out) {
    c.forEach((mediaType, media) -> {
      if (media.getExample() != null) out.add(new Example(label, mediaType, json(media.getExample())));
      if (media.getExamples() != null) {
        media.getExamples().forEach((name, ex) -> {
          if (ex.getValue() != null) out.add(new Example(label + " · " + name, mediaType, json(ex.getValue())));
        });
      }
      if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
        Schema<?> s = resolve(media.getSchema());
        if (s != null && s.getExample() != null) out.add(new Example(label, mediaType, json(s.getExample())));
      }
    });
  }

  // ---- errors and schemas ----

  private List<ErrorDoc> errorDocs() {
    if (api.getComponents() == null || api.getComponents().getResponses() == null) return List.of();
    Map<String, String> statusOf = new LinkedHashMap<>();
    if (api.getPaths() != null) {
      api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
        if (op.getResponses() != null) op.getResponses().forEach((status, r) -> {
          if (r.get$ref() != null) statusOf.putIfAbsent(refName(r.get$ref(), RESPONSE_REF), status);
        });
      }));
    }
    List<ErrorDoc> out = new ArrayList<>();
    api.getComponents().getResponses().forEach((name, r) -> {
      Content c = r.getContent();
      String mediaType = c == null || c.isEmpty() ? null : c.keySet().iterator().next();
      MediaType media = mediaType == null ? null : c.get(mediaType);
      out.add(new ErrorDoc(statusOf.getOrDefault(name, "default"), name, pick(r.getDescription()), mediaType,
          media == null ? Type.NONE : type(media.getSchema()), media == null || media.getExample() == null ? null : json(media.getExample())));
    });
    out.sort(Comparator.comparing((ErrorDoc e) -> e.status().equals("default") ? "999" : e.status()));
    return List.copyOf(out);
  }

  private List<SchemaDoc> schemaDocs() {
    List<SchemaDoc> out = new ArrayList<>();
    Map<String, Schema> all = componentSchemas();
    schemaAnchors.forEach((name, anchor) -> {
      Schema<?> s = all.get(name);
      List<Field> fields = new ArrayList<>();
      fields(s, "", 0, fields);
      out.add(new SchemaDoc(name, anchor, pick(s.getDescription()), s.getProperties() == null ? type(s) : null, codes(s),
          List.copyOf(fields), s.getExample() == null ? null : json(s.getExample())));
    });
    return List.copyOf(out);
  }

  // ---- fields and types ----

  @SuppressWarnings({"rawtypes", "unchecked"})
  private void fields(Schema<?> schema, String prefix, int depth, List<Field> out) {
    if (schema == null || schema.getProperties() == null) return;
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    ((Map<String, Schema>) (Map) schema.getProperties()).forEach((name, property) -> {
      // a nullable nested record is anyOf [its $ref, Null]: shown as the record, marked nullable
      Schema<?> p = Nullability.nonNull(property);
      out.add(new Field(prefix + name, depth, type(p), required.contains(name), Nullability.allowsNull(property), codes(p),
          pick(p.getDescription()), constraints(p)));
      if (depth + 1 >= NESTED_ROWS) return;
      if (p.get$ref() == null && p.getProperties() != null) fields(p, prefix + name + ".", depth + 1, out);
      else if (p.getItems() != null && p.getItems().get$ref() == null && p.getItems().getProperties() != null) {
        fields(p.getItems(), prefix + name + "[].", depth + 1, out);
      }
    });
  }

  private Type type(Schema<?> s) {
    if (s == null) return new Type(t("apidocs.type.any"), null, null);
    if (s.get$ref() != null) {
      String name = refName(s.get$ref(), SCHEMA_REF);
      return new Type("", name, schemaAnchors.get(name));
    }
    if (s.getOneOf() != null && !s.getOneOf().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Schema<?> o : s.getOneOf()) {
        if (Nullability.isNull(o)) continue; // shown in the "nullable" column
        Type t = type(o);
        parts.add((t.text() + (t.refName() == null ? "" : " " + t.refName())).strip());
      }
      return new Type(t("apidocs.type.oneOf", String.join(" | ", parts)), null, null);
    }
    if ("array".equals(s.getType()) || s.getItems() != null) return prefixed(t("apidocs.type.arrayOf"), type(s.getItems()));
    if (s.getAdditionalProperties() instanceof Schema<?> values) return prefixed(t("apidocs.type.mapOf"), type(values));
    if (Boolean.TRUE.equals(s.getAdditionalProperties())) return new Type(t("apidocs.type.mapOf") + " " + t("apidocs.type.any"), null, null);
    if (s.getType() == null) return new Type(t("apidocs.type.any"), null, null);
    return new Type(s.getFormat() == null ? s.getType() : s.getType() + " (" + s.getFormat() + ")", null, null);
  }

  private static Type prefixed(String prefix, Type inner) {
    return new Type((prefix + " " + inner.text()).strip(), inner.refName(), inner.refAnchor());
  }

  private static List<String> codes(Schema<?> s) {
    if (s == null) return List.of();
    List<?> e = s.getEnum() != null ? s.getEnum() : s.getItems() != null && s.getItems().getEnum() != null ? s.getItems().getEnum() : null;
    return e == null ? List.of() : e.stream().map(String::valueOf).toList();
  }

  /** Limits a value must keep: range, length, pattern, default. */
  private String constraints(Schema<?> s) {
    if (s == null) return "";
    List<String> parts = new ArrayList<>();
    if (s.getMinimum() != null || s.getMaximum() != null) {
      parts.add(t("apidocs.constraint.range", s.getMinimum() == null ? "…" : s.getMinimum().toPlainString(),
          s.getMaximum() == null ? "…" : s.getMaximum().toPlainString()));
    }
    if (s.getMinLength() != null || s.getMaxLength() != null) {
      parts.add(t("apidocs.constraint.length", s.getMinLength() == null ? "0" : s.getMinLength().toString(),
          s.getMaxLength() == null ? "…" : s.getMaxLength().toString()));
    }
    if (s.getPattern() != null) parts.add(t("apidocs.constraint.pattern", s.getPattern()));
    if (s.getDefault() != null) parts.add(t("apidocs.constraint.default", String.valueOf(s.getDefault())));
    return String.join("; ", parts);
  }

  // ---- helpers ----

  @SuppressWarnings("rawtypes")
  private Map<String, Schema> componentSchemas() {
    return api.getComponents() == null || api.getComponents().getSchemas() == null ? Map.of() : api.getComponents().getSchemas();
  }

  private Schema<?> resolve(Schema<?> s) {
    s = Nullability.nonNull(s); // an optional body: anyOf [its $ref, Null]
    for (int i = 0; s != null && s.get$ref() != null && i < 2; i++) s = componentSchemas().get(refName(s.get$ref(), SCHEMA_REF));
    return s;
  }

  private static Schema<?> firstSchema(Content c) {
    if (c == null) return null;
    for (MediaType m : c.values()) if (m.getSchema() != null) return m.getSchema();
    return null;
  }

  private static String refName(String ref, String prefix) {
    return ref.startsWith(prefix) ? ref.substring(prefix.length()) : ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** An id for an HTML anchor: letters, digits, '_' and '-' only, unique on the page. */
  static String slug(String s) { return s.replaceAll("[^A-Za-z0-9_-]", "-"); }

  private String unique(String base) {
    String id = base;
    for (int i = 2; !ids.add(id); i++) id = base + "-" + i;
    return id;
  }

  /** Chinese text, then "/" and English; the document sometimes writes the slash right after Chinese punctuation ("）/ "). */
  private static final java.util.regex.Pattern AFTER_CHINESE = java.util.regex.Pattern.compile(
      "(?<=[\\p{IsHan}\\p{InCJKSymbolsAndPunctuation}\\p{InHalfwidthAndFullwidthForms}])\\s*/\\s+");

  /** The reader's half of a bilingual text (the whole text when it has one language only). */
  static String pick(String bilingual, Lang lang) {
    if (bilingual == null) return "";
    int spaced = bilingual.indexOf(" / ");
    java.util.regex.Matcher m = AFTER_CHINESE.matcher(bilingual);
    int start = -1, end = -1;
    if (m.find()) {
      start = m.start();
      end = m.end();
    }
    if (spaced >= 0 && (start < 0 || spaced < start)) {
      start = spaced;
      end = spaced + 3;
    }
    if (start < 0) return bilingual.strip();
    return (lang == Lang.ZH ? bilingual.substring(0, start) : bilingual.substring(end)).strip();
  }

  private String pick(String bilingual) { return pick(bilingual, lang); }

  private String summaryLang(String raw, String shown) {
    if (lang != Lang.ZH || shown.isEmpty() || (raw != null && !raw.strip().equals(shown))) return null;
    return shown.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? null : "en";
  }

  private String t(String key, Object... args) { return Messages.get(lang, key, args); }

  private static String json(Object value) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
