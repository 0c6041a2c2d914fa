package cn.donghe.rehab.reports;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The report's reads. Person indicators aggregate report_facts (kept exact by the triggers of 050-reports.sql) with
 * one index-only scan and GROUPING SETS (total and groups in one pass); contracts and aid read their own tables.
 * Region subtrees are code ranges {@code BETWEEN lo AND hi} so prepared (generic) plans keep using the indexes.
 */
final class ReportDao {
  /** PLAN_ADHERENCE: a person's plan is followed when the delivered sessions reach this percent of the planned. */
  static final int ADHERENCE_PERCENT = 80;
  /**
   * What and where to count: year, its 1 January, the region range, the contract as-of day, the definition version
   * and the month of PLAN_ADHERENCE with the zone its instants (plans created, closed, revised) are read in.
   */
  record Scope(int year, String lo, String hi, LocalDate asOf, int version, YearMonth month, ZoneId zone) {
    /** The report_facts flag of the numerator under the definition version: need-matched (2) or any service (1). */
    String rehabFlag() { return version == 1 ? "rehab_served" : "rehab_matched"; }
    String deviceFlag() { return version == 1 ? "device_served" : "device_matched"; }

    LocalDate jan1() { return LocalDate.of(year, 1, 1); }
    LocalDate dec31() { return LocalDate.of(year, 12, 31); }
    LocalDate m0() { return month.atDay(1); }
    LocalDate m1() { return month.atEndOfMonth(); }
    /** The month's first instant and the next month's first instant in the zone. */
    OffsetDateTime mStart() { return m0().atStartOfDay(zone).toOffsetDateTime(); }
    OffsetDateTime mEnd() { return m1().plusDays(1).atStartOfDay(zone).toOffsetDateTime(); }
  }

  /** A total (k1 == null, total) or group row with up to two keys. */
  record FactRow(String k1, String k2, boolean total, long rehabN, long rehabD, long deviceN, long deviceD) {}
  record CountRow(String k1, String k2, boolean total, long n, long d) {}
  record AidRow(String k1, String k2, boolean total, long enrolled, BigDecimal budget, BigDecimal spent) {}

  private static final String FACTS_WHERE = """
       FROM report_facts f
      WHERE f.year = :year AND f.region_code BETWEEN :lo AND :hi AND (f.gone_on IS NULL OR f.gone_on >= :jan1)""";
  private static final String PERSONS_WHERE = """
       FROM persons p
       LEFT JOIN contracts c ON c.person_id = p.id AND c.active_range @> CAST(:asOf AS date)
      WHERE p.region_code BETWEEN :lo AND :hi AND (p.status = 'ACTIVE' OR p.status_date > :asOf)""";
  private static final String AID_WHERE = """
       FROM aid_accounts a JOIN persons p ON p.id = a.person_id
      WHERE a.year = :year AND p.region_code BETWEEN :lo AND :hi AND (p.status = 'ACTIVE' OR p.status_date >= :jan1)""";

  /**
   * PLAN_ADHERENCE's rows, ending in {@code per(plan_id, person_id, planned, delivered, adherent)}: per person of the
   * region (not gone before the month began) the plan active in the month (created before it ended, not closed before
   * it began, the revision in force at its end starting on or before its last day; the latest created when two were),
   * its sessions per month summed by service type ({@code need}), the month's non-voided sessions of each type
   * ({@code got}), and whether the delivered sessions, each type capped at its plan, reach 80% of the planned.
   */
  private static final String ADHERENCE_WITH = """
      WITH pl AS (
        SELECT DISTINCT ON (pp.person_id) pp.id AS plan_id, pp.person_id, r.content
          FROM plans pp
          JOIN persons p0 ON p0.id = pp.person_id
          CROSS JOIN LATERAL (SELECT rv.content FROM plan_revisions rv WHERE rv.plan_id = pp.id AND rv.created_at < :mEnd
                               ORDER BY rv.revision DESC LIMIT 1) r
         WHERE pp.created_at < :mEnd AND (pp.closed_at IS NULL OR pp.closed_at >= :mStart)
           AND CAST(r.content ->> 'startDate' AS date) <= :m1
           AND p0.region_code BETWEEN :lo AND :hi AND (p0.status = 'ACTIVE' OR p0.status_date >= :m0)
         ORDER BY pp.person_id, pp.created_at DESC, pp.id),
      need AS (
        SELECT pl.plan_id, pl.person_id, iv ->> 'serviceType' AS service_type, sum(CAST(iv ->> 'sessionsPerMonth' AS int)) AS planned
          FROM pl CROSS JOIN LATERAL jsonb_array_elements(pl.content -> 'interventions') iv
         GROUP BY 1, 2, 3),
      got AS (
        SELECT n.plan_id, n.person_id, n.service_type, n.planned,
               (SELECT count(*) FROM sessions s WHERE s.person_id = n.person_id AND s.service_type = n.service_type
                   AND s.voided_at IS NULL AND s.date BETWEEN :m0 AND :m1) AS delivered
          FROM need n),
      per AS (
        SELECT plan_id, person_id, sum(planned) AS planned, sum(LEAST(planned, delivered)) AS delivered,
               100 * sum(LEAST(planned, delivered)) >= """ + ADHERENCE_PERCENT + """
       * sum(planned) AS adherent
          FROM got GROUP BY 1, 2)""";

  private final Handle h;

  ReportDao(Handle h) { this.h = h; }

  /** The transaction reads only, with every query planned for its actual parameters (see ReportService.customPlans). */
  void readOnlyWithCustomPlans() {
    h.execute("SET TRANSACTION READ ONLY");
    customPlans();
  }

  void customPlans() {
    h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
  }

  /** Moves the per-group contract counters to {@code day} (idempotent; the function takes the counters' lock). */
  void rebuildContractCounts(java.time.LocalDate day) {
    h.createQuery("SELECT report_contract_counts_rebuild(:day)").bind("day", day).mapTo(Long.class).one();
  }

  /** PLAN_ADHERENCE: persons whose plan was followed (numerator) of persons with a plan active in the month, grouped. */
  List<CountRow> adherence(Scope s, GroupBy g) {
    Grouping k = Grouping.of(g, "p.region_code", "p.category", "p.grade", s.asOf());
    return bind(h.createQuery(ADHERENCE_WITH + " SELECT " + k.select() + ", count(*) FILTER (WHERE per.adherent) AS n, count(*) AS d"
            + " FROM per JOIN persons p ON p.id = per.person_id" + k.groupBy()), s)
        .map((rs, c) -> new CountRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("n"), rs.getLong("d")))
        .list();
  }

  /** The month's planned and delivered sessions by service type of the given persons' plans (for the worklist). */
  Map<UUID, UnservedPerson.PlanGap> planGaps(Scope s, Collection<UUID> persons) {
    if (persons.isEmpty()) return Map.of();
    Map<UUID, UnservedPerson.PlanGap> out = new java.util.LinkedHashMap<>();
    bind(h.createQuery(ADHERENCE_WITH + """
             SELECT g.plan_id, g.person_id, g.service_type, g.planned, g.delivered, per.planned AS all_planned, per.delivered AS all_delivered
               FROM got g JOIN per ON per.plan_id = g.plan_id
              WHERE g.person_id = ANY(:ids) ORDER BY g.person_id, g.service_type"""), s)
        .bind("ids", persons.toArray(new UUID[0]))
        .map((rs, c) -> {
          UUID person = rs.getObject("person_id", UUID.class);
          UnservedPerson.PlanGap gap = out.computeIfAbsent(person, x -> {
            try {
              return new UnservedPerson.PlanGap(rs.getObject("plan_id", UUID.class), s.month().toString(), rs.getInt("all_planned"),
                  rs.getInt("all_delivered"), new java.util.ArrayList<>());
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          gap.interventions().add(new UnservedPerson.TypeGap(rs.getString("service_type"), rs.getInt("planned"), rs.getInt("delivered")));
          return person;
        }).list();
    return out;
  }

  /**
   * The rehab and device rates from the per-group counters (report_fact_counts), at the coarsest level that answers
   * the region and the grouping: a whole province reads one row per district, category and grade.
   */
  List<FactRow> facts(Scope s, GroupBy g) {
    if (g != null && g.byPerson()) return factsByJoin(s, g);
    Grouping k = Grouping.of(g, "f.region_code", "f.category", "NULLIF(f.grade, 0)", s.asOf());
    String suffix = s.version() == 1 ? "" : "2";
    return bind(h.createQuery("SELECT " + k.select() + ", sum(f.rehab_n" + suffix + ") AS rehab_n, sum(f.device_n" + suffix + ") AS device_n" + """
            , sum(f.rehab_d) AS rehab_d, sum(f.device_d) AS device_d
              FROM report_fact_counts f
             WHERE f.level = :level AND f.year = :year AND f.region_code BETWEEN :lo AND :hi""" + k.groupBy()), s)
        .bind("level", (short) level(s, g))
        .map((rs, c) -> new FactRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("rehab_n"),
            rs.getLong("rehab_d"), rs.getLong("device_n"), rs.getLong("device_d"))).list();
  }

  /**
   * The rehab and device rates grouped by a property of the person (AGE_BAND on asOf, SEX): the region's facts joined
   * with their persons in one pass (the counters do not keep these properties). Exact like the counters.
   */
  private List<FactRow> factsByJoin(Scope s, GroupBy g) {
    Grouping k = Grouping.of(g, "f.region_code", "f.category", "f.grade", s.asOf());
    return bind(h.createQuery("SELECT " + k.select() + ", count(*) FILTER (WHERE f.needs_rehab AND f." + s.rehabFlag() + ") AS rehab_n"
            + ", count(*) FILTER (WHERE f.needs_device AND f." + s.deviceFlag() + ") AS device_n"
            + ", count(*) FILTER (WHERE f.needs_rehab) AS rehab_d, count(*) FILTER (WHERE f.needs_device) AS device_d"
            + FACTS_WHERE.replace("FROM report_facts f", "FROM report_facts f JOIN persons p ON p.id = f.person_id")
            + " AND (f.needs_rehab OR f.needs_device)" + k.groupBy()), s)
        .map((rs, c) -> new FactRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("rehab_n"),
            rs.getLong("rehab_d"), rs.getLong("device_n"), rs.getLong("device_d"))).list();
  }

  /** The day the contract counters are kept for (report_contract_day), empty before the first rebuild. */
  java.util.Optional<LocalDate> contractCountsDay() {
    return h.createQuery("SELECT day FROM report_contract_day").mapTo(LocalDate.class).findOne();
  }

  /**
   * DOCTOR_CONTRACT_RATE. On the day the counters are kept for (today, normally): ACTIVE persons and those signed from
   * report_contract_counts, plus the few who left after asOf from persons_gone_idx. On any other day: one pass over
   * the region's persons joined with the contracts in force that day.
   */
  List<CountRow> contracts(Scope s, GroupBy g) {
    if ((g != null && g.byPerson()) || !contractCountsDay().map(s.asOf()::equals).orElse(false)) return contractsByJoin(s, g);
    Grouping k = Grouping.of(g, "x.region_code", "x.category", "x.grade", s.asOf());
    return bind(h.createQuery("SELECT " + k.select() + ", sum(x.n) AS n, sum(x.d) AS d FROM (" + """
              SELECT region_code, category, NULLIF(grade, 0) AS grade, signed AS n, persons AS d
                FROM report_contract_counts
               WHERE level = :level AND region_code BETWEEN :lo AND :hi
              UNION ALL
              SELECT report_level_code(p.region_code, :level), p.category, p.grade, count(c.person_id), count(*)
                FROM persons p
                LEFT JOIN contracts c ON c.person_id = p.id AND c.active_range @> CAST(:asOf AS date)
               WHERE p.status <> 'ACTIVE' AND p.status_date > :asOf AND p.region_code BETWEEN :lo AND :hi
               GROUP BY 1, 2, 3) x""" + k.groupBy()), s)
        .bind("level", (short) level(s, g))
        .map((rs, c) -> new CountRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("n"), rs.getLong("d")))
        .list();
  }

  /**
   * A person's category and grade as rated on the as-of day (issue 20: re-rating keeps history; the registry's
   * changelog 205 defines these functions over its rating history, falling back to the person row).
   */
  private static final String RATED_CATEGORY = "rating_category_on(p.id, {asOf}, p.category)";
  private static final String RATED_GRADE = "rating_grade_on(p.id, {asOf}, p.grade)";

  private List<CountRow> contractsByJoin(Scope s, GroupBy g) {
    Grouping k = Grouping.of(g, "p.region_code", RATED_CATEGORY, RATED_GRADE, s.asOf());
    return bind(h.createQuery("SELECT " + k.select() + ", count(c.person_id) AS n, count(*) AS d " + PERSONS_WHERE + k.groupBy()), s)
        .map((rs, c) -> new CountRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("n"), rs.getLong("d")))
        .list();
  }

  /**
   * The counter level a report reads: 1 (district rows) when neither the region nor the grouping is finer than a
   * district, 2 (town rows) for a town or a grouping by town, 3 (community rows) otherwise.
   */
  static int level(Scope s, GroupBy g) {
    int digits = 0; // the region prefix: lo and hi agree on it and differ in every padded digit ('0' vs '9')
    while (digits < s.lo().length() && s.lo().charAt(digits) == s.hi().charAt(digits)) digits++;
    int needed = g == GroupBy.COMMUNITY ? 3 : (g == GroupBy.TOWN || g == GroupBy.TOWN_CATEGORY) ? 2 : 1;
    int region = digits <= 6 ? 1 : digits <= 9 ? 2 : 3;
    return Math.max(needed, region);
  }

  List<AidRow> aid(Scope s, GroupBy g) {
    Grouping k = Grouping.of(g, "p.region_code", RATED_CATEGORY, RATED_GRADE, s.asOf());
    return bind(h.createQuery("SELECT " + k.select()
            + ", count(*) AS enrolled, coalesce(sum(a.budget), 0) AS budget, coalesce(sum(a.budget - a.balance), 0) AS spent "
            + AID_WHERE + k.groupBy()), s)
        .map((rs, c) -> new AidRow(rs.getString("k1"), rs.getString("k2"), rs.getInt("total") == 1, rs.getLong("enrolled"),
            rs.getBigDecimal("budget"), rs.getBigDecimal("spent"))).list();
  }

  /**
   * SHA-256 (hex) of the numerator and the denominator person sets of an indicator: the person ids as lowercase
   * UUID strings, sorted, joined with "\n" (no trailing newline), UTF-8. The empty set hashes the empty string.
   */
  PersonSetHashes hashes(IndicatorCode code, Scope s) {
    String agg = "encode(sha256(convert_to(coalesce(string_agg(CAST(%s AS text), E'\\n' ORDER BY CAST(%s AS text) COLLATE \"C\")%s, ''), 'UTF8')), 'hex')";
    String sql = switch (code) {
      case REHAB_SERVICE_RATE -> "SELECT count(*) FILTER (WHERE f." + s.rehabFlag() + ") AS n, count(*) AS d, "
          + agg.formatted("f.person_id", "f.person_id", " FILTER (WHERE f." + s.rehabFlag() + ")") + " AS n_hash, "
          + agg.formatted("f.person_id", "f.person_id", "") + " AS d_hash " + FACTS_WHERE + " AND f.needs_rehab";
      case DEVICE_FITTING_RATE -> "SELECT count(*) FILTER (WHERE f." + s.deviceFlag() + ") AS n, count(*) AS d, "
          + agg.formatted("f.person_id", "f.person_id", " FILTER (WHERE f." + s.deviceFlag() + ")") + " AS n_hash, "
          + agg.formatted("f.person_id", "f.person_id", "") + " AS d_hash " + FACTS_WHERE + " AND f.needs_device";
      case DOCTOR_CONTRACT_RATE -> "SELECT count(c.person_id) AS n, count(*) AS d, "
          + agg.formatted("p.id", "p.id", " FILTER (WHERE c.person_id IS NOT NULL)") + " AS n_hash, "
          + agg.formatted("p.id", "p.id", "") + " AS d_hash " + PERSONS_WHERE;
      case PLAN_ADHERENCE -> ADHERENCE_WITH + " SELECT count(*) FILTER (WHERE per.adherent) AS n, count(*) AS d, "
          + agg.formatted("per.person_id", "per.person_id", " FILTER (WHERE per.adherent)") + " AS n_hash, "
          + agg.formatted("per.person_id", "per.person_id", "") + " AS d_hash FROM per";
      // persons who used aid / persons enrolled
      case CHILD_AID_UTILISATION -> "SELECT count(*) FILTER (WHERE a.balance < a.budget) AS n, count(*) AS d, "
          + agg.formatted("a.person_id", "a.person_id", " FILTER (WHERE a.balance < a.budget)") + " AS n_hash, "
          + agg.formatted("a.person_id", "a.person_id", "") + " AS d_hash " + AID_WHERE;
    };
    return bind(h.createQuery(sql), s).map((rs, c) -> new PersonSetHashes(rs.getLong("n"), rs.getLong("d"),
        rs.getString("n_hash"), rs.getString("d_hash"))).one();
  }

  /** Persons of the denominator and not the numerator, ordered by id, after {@code after}, at most {@code fetch}. */
  List<UnservedPerson> unserved(IndicatorCode code, Scope s, LocalDate today, UUID after, int fetch) {
    return switch (code) {
      case REHAB_SERVICE_RATE, DEVICE_FITTING_RATE -> factsUnserved(code, s, today, after, fetch);
      case DOCTOR_CONTRACT_RATE -> list("""
          WITH w AS (SELECT p.id AS person_id, p.region_code AS community""" + PERSONS_WHERE + " " + """
                        AND c.person_id IS NULL AND p.id > :after ORDER BY p.id LIMIT :fetch)""", s, today, after, fetch);
      case PLAN_ADHERENCE -> list(ADHERENCE_WITH + """
          , w AS (SELECT per.person_id, p.region_code AS community FROM per JOIN persons p ON p.id = per.person_id
                   WHERE NOT per.adherent AND per.person_id > :after ORDER BY per.person_id LIMIT :fetch)""", s, today, after, fetch);
      case CHILD_AID_UTILISATION -> list("""
          WITH w AS (SELECT a.person_id, p.region_code AS community""" + AID_WHERE + " " + """
                        AND a.balance = a.budget AND a.person_id > :after ORDER BY a.person_id LIMIT :fetch)""", s, today, after, fetch);
    };
  }

  private List<UnservedPerson> factsUnserved(IndicatorCode code, Scope s, LocalDate today, UUID after, int fetch) {
    String flags = code == IndicatorCode.REHAB_SERVICE_RATE ? "f.needs_rehab AND NOT f." + s.rehabFlag() : "f.needs_device AND NOT f." + s.deviceFlag();
    return list("WITH w AS (SELECT f.person_id, f.region_code AS community" + FACTS_WHERE + " AND " + flags
        + " AND f.person_id > :after ORDER BY f.person_id LIMIT :fetch)", s, today, after, fetch);
  }

  /** Completes a worklist page {@code w(person_id, community)} with the person, assessment and today's doctor. */
  private List<UnservedPerson> list(String with, Scope s, LocalDate today, UUID after, int fetch) {
    return bind(h.createQuery(with + " " + """
             SELECT w.person_id, p.name, p.id_number_masked, p.category, p.grade, p.status, w.community, r.name AS community_name,
                    a.rehab_needs, a.device_needs, d.id AS doctor_id, d.name AS doctor_name
               FROM w
               JOIN persons p ON p.id = w.person_id
               LEFT JOIN regions r ON r.code = w.community
               LEFT JOIN assessments a ON a.person_id = w.person_id AND a.year = :year
               LEFT JOIN contracts c ON c.person_id = w.person_id AND c.active_range @> CAST(:today AS date)
               LEFT JOIN doctors d ON d.id = c.doctor_id
              ORDER BY w.person_id"""), s)
        .bind("after", after).bind("fetch", fetch).bind("today", today)
        .map((rs, c) -> person(rs)).list();
  }

  private static UnservedPerson person(ResultSet rs) throws SQLException {
    int grade = rs.getInt("grade");
    Integer g = rs.wasNull() ? null : grade;
    return new UnservedPerson(rs.getObject("person_id", UUID.class), rs.getString("name"), rs.getString("id_number_masked"),
        rs.getString("category"), g, rs.getString("status"), rs.getString("community"), rs.getString("community_name"),
        strings(rs.getArray("rehab_needs")), strings(rs.getArray("device_needs")), rs.getObject("doctor_id", UUID.class),
        rs.getString("doctor_name"));
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  /** Region names by code. */
  Map<String, String> regionNames(Collection<String> codes) {
    if (codes.isEmpty()) return Map.of();
    return h.createQuery("SELECT code, name FROM regions WHERE code = ANY(:codes)")
        .bind("codes", codes.toArray(new String[0]))
        .map((rs, c) -> Map.entry(rs.getString("code"), rs.getString("name"))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  boolean regionExists(String code) {
    return h.createQuery("SELECT count(*) FROM regions WHERE code = :c").bind("c", code).mapTo(Integer.class).one() > 0;
  }

  private static Query bind(Query q, Scope s) {
    return q.configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true)).bind("year", (short) s.year()).bind("lo", s.lo()).bind("hi", s.hi()).bind("jan1", s.jan1()).bind("asOf", s.asOf())
        .bind("m0", s.m0()).bind("m1", s.m1()).bind("mStart", s.mStart()).bind("mEnd", s.mEnd());
  }

  /** SELECT keys and GROUP BY GROUPING SETS ((), (keys)) for a grouping, or a single total row without one. */
  private record Grouping(String select, String groupBy) {
    static Grouping of(GroupBy g, String region, String category, String grade, LocalDate asOf) {
      if (g == null) return new Grouping("CAST(NULL AS text) AS k1, CAST(NULL AS text) AS k2, 1 AS total", "");
      // a LocalDate prints as yyyy-MM-dd: a safe literal
      List<String> keys = g.keys(region, category, grade).stream().map(k -> k.replace("{asOf}", "DATE '" + asOf + "'")).toList();
      String k1 = keys.get(0);
      String k2 = keys.size() > 1 ? keys.get(1) : null;
      return new Grouping(k1 + " AS k1, " + (k2 == null ? "CAST(NULL AS text)" : k2) + " AS k2, GROUPING(" + k1 + ") AS total",
          " GROUP BY GROUPING SETS ((), (" + k1 + (k2 == null ? "" : ", " + k2) + "))");
    }
  }
}
