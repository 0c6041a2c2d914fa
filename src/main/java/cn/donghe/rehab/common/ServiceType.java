package cn.donghe.rehab.common;

import java.util.Arrays;
import java.util.List;

/**
 * The rehab service types of DESIGN section 3, the one vocabulary of needs assessments, plan interventions,
 * sessions, referrals and the forms (labels in the bundles: serviceType.X).
 */
public enum ServiceType {
  REHAB_MEDICAL("康复医疗"), REHAB_TRAINING("康复训练"), DEVICE_SERVICE("辅具服务"), PSYCHOLOGICAL_SUPPORT("心理疏导"),
  REHAB_NURSING("康复护理"), HEALTH_EDUCATION("康复知识普及");

  /** The codes in DESIGN's order. */
  public static final List<String> CODES = Arrays.stream(values()).map(Enum::name).toList();

  private final String zh;
  ServiceType(String zh) { this.zh = zh; }
  public String zh() { return zh; }

  public static boolean isValid(String code) {
    return code != null && CODES.contains(code);
  }
}
