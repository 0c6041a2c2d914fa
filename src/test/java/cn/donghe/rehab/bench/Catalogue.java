package cn.donghe.rehab.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Data every district shares: the device catalogue (the devices feature ships none, so the generator
 * loads this small one, the same codes as the devices demo) and the child aid standards, which the
 * sessions migration preloads for 2022..2030 and the generator only reads.
 */
final class Catalogue {
  record DeviceType(String code, String name, String category, BigDecimal subsidy, int serviceLifeMonths, boolean rentable) {}

  static final List<DeviceType> DEVICE_TYPES = List.of(
      type("WHEELCHAIR", "普通轮椅", "MOBILITY", "800.00", 60, true),
      type("WALKER", "助行器", "MOBILITY", "200.00", 36, true),
      type("CRUTCH", "拐杖（腋拐/肘拐）", "MOBILITY", "100.00", 36, true),
      type("HEARING_AID", "助听器", "HEARING", "3000.00", 72, false),
      type("MAGNIFIER", "助视器（放大镜）", "VISION", "300.00", 48, false),
      type("WHITE_CANE", "盲杖", "VISION", "80.00", 24, false),
      type("COMMODE_CHAIR", "坐便椅", "DAILY_LIVING", "260.00", 48, true),
      type("COMMUNICATION_BOARD", "沟通板", "COMMUNICATION", "150.00", 36, false),
      type("ANTI_BEDSORE_MATTRESS", "防褥疮气垫床", "DAILY_LIVING", "600.00", 36, true),
      type("BATH_CHAIR", "洗澡椅", "DAILY_LIVING", "180.00", 48, true),
      type("ORTHOSIS", "矫形器", "MOBILITY", "1500.00", 24, false),
      type("READING_DEVICE", "盲人听书机", "VISION", "500.00", 60, false));

  /** Device needs an assessment may name, by the person's disability category. */
  static final Map<String, List<String>> DEVICES_BY_CATEGORY = Map.of(
      "PHYSICAL", List.of("WHEELCHAIR", "WALKER", "CRUTCH", "COMMODE_CHAIR", "ANTI_BEDSORE_MATTRESS", "BATH_CHAIR", "ORTHOSIS"),
      "VISUAL", List.of("MAGNIFIER", "WHITE_CANE", "READING_DEVICE"),
      "HEARING", List.of("HEARING_AID"),
      "SPEECH", List.of("COMMUNICATION_BOARD"),
      "INTELLECTUAL", List.of("COMMUNICATION_BOARD", "COMMODE_CHAIR"),
      "MENTAL", List.of("COMMODE_CHAIR", "BATH_CHAIR"),
      "MULTIPLE", List.of("WHEELCHAIR", "COMMUNICATION_BOARD", "BATH_CHAIR"));

  private static final Map<String, DeviceType> BY_CODE = new HashMap<>();
  static {
    for (DeviceType t : DEVICE_TYPES) BY_CODE.put(t.code(), t);
  }

  static DeviceType device(String code) { return BY_CODE.get(code); }

  static List<DeviceType> rentable() { return DEVICE_TYPES.stream().filter(DeviceType::rentable).toList(); }

  private static DeviceType type(String code, String name, String cat, String subsidy, int months, boolean rentable) {
    return new DeviceType(code, name, cat, new BigDecimal(subsidy), months, rentable);
  }

  /** A year's aid standard: age range on 1 January and the budget per aid category. */
  record AidStandard(int year, int minAge, int maxAge, Map<String, BigDecimal> amounts) {}

  /** Inserts the device types that are missing (a second run or the demo may have them already). */
  static void writeDeviceTypes(Connection c, Instant created) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO device_types (code, name, category, subsidy, service_life_months, rentable, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING""")) {
      for (DeviceType t : DEVICE_TYPES) {
        ps.setString(1, t.code());
        ps.setString(2, t.name());
        ps.setString(3, t.category());
        ps.setBigDecimal(4, t.subsidy());
        ps.setInt(5, t.serviceLifeMonths());
        ps.setBoolean(6, t.rentable());
        ps.setObject(7, java.sql.Timestamp.from(created));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The aid standards stored in the database (preloaded by the migration), by year. */
  static Map<Integer, AidStandard> aidStandards(Connection c) throws SQLException {
    Map<Integer, AidStandard> out = new HashMap<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT s.year, s.min_age, s.max_age, a.category, a.amount FROM aid_standards s "
             + "JOIN aid_standard_amounts a ON a.year = s.year ORDER BY 1, 4")) {
      while (rs.next()) {
        int y = rs.getInt(1);
        AidStandard st = out.computeIfAbsent(y, k -> {
          try {
            return new AidStandard(k, rs.getInt(2), rs.getInt(3), new HashMap<>());
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        st.amounts().put(rs.getString(4), rs.getBigDecimal(5));
      }
    }
    return out;
  }
}
