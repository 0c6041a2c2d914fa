package cn.donghe.rehab.openapi;

import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.registry.Category;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The code lists of fields that the foundation's records carry as plain strings (DESIGN sections 2-4).
 * Java enums and {@code @Schema(allowableValues = ...)} on a record component are listed by swagger-core
 * itself; this table only adds codes to the foundation's string fields, by schema and property name.
 */
final class FieldCodes {
  private static final List<String> GENDERS = List.of("M", "F");
  private static final List<String> CATEGORIES = Arrays.stream(Category.values()).map(Enum::name).toList();
  private static final List<String> PERSON_STATUS = List.of("ACTIVE", "DECEASED", "MOVED_OUT", "CANCELLED");
  private static final List<String> LEVELS = List.of("DISTRICT", "TOWN", "COMMUNITY");
  private static final List<String> SERVICES = List.of("REHAB", "DEVICE", "PRIMARY_CARE");
  private static final List<String> ROLES = Arrays.stream(Role.values()).map(Enum::name).toList();

  private static final Map<String, Map<String, List<String>>> CODES = Map.of(
      "PersonInput", Map.of("gender", GENDERS, "category", CATEGORIES),
      "Person", Map.of("gender", GENDERS, "category", CATEGORIES, "status", PERSON_STATUS),
      "PersonService.PersonPatch", Map.of("status", PERSON_STATUS),
      "RegionResource.Region", Map.of("level", LEVELS),
      "InstitutionService.InstitutionInput", Map.of("services", SERVICES),
      "Institution", Map.of("services", SERVICES),
      "AuthService.NewUser", Map.of("role", ROLES));

  private FieldCodes() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static void apply(Map<String, Schema> schemas) {
    CODES.forEach((schemaName, fields) -> {
      Schema<?> s = schemas.get(schemaName);
      if (s == null || s.getProperties() == null) return;
      fields.forEach((field, codes) -> {
        Schema p = s.getProperties().get(field);
        if (p == null) return;
        Schema target = p.getItems() != null ? p.getItems() : p;
        if ("string".equals(target.getType())) target.setEnum(codes);
      });
    });
    for (String name : List.of("PersonInput", "Person")) {
      Schema<?> s = schemas.get(name);
      if (s != null && s.getProperties() != null && s.getProperties().get("grade") != null) {
        s.getProperties().get("grade").setMinimum(BigDecimal.ONE);
        s.getProperties().get("grade").setMaximum(BigDecimal.valueOf(4));
      }
    }
  }
}
