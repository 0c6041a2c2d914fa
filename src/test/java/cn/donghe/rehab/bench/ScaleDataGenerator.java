package cn.donghe.rehab.bench;

import cn.donghe.rehab.common.IdNumberCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Loads synthetic districts with COPY: regions first (one transaction), then each district in
 * its own transaction on its own connection, districts in parallel (the encryption of the numbers
 * is the expensive part on the Java side). Indexes of empty bulk tables are dropped before and
 * rebuilt after; ANALYZE at the end so the planner sees the real sizes.
 */
public final class ScaleDataGenerator {
  /** The table writers in foreign-key order. Add new tables here (see docs/bench.md). */
  static final List<TableWriter> WRITERS = List.of(
      new ReferenceWriters.Institutions(),
      new ReferenceWriters.Doctors(),
      new PersonsWriter(),
      new ContractsWriter(),
      new ActivityWriters.Assessments(),
      new ActivityWriters.AidAccounts(),
      new ActivityWriters.Sessions(),
      new ActivityWriters.AidLedger(),
      new DeviceWriters.Items(),
      new DeviceWriters.Fittings(),
      new DeviceWriters.Loans());

  /** What to generate. {@code districts} are 6-digit district codes; {@code sampleSize} keys go to the sample files. */
  public record Plan(List<String> districts, int personsPerDistrict, long seed, int threads, int sampleSize) {
    public static Plan of(Scale scale, long seed, int threads) {
      return new Plan(scale.districtCodes(), Scale.PERSONS_PER_DISTRICT, seed, threads, 5_000);
    }

    long persons() { return (long) districts.size() * personsPerDistrict; }
  }

  /** Rows and seconds per table, and the whole run's seconds. */
  public record Result(Map<String, Long> rows, Map<String, Double> seconds, double totalSeconds, Samples samples) {}

  private final DataSource ds;
  private final IdNumberCipher cipher;
  private final LocalDate today;
  private final ZoneId zone;
  private final Consumer<String> log;

  ScaleDataGenerator(DataSource ds, IdNumberCipher cipher, LocalDate today, ZoneId zone, Consumer<String> log) {
    this.ds = ds;
    this.cipher = cipher;
    this.today = today;
    this.zone = zone;
    this.log = log;
  }

  public Result run(Plan plan) throws SQLException, InterruptedException {
    long t0 = System.nanoTime();
    Samples samples = new Samples(plan.persons(), plan.sampleSize());
    Map<Integer, Catalogue.AidStandard> standards;
    try (Connection c = ds.getConnection()) {
      Catalogue.writeDeviceTypes(c, today.minusYears(3).atStartOfDay(zone).toInstant());
      standards = Catalogue.aidStandards(c);
    }
    for (int y = today.getYear() - 1; y <= today.getYear(); y++) {
      if (!standards.containsKey(y)) log.accept("no child aid standard for " + y + ": no aid accounts that year");
    }
    TableWriter.Context ctx = new TableWriter.Context(cipher, today, zone, plan.seed(), samples, standards);
    List<District> districts = new ArrayList<>();
    for (String code : plan.districts()) districts.add(new District(code, new SplittableRandom(plan.seed() ^ code.hashCode())));
    districts.get(0).communities.forEach(r -> samples.community(r.code()));
    writeRegions(districts);
    Map<String, Long> rows = new ConcurrentHashMap<>();
    Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    List<IndexSwap.Restore> restores = dropIndexes();
    List<String> triggers = disableInsertTriggers();
    try {
      loadDistricts(plan, districts, ctx, rows, nanos);
    } finally {
      long r0 = System.nanoTime();
      log.accept("rebuilding " + restores.size() + " indexes and constraints");
      IndexSwap.restore(ds, restores, plan.threads());
      nanos.computeIfAbsent("(indexes)", k -> new AtomicLong()).addAndGet(System.nanoTime() - r0);
      enable(triggers);
    }
    long a0 = System.nanoTime();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (TableWriter w : WRITERS) s.execute("ANALYZE " + w.table());
      s.execute("ANALYZE regions");
    }
    nanos.computeIfAbsent("(analyze)", k -> new AtomicLong()).addAndGet(System.nanoTime() - a0);
    rebuildReportFacts(nanos);
    Map<String, Double> seconds = new LinkedHashMap<>();
    nanos.forEach((k, v) -> seconds.put(k, v.get() / 1e9));
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (TableWriter w : WRITERS) if (rows.containsKey(w.table())) ordered.put(w.table(), rows.get(w.table()));
    return new Result(ordered, seconds, (System.nanoTime() - t0) / 1e9, samples);
  }

  private List<IndexSwap.Restore> dropIndexes() throws SQLException {
    List<IndexSwap.Restore> restores = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (TableWriter w : WRITERS) if (w.bulk()) restores.addAll(IndexSwap.dropIfEmpty(c, w.table()));
      c.commit();
    }
    if (!restores.isEmpty()) log.accept("dropped " + restores.size() + " indexes and constraints of empty tables for the load");
    return restores;
  }

  /**
   * Row triggers that fire on INSERT into the bulk tables (e.g. maintained report facts) are disabled
   * for the COPY and enabled again afterwards; what they would have maintained is rebuilt in one pass
   * ({@link #rebuildReportFacts}). Append-only triggers (UPDATE/DELETE/TRUNCATE) stay on.
   */
  private List<String> disableInsertTriggers() throws SQLException {
    List<String> disabled = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (TableWriter w : WRITERS) {
        if (!w.bulk()) continue;
        try (var rs = s.executeQuery("SELECT tgname FROM pg_trigger WHERE tgrelid = '" + w.table() + "'::regclass AND NOT tgisinternal "
            + "AND tgenabled <> 'D' AND (tgtype & 4) <> 0")) {
          while (rs.next()) disabled.add("ALTER TABLE " + w.table() + " %s TRIGGER " + rs.getString(1));
        }
      }
      for (String sql : disabled) s.execute(sql.formatted("DISABLE"));
    }
    if (!disabled.isEmpty()) log.accept("disabled " + disabled.size() + " insert triggers for the load");
    return disabled;
  }

  private void enable(List<String> triggers) throws SQLException {
    if (triggers.isEmpty()) return;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : triggers) s.execute(sql.formatted("ENABLE"));
    }
  }

  /** When the reports feature maintains fact tables, rebuilds them from the loaded data in one pass. */
  private void rebuildReportFacts(Map<String, AtomicLong> nanos) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      boolean present;
      try (var rs = s.executeQuery("SELECT to_regproc('reports_rebuild_facts') IS NOT NULL")) {
        rs.next();
        present = rs.getBoolean(1);
      }
      if (!present) return;
      long t = System.nanoTime();
      log.accept("rebuilding report facts (reports_rebuild_facts())");
      s.execute("SELECT reports_rebuild_facts()");
      nanos.computeIfAbsent("(report facts)", k -> new AtomicLong()).addAndGet(System.nanoTime() - t);
    }
  }

  private void writeRegions(List<District> districts) throws SQLException {
    try (Connection c = ds.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING")) {
      c.setAutoCommit(false);
      for (District d : districts) {
        List<District.Region> all = new ArrayList<>();
        all.add(d.region);
        all.addAll(d.towns);
        all.addAll(d.communities);
        for (District.Region r : all) {
          ps.setString(1, r.code());
          ps.setString(2, r.name());
          ps.setString(3, r.level());
          ps.setString(4, r.parentCode());
          ps.addBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private void loadDistricts(Plan plan, List<District> districts, TableWriter.Context ctx, Map<String, Long> rows,
                             Map<String, AtomicLong> nanos) throws SQLException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.threads(), districts.size())));
    AtomicLong done = new AtomicLong();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (District d : districts) {
        futures.add(pool.submit(() -> {
          loadDistrict(plan, d, ctx, rows, nanos);
          long n = done.incrementAndGet();
          if (n == districts.size() || n % Math.max(1, districts.size() / 10) == 0) log.accept("districts loaded: " + n + "/" + districts.size());
          return null;
        }));
      }
      for (Future<?> f : futures) f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException s) throw s;
      throw new IllegalStateException("loading a district failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void loadDistrict(Plan plan, District d, TableWriter.Context ctx, Map<String, Long> rows, Map<String, AtomicLong> nanos) throws SQLException {
    Population pop = new Population(d, plan.personsPerDistrict(), ctx.today(), ctx.zone(), ctx.random(d.code, "population"));
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off"); // a failed bulk load is simply run again
      }
      for (TableWriter w : WRITERS) {
        long t = System.nanoTime();
        try (CopyRows out = new CopyRows(c, w.table(), w.columns())) {
          w.write(pop, out, ctx);
          out.close();
          rows.merge(w.table(), out.rows(), Long::sum);
        }
        nanos.computeIfAbsent(w.table(), k -> new AtomicLong()).addAndGet(System.nanoTime() - t);
      }
      c.commit();
    }
  }
}
