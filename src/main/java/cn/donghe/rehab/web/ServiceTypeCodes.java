package cn.donghe.rehab.web;

import cn.donghe.rehab.common.ServiceType;
import java.util.List;

/** Code lists the forms offer (labels come from the bundles: serviceType.X, setting.X, condition.X ...). */
final class ServiceTypeCodes {
  static final List<String> CODES = ServiceType.CODES;
  static final List<String> SETTINGS = List.of("HOME", "COMMUNITY", "INSTITUTION");
  static final List<String> CONDITIONS = List.of("NEW", "GOOD", "FAIR", "POOR");
  static final List<String> AID_CATEGORIES = List.of("PHYSICAL", "INTELLECTUAL", "AUTISM", "HEARING", "LOW_VISION");
  static final List<String> LEDGER_KINDS = List.of("BUDGET", "CHARGE", "REVERSAL", "TOP_UP", "ADJUSTMENT", "SETTLEMENT_REFUND");

  private ServiceTypeCodes() {}
}
