package cn.donghe.rehab.demo;

import cn.donghe.rehab.AppContext;
import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.registry.RegionCodes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The contracts part of the demo data set: contracts for about 90% of the ACTIVE demo persons
 * (some lapsed, some never signed, some due for renewal), needs assessments for the current and
 * previous year, and rehab plans with several revisions. Deterministic (fixed random seed);
 * written with bulk (unnest) inserts so the 9,216 persons of the district load in seconds.
 */
public final class ContractsDemo {
  private ContractsDemo() {}

  /** A demo person as the loader needs it. */
  record DemoPerson(UUID id, String region, String category, LocalDate birth, String status, LocalDate statusDate) {
    boolean activeOn(LocalDate d) { return status.equals("ACTIVE") || statusDate == null || d.isBefore(statusDate); }
  }

  /** The signed contract in force today (if any) of a person, with the doctor and the user who acts for them. */
  record Signed(DemoPerson person, UUID doctorId, UUID authorId, LocalDate start) {}

  /** Writes the contracts part on the demo loader's handle (its transaction). */
  public static void load(AppContext ctx, Handle h, DemoSeed seed) {
    if (seed == null || seed.persons() == null || seed.persons().isEmpty() || seed.doctors() == null || seed.doctors().isEmpty()) return;
    LocalDate today = LocalDate.now(ctx.clock());
    ZoneId zone = ctx.clock().getZone();
    {
      Random rnd = new Random(20_260_101L);
      List<DemoPerson> persons = persons(h, seed.persons());
      Map<UUID, String> doctorRegions = doctorRegions(h, seed.doctors());
      Map<UUID, UUID> doctorUsers = doctorUsers(h, seed.doctors());
      List<Signed> signed = contracts(h, rnd, persons, doctorRegions, doctorUsers, seed.admin(), today, zone);
      Map<UUID, UUID> assessorOf = new HashMap<>();
      signed.forEach(s -> assessorOf.put(s.person().id(), s.authorId()));
      Map<UUID, List<String>> currentNeeds = assessments(h, rnd, persons, assessorOf, seed.admin(), today, zone);
      List<PlansDemo.Candidate> candidates = signed.stream()
          .map(s -> new PlansDemo.Candidate(s.person().id(), s.person().category(), s.authorId(), s.start())).toList();
      int plans = PlansDemo.load(h, ctx.mapper(), rnd, candidates, currentNeeds, seed, today, zone);
      ctx.audit().record(h, Actor.SYSTEM, "DEMO_LOAD", "contracts", null, null,
          Map.of("persons", persons.size(), "contractsInForce", signed.size(), "plans", plans));
    }
  }

  static List<DemoPerson> persons(Handle h, List<UUID> ids) {
    return h.createQuery("SELECT id, region_code, category, birth_date, status, status_date FROM persons WHERE id = ANY(:ids) ORDER BY id")
        .bind("ids", ids.toArray(new UUID[0]))
        .map((rs, c) -> new DemoPerson(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
            rs.getString(5), rs.getObject(6, LocalDate.class)))
        .list();
  }

  private static Map<UUID, String> doctorRegions(Handle h, List<UUID> ids) {
    Map<UUID, String> out = new HashMap<>();
    h.createQuery("SELECT d.id, i.region_code FROM doctors d JOIN institutions i ON i.id = d.institution_id WHERE d.id = ANY(:ids) ORDER BY d.id")
        .bind("ids", ids.toArray(new UUID[0]))
        .map((rs, c) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static Map<UUID, UUID> doctorUsers(Handle h, List<UUID> ids) {
    Map<UUID, UUID> out = new HashMap<>();
    h.createQuery("SELECT doctor_id, min(CAST(id AS text)) FROM users WHERE doctor_id = ANY(:ids) GROUP BY doctor_id")
        .bind("ids", ids.toArray(new UUID[0]))
        .map((rs, c) -> Map.entry(rs.getObject(1, UUID.class), UUID.fromString(rs.getString(2)))).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The doctor of a person: one whose clinic's region covers the person's community, else one of the same town, else any. */
  private static UUID doctorFor(DemoPerson p, List<UUID> doctors, Map<UUID, String> regions, Random rnd) {
    List<UUID> near = new ArrayList<>();
    for (UUID d : doctors) if (regions.get(d) != null && RegionCodes.within(p.region(), regions.get(d))) near.add(d);
    if (near.isEmpty()) {
      for (UUID d : doctors) if (regions.get(d) != null && RegionCodes.townOf(regions.get(d)).equals(RegionCodes.townOf(p.region()))) near.add(d);
    }
    List<UUID> pool = near.isEmpty() ? doctors : near;
    return pool.get(rnd.nextInt(pool.size()));
  }

  private static List<Signed> contracts(Handle h, Random rnd, List<DemoPerson> persons, Map<UUID, String> regions,
                                        Map<UUID, UUID> users, UUID admin, LocalDate today, ZoneId zone) {
    List<UUID> doctors = new ArrayList<>(regions.keySet());
    doctors.sort(null);
    if (doctors.isEmpty()) return List.of();
    List<Signed> signed = new ArrayList<>();
    BulkInsert batch = new BulkInsert(h, "contracts", "id:uuid", "person_id:uuid", "doctor_id:uuid", "start_date:date", "end_date:date",
        "service_package:text", "created_at:timestamptz");
    for (DemoPerson p : persons) {
      if (!p.status().equals("ACTIVE")) continue;
      UUID doctor = doctorFor(p, doctors, regions, rnd);
      double roll = rnd.nextDouble();
      // about 94% signed, a little less in some communities, so the signing worklist has names everywhere
      if (roll < 0.90 + 0.08 * DemoShares.of(p.region(), 3)) {
        // In force today; started within the last year, so about 8% come up for renewal within 30 days.
        LocalDate start = max(today.minusDays(rnd.nextInt(365)), p.birth());
        if (rnd.nextDouble() < 0.4 && !start.minusYears(1).isBefore(p.birth())) {
          add(batch, p.id(), doctor, start.minusYears(1), start.minusDays(1), rnd, zone);
        }
        add(batch, p.id(), doctor, start, start.plusYears(1).minusDays(1), rnd, zone);
        signed.add(new Signed(p, doctor, users.getOrDefault(doctor, admin), start));
      } else if (roll < 0.985) {
        // Lapsed: the last contract ended some months ago (the renewal gap of the worklist).
        LocalDate start = today.minusYears(1).minusDays(1 + rnd.nextInt(300));
        if (!start.isBefore(p.birth())) add(batch, p.id(), doctor, start, start.plusYears(1).minusDays(1), rnd, zone);
      }
    }
    batch.flush();
    return signed;
  }

  private static void add(BulkInsert b, UUID person, UUID doctor, LocalDate start, LocalDate end, Random rnd, ZoneId zone) {
    b.add(Ids.newId(), person, doctor, start, end, rnd.nextDouble() < 0.8 ? "BASIC" : "PERSONALIZED", start.atTime(9, 30).atZone(zone).toInstant());
  }

  /** Assessments for the previous and the current year; returns the current year's rehab needs by person. */
  private static Map<UUID, List<String>> assessments(Handle h, Random rnd, List<DemoPerson> persons, Map<UUID, UUID> assessorOf,
                                                     UUID admin, LocalDate today, ZoneId zone) {
    Set<String> catalogue = catalogue(h);
    Map<UUID, List<String>> current = new HashMap<>();
    BulkInsert batch = new BulkInsert(h, "assessments", "person_id:uuid", "year:smallint", "assessed_on:date", "rehab_needs:csv",
        "device_needs:csv", "region_code:text", "assessed_by:uuid", "created_at:timestamptz", "updated_at:timestamptz");
    for (DemoPerson p : persons) {
      for (int year : new int[] {today.getYear() - 1, today.getYear()}) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        first = max(first, p.birth());
        if (first.isAfter(last) || rnd.nextDouble() < 0.03) continue;
        LocalDate on = first.plusDays(rnd.nextInt((int) (last.toEpochDay() - first.toEpochDay()) + 1));
        if (!p.activeOn(on)) continue;
        List<String> rehab = DemoNeeds.rehab(p.category(), rnd);
        List<String> devices = DemoNeeds.devices(p.category(), rnd, catalogue);
        if (year == today.getYear()) current.put(p.id(), rehab);
        Instant at = on.atTime(10, 0).atZone(zone).toInstant();
        batch.add(p.id(), year, on, rehab, devices, p.region(), assessorOf.getOrDefault(p.id(), admin), at, at);
      }
    }
    batch.flush();
    return current;
  }

  /** Device type codes of the catalogue, or null when there is none yet (any code is then accepted). */
  private static Set<String> catalogue(Handle h) {
    boolean exists = h.createQuery("SELECT to_regclass('device_types') IS NOT NULL").mapTo(Boolean.class).one();
    if (!exists) return null;
    Set<String> codes = new HashSet<>(h.createQuery("SELECT code FROM device_types").mapTo(String.class).list());
    return codes.isEmpty() ? null : codes;
  }

  private static LocalDate max(LocalDate a, LocalDate b) { return a.isAfter(b) ? a : b; }

  /** Plausible needs by disability category. */
  static final class DemoNeeds {
    private DemoNeeds() {}

    static List<String> rehab(String category, Random rnd) {
      if (rnd.nextDouble() < 0.10) return List.of();
      Set<String> out = new LinkedHashSet<>();
      switch (category) {
        case "PHYSICAL" -> { out.add("REHAB_TRAINING"); if (rnd.nextBoolean()) out.add("REHAB_MEDICAL"); }
        case "VISUAL", "HEARING" -> { out.add("REHAB_TRAINING"); if (rnd.nextDouble() < 0.6) out.add("DEVICE_SERVICE"); }
        case "INTELLECTUAL" -> { out.add("REHAB_TRAINING"); if (rnd.nextBoolean()) out.add("HEALTH_EDUCATION"); }
        case "MENTAL" -> { out.add("PSYCHOLOGICAL_SUPPORT"); if (rnd.nextBoolean()) out.add("REHAB_MEDICAL"); }
        case "MULTIPLE" -> { out.add("REHAB_NURSING"); out.add("REHAB_TRAINING"); }
        default -> out.add("REHAB_TRAINING");
      }
      if (rnd.nextDouble() < 0.25) out.add("HEALTH_EDUCATION");
      return List.copyOf(out);
    }

    static List<String> devices(String category, Random rnd, Set<String> catalogue) {
      List<String> options;
      double p;
      switch (category) {
        case "PHYSICAL" -> { options = List.of("WHEELCHAIR", "WALKER", "CRUTCH", "COMMODE_CHAIR"); p = 0.38; }
        case "VISUAL" -> { options = List.of("MAGNIFIER", "WHITE_CANE"); p = 0.6; }
        case "HEARING" -> { options = List.of("HEARING_AID"); p = 0.6; }
        case "SPEECH" -> { options = List.of("COMMUNICATION_BOARD"); p = 0.4; }
        case "MULTIPLE" -> { options = List.of("WHEELCHAIR", "COMMODE_CHAIR", "COMMUNICATION_BOARD"); p = 0.5; }
        default -> { options = List.of("COMMUNICATION_BOARD", "WALKER"); p = 0.04; }
      }
      if (rnd.nextDouble() >= p) return List.of();
      Set<String> out = new LinkedHashSet<>();
      out.add(options.get(rnd.nextInt(options.size())));
      if (options.size() > 1 && rnd.nextDouble() < 0.15) out.add(options.get(rnd.nextInt(options.size())));
      if (catalogue != null) out.retainAll(catalogue);
      return List.copyOf(out);
    }
  }
}
