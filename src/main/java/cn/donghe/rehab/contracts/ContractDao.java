package cn.donghe.rehab.contracts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Rows of the contracts table (and the worklist query over persons). */
final class ContractDao {
  private static final String SELECT = """
      SELECT c.id, c.person_id, p.name AS person_name, c.doctor_id, d.name AS doctor_name, c.start_date, c.end_date,
             c.service_package, c.terminated_on, c.termination_reason, c.created_at
      FROM contracts c JOIN persons p ON p.id = c.person_id JOIN doctors d ON d.id = c.doctor_id""";
  private final Handle h;
  private final LocalDate today;

  ContractDao(Handle h, LocalDate today) {
    this.h = h;
    this.today = today;
  }

  void insert(UUID id, UUID personId, UUID doctorId, LocalDate start, LocalDate end, String pkg, Instant now) {
    h.createUpdate("""
        INSERT INTO contracts (id, person_id, doctor_id, start_date, end_date, service_package, created_at)
        VALUES (:id, :person, :doctor, :start, :end, :pkg, :now)""")
        .bind("id", id).bind("person", personId).bind("doctor", doctorId).bind("start", start).bind("end", end)
        .bind("pkg", pkg).bind("now", now).execute();
  }

  Optional<Contract> find(UUID id) {
    return h.createQuery(SELECT + " WHERE c.id = :id").bind("id", id).map((rs, c) -> contract(rs)).findOne();
  }

  /** A contract of the person whose days in force overlap [start, end] (inclusive), if any. */
  Optional<UUID> overlapping(UUID personId, LocalDate start, LocalDate end) {
    return h.createQuery("""
            SELECT id FROM contracts WHERE person_id = :p AND active_range && daterange(:s, CAST(:e AS date) + 1, '[)')
            ORDER BY start_date LIMIT 1""")
        .bind("p", personId).bind("s", start).bind("e", end).mapTo(UUID.class).findOne();
  }

  /** Sets the termination only if the contract is not terminated yet; false when someone else did first. */
  boolean terminate(UUID id, LocalDate on, String reason) {
    return h.createUpdate("UPDATE contracts SET terminated_on = :on, termination_reason = :reason WHERE id = :id AND terminated_on IS NULL")
        .bind("id", id).bind("on", on).bind("reason", reason).execute() == 1;
  }

  Optional<Contract> activeOn(UUID personId, LocalDate day) {
    return h.createQuery(SELECT + " WHERE c.person_id = :p AND c.active_range @> CAST(:d AS date)")
        .bind("p", personId).bind("d", day).map((rs, c) -> contract(rs)).findOne();
  }

  /** Scope condition over alias c/p plus its bindings; filters are added only when given. */
  record Scope(String sql, Map<String, Object> binds) {}

  List<Contract> list(Scope scope, ContractInputs.ContractQuery q, UUID after, int fetch) {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE c.id > :after AND ").append(scope.sql());
    Map<String, Object> b = new LinkedHashMap<>(scope.binds());
    if (q.doctorId() != null) {
      sql.append(" AND c.doctor_id = :doctor");
      b.put("doctor", q.doctorId());
    }
    if (q.personId() != null) {
      sql.append(" AND c.person_id = :person");
      b.put("person", q.personId());
    }
    if (q.activeOn() != null) {
      sql.append(" AND c.active_range @> CAST(:activeOn AS date)");
      b.put("activeOn", q.activeOn());
    }
    if (q.expiringWithinDays() != null) {
      // In force today, running out within N days, not terminated, and not already followed by a renewal.
      sql.append(" ").append("""
           AND c.terminated_on IS NULL AND c.start_date <= :today AND c.end_date >= :today
           AND c.end_date <= CAST(:today AS date) + CAST(:days AS integer)
           AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.person_id = c.person_id AND n.start_date > c.end_date)""");
      b.put("today", today);
      b.put("days", q.expiringWithinDays());
    }
    sql.append(" ORDER BY c.id LIMIT :n");
    Query query = h.createQuery(sql.toString());
    b.forEach(query::bind);
    return query.bind("after", after).bind("n", fetch).map((rs, c) -> contract(rs)).list();
  }

  List<UnsignedPerson> unsigned(String regionPrefix, String scopePrefix, UUID after, int fetch) {
    return h.createQuery("""
            SELECT p.id, p.name, p.gender, p.birth_date, p.id_number_masked, p.category, p.grade, p.region_code,
                   (SELECT max(upper(c.active_range)) - 1 FROM contracts c
                     WHERE c.person_id = p.id AND NOT isempty(c.active_range) AND upper(c.active_range) <= :today) AS last_end
            FROM persons p
            WHERE p.id > :after AND p.status = 'ACTIVE' AND p.region_code LIKE :region AND p.region_code LIKE :scope
              AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.person_id = p.id AND c.active_range @> CAST(:today AS date))
            ORDER BY p.id LIMIT :n""")
        .bind("after", after).bind("region", regionPrefix + "%").bind("scope", scopePrefix + "%").bind("today", today)
        .bind("n", fetch)
        .map((rs, c) -> {
          int grade = rs.getInt("grade");
          Integer g = rs.wasNull() ? null : grade;
          return new UnsignedPerson(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("gender"),
              rs.getObject("birth_date", LocalDate.class), rs.getString("id_number_masked"), rs.getString("category"), g,
              rs.getString("region_code"), rs.getObject("last_end", LocalDate.class));
        }).list();
  }

  /** The region of the institution a doctor works at (a doctor's worklist area). */
  Optional<String> doctorRegion(UUID doctorId) {
    return h.createQuery("SELECT i.region_code FROM doctors d JOIN institutions i ON i.id = d.institution_id WHERE d.id = :d")
        .bind("d", doctorId).mapTo(String.class).findOne();
  }

  private Contract contract(ResultSet rs) throws SQLException {
    LocalDate start = rs.getObject("start_date", LocalDate.class);
    LocalDate end = rs.getObject("end_date", LocalDate.class);
    LocalDate terminated = rs.getObject("terminated_on", LocalDate.class);
    return new Contract(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("person_name"),
        rs.getObject("doctor_id", UUID.class), rs.getString("doctor_name"), start, end, rs.getString("service_package"),
        terminated, rs.getString("termination_reason"), Contract.statusOn(today, start, end, terminated),
        rs.getTimestamp("created_at").toInstant());
  }
}
