package cn.donghe.rehab.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with {@code COPY ... FROM STDIN} (text format). Rows are buffered
 * only up to about a megabyte and then sent, so a table of any size loads in constant memory.
 */
final class CopyRows implements AutoCloseable {
  private static final int FLUSH_AT = 1 << 20;
  private static final HexFormat HEX = HexFormat.of();
  private final CopyIn copy;
  private final StringBuilder buf = new StringBuilder(FLUSH_AT + 4096);
  private boolean firstInRow = true;
  private long rows;

  CopyRows(Connection c, String table, String columns) throws SQLException {
    this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
  }

  /** Appends the next column value of the current row (null becomes SQL NULL). */
  CopyRows add(Object v) {
    if (!firstInRow) buf.append('\t');
    firstInRow = false;
    if (v == null) {
      buf.append("\\N");
    } else if (v instanceof byte[] b) {
      buf.append("\\\\x").append(HEX.formatHex(b));
    } else if (v instanceof String s) {
      escape(s);
    } else if (v instanceof Instant i) {
      buf.append(i.toString());
    } else {
      escape(v.toString());
    }
    return this;
  }

  /** Ends the current row; sends the buffer when it is full. */
  void endRow() throws SQLException {
    buf.append('\n');
    firstInRow = true;
    rows++;
    if (buf.length() >= FLUSH_AT) flush();
  }

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> buf.append("\\\\");
        case '\t' -> buf.append("\\t");
        case '\n' -> buf.append("\\n");
        case '\r' -> buf.append("\\r");
        default -> buf.append(ch);
      }
    }
  }

  private void flush() throws SQLException {
    if (buf.isEmpty()) return;
    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buf.setLength(0);
  }

  long rows() { return rows; }

  /** Sends what is left and finishes the COPY; returns the number of rows the server took. */
  @Override public void close() throws SQLException {
    if (!copy.isActive()) return;
    flush();
    copy.endCopy();
  }
}
