package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Which persons a caller may see (DESIGN section 2). Every feature asks this before touching a
 * person's records; out-of-scope answers 404 so existence never leaks.
 * <ul>
 *   <li>ADMIN: everyone, or the subtree of their regionCode.</li>
 *   <li>DOCTOR: persons with a contract active today with them.</li>
 *   <li>GUARDIAN: their own children.</li>
 *   <li>INSTITUTION: anyone (masked), because staff find a person by number to serve them.</li>
 * </ul>
 */
public final class PersonScope {
  private final Clock clock;

  public PersonScope(Clock clock) { this.clock = clock; }

  public LocalDate today() { return LocalDate.now(clock); }

  /** A SQL condition on alias {@code p} (persons) plus its bindings. */
  public record Filter(String sql, Map<String, Object> binds) {
    public <S extends SqlStatement<S>> S bindTo(S stmt) {
      binds.forEach(stmt::bind);
      return stmt;
    }
  }

  public Filter filter(AppUser u, String alias) {
    Map<String, Object> b = new LinkedHashMap<>();
    String sql;
    switch (u.role()) {
      case ADMIN -> {
        sql = alias + ".region_code LIKE :scopePrefix";
        b.put("scopePrefix", u.regionPrefix() + "%");
      }
      case DOCTOR -> {
        sql = "EXISTS (SELECT 1 FROM contracts sc WHERE sc.person_id = " + alias + ".id AND sc.doctor_id = :scopeDoctor AND sc.active_range @> CAST(:scopeToday AS date))";
        b.put("scopeDoctor", u.doctorId());
        b.put("scopeToday", today());
      }
      case GUARDIAN -> {
        sql = "EXISTS (SELECT 1 FROM guardian_children gc WHERE gc.person_id = " + alias + ".id AND gc.user_id = :scopeUser)";
        b.put("scopeUser", u.id());
      }
      case INSTITUTION -> sql = "TRUE";
      default -> sql = "FALSE";
    }
    return new Filter(sql, b);
  }

  public boolean canRead(Handle h, AppUser u, UUID personId) {
    Filter f = filter(u, "p");
    return f.bindTo(h.createQuery("SELECT count(*) FROM persons p WHERE p.id = :pid AND " + f.sql()))
        .bind("pid", personId).mapTo(Integer.class).one() > 0;
  }

  /** 404 unless the caller may read this person. */
  public void requireReadable(Handle h, AppUser u, UUID personId) {
    if (personId == null || !canRead(h, u, personId)) throw ApiException.notFound("人员 person");
  }

  /** True when the doctor has a contract with the person active today. */
  public boolean isContractedDoctor(Handle h, AppUser u, UUID personId) {
    return u.doctorId() != null && h.createQuery(
            "SELECT count(*) FROM contracts WHERE person_id = :p AND doctor_id = :d AND active_range @> CAST(:t AS date)")
        .bind("p", personId).bind("d", u.doctorId()).bind("t", today()).mapTo(Integer.class).one() > 0;
  }
}
