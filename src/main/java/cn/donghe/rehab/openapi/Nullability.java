package cn.donghe.rehab.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says which members may be null in a form OpenAPI 3.0 validators agree on. Jackson writes an absent value as
 * {@code null}, so every property a schema does not list as {@code required} may be null. In 3.0 {@code nullable: true}
 * only adds null to the {@code type} beside it (the 3.0.3 clarification), and everything beside a {@code $ref} is
 * ignored; so
 * <ul>
 *   <li>a property with a {@code type} gets {@code nullable: true};</li>
 *   <li>a property that is a {@code $ref} (a nested record: {@code Person.guardian}) becomes
 *       {@code anyOf: [{$ref}, {$ref: Null}]};</li>
 *   <li>a {@code oneOf}/{@code anyOf} without a type gets the {@code Null} alternative;</li>
 * </ul>
 * where the component {@code Null} admits null and nothing else ({@code type: object, nullable: true, enum: [null]}).
 * Also, swagger-core gives a {@code java.lang.Object} member declared with {@code @Schema(oneOf = ...)} the type
 * {@code object}, which forbids the alternatives that are not objects (the integer numerator of an indicator); that type
 * is dropped.
 */
final class Nullability {
  static final String NULL = "Null";
  static final String NULL_REF = "#/components/schemas/" + NULL;

  private Nullability() {}

  /**
   * Rewrites the properties of every component schema (and the inline objects in them) and adds {@code Null}
   * (left out again by the customiser's pruning if nothing refers to it).
   */
  @SuppressWarnings("rawtypes")
  static void apply(Map<String, Schema> schemas) {
    for (Schema<?> s : List.copyOf(schemas.values())) properties(s);
    schemas.put(NULL, nullOnly());
  }

  /** {@code anyOf: [s, Null]}: the schema of a value that is {@code s} or null (an optional request body). */
  static Schema<?> orNull(Schema<?> s) {
    return new Schema<>().anyOf(new ArrayList<>(List.of(s, nullRef())));
  }

  /** True when {@code s} admits null: {@code nullable} or a {@code Null} alternative. */
  static boolean allowsNull(Schema<?> s) {
    return s != null && (Boolean.TRUE.equals(s.getNullable()) || alternatives(s).stream().anyMatch(Nullability::isNull));
  }

  /** The schema a value that is not null must match: the single other alternative of a nullable wrapper, or {@code s}. */
  static Schema<?> nonNull(Schema<?> s) {
    List<Schema> others = alternatives(s).stream().filter(a -> !isNull(a)).toList();
    return s != null && s.getType() == null && s.getProperties() == null && others.size() == 1 && allowsNull(s) ? others.get(0) : s;
  }

  static boolean isNull(Schema<?> s) { return s != null && NULL_REF.equals(s.get$ref()); }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void properties(Schema<?> schema) {
    if (schema.getProperties() == null) return;
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    ((Map<String, Schema>) (Map) schema.getProperties()).replaceAll((name, p) -> {
      untypeAlternatives(p);
      if (p.getProperties() != null) properties(p);
      if (p.getItems() != null) {
        untypeAlternatives(p.getItems()); // a list of alternatives (plan goals: a string or an object)
        properties(p.getItems());
      }
      if (required.contains(name)) return p;
      if (p.get$ref() != null) return orNull(new Schema<>().$ref(p.get$ref()));
      if (p.getType() == null && !alternatives(p).isEmpty()) {
        List<Schema> withNull = new ArrayList<>(alternatives(p));
        withNull.add(nullRef());
        if (p.getOneOf() != null && !p.getOneOf().isEmpty()) p.setOneOf(withNull);
        else p.setAnyOf(withNull);
        p.setNullable(null);
        return p;
      }
      p.setNullable(true);
      return p;
    });
  }

  /** A {@code oneOf}/{@code anyOf} on a typeless Java {@code Object}: the alternatives say the type, not swagger's "object". */
  private static void untypeAlternatives(Schema<?> p) {
    if (!alternatives(p).isEmpty() && "object".equals(p.getType()) && p.getProperties() == null) p.setType(null);
  }

  @SuppressWarnings("rawtypes")
  private static List<Schema> alternatives(Schema<?> s) {
    if (s == null) return List.of();
    if (s.getOneOf() != null && !s.getOneOf().isEmpty()) return s.getOneOf();
    if (s.getAnyOf() != null && !s.getAnyOf().isEmpty()) return s.getAnyOf();
    return List.of();
  }

  private static Schema<?> nullRef() { return new Schema<>().$ref(NULL_REF); }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> nullOnly() {
    Schema s = new Schema<>().type("object").nullable(true)
        .description("空值 null：没有值时的取值 / the value null, sent when there is no value");
    List<Object> values = new ArrayList<>();
    values.add(null);
    s.setEnum(values);
    return s;
  }
}
