package cn.donghe.rehab.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grant step after migration, run as the schema owner: the service role may read and write
 * the tables, but not UPDATE, DELETE or TRUNCATE the append-only ones (every table guarded by the
 * {@code refuse_change()} trigger: audit_events, aid_ledger, plan_revisions, report_snapshots ...),
 * and never owns anything, so it cannot ALTER/DISABLE TRIGGER or DROP either. Default privileges make
 * tables created by later migrations usable at once; the revocations are re-applied at every start.
 * Idempotent; safe when two instances start together.
 */
public final class DatabaseRoles {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseRoles.class);

  private DatabaseRoles() {}

  /** Grants the service role what it needs, as the owner. */
  public static void grantServiceRole(DataSource owner, String serviceRole) {
    if (!serviceRole.matches("[A-Za-z_][A-Za-z0-9_$.@-]{0,62}")) throw new IllegalArgumentException("unusable role name " + serviceRole);
    String svc = "\"" + serviceRole.replace("\"", "\"\"") + "\"";
    try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      // serialise with another instance starting at the same moment (GRANT on the same rows can fail with "tuple concurrently updated")
      s.execute("SELECT pg_advisory_xact_lock(hashtextextended('rehab:grants', 0))");
      s.execute("GRANT USAGE ON SCHEMA public TO " + svc);
      s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + svc);
      s.execute("REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM " + svc);
      s.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + svc);
      for (String t : List.of("databasechangelog", "databasechangeloglock")) {
        if (exists(s, t)) s.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + t + " FROM " + svc);
      }
      List<String> appendOnly = appendOnlyTables(s);
      for (String t : appendOnly) s.execute("REVOKE UPDATE, DELETE, TRUNCATE ON " + t + " FROM " + svc);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + svc);
      s.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + svc);
      c.commit();
      LOG.info("Database role {}: read/write on the tables; no UPDATE/DELETE/TRUNCATE on {}", serviceRole, appendOnly);
    } catch (SQLException e) {
      throw new IllegalStateException("Granting the service role " + serviceRole + " failed (does DATABASE_OWNER_USER own the schema?): "
          + e.getMessage(), e);
    }
  }

  /** Tables whose rows must never change: those guarded by the refuse_change() trigger. */
  static List<String> appendOnlyTables(Statement s) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("""
        SELECT DISTINCT quote_ident(c.relname) FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_proc p ON p.oid = t.tgfoid
         WHERE n.nspname = 'public' AND p.proname = 'refuse_change' ORDER BY 1""")) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private static boolean exists(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT to_regclass('public." + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * What the service's own connection could do that it should not: own tables, be a superuser, or
   * change an append-only table. Empty when it is properly restricted.
   */
  public static List<String> excessPrivileges(Connection service) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = service.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
        if (rs.next() && rs.getBoolean(1)) out.add("is a superuser");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')")) {
        rs.next();
        if (rs.getInt(1) > 0) out.add("owns " + rs.getInt(1) + " tables (can ALTER TABLE ... DISABLE TRIGGER)");
      }
      for (String t : appendOnlyTables(s)) {
        try (ResultSet rs = s.executeQuery("SELECT has_table_privilege(current_user, '" + t.replace("'", "''") + "', 'UPDATE') "
            + "OR has_table_privilege(current_user, '" + t.replace("'", "''") + "', 'DELETE')")) {
          rs.next();
          if (rs.getBoolean(1)) out.add("may UPDATE/DELETE " + t);
        }
      }
    }
    return out;
  }
}
