package cn.donghe.rehab.demo;

import cn.donghe.rehab.devices.ReminderJob;
import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.common.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices part of the demo data set, loaded once after the registry part: a starter subsidy
 * catalogue, a rental pool at (up to) two device institutions, fittings in every state, loans (some
 * overdue), repairs in every state and recycling intakes. Persons whose needs assessment for this
 * year lists device needs are served first, about 80% of them within the year, so the device
 * fitting rate is below its 90% target and the worklist is worth looking at.
 */
public final class DevicesDemo {
  private static final Logger LOG = LoggerFactory.getLogger(DevicesDemo.class);
  private static final String MARKER = "demo-devices";

  /** code, name, category, subsidy (CNY), service life (months), rentable. */
  static final List<Object[]> CATALOGUE = List.of(
      new Object[] {"WHEELCHAIR", "普通轮椅", "MOBILITY", "800.00", 60, true},
      new Object[] {"WALKER", "助行器", "MOBILITY", "200.00", 36, true},
      new Object[] {"CRUTCH", "拐杖（腋拐/肘拐）", "MOBILITY", "100.00", 36, true},
      new Object[] {"HEARING_AID", "助听器", "HEARING", "3000.00", 72, false},
      new Object[] {"MAGNIFIER", "助视器（放大镜）", "VISION", "300.00", 48, false},
      new Object[] {"WHITE_CANE", "盲杖", "VISION", "80.00", 24, false},
      new Object[] {"COMMODE_CHAIR", "坐便椅", "DAILY_LIVING", "260.00", 48, true},
      new Object[] {"COMMUNICATION_BOARD", "沟通板", "COMMUNICATION", "150.00", 36, false},
      new Object[] {"ANTI_BEDSORE_MATTRESS", "防褥疮气垫床", "DAILY_LIVING", "600.00", 36, true},
      new Object[] {"BATH_CHAIR", "洗澡椅", "DAILY_LIVING", "180.00", 48, true},
      new Object[] {"ELECTRIC_WHEELCHAIR", "电动轮椅", "MOBILITY", "3000.00", 72, true},
      new Object[] {"CHILD_STANDING_FRAME", "儿童站立架", "MOBILITY", "1200.00", 36, true},
      new Object[] {"ORTHOSIS", "矫形器", "MOBILITY", "1500.00", 24, false},
      new Object[] {"LOWER_LIMB_PROSTHESIS", "下肢假肢", "MOBILITY", "8000.00", 48, false},
      new Object[] {"READING_DEVICE", "盲人听书机", "VISION", "500.00", 60, false});
  private static final List<String> RENTABLE = CATALOGUE.stream().filter(t -> (Boolean) t[5]).map(t -> (String) t[0]).toList();

  private DevicesDemo() {}

  /** Writes the devices part on the demo loader's handle (its transaction), with the reminders the daily job would have recorded. */
  public static void load(AppContext ctx, Handle h, DemoSeed seed) {
    if (h.createQuery("SELECT count(*) FROM app_meta WHERE key = :k").bind("k", MARKER).mapTo(Integer.class).one() > 0) return;
    LocalDate today = LocalDate.now(ctx.clock());
    Loader l = new Loader(h, today, ctx.clock().instant(), pick(seed.deviceInstitutions()));
    l.catalogue();
    List<Need> needs = needs(ctx, h, seed);
    if (!l.institutions.isEmpty()) l.everything(needs, seed);
    h.createUpdate("INSERT INTO app_meta (key, value) VALUES (:k, 'v1')").bind("k", MARKER).execute();
    int reminders = ctx.get(ReminderJob.class).recordIn(h, today);
    l.counts.put("loanReminders", reminders);
    ctx.audit().record(h, Actor.SYSTEM, "DEMO_LOAD", "devices", null, null, l.counts);
    LOG.info("device demo data: {}", l.counts);
  }

  private static List<UUID> pick(List<UUID> institutions) {
    return institutions == null ? List.of() : institutions.subList(0, Math.min(2, institutions.size()));
  }

  record Need(UUID personId, String code, String region) {}

  /** Device needs of this year's assessments when that table has them; otherwise needs derived from the persons' categories. */
  static List<Need> needs(AppContext ctx, Handle handle, DemoSeed seed) {
    int year = LocalDate.now(ctx.clock()).getYear();
    java.util.Set<UUID> seedPersons = seed.persons() == null ? java.util.Set.of() : new java.util.HashSet<>(seed.persons());
    Handle h = handle;
    String kind = h.createQuery("SELECT data_type FROM information_schema.columns WHERE table_name = 'assessments' AND column_name = 'device_needs'")
        .mapTo(String.class).findOne().orElse(null);
    if (kind != null) {
      String unnest = kind.equals("ARRAY") ? "unnest(a.device_needs)" : "jsonb_array_elements_text(a.device_needs)";
      List<Need> fromAssessments = h.createQuery("SELECT DISTINCT a.person_id, x.code, a.region_code FROM assessments a CROSS JOIN LATERAL " + unnest
              + " AS x(code) JOIN device_types t ON t.code = x.code WHERE a.year = :y ORDER BY 1, 2")
          .bind("y", year).map((rs, c) -> new Need(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list()
          // only types of the starter catalogue: an assessment may name a type someone added later
          .stream().filter(n -> CATALOGUE.stream().anyMatch(t -> t[0].equals(n.code())))
          .filter(n -> seed.persons() == null || seed.persons().isEmpty() || seedPersons.contains(n.personId())).toList();
      if (!fromAssessments.isEmpty()) return fromAssessments;
    }
    return byCategory(handle, seed);
  }

  private static List<Need> byCategory(Handle handle, DemoSeed seed) {
    if (seed.persons() == null || seed.persons().isEmpty()) return List.of();
    Random rnd = new Random(7);
    Map<String, List<String>> options = Map.of(
        "PHYSICAL", List.of("WHEELCHAIR", "WALKER", "CRUTCH", "COMMODE_CHAIR", "ANTI_BEDSORE_MATTRESS", "BATH_CHAIR"),
        "VISUAL", List.of("MAGNIFIER", "WHITE_CANE"),
        "HEARING", List.of("HEARING_AID"),
        "SPEECH", List.of("COMMUNICATION_BOARD"),
        "INTELLECTUAL", List.of("COMMUNICATION_BOARD", "COMMODE_CHAIR"),
        "MENTAL", List.of("COMMODE_CHAIR"),
        "MULTIPLE", List.of("WHEELCHAIR", "COMMUNICATION_BOARD"));
    List<UUID> persons = seed.persons().subList(0, Math.min(120, seed.persons().size()));
    return handle.createQuery("SELECT id, category, region_code FROM persons WHERE id = ANY(:ids) AND status = 'ACTIVE' ORDER BY id")
        .bind("ids", persons.toArray(new UUID[0]))
        .map((rs, c) -> {
          List<String> o = options.get(rs.getString(2));
          return new Need(rs.getObject(1, UUID.class), o.get(rnd.nextInt(o.size())), rs.getString(3));
        }).list();
  }

  /** Writes the demo rows in one transaction, keeping item statuses consistent with loans and repairs. */
  private static final class Loader {
    private final Handle h;
    private final LocalDate today;
    private final LocalDate yearStart;
    private final Instant now;
    private final List<UUID> institutions;
    private final Random rnd = new Random(20260101L);
    private final Map<String, List<UUID>> available = new LinkedHashMap<>();
    private final Map<UUID, UUID> itemInstitution = new LinkedHashMap<>();
    final Map<String, Integer> counts = new LinkedHashMap<>();

    Loader(Handle h, LocalDate today, Instant now, List<UUID> institutions) {
      this.h = h;
      this.today = today;
      this.yearStart = today.withDayOfYear(1);
      this.now = now;
      this.institutions = institutions;
    }

    void catalogue() {
      for (Object[] t : CATALOGUE) {
        h.createUpdate("""
            INSERT INTO device_types (code, name, category, subsidy, service_life_months, rentable, created_at)
            VALUES (:c, :n, :cat, :s, :l, :r, :now) ON CONFLICT (code) DO NOTHING""")
            .bind("c", (String) t[0]).bind("n", (String) t[1]).bind("cat", (String) t[2]).bind("s", new BigDecimal((String) t[3]))
            .bind("l", (Integer) t[4]).bind("r", (Boolean) t[5]).bind("now", now).execute();
      }
      counts.put("deviceTypes", CATALOGUE.size());
    }

    void everything(List<Need> needs, DemoSeed seed) {
      pool();
      // repairs and the overdue loans take their items first, so the loans of the year cannot use them all up
      repairs(needs);
      overdueLoans(needs);
      fittingsAndLoans(needs);
      recycling();
    }

    private void pool() {
      int n = 0;
      for (UUID inst : institutions) {
        for (String code : RENTABLE) {
          for (int i = 0; i < 8; i++) {
            boolean refurbished = i % 4 == 3;
            String condition = refurbished ? "GOOD" : List.of("NEW", "NEW", "GOOD", "FAIR").get(i % 4);
            UUID id = item(inst, code, "DH-" + code.substring(0, 4) + "-" + tag(inst) + "-" + String.format("%03d", i + 1),
                condition, refurbished, refurbished ? 1 + i % 2 : 0);
            available.computeIfAbsent(code, k -> new ArrayList<>()).add(id);
            n++;
          }
        }
      }
      counts.put("poolItems", n);
    }

    private UUID item(UUID inst, String code, String serial, String condition, boolean refurbished, int reuse) {
      UUID id = Ids.newId();
      h.createUpdate("""
          INSERT INTO device_items (id, device_type_code, serial_no, condition, status, institution_id, refurbished, reuse_count, created_at, updated_at)
          VALUES (:id, :t, :s, :c, 'AVAILABLE', :i, :r, :u, :now, :now)""")
          .bind("id", id).bind("t", code).bind("s", serial).bind("c", condition).bind("i", inst).bind("r", refurbished).bind("u", reuse)
          .bind("now", now).execute();
      itemInstitution.put(id, inst);
      return id;
    }

    private LocalDate dayThisYear() {
      long span = ChronoUnit.DAYS.between(yearStart, today);
      return yearStart.plusDays(span <= 0 ? 0 : rnd.nextLong(span + 1));
    }

    /**
     * Per need: a community-dependent share (about 78 to 96%) is served this year, a third of it by a
     * delivered fitting, a third by a fitting followed up and a third by a loan (rentable types, else
     * a delivery); the rest is pending, rejected or cancelled. The first needs cover every fitting state.
     */
    private void fittingsAndLoans(List<Need> needs) {
      List<String> forced = List.of("REQUESTED", "ASSESSED", "REJECTED", "CANCELLED", "FITTED", "FOLLOWED_UP");
      Map<String, Integer> fittings = new LinkedHashMap<>();
      int loans = 0;
      for (int i = 0; i < needs.size(); i++) {
        Need need = needs.get(i);
        double r = rnd.nextDouble();
        double served = need.region() == null ? 0.85 : 0.78 + 0.18 * DemoShares.of(need.region(), 2);
        String state = i < forced.size() ? forced.get(i)
            : r < served * 0.35 ? "FITTED" : r < served * 0.68 ? "FOLLOWED_UP" : r < served ? "LOAN"
            : List.of("REQUESTED", "ASSESSED", "REJECTED", "CANCELLED").get(rnd.nextInt(4));
        if (state.equals("LOAN") && !lend(need)) state = "FITTED";
        if (state.equals("LOAN")) {
          loans++;
          continue;
        }
        fitting(need, state);
        fittings.merge(state, 1, Integer::sum);
      }
      counts.put("fittings", fittings.values().stream().mapToInt(Integer::intValue).sum());
      counts.put("loans", loans);
    }

    private void fitting(Need need, String state) {
      UUID inst = institutions.get(rnd.nextInt(institutions.size()));
      boolean delivered = state.equals("FITTED") || state.equals("FOLLOWED_UP");
      LocalDate delivery = delivered ? dayThisYear() : null;
      LocalDate requested = delivered ? delivery.minusDays(7 + rnd.nextInt(30)) : today.minusDays(rnd.nextInt(40));
      LocalDate assessed = state.equals("REQUESTED") || state.equals("CANCELLED") ? null : requested.plusDays(3 + rnd.nextInt(4));
      if (assessed != null && !delivered && assessed.isAfter(today)) assessed = today;
      if (delivered && assessed.isAfter(delivery)) assessed = delivery;
      Object[] type = CATALOGUE.stream().filter(t -> t[0].equals(need.code())).findFirst().orElseThrow();
      BigDecimal subsidy = delivered ? new BigDecimal((String) type[3]) : null;
      LocalDate followUp = state.equals("FOLLOWED_UP") ? min(delivery.plusDays(30), today) : null;
      h.createUpdate("""
          INSERT INTO fittings (id, person_id, device_type_code, institution_id, status, requested_on, assessed_on, suitable, assessment_notes,
            delivered_on, serial_no, subsidy, subsidy_until, follow_up_on, follow_up_outcome, cancelled_on, cancel_reason, created_at, updated_at)
          VALUES (:id, :p, :t, :i, :s, :req, :ass, :suit, :notes, :del, :serial, :sub, :until, :fu, :outcome, :canc, :reason, :now, :now)""")
          .bind("id", Ids.newId()).bind("p", need.personId()).bind("t", need.code()).bind("i", inst).bind("s", state)
          .bind("req", requested).bind("ass", assessed).bind("suit", assessed == null ? null : !state.equals("REJECTED"))
          .bind("notes", assessed == null ? null : state.equals("REJECTED") ? "现有辅具尚可使用，暂不适配" : "评估适合，按目录标准补贴")
          .bind("del", delivery).bind("serial", delivered ? "FIT-" + need.code().substring(0, 3) + "-" + (1000 + rnd.nextInt(9000)) : null)
          .bind("sub", subsidy).bind("until", delivered ? delivery.plusMonths((Integer) type[4]) : null)
          .bind("fu", followUp).bind("outcome", followUp == null ? null : List.of("IN_USE", "IN_USE", "IN_USE", "NEEDS_ADJUSTMENT", "NOT_USED").get(rnd.nextInt(5)))
          .bind("canc", state.equals("CANCELLED") ? min(requested.plusDays(1 + rnd.nextInt(5)), today) : null)
          .bind("reason", state.equals("CANCELLED") ? "本人已自购" : null).bind("now", now).execute();
    }

    /** A loan of an available item of the needed type, started this year; false when none is rentable/available. */
    private boolean lend(Need need) {
      List<UUID> items = available.get(need.code());
      if (items == null || items.isEmpty()) return false;
      UUID item = items.remove(0);
      LocalDate start = dayThisYear();
      LocalDate due = start.plusDays(List.of(30, 60, 90).get(rnd.nextInt(3)));
      double r = rnd.nextDouble();
      // most loans past their due date came back (all that are more than 60 days past it); the explicit overdue loans are separate
      LocalDate returned = due.isBefore(today) && (r < 0.8 || due.isBefore(today.minusDays(60))) ? min(due.minusDays(rnd.nextInt(5)), today) : null;
      if (returned != null && returned.isBefore(start)) returned = start;
      h.createUpdate("""
          INSERT INTO loans (id, item_id, person_id, institution_id, start_date, due_date, returned_on, return_condition, created_at, updated_at)
          VALUES (:id, :item, :p, :i, :s, :d, :r, :c, :now, :now)""")
          .bind("id", Ids.newId()).bind("item", item).bind("p", need.personId()).bind("i", itemInstitution.get(item))
          .bind("s", start).bind("d", due).bind("r", returned).bind("c", returned == null ? null : "GOOD").bind("now", now).execute();
      if (returned == null) setStatus(item, "ON_LOAN", null);
      else items.add(item);
      return true;
    }

    /**
     * A few loans that started 40 to 120 days ago for 30 days and were never returned: overdue on
     * whatever day the demo is loaded (loans of this year alone are not overdue early in January).
     */
    private void overdueLoans(List<Need> needs) {
      int n = 0;
      for (Need need : needs) {
        if (n >= 6) break;
        List<UUID> items = available.get(need.code());
        if (items == null || items.size() < 4) continue;
        UUID item = items.remove(0);
        LocalDate start = today.minusDays(40 + rnd.nextInt(81));
        h.createUpdate("""
            INSERT INTO loans (id, item_id, person_id, institution_id, start_date, due_date, created_at, updated_at)
            VALUES (:id, :item, :p, :i, :s, :d, :now, :now)""")
            .bind("id", Ids.newId()).bind("item", item).bind("p", need.personId()).bind("i", itemInstitution.get(item))
            .bind("s", start).bind("d", start.plusDays(30)).bind("now", now).execute();
        setStatus(item, "ON_LOAN", null);
        n++;
      }
      counts.put("overdueLoans", n);
    }

    private void repairs(List<Need> needs) {
      String[][] cases = {
          {"OPEN", "WHEELCHAIR", "左侧刹车失灵"},
          {"IN_PROGRESS", "WALKER", "高度调节卡扣断裂"},
          {"DONE", "COMMODE_CHAIR", "坐板开裂，已更换"},
          {"UNREPAIRABLE", "ANTI_BEDSORE_MATTRESS", "气泵烧毁，配件停产"}};
      int n = 0;
      for (String[] c : cases) {
        List<UUID> items = available.get(c[1]);
        if (items == null || items.isEmpty()) continue;
        UUID item = items.remove(items.size() - 1);
        LocalDate opened = today.minusDays(20 + rnd.nextInt(20));
        boolean closed = c[0].equals("DONE") || c[0].equals("UNREPAIRABLE");
        h.createUpdate("""
            INSERT INTO repairs (id, item_id, institution_id, problem, status, cost, notes, opened_on, started_on, closed_on, created_at, updated_at)
            VALUES (:id, :item, :i, :p, :s, :cost, :notes, :o, :st, :cl, :now, :now)""")
            .bind("id", Ids.newId()).bind("item", item).bind("i", itemInstitution.get(item)).bind("p", c[2]).bind("s", c[0])
            .bind("cost", c[0].equals("DONE") ? new BigDecimal("85.00") : null).bind("notes", closed ? c[2] : null)
            .bind("o", opened).bind("st", c[0].equals("OPEN") ? null : opened.plusDays(2)).bind("cl", closed ? opened.plusDays(9) : null)
            .bind("now", now).execute();
        switch (c[0]) {
          case "OPEN", "IN_PROGRESS" -> setStatus(item, "IN_REPAIR", null);
          case "UNREPAIRABLE" -> setStatus(item, "RETIRED", "UNREPAIRABLE");
          default -> items.add(item);
        }
        n++;
      }
      counts.put("repairs", n);
    }

    private void recycling() {
      UUID inst = institutions.get(0);
      String[][] cases = {{"REFURBISHED", "WHEELCHAIR", "FAIR"}, {"SCRAPPED", "WALKER", "POOR"}, {"RECEIVED", "CRUTCH", "GOOD"}};
      for (String[] c : cases) {
        UUID result = c[0].equals("REFURBISHED") ? item(inst, c[1], "RC-" + tag(inst) + "-" + c[1], "GOOD", true, 1) : null;
        h.createUpdate("""
            INSERT INTO recycling (id, device_type_code, serial_no, condition, institution_id, status, received_on, inspected_on, result_item_id,
              created_at, updated_at)
            VALUES (:id, :t, :s, :c, :i, :st, :r, :ins, :res, :now, :now)""")
            .bind("id", Ids.newId()).bind("t", c[1]).bind("s", "WALKIN-" + c[1]).bind("c", c[2]).bind("i", inst).bind("st", c[0])
            .bind("r", today.minusDays(14)).bind("ins", c[0].equals("RECEIVED") ? null : today.minusDays(7)).bind("res", result)
            .bind("now", now).execute();
      }
      counts.put("recycling", cases.length);
    }

    private void setStatus(UUID item, String status, String reason) {
      h.createUpdate("UPDATE device_items SET status = :s, retired_reason = :r WHERE id = :id")
          .bind("s", status).bind("r", reason).bind("id", item).execute();
    }

    /** A short, stable institution tag for demo serial numbers. */
    private static String tag(UUID inst) { return inst.toString().substring(32).toUpperCase(); }

    private static LocalDate min(LocalDate a, LocalDate b) { return a.isBefore(b) ? a : b; }
  }
}
