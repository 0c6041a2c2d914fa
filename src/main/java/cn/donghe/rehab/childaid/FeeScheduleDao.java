package cn.donghe.rehab.childaid;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of fee_schedule_versions and fee_schedule_items (append-only). */
final class FeeScheduleDao {
  private final Handle h;

  /** First key of the two-key advisory lock space reserved for fee schedules ("FEES"). */
  private static final int LOCK_CLASS = 0x46454553;

  FeeScheduleDao(Handle h) { this.h = h; }

  /** Serialises writers of one year's schedule until the transaction ends. */
  void lockYear(int year) {
    h.createQuery("SELECT pg_advisory_xact_lock(:cls, :y)::text").bind("cls", LOCK_CLASS).bind("y", year).mapTo(String.class).one();
  }

  /** Every version of the year, oldest first, with its items (in service-type order). */
  List<FeeSchedule.Version> versions(int year) {
    Map<UUID, FeeSchedule.Version> byId = new LinkedHashMap<>();
    h.createQuery("SELECT id, version, effective_from, created_at FROM fee_schedule_versions WHERE year = :y ORDER BY version")
        .bind("y", (short) year)
        .map((rs, c) -> Map.entry(rs.getObject("id", UUID.class), new FeeSchedule.Version(rs.getInt("version"),
            rs.getObject("effective_from", LocalDate.class), rs.getObject("created_at", OffsetDateTime.class).toInstant(), new ArrayList<>())))
        .forEach(e -> byId.put(e.getKey(), e.getValue()));
    if (byId.isEmpty()) return List.of();
    h.createQuery("SELECT version_id, service_type, max_fee FROM fee_schedule_items WHERE version_id = ANY(:ids) ORDER BY service_type")
        .bind("ids", byId.keySet().toArray(new UUID[0]))
        .map((rs, c) -> Map.entry(rs.getObject("version_id", UUID.class), new FeeSchedule.Item(rs.getString("service_type"), rs.getBigDecimal("max_fee"))))
        .forEach(e -> byId.get(e.getKey()).items().add(e.getValue()));
    return List.copyOf(byId.values());
  }

  void insert(UUID id, int year, int version, LocalDate effectiveFrom, List<FeeSchedule.Item> items, Instant now, UUID by) {
    h.createUpdate("INSERT INTO fee_schedule_versions (id, year, version, effective_from, created_at, created_by) VALUES (:id, :y, :v, :from, :now, :by)")
        .bind("id", id).bind("y", (short) year).bind("v", version).bind("from", effectiveFrom).bind("now", now).bind("by", by).execute();
    var batch = h.prepareBatch("INSERT INTO fee_schedule_items (version_id, service_type, max_fee) VALUES (:id, :t, :m)");
    for (FeeSchedule.Item i : items) batch.bind("id", id).bind("t", i.serviceType()).bind("m", i.maxFee()).add();
    if (!items.isEmpty()) batch.execute();
  }

  /**
   * The cap for a session of this type on this date: the item of the latest version in force on the date. A year
   * without a version of its own (yet) keeps the last earlier one, so child aid does not stop on 1 January of a year
   * the federation has not priced. Empty when no version is in force at all or the version has no item for the type.
   */
  Optional<BigDecimal> maxFee(LocalDate date, String serviceType) {
    return h.createQuery("""
        SELECT i.max_fee FROM fee_schedule_items i
         WHERE i.service_type = :t AND i.version_id = (
               SELECT v.id FROM fee_schedule_versions v WHERE v.effective_from <= :d
                ORDER BY v.effective_from DESC, v.year DESC, v.version DESC LIMIT 1)""")
        .bind("t", serviceType).bind("d", date).mapTo(BigDecimal.class).findOne();
  }
}
