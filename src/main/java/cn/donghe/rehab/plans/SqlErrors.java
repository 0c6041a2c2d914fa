package cn.donghe.rehab.plans;

import java.sql.SQLException;

/** Recognises the constraint violations that mean "someone else won the race" (mapped to 409). */
public final class SqlErrors {
  public static final String EXCLUSION_VIOLATION = "23P01";
  public static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  /** True when {@code e} (or a cause) is a PostgreSQL error with this SQLState and, if given, this constraint. */
  public static boolean is(Throwable e, String sqlState, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && sqlState.equals(s.getSQLState())) {
        if (constraint == null) return true;
        String msg = s.getMessage();
        return msg != null && msg.contains(constraint);
      }
    }
    return false;
  }
}
