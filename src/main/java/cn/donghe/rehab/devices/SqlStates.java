package cn.donghe.rehab.devices;

import java.sql.SQLException;

/** Recognises the constraint violations the device tables use to decide races. */
final class SqlStates {
  static final String UNIQUE = "23505";
  static final String EXCLUSION = "23P01";

  private SqlStates() {}

  /** True when {@code e} was caused by a violation of the named constraint (or index) with this SQL state. */
  static boolean is(Throwable e, String state, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && state.equals(s.getSQLState())) {
        return constraint == null || (s.getMessage() != null && s.getMessage().contains(constraint));
      }
    }
    return false;
  }
}
