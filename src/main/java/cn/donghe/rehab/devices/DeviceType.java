package cn.donghe.rehab.devices;

import java.math.BigDecimal;

/** An entry of the subsidy catalogue (辅具补贴目录). */
public record DeviceType(String code, String name, String category, BigDecimal subsidy, int serviceLifeMonths, boolean rentable) {
  public static final java.util.List<String> CATEGORIES = java.util.List.of("MOBILITY", "HEARING", "VISION", "DAILY_LIVING", "COMMUNICATION", "OTHER");
}
