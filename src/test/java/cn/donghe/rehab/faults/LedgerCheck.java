package cn.donghe.rehab.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic "every ledger sums to its balance" check used by the backup and fault scripts, written
 * without knowing the feature tables: for every table named like %ledger% with an {@code amount}
 * column and a single-column foreign key to a table that has a {@code balance} column, every
 * account's balance must equal the sum of its entries. Anything else is reported as skipped.
 * A check over fewer accounts than the minimum fails ("TOO_FEW"): a check over 0 accounts cannot fail, so it proves
 * nothing (issue 15: the fault tests' check once ran over 0 accounts).
 * Run: {@code java -cp target/test-classes:target/rehab-tracker.jar cn.donghe.rehab.faults.LedgerCheck <jdbc-url> [user] [password] [min-accounts]}
 */
public final class LedgerCheck {
  private LedgerCheck() {}

  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection(args[0], args.length > 1 ? args[1] : "postgres", args.length > 2 ? args[2] : "")) {
      List<String> result = run(c, args.length > 3 ? Integer.parseInt(args[3]) : 0);
      result.forEach(System.out::println);
      if (!passed(result)) System.exit(1);
    }
  }

  /** True when no line is a MISMATCH or TOO_FEW. */
  public static boolean passed(List<String> result) {
    return result.stream().noneMatch(s -> s.startsWith("MISMATCH") || s.startsWith("TOO_FEW"));
  }

  /** As {@link #run(Connection)}, and a TOO_FEW line when the ledgers together covered fewer than {@code minAccounts} accounts. */
  public static List<String> run(Connection c, long minAccounts) throws SQLException {
    List<String> out = run(c);
    long covered = 0;
    for (String line : out) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:OK|MISMATCH) .*?(?: of )?([0-9]+) accounts").matcher(line);
      if (m.find()) covered += Long.parseLong(m.group(1));
    }
    if (covered < minAccounts) out.add("TOO_FEW the check covered " + covered + " accounts, fewer than the minimum " + minAccounts);
    return out;
  }

  /** One line per ledger: "OK ...", "MISMATCH ..." or "SKIP ...". */
  public static List<String> run(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    List<String> ledgers = strings(c, """
        SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name LIKE '%ledger%' ORDER BY 1""");
    if (ledgers.isEmpty()) out.add("SKIP no table named like %ledger% (the aid ledger is not in this build)");
    for (String ledger : ledgers) {
      if (!hasColumn(c, ledger, "amount")) {
        out.add("SKIP " + ledger + ": no amount column");
        continue;
      }
      boolean checked = false;
      try (PreparedStatement ps = c.prepareStatement("""
          SELECT a.attname AS fk_col, ft.relname AS account_table, fa.attname AS account_key
          FROM pg_constraint k
          JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
          JOIN pg_class ft ON ft.oid = k.confrelid
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
          JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
          WHERE k.contype = 'f' AND n.nspname = 'public' AND t.relname = ? AND cardinality(k.conkey) = 1""")) {
        ps.setString(1, ledger);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String fk = rs.getString(1);
            String account = rs.getString(2);
            String key = rs.getString(3);
            if (!hasColumn(c, account, "balance")) continue;
            checked = true;
            out.add(compare(c, ledger, fk, account, key));
          }
        }
      }
      if (!checked) out.add("SKIP " + ledger + ": no foreign key to a table with a balance column");
    }
    return out;
  }

  private static String compare(Connection c, String ledger, String fk, String account, String key) throws SQLException {
    String q = "SELECT count(*) AS n, count(*) FILTER (WHERE a.balance <> coalesce(s.total, 0)) AS bad FROM \"" + account + "\" a "
        + "LEFT JOIN (SELECT \"" + fk + "\" AS k, sum(amount) AS total FROM \"" + ledger + "\" GROUP BY 1) s ON s.k = a.\"" + key + "\"";
    try (PreparedStatement ps = c.prepareStatement(q); ResultSet rs = ps.executeQuery()) {
      rs.next();
      long n = rs.getLong("n");
      long bad = rs.getLong("bad");
      String what = ledger + "." + fk + " -> " + account + ".balance: ";
      return bad == 0 ? "OK " + what + n + " accounts, every balance = sum of its entries" : "MISMATCH " + what + bad + " of " + n + " accounts differ";
    }
  }

  private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND column_name = ?")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) { return rs.next(); }
    }
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
