package cn.donghe.rehab.devices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of the device catalogue, keyed and ordered by code. */
final class DeviceTypeDao {
  private static final String COLUMNS = "code, name, category, subsidy, service_life_months, rentable";
  private final Handle h;

  DeviceTypeDao(Handle h) { this.h = h; }

  /** False when the code is already in the catalogue. */
  boolean insert(DeviceType t, Instant now) {
    return h.createUpdate("""
        INSERT INTO device_types (code, name, category, subsidy, service_life_months, rentable, created_at)
        VALUES (:code, :name, :category, :subsidy, :life, :rentable, :now) ON CONFLICT (code) DO NOTHING""")
        .bind("code", t.code()).bind("name", t.name()).bind("category", t.category()).bind("subsidy", t.subsidy())
        .bind("life", t.serviceLifeMonths()).bind("rentable", t.rentable()).bind("now", now).execute() == 1;
  }

  /** Up to {@code n} entries with a code after {@code after}; null filters match everything. */
  List<DeviceType> list(String after, String category, Boolean rentable, int n) {
    return h.createQuery("SELECT " + COLUMNS + """
             FROM device_types WHERE code > :after AND (CAST(:category AS text) IS NULL OR category = :category)
            AND (CAST(:rentable AS boolean) IS NULL OR rentable = :rentable) ORDER BY code LIMIT :n""")
        .bind("after", after).bind("category", category).bind("rentable", rentable).bind("n", n)
        .map((rs, ctx) -> row(rs)).list();
  }

  Optional<DeviceType> find(String code) {
    return h.createQuery("SELECT " + COLUMNS + " FROM device_types WHERE code = :c").bind("c", code).map((rs, ctx) -> row(rs)).findOne();
  }

  /** How many of {@code codes} (duplicates counted once) are in the catalogue. */
  int countKnown(List<String> codes) {
    return h.createQuery("SELECT count(DISTINCT code) FROM device_types WHERE code = ANY(:codes)")
        .bind("codes", codes.toArray(new String[0])).mapTo(Integer.class).one();
  }

  private static DeviceType row(ResultSet rs) throws SQLException {
    return new DeviceType(rs.getString("code"), rs.getString("name"), rs.getString("category"), rs.getBigDecimal("subsidy"),
        rs.getInt("service_life_months"), rs.getBoolean("rentable"));
  }
}
