package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.IdNumberCipher;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * Writes the rows of one table for one district through COPY. This is the extension point of the
 * scale data: a new table (assessments, sessions, aid accounts and ledger, fittings, loans...) is
 * one more writer added to {@link ScaleDataGenerator#WRITERS}, in foreign-key order.
 */
interface TableWriter {
  /** Everything a writer may use besides the district's population. */
  record Context(IdNumberCipher cipher, LocalDate today, ZoneId zone, long seed, Samples samples,
                 java.util.Map<Integer, Catalogue.AidStandard> aidStandards) {
    /** The two years the activity tables cover: last year and this year (up to today). */
    int[] years() { return new int[] {today.getYear() - 1, today.getYear()}; }

    /** A random stream that depends only on the seed, the district and the writer: runs are repeatable. */
    SplittableRandom random(String district, String table) {
      return new SplittableRandom(seed * 1_000_003L + district.hashCode() * 31L + table.hashCode());
    }
  }

  String table();

  /** The column list of the COPY (generated columns left out). */
  String columns();

  /**
   * True for the big tables whose secondary indexes and constraints are dropped before the load and
   * rebuilt after it (when the table was empty), which is several times faster than maintaining them row by row.
   */
  default boolean bulk() { return true; }

  void write(Population pop, CopyRows out, Context ctx) throws SQLException;
}
