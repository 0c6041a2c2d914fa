package cn.donghe.rehab.sessions;

/** Rehab service types (DESIGN section 3). */
public enum ServiceType {
  REHAB_MEDICAL("康复医疗"), REHAB_TRAINING("康复训练"), DEVICE_SERVICE("辅具服务"), PSYCHOLOGICAL_SUPPORT("心理疏导"),
  REHAB_NURSING("康复护理"), HEALTH_EDUCATION("康复知识普及");

  private final String zh;
  ServiceType(String zh) { this.zh = zh; }
  public String zh() { return zh; }

  public static boolean isValid(String code) {
    if (code == null) return false;
    for (ServiceType t : values()) if (t.name().equals(code)) return true;
    return false;
  }
}
