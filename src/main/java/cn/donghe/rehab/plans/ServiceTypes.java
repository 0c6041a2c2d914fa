package cn.donghe.rehab.plans;

import java.util.List;

/** The rehab service type codes of DESIGN section 3 (needs assessments and plan interventions use them). */
public final class ServiceTypes {
  public static final List<String> CODES = List.of("REHAB_MEDICAL", "REHAB_TRAINING", "DEVICE_SERVICE",
      "PSYCHOLOGICAL_SUPPORT", "REHAB_NURSING", "HEALTH_EDUCATION");

  private ServiceTypes() {}

  public static boolean valid(String code) { return code != null && CODES.contains(code); }
}
