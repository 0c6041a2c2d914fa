package cn.donghe.rehab.demo;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.childaid.AidCategory;
import cn.donghe.rehab.childaid.AidStandard;
import cn.donghe.rehab.childaid.AidStandardService;
import cn.donghe.rehab.childaid.ChildAidEligibility;
import cn.donghe.rehab.common.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import cn.donghe.rehab.common.Actor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The sessions part of the demo data set, loaded once after the registry and contracts parts:
 * this and last year's aid accounts for the eligible demo children with sessions across institutions
 * and months (one child's balance nearly used up, one fully used), and sessions for most adults so
 * the rehab service indicator lands between about 80 and 92 percent. Rows are written in batches,
 * directly (no per-row audit events: a bulk load, not user actions).
 */
public final class SessionsDemo {
  private static final String[] REHAB_TYPES = {"REHAB_TRAINING", "REHAB_MEDICAL", "REHAB_NURSING", "PSYCHOLOGICAL_SUPPORT", "HEALTH_EDUCATION"};
  private static final String[] THERAPISTS = {"王丽", "李强", "张敏", "刘洋", "陈静", "赵磊", "孙悦", "周婷"};
  private static final String[] ADULT_FEES = {"0.00", "0.00", "0.00", "30.00", "50.00", "80.00"};

  private SessionsDemo() {}

  /** Writes the sessions part on the demo loader's handle (its transaction). */
  public static void load(AppContext ctx, Handle h, DemoSeed seed) {
    if (seed == null || seed.rehabInstitutions().isEmpty()) return;
    ZoneId zone = ctx.clock().getZone();
    LocalDate today = LocalDate.now(ctx.clock());
    Random rnd = new Random(20260314L);
    Writer w = new Writer(h, seed.admin(), zone);
    children(ctx, h, w, seed, today, rnd);
    adults(h, w, seed, today, rnd);
    w.flush();
    ctx.audit().record(h, Actor.SYSTEM, "DEMO_LOAD", "sessions", null, null, Map.of("sessions", w.sessionsWritten, "accounts", w.accountsWritten));
  }

  private record Child(UUID id, LocalDate birth, String category, boolean autism) {}

  private static void children(AppContext ctx, Handle h, Writer w, DemoSeed seed, LocalDate today, Random rnd) {
    List<UUID> places = seed.childAidInstitutions().isEmpty() ? seed.rehabInstitutions() : seed.childAidInstitutions();
    List<Child> kids = h.createQuery("SELECT id, birth_date, category, autism FROM persons WHERE id = ANY(:ids) AND status = 'ACTIVE' ORDER BY id")
        .bind("ids", seed.children().toArray(new UUID[0]))
        .map((rs, c) -> new Child(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getBoolean(4))).list();
    AidStandardService standards = ctx.get(AidStandardService.class);
    int special = 0;
    for (int year : new int[] {today.getYear() - 1, today.getYear()}) {
      AidStandard std = standards.lockForEnrolment(h, year).orElse(null);
      if (std == null) continue;
      LocalDate last = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
      for (Child k : kids) {
        AidCategory cat = categoryOf(k);
        Integer age = ChildAidEligibility.ageOnFirstJanuary(k.birth(), year);
        if (cat == null || std.amount(cat) == null || age == null || age < std.minAge() || age > std.maxAge()) continue;
        BigDecimal budget = std.amount(cat);
        // the first two current-year accounts: one nearly used up, one fully used
        String target = year == today.getYear() && special < 2 ? (special++ == 0 ? "NEARLY" : "FULLY") : "NORMAL";
        w.account(k.id(), year, cat.name(), budget, LocalDate.of(year, 1, 1), target, last, places, rnd);
      }
    }
  }

  private static AidCategory categoryOf(Child k) {
    if (k.autism()) return AidCategory.AUTISM;
    return switch (k.category()) {
      case "PHYSICAL" -> AidCategory.PHYSICAL;
      case "INTELLECTUAL" -> AidCategory.INTELLECTUAL;
      case "HEARING" -> AidCategory.HEARING;
      case "VISUAL" -> AidCategory.LOW_VISION;
      default -> null;
    };
  }

  /**
   * Sessions for the persons outside the aid programme: of those assessed with rehab needs in a year,
   * a community-dependent share (about 80 to 97%) is served that year, mostly with a service type
   * they were assessed to need; some persons without an assessment are served too.
   */
  private static void adults(Handle h, Writer w, DemoSeed seed, LocalDate today, Random rnd) {
    List<UUID> children = seed.children();
    List<Object[]> adults = h.createQuery("SELECT id, birth_date, region_code FROM persons WHERE id = ANY(:ids) AND NOT (id = ANY(:kids)) AND status = 'ACTIVE' ORDER BY id")
        .bind("ids", seed.persons().toArray(new UUID[0])).bind("kids", children.toArray(new UUID[0]))
        .map((rs, c) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3)}).list();
    for (int year : new int[] {today.getYear() - 1, today.getYear()}) {
      LocalDate first = LocalDate.of(year, 1, 1);
      LocalDate last = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
      Map<UUID, List<String>> needs = rehabNeeds(h, year);
      for (Object[] a : adults) {
        List<String> need = needs.getOrDefault((UUID) a[0], List.of());
        double share = need.isEmpty() ? 0.4 : 0.80 + 0.17 * DemoShares.of((String) a[2], 1);
        if (rnd.nextDouble() >= share) continue;
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          LocalDate d = randomDate(first, last, rnd);
          if (d.isBefore((LocalDate) a[1])) continue;
          UUID inst = seed.rehabInstitutions().get(rnd.nextInt(seed.rehabInstitutions().size()));
          BigDecimal fee = new BigDecimal(ADULT_FEES[rnd.nextInt(ADULT_FEES.length)]);
          String type = !need.isEmpty() && rnd.nextDouble() < 0.85 ? need.get(rnd.nextInt(need.size())) : REHAB_TYPES[rnd.nextInt(REHAB_TYPES.length)];
          if (type.equals("DEVICE_SERVICE")) type = "REHAB_TRAINING";
          w.session((UUID) a[0], inst, type, d, 30 + 15 * rnd.nextInt(5), THERAPISTS[rnd.nextInt(THERAPISTS.length)],
              fee, false, null, BigDecimal.ZERO, null);
        }
      }
    }
  }

  /** The rehab needs of the year's assessments (written by the contracts part in this transaction). */
  private static Map<UUID, List<String>> rehabNeeds(Handle h, int year) {
    Map<UUID, List<String>> out = new HashMap<>();
    h.createQuery("SELECT person_id, rehab_needs FROM assessments WHERE year = :y AND cardinality(rehab_needs) > 0")
        .bind("y", year)
        .map((rs, c) -> Map.entry(rs.getObject(1, UUID.class), List.of((String[]) rs.getArray(2).getArray())))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static LocalDate randomDate(LocalDate first, LocalDate last, Random rnd) {
    long days = last.toEpochDay() - first.toEpochDay();
    return first.plusDays(days <= 0 ? 0 : (long) rnd.nextInt((int) days + 1));
  }

  /** Collects rows and writes them in batches (accounts before ledger entries and sessions). */
  private static final class Writer {
    private static final int CHUNK = 2000;
    private final Handle h;
    private final UUID by;
    private final ZoneId zone;
    private final List<Object[]> accounts = new ArrayList<>();
    private final List<Object[]> sessions = new ArrayList<>();
    private final List<Object[]> ledger = new ArrayList<>();
    /** Sessions of the account being built: they go out after their account row (foreign key). */
    private List<Object[]> pending;
    int sessionsWritten;
    int accountsWritten;

    Writer(Handle h, UUID by, ZoneId zone) {
      this.h = h;
      this.by = by;
      this.zone = zone;
    }

    private Instant at(LocalDate d, int hour) { return d.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant(); }

    /** An account with sessions spread over the months up to {@code last}; target NORMAL, NEARLY (used up) or FULLY. */
    void account(UUID child, int year, String category, BigDecimal budget, LocalDate opened, String target, LocalDate last,
                 List<UUID> places, Random rnd) {
      UUID id = Ids.newId();
      BigDecimal balance = budget;
      ledger.add(new Object[] {id, at(opened, 9), "BUDGET", budget, budget, null});
      BigDecimal goal = switch (target) {
        case "NEARLY" -> new BigDecimal("180.00");
        case "FULLY" -> BigDecimal.ZERO.setScale(2);
        default -> budget.multiply(BigDecimal.valueOf(0.2 + 0.6 * rnd.nextDouble())).setScale(2, java.math.RoundingMode.HALF_UP);
      };
      List<LocalDate> dates = new ArrayList<>();
      int count = target.equals("NORMAL") ? 8 + rnd.nextInt(20) : 40;
      for (int i = 0; i < count; i++) dates.add(randomDate(opened, last, rnd));
      dates.sort(null);
      UUID place = places.get(rnd.nextInt(places.size()));
      pending = new ArrayList<>();
      for (int i = 0; i < dates.size(); i++) {
        if (balance.compareTo(goal) <= 0 && !(target.equals("FULLY") && i == dates.size() - 1)) break;
        BigDecimal fee = new BigDecimal(300 + 10 * rnd.nextInt(91)).setScale(2);
        if (!target.equals("FULLY") && balance.subtract(fee).compareTo(goal) < 0) fee = balance.subtract(goal);
        if (target.equals("FULLY") && i == dates.size() - 1) fee = balance.add(new BigDecimal("200.00"));
        if (fee.signum() <= 0) break;
        if (i % 5 == 4) place = places.get(rnd.nextInt(places.size()));
        BigDecimal charged = fee.min(balance);
        balance = balance.subtract(charged);
        UUID sid = session(child, place, i % 3 == 0 ? "REHAB_MEDICAL" : "REHAB_TRAINING", dates.get(i), 45 + 15 * rnd.nextInt(3),
            THERAPISTS[rnd.nextInt(THERAPISTS.length)], fee, true, id, charged, balance);
        if (charged.signum() > 0) ledger.add(new Object[] {id, at(dates.get(i), 10), "CHARGE", charged.negate(), balance, sid});
      }
      accounts.add(new Object[] {id, child, (short) year, category, budget, balance, at(opened, 9)});
      List<Object[]> mine = pending;
      pending = null;
      for (Object[] r : mine) add(r);
    }

    UUID session(UUID person, UUID inst, String type, LocalDate date, int minutes, String therapist, BigDecimal fee, boolean aid,
                 UUID account, BigDecimal charged, BigDecimal balanceAfter) {
      UUID id = Ids.newId();
      Object[] row = {id, person, inst, type, date, (short) minutes, therapist, fee, aid, account, charged,
          fee.subtract(charged), balanceAfter, at(date, 10)};
      if (pending != null) pending.add(row);
      else add(row);
      return id;
    }

    private void add(Object[] session) {
      sessions.add(session);
      if (sessions.size() >= CHUNK) {
        flushAccounts();
        flushSessions();
      }
    }

    private void flushAccounts() {
      accountsWritten += accounts.size();
      write("""
          INSERT INTO aid_accounts (id, person_id, year, category, budget, balance, consent, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, '{"name":"监护人","relation":"父母","signedOn":null}'::jsonb, ?, ?)""",
          accounts, r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[6]});
      accounts.clear();
    }

    void flush() {
      flushAccounts();
      flushSessions();
      write("INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after, session_id) VALUES (?, ?, ?, ?, ?, ?)", ledger, r -> r);
      ledger.clear();
    }

    private void flushSessions() {
      sessionsWritten += sessions.size();
      write("""
          INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
            aid_account_id, aid_charged, self_pay, aid_balance_after, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
          sessions, r -> new Object[] {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], by, r[13]});
      sessions.clear();
    }

    private void write(String sql, List<Object[]> rows, java.util.function.Function<Object[], Object[]> args) {
      if (rows.isEmpty()) return;
      PreparedBatch b = h.prepareBatch(sql);
      for (Object[] r : rows) {
        Object[] a = args.apply(r);
        for (int i = 0; i < a.length; i++) b.bind(i, a[i]);
        b.add();
      }
      b.execute();
    }
  }
}
