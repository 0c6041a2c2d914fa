package cn.donghe.rehab.openapi;

import java.util.Map;

/**
 * One-line operation summaries. A resource method states its own with swagger's
 * {@code @Operation(summary = "...")}; the foundation's endpoints are named here; anything else gets a
 * summary derived from its method name ("createDoctor" -> "Create doctor", "list" in PersonResource -> "List person").
 */
final class Summaries {
  private static final Map<String, String> KNOWN = Map.ofEntries(
      Map.entry("AuthResource_login", "登录并取得令牌 / Log in and get a bearer token"),
      Map.entry("AuthResource_logout", "注销当前令牌 / Revoke the caller's token"),
      Map.entry("AuthResource_me", "当前用户 / Who am I"),
      Map.entry("UserResource_create", "新增用户 / Create a user"),
      Map.entry("UserResource_list", "用户列表 / List users"),
      Map.entry("AuditResource_list", "审计日志 / Read the audit trail"),
      Map.entry("RegionResource_list", "区划列表 / List regions"),
      Map.entry("RegionResource_create", "新增区划 / Create a region"),
      Map.entry("InstitutionResource_create", "新增机构 / Create an institution"),
      Map.entry("InstitutionResource_list", "机构列表 / List institutions"),
      Map.entry("InstitutionResource_get", "查看机构 / Read an institution"),
      Map.entry("InstitutionResource_createDoctor", "新增家庭医生 / Create a family doctor"),
      Map.entry("InstitutionResource_listDoctors", "家庭医生列表 / List family doctors"),
      Map.entry("PersonResource_create", "新增残疾人/儿童 / Register a person"),
      Map.entry("PersonResource_list", "人员列表 / List persons in scope"),
      Map.entry("PersonResource_get", "查看人员 / Read a person"),
      Map.entry("PersonResource_lookup", "按身份证号或残疾证号查找 / Find a person by ID or certificate number"),
      Map.entry("PersonResource_patch", "修改人员状态、区划或联系方式 / Change a person's status, region or contact"),
      Map.entry("OpenApiResource_document", "本接口描述文档 / This OpenAPI document"));

  private Summaries() {}

  static String of(String operationId, String methodName, String tag) {
    String known = KNOWN.get(operationId);
    if (known != null) return known;
    String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    if (!words.contains(" ")) words += " " + tag.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
