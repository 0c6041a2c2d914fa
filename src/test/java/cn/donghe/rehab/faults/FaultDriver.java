package cn.donghe.rehab.faults;

import cn.donghe.rehab.registry.Category;
import cn.donghe.rehab.registry.IdNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Load driver and checker of scripts/fault-tests.sh (not a unit test: run with
 * {@code java -cp target/test-classes:target/rehab-tracker.jar cn.donghe.rehab.faults.FaultDriver}).
 * Talks to a running service and its PostgreSQL over loopback only; every load is bounded in time.
 *
 * <p>Environment: BASE_URL, ADMIN_USER, ADMIN_PASSWORD, JDBC_URL, JDBC_USER, JDBC_PASSWORD,
 * POOL_SIZE, SERVICE_PID, FAULT_PG_STOP / FAULT_PG_START / FAULT_PG_KILL (shell commands),
 * FAULT_SCENARIOS (comma list of pool,stop,kill,term), and the write load: FAULT_WRITE_KIND
 * {@code sessions} (default: POST /api/v1/sessions charging child aid, so that the ledger check after the crash covers
 * FAULT_CHILDREN (default 300) aid accounts, each charged at least once; fewer than FAULT_MIN_ACCOUNTS (default
 * 200) checked accounts fail the run) or {@code persons} (POST /api/v1/persons).
 */
public final class FaultDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMMUNITY = "150202901001";
  private final String base = env("BASE_URL", "http://127.0.0.1:8080");
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
  private final String tag = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
  private final AtomicInteger seq = new AtomicInteger();
  private final List<String[]> summary = new ArrayList<>();
  private final WriteLoad write;
  private String token;
  private boolean failed;

  /** One answer (or failure to get one) of the load. Times in ms since the driver started. */
  record Call(long start, long end, int status, boolean problemJson, String retryAfter, String id, String error) {
    long millis() { return end - start; }
    boolean ok() { return status >= 200 && status < 300; }
  }

  /** The write endpoint under load: its path, a fresh valid body, the table its ids land in and its tagged text column. */
  interface WriteLoad {
    String path();
    Object body(int n);
    String table();
    default String taggedColumn() { return "name"; }
    default Map<String, String> headers(int n) { return Map.of(); }
    default String token(String adminToken) { return adminToken; }
  }

  private static final long T0 = System.nanoTime();

  static long now() { return (System.nanoTime() - T0) / 1_000_000; }

  private final int children = Integer.parseInt(env("FAULT_CHILDREN", "300"));
  private final int minAccounts = Integer.parseInt(env("FAULT_MIN_ACCOUNTS", "200"));
  private final List<String> childIds = Collections.synchronizedList(new ArrayList<>());
  private String staffToken;

  private FaultDriver() {
    String kind = env("FAULT_WRITE_KIND", "sessions");
    if (kind.equals("sessions")) {
      write = new WriteLoad() {
        @Override public String path() { return "/api/v1/sessions"; }
        @Override public String table() { return "sessions"; }
        @Override public String taggedColumn() { return "therapist"; }
        @Override public Map<String, String> headers(int n) { return Map.of("Idempotency-Key", "fault-" + tag + "-" + n); }
        @Override public String token(String adminToken) { return staffToken; }
        @Override public Object body(int n) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("personId", childIds.get(n % childIds.size()));
          m.put("serviceType", "REHAB_TRAINING");
          m.put("date", today().toString());
          m.put("durationMinutes", 45);
          m.put("therapist", "故障测试" + tag + "-" + n);
          m.put("fee", (10 + n % 90) + "." + String.format("%02d", n % 100));
          m.put("useChildAid", true);
          return m;
        }
      };
      return;
    }
    if (!kind.equals("persons")) throw new IllegalArgumentException("unknown FAULT_WRITE_KIND " + kind);
    write = new WriteLoad() {
      @Override public String path() { return "/api/v1/persons"; }
      @Override public String table() { return "persons"; }
      @Override public Object body(int n) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n % 20000);
        String area = String.format("%06d", 110000 + (n / 450) % 800000 + (int) (Math.abs(tag.hashCode()) % 50) * 1000);
        String id = IdNumbers.build(area, birth, (n % 450) * 2 + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "故障测试" + tag + "-" + n);
        m.put("gender", "M");
        m.put("birthDate", birth.toString());
        m.put("idNumber", id);
        m.put("certificateNo", IdNumbers.certificate(id, Category.PHYSICAL, 2));
        m.put("category", "PHYSICAL");
        m.put("grade", 2);
        m.put("regionCode", COMMUNITY);
        return m;
      }
    };
  }

  public static void main(String[] args) throws Exception {
    FaultDriver d = new FaultDriver();
    d.setup();
    for (String s : env("FAULT_SCENARIOS", "pool,stop,kill,term").split(",")) {
      switch (s.trim()) {
        case "pool" -> d.poolExhausted();
        case "stop" -> d.databaseStopped();
        case "kill" -> d.databaseKilled();
        case "term" -> d.gracefulShutdown();
        default -> throw new IllegalArgumentException("unknown scenario " + s);
      }
    }
    d.printSummary();
    System.exit(d.failed ? 1 : 0);
  }

  // ---------------------------------------------------------------- scenarios

  /** (b) all pooled connections stuck behind a table lock: the rest answer 503 fast; nothing hangs. */
  private void poolExhausted() throws Exception {
    int pool = Integer.parseInt(env("POOL_SIZE", "4"));
    int concurrent = pool * 3;
    long lockMillis = 5000;
    List<Call> calls;
    try (Connection c = db()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) { s.execute("LOCK TABLE " + write.table() + " IN ACCESS EXCLUSIVE MODE"); }
      long lockedAt = now();
      ExecutorService ex = Executors.newFixedThreadPool(concurrent);
      List<Future<Call>> fs = new ArrayList<>();
      for (int i = 0; i < concurrent; i++) fs.add(ex.submit(() -> post(seq.incrementAndGet())));
      Thread.sleep(Math.max(0, lockMillis - (now() - lockedAt)));
      c.commit();
      calls = new ArrayList<>();
      for (Future<Call> f : fs) calls.add(f.get(30, TimeUnit.SECONDS));
      ex.shutdown();
    }
    long unavailable = calls.stream().filter(x -> x.status == 503).count();
    long ok = calls.stream().filter(Call::ok).count();
    long max503 = calls.stream().filter(x -> x.status == 503).mapToLong(Call::millis).max().orElse(0);
    long maxAll = calls.stream().mapToLong(Call::millis).max().orElse(0);
    boolean shapes = calls.stream().allMatch(x -> x.ok() || (x.status == 503 && x.problemJson && x.retryAfter != null));
    boolean pass = shapes && unavailable > 0 && max503 <= 2000 && maxAll <= lockMillis + 3000;
    row("b pool exhausted", pass, concurrent + " concurrent writes, pool " + pool + ", table locked " + lockMillis + " ms",
        ok + " x 2xx (waited for the lock), " + unavailable + " x 503 problem+json; slowest 503 " + max503 + " ms; slowest answer " + maxAll + " ms");
    pass &= afterwardsHealthy("b");
    pass &= verifyWrites("b", calls);
  }

  /** (a) PostgreSQL stopped during load: 503 within 2 s, no partial writes, back by itself within 5 s. */
  private void databaseStopped() throws Exception {
    Load load = Load.start(this, 4);
    Thread.sleep(2000);
    long stopAt = now();
    shell(env("FAULT_PG_STOP", ""));
    long stopped = now();
    Thread.sleep(3000);
    long startAt = now();
    shell(env("FAULT_PG_START", ""));
    long started = now();
    long recovered = load.awaitSuccessAfter(started, 8000);
    Thread.sleep(1000);
    List<Call> calls = load.stop();
    List<Call> during = calls.stream().filter(x -> x.start >= stopped && x.end <= startAt).toList();
    List<Call> failures = calls.stream().filter(x -> !x.ok()).toList();
    long maxFail = failures.stream().mapToLong(Call::millis).max().orElse(0);
    boolean allFast = failures.stream().allMatch(x -> x.millis() <= 2000);
    boolean only503 = failures.stream().allMatch(x -> x.status == 503 && x.problemJson && x.retryAfter != null);
    boolean refusedDuring = !during.isEmpty() && during.stream().noneMatch(Call::ok);
    long recovery = recovered < 0 ? -1 : recovered - started;
    boolean pass = allFast && only503 && refusedDuring && recovery >= 0 && recovery <= 5000;
    row("a PostgreSQL stopped", pass, "4 writers; pg_ctl stop -m fast at " + stopAt + " ms (down " + (startAt - stopped) + " ms)",
        calls.stream().filter(Call::ok).count() + " x 2xx, " + failures.size() + " failed, all 503 problem+json+Retry-After: " + only503
            + "; slowest failure " + maxFail + " ms; first 2xx " + recovery + " ms after PostgreSQL was back");
    verifyWrites("a", calls);
    ledgers("a");
  }

  /** (c) PostgreSQL SIGKILLed during writes: every write answered 2xx is there after crash recovery. */
  private void databaseKilled() throws Exception {
    Load load = Load.start(this, 4);
    Thread.sleep(2000);
    long killAt = now();
    shell(env("FAULT_PG_KILL", ""));
    Thread.sleep(1000);
    shell(env("FAULT_PG_START", ""));
    long started = now();
    long recovered = load.awaitSuccessAfter(started, 8000);
    Thread.sleep(1000);
    List<Call> calls = load.stop();
    List<Call> failures = calls.stream().filter(x -> !x.ok()).toList();
    boolean only503 = failures.stream().allMatch(x -> x.status == 503 && x.problemJson);
    long recovery = recovered < 0 ? -1 : recovered - started;
    boolean pass = only503 && recovery >= 0 && recovery <= 5000;
    row("c PostgreSQL SIGKILL", pass, "4 writers; kill -9 of postmaster and backends at " + killAt + " ms, restart after 1 s",
        calls.stream().filter(Call::ok).count() + " x 2xx, " + failures.size() + " x 503 (all 503: " + only503 + "); first 2xx "
            + recovery + " ms after restart");
    verifyWrites("c", calls);
    ledgers("c");
  }

  /** (d) SIGTERM to the service under load: no 5xx, requests in flight finish. */
  private void gracefulShutdown() throws Exception {
    long pid = Long.parseLong(env("SERVICE_PID", "0"));
    ProcessHandle service = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no service process " + pid));
    Load load = Load.start(this, 8);
    Thread.sleep(2000);
    long termAt = now();
    service.destroy(); // SIGTERM
    boolean exited = service.onExit().thenApply(p -> true).completeOnTimeout(false, 20, TimeUnit.SECONDS).get();
    long exitAt = now();
    List<Call> calls = load.stop();
    List<Call> sentBefore = calls.stream().filter(x -> x.start < termAt).toList();
    long fivexx = calls.stream().filter(x -> x.status >= 500).count();
    long notAnswered = calls.stream().filter(x -> x.status == 0).count();
    boolean inFlightFinished = sentBefore.stream().allMatch(Call::ok);
    long afterTermOk = calls.stream().filter(x -> x.start >= termAt && x.ok()).count();
    boolean pass = exited && fivexx == 0 && inFlightFinished;
    row("d SIGTERM under load", pass, "8 writers; SIGTERM at " + termAt + " ms; process exited after " + (exitAt - termAt) + " ms",
        calls.size() + " requests: " + fivexx + " x 5xx; all " + sentBefore.size() + " sent before SIGTERM answered 2xx: " + inFlightFinished
            + "; " + afterTermOk + " x 2xx while draining; " + notAnswered + " refused after the connectors closed (no answer, retryable)");
    verifyWrites("d", calls);
    ledgers("d");
  }

  // ---------------------------------------------------------------- checks

  /** Every write answered 2xx is stored, and every stored write of this run has its audit row (no partial writes). */
  private boolean verifyWrites(String scenario, List<Call> calls) throws Exception {
    Set<String> acknowledged = new TreeSet<>();
    for (Call c : calls) if (c.ok() && c.id != null) acknowledged.add(c.id);
    List<String> missing = new ArrayList<>();
    long withoutAudit;
    long stored;
    try (Connection c = dbWithRetry()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + write.table() + " WHERE id = ANY(?::uuid[])")) {
        ps.setArray(1, c.createArrayOf("text", acknowledged.toArray()));
        try (ResultSet rs = ps.executeQuery()) { rs.next(); stored = rs.getLong(1); }
      }
      if (stored != acknowledged.size()) {
        try (PreparedStatement ps = c.prepareStatement("SELECT x FROM unnest(?::uuid[]) x WHERE NOT EXISTS (SELECT 1 FROM " + write.table() + " t WHERE t.id = x)")) {
          ps.setArray(1, c.createArrayOf("text", acknowledged.toArray()));
          try (ResultSet rs = ps.executeQuery()) { while (rs.next()) missing.add(rs.getString(1)); }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + write.table() + " t WHERE t." + write.taggedColumn() + " LIKE ? "
          + "AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = t.id::text AND a.action = 'CREATE')")) {
        ps.setString(1, "故障测试" + tag + "-%");
        try (ResultSet rs = ps.executeQuery()) { rs.next(); withoutAudit = rs.getLong(1); }
      }
    }
    boolean pass = missing.isEmpty() && withoutAudit == 0;
    row(scenario + " writes kept", pass, acknowledged.size() + " writes answered 2xx",
        stored + " of them stored" + (missing.isEmpty() ? "" : ", MISSING " + missing) + "; rows without their audit row: " + withoutAudit);
    return pass;
  }

  /** For every table named like %ledger% whose rows reference an account table with a balance: sums match. */
  private void ledgers(String scenario) throws Exception {
    try (Connection c = dbWithRetry()) {
      List<String> result = LedgerCheck.run(c, minAccounts);
      boolean pass = LedgerCheck.passed(result);
      row(scenario + " ledgers", pass, "every %ledger% table vs its account balance, at least " + minAccounts + " accounts",
          String.join("; ", result));
      if (!write.table().equals("sessions")) return;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
          SELECT count(*) AS accounts,
                 count(*) FILTER (WHERE EXISTS (SELECT 1 FROM aid_ledger l WHERE l.account_id = a.id AND l.kind = 'CHARGE')) AS charged,
                 count(*) FILTER (WHERE a.balance < 0 OR a.budget - a.balance <> coalesce(x.net, 0)) AS bad
            FROM aid_accounts a
            LEFT JOIN (SELECT aid_account_id, sum(aid_charged) AS net FROM sessions WHERE voided_at IS NULL GROUP BY 1) x
                   ON x.aid_account_id = a.id""")) {
        rs.next();
        long accounts = rs.getLong("accounts");
        long charged = rs.getLong("charged");
        long bad = rs.getLong("bad");
        boolean ok = bad == 0 && charged >= minAccounts;
        row(scenario + " aid money", ok, "every aid account: spent = aid charged by its non-voided sessions, balance >= 0",
            accounts + " accounts, " + charged + " of them charged (minimum " + minAccounts + "), " + bad + " inconsistent");
      }
    }
  }

  private boolean afterwardsHealthy(String scenario) throws Exception {
    Call c = post(seq.incrementAndGet());
    boolean pass = c.ok();
    row(scenario + " afterwards", pass, "one more write after the fault", "answer " + c.status + " in " + c.millis() + " ms");
    return pass;
  }

  // ---------------------------------------------------------------- plumbing

  /** Writers posting in a loop until stopped; each answer recorded. */
  static final class Load {
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    static Load start(FaultDriver d, int writers) {
      Load l = new Load();
      for (int i = 0; i < writers; i++) {
        Thread t = new Thread(() -> {
          long until = now() + 60_000; // hard bound
          while (l.running.get() && now() < until) {
            Call c = d.post(d.seq.incrementAndGet());
            l.calls.add(c);
            if (c.status == 0 || c.status == 503) sleepQuietly(50); // a client backing off a little
          }
        });
        t.setDaemon(true);
        t.start();
        l.threads.add(t);
      }
      return l;
    }

    /** When the first 2xx that started after {@code after} ended, or -1 within the timeout. */
    long awaitSuccessAfter(long after, long timeoutMillis) {
      long deadline = now() + timeoutMillis;
      while (now() < deadline) {
        long first = calls.stream().filter(c -> c.ok() && c.start >= after).mapToLong(c -> c.end).min().orElse(-1);
        if (first >= 0) return first;
        sleepQuietly(20);
      }
      return -1;
    }

    List<Call> stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) t.join(15_000);
      List<Call> out = new ArrayList<>(calls);
      out.sort((a, b) -> Long.compare(a.start, b.start));
      return Collections.unmodifiableList(out);
    }
  }

  private Call post(int n) {
    long start = now();
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + write.path())).timeout(Duration.ofSeconds(15))
          .header("Authorization", "Bearer " + write.token(token)).header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(write.body(n))));
      write.headers(n).forEach(b::header);
      HttpRequest req = b.build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String ct = r.headers().firstValue("Content-Type").orElse("");
      String id = null;
      if (r.statusCode() / 100 == 2 && ct.contains("json")) id = JSON.readTree(r.body()).path("id").asText(null);
      return new Call(start, now(), r.statusCode(), ct.startsWith("application/problem+json"), r.headers().firstValue("Retry-After").orElse(null), id,
          r.statusCode() >= 500 || r.statusCode() / 100 == 4 ? r.body() : null);
    } catch (IOException e) {
      return new Call(start, now(), 0, false, null, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Call(start, now(), 0, false, null, null, e.toString());
    }
  }

  private void setup() throws Exception {
    HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", env("ADMIN_USER", "fault-admin"),
            "password", env("ADMIN_PASSWORD", ""))))).build();
    HttpResponse<String> r = http.send(login, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    token = JSON.readTree(r.body()).path("token").asText();
    region("150202000000", "东河区", "DISTRICT", null);
    region("150202901000", "故障测试镇", "TOWN", "150202000000");
    region(COMMUNITY, "故障测试社区", "COMMUNITY", "150202901000");
    if (write.table().equals("sessions")) childAid();
    Call first = post(seq.incrementAndGet());
    if (!first.ok()) throw new IllegalStateException("a write before any fault failed: " + first);
  }

  /**
   * For the sessions load: a child-aid designated REHAB institution with a staff login, and FAULT_CHILDREN children
   * enrolled for this year, each charged once before any fault, so that the ledger check has hundreds of accounts.
   */
  private void childAid() throws Exception {
    JsonNode inst = call("POST", "/api/v1/institutions", token, Map.of("name", "故障测试康复机构" + tag, "regionCode", COMMUNITY,
        "services", List.of("REHAB"), "childAidDesignated", true), 201);
    String staffPassword = "Fault-Staff-" + UUID.randomUUID();
    String staffUser = "fault-staff-" + tag.toLowerCase();
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", staffUser);
    user.put("password", staffPassword);
    user.put("role", "INSTITUTION");
    user.put("displayName", "故障测试机构用户");
    user.put("institutionId", inst.path("id").asText());
    call("POST", "/api/v1/users", token, user, 201);
    staffToken = call("POST", "/api/v1/auth/token", null, Map.of("username", staffUser, "password", staffPassword), 200).path("token").asText();
    int year = today().getYear();
    ExecutorService ex = Executors.newFixedThreadPool(8);
    List<Future<Object>> fs = new ArrayList<>();
    for (int i = 0; i < children; i++) {
      int n = i;
      fs.add(ex.submit(() -> {
        LocalDate birth = LocalDate.of(year - 3 - n % 7, 1 + n % 12, 1 + n % 28);
        String area = String.format("%06d", 120000 + (Math.abs(tag.hashCode()) % 400) * 100 + n / 400);
        String id = IdNumbers.build(area, birth, (n % 400) * 2 + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "故障测试儿童" + tag + "-" + n);
        m.put("gender", "M");
        m.put("birthDate", birth.toString());
        m.put("idNumber", id);
        m.put("category", "PHYSICAL");
        m.put("grade", 2);
        m.put("regionCode", COMMUNITY);
        m.put("guardian", Map.of("name", "家长" + n, "phone", "13800000000", "relation", "母亲"));
        String child = call("POST", "/api/v1/persons", token, m, 201).path("id").asText();
        call("POST", "/api/v1/aid-accounts", token, Map.of("personId", child, "year", year, "category", "PHYSICAL",
            "guardianConsent", Map.of("name", "家长" + n, "relation", "母亲", "signedOn", today().minusDays(1).toString())), 201);
        childIds.add(child);
        return null;
      }));
    }
    for (Future<Object> f : fs) f.get(120, TimeUnit.SECONDS);
    ex.shutdown();
    Collections.sort(childIds);
    for (int i = 0; i < children; i++) {
      Call c = post(seq.incrementAndGet());
      if (!c.ok()) throw new IllegalStateException("a charge before any fault failed: " + c);
    }
    System.out.println("set-up: " + children + " children enrolled for " + year + " and charged once each");
  }

  private static LocalDate today() { return LocalDate.now(java.time.ZoneId.of(env("APP_ZONE", "Asia/Shanghai"))); }

  private JsonNode call(String method, String path, String bearer, Object body, int expected) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (bearer != null) b.header("Authorization", "Bearer " + bearer);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != expected) throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body());
  }

  private void region(String code, String name, String level, String parent) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>(Map.of("code", code, "name", name, "level", level));
    if (parent != null) m.put("parentCode", parent);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/regions")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(m))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201 && r.statusCode() != 409) throw new IllegalStateException("region " + code + ": " + r.statusCode() + " " + r.body());
  }

  private static Connection db() throws Exception {
    return DriverManager.getConnection(env("JDBC_URL", ""), env("JDBC_USER", "postgres"), env("JDBC_PASSWORD", ""));
  }

  private static Connection dbWithRetry() throws Exception {
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return db();
      } catch (Exception e) {
        last = e;
        sleepQuietly(200);
      }
    }
    throw last;
  }

  private static void shell(String command) throws Exception {
    if (command.isBlank()) throw new IllegalStateException("fault command not configured");
    Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("command failed: " + command);
  }

  private void row(String name, boolean pass, String setup, String result) {
    if (!pass) failed = true;
    summary.add(new String[] {name, pass ? "PASS" : "FAIL", setup, result});
    System.out.println((pass ? "PASS " : "FAIL ") + name + " | " + setup + " | " + result);
  }

  private void printSummary() {
    System.out.println();
    System.out.println("| check | result | set-up | measured |");
    System.out.println("|---|---|---|---|");
    for (String[] r : summary) System.out.println("| " + String.join(" | ", r) + " |");
  }

  static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String env(String k, String d) {
    String v = System.getenv(k);
    return v == null || v.isEmpty() ? d : v;
  }

  @SuppressWarnings("unused")
  private static boolean waitFor(BooleanSupplier cond, long ms) {
    long deadline = now() + ms;
    while (now() < deadline) {
      if (cond.getAsBoolean()) return true;
      sleepQuietly(20);
    }
    return false;
  }

  @SuppressWarnings("unused")
  private static JsonNode unused() { return null; }
}
