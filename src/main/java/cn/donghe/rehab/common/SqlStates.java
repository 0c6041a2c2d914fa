package cn.donghe.rehab.common;

import java.sql.SQLException;

/**
 * PostgreSQL's SQL states the features decide races and duplicates by (a unique or exclusion constraint that
 * another writer won), recognised once for all of them.
 */
public final class SqlStates {
  public static final String UNIQUE = "23505";
  public static final String EXCLUSION = "23P01";

  private SqlStates() {}

  /** True when {@code e} (or a cause) is a PostgreSQL error with this state and, if given, this constraint (or index) name. */
  public static boolean is(Throwable e, String state, String constraint) {
    String violated = violated(e, state);
    return violated != null && (constraint == null || violated.contains(constraint));
  }

  /**
   * The name of the violated constraint ("" when the server does not say) of the first error in {@code e}'s causes with
   * this state, or null when there is none.
   */
  public static String violated(Throwable e, String state) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && state.equals(s.getSQLState())) {
        if (s instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
            && p.getServerErrorMessage().getConstraint() != null) {
          return p.getServerErrorMessage().getConstraint();
        }
        return s.getMessage() == null ? "" : s.getMessage();
      }
    }
    return null;
  }
}
