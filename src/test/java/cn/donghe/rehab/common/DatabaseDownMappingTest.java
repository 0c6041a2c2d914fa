package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.donghe.rehab.common.ExceptionMappers;
import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Database outages answer 503 with Retry-After however deep the cause sits; other SQL errors stay 500. */
class DatabaseDownMappingTest {
  private static Response map(Throwable t) {
    return new ExceptionMappers.AnyMapper().toResponse(t);
  }

  @Test
  void connectionBrokenMidStatement_is503_althoughTheRootCauseIsAnIoError() {
    PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE, new EOFException());
    Response r = map(new UnableToExecuteStatementException(broken, null));
    assertEquals(503, r.getStatus());
    assertEquals("2", r.getHeaderString("Retry-After"));
    assertEquals("no-store", r.getHeaderString("Cache-Control"));
    assertEquals("application/problem+json", r.getMediaType().toString());
  }

  @Test
  void serverShuttingDownOrStartingUp_is503() {
    for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "08001", "08006"}) {
      assertEquals(503, map(new UnableToExecuteStatementException(new SQLException("x", state), null)).getStatus(), state);
    }
    assertEquals(503, map(new ConnectionException(new SQLException(new ConnectException("refused")))).getStatus());
    assertEquals(503, new ExceptionMappers.DatabaseDownMapper().toResponse(new ConnectionException(new SQLException("pool exhausted"))).getStatus());
  }

  @Test
  void otherDatabaseErrors_stay500() {
    assertEquals(500, map(new UnableToExecuteStatementException(new SQLException("duplicate", "23505"), null)).getStatus());
    assertEquals(500, map(new IllegalStateException("bug")).getStatus());
  }
}
