package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.support.TestApp;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** The states are read off real PostgreSQL errors, through JDBI's wrapping. */
class SqlStatesTest {
  @Test
  void aUniqueViolationNamesItsConstraint_andIsNoExclusionViolation() {
    RuntimeException e = TestApp.jdbi().withHandle(h -> {
      h.execute("CREATE TEMP TABLE sql_states_probe (k int CONSTRAINT sql_states_probe_k_uq UNIQUE)");
      h.execute("INSERT INTO sql_states_probe VALUES (1)");
      return assertThrows(UnableToExecuteStatementException.class, () -> h.execute("INSERT INTO sql_states_probe VALUES (1)"));
    });
    assertEquals("sql_states_probe_k_uq", SqlStates.violated(e, SqlStates.UNIQUE));
    assertTrue(SqlStates.is(e, SqlStates.UNIQUE, "sql_states_probe_k"));
    assertTrue(SqlStates.is(e, SqlStates.UNIQUE, null));
    assertFalse(SqlStates.is(e, SqlStates.UNIQUE, "another_constraint"));
    assertFalse(SqlStates.is(e, SqlStates.EXCLUSION, null));
    assertNull(SqlStates.violated(new IllegalStateException("no database error"), SqlStates.UNIQUE));
  }
}
