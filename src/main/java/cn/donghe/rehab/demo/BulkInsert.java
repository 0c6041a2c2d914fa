package cn.donghe.rehab.demo;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Fast bulk loading for demo data: rows are collected column-wise and written with one
 * {@code INSERT ... SELECT FROM unnest(arrays)} per chunk (one round trip per thousand rows instead
 * of one per row). Values travel as text and are cast by PostgreSQL; type {@code csv} becomes a
 * text[] via {@code string_to_array}.
 */
public final class BulkInsert {
  private static final int CHUNK = 2000;
  private final Handle h;
  private final String table;
  private final String[] columns;
  private final String[] types;
  private final List<List<String>> values = new ArrayList<>();
  private int rows;
  private BulkInsert parent;

  /** {@code spec} pairs "column:type", e.g. "person_id:uuid", "rehab_needs:csv". */
  public BulkInsert(Handle h, String table, String... spec) {
    this.h = h;
    this.table = table;
    this.columns = new String[spec.length];
    this.types = new String[spec.length];
    for (int i = 0; i < spec.length; i++) {
      String[] p = spec[i].split(":");
      columns[i] = p[0];
      types[i] = p[1];
      values.add(new ArrayList<>());
    }
  }

  /**
   * Rows of this table reference rows of {@code p}: flush p first whenever this flushes. A child row
   * must be added after the parent row it references (the parent's pending rows are written first,
   * so a chunk boundary between a parent row and its children cannot break the foreign key).
   */
  public BulkInsert after(BulkInsert p) {
    this.parent = p;
    return this;
  }

  public BulkInsert add(Object... row) {
    if (row.length != columns.length) throw new IllegalArgumentException("expected " + columns.length + " values");
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      values.get(i).add(v == null ? null : v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : v.toString());
    }
    if (++rows >= CHUNK) flush();
    return this;
  }

  public void flush() {
    if (parent != null) parent.flush();
    if (rows == 0) return;
    StringBuilder select = new StringBuilder();
    StringBuilder from = new StringBuilder();
    StringBuilder alias = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      String sep = i == 0 ? "" : ", ";
      boolean csv = types[i].equals("csv");
      select.append(sep).append(csv ? "string_to_array(v" + i + ", ',')" : "v" + i);
      from.append(sep).append(csv || types[i].equals("text") ? "CAST(:v" + i + " AS text[])" : "CAST(CAST(:v" + i + " AS text[]) AS " + types[i] + "[])");
      alias.append(sep).append("v").append(i);
    }
    Update u = h.createUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + select
        + " FROM unnest(" + from + ") AS u(" + alias + ")");
    for (int i = 0; i < columns.length; i++) {
      u.bind("v" + i, values.get(i).toArray(new String[0]));
      values.get(i).clear();
    }
    u.execute();
    rows = 0;
  }
}
