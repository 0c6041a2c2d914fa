package cn.donghe.rehab.childaid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of aid_standards, aid_accounts and aid_ledger. */
final class AidDao {
  private static final String ACCOUNT_COLUMNS = "a.id, a.person_id, a.year, a.category, a.budget, a.balance, a.consent, a.created_at";
  private final Handle h;
  private final ObjectMapper mapper;

  AidDao(Handle h, ObjectMapper mapper) {
    this.h = h;
    this.mapper = mapper;
  }

  // ---- standards ----

  /** The stored standard; {@code lock} = "" | "FOR SHARE" | "FOR UPDATE" on the year row. */
  Optional<AidStandard> standard(int year, String lock) {
    Optional<Object[]> head = h.createQuery("SELECT min_age, max_age, updated_at FROM aid_standards WHERE year = :y " + lock)
        .bind("y", (short) year)
        .map((rs, c) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant()})
        .findOne();
    if (head.isEmpty()) return Optional.empty();
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    Map<String, BigDecimal> stored = new LinkedHashMap<>();
    h.createQuery("SELECT category, amount FROM aid_standard_amounts WHERE year = :y").bind("y", (short) year)
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getBigDecimal(2))).forEach(e -> stored.put(e.getKey(), e.getValue()));
    for (AidCategory c : AidCategory.values()) {
      if (stored.containsKey(c.name())) amounts.put(c.name(), stored.get(c.name()));
    }
    Object[] r = head.get();
    return Optional.of(new AidStandard(year, (Integer) r[0], (Integer) r[1], amounts, (Instant) r[2]));
  }

  /** Inserts the standard if the year has none (concurrent callers: one wins, the rest do nothing). */
  boolean insertIfAbsent(AidStandard s, Instant now) {
    int n = h.createUpdate("INSERT INTO aid_standards (year, min_age, max_age, updated_at) VALUES (:y, :min, :max, :now) ON CONFLICT DO NOTHING")
        .bind("y", (short) s.year()).bind("min", (short) s.minAge()).bind("max", (short) s.maxAge()).bind("now", now).execute();
    if (n > 0) s.amounts().forEach((c, a) -> upsertAmount(s.year(), c, a));
    return n > 0;
  }

  void updateHead(int year, int minAge, int maxAge, Instant now) {
    h.createUpdate("UPDATE aid_standards SET min_age = :min, max_age = :max, updated_at = :now WHERE year = :y")
        .bind("y", (short) year).bind("min", (short) minAge).bind("max", (short) maxAge).bind("now", now).execute();
  }

  void upsertAmount(int year, String category, BigDecimal amount) {
    h.createUpdate("""
        INSERT INTO aid_standard_amounts (year, category, amount) VALUES (:y, :c, :a)
        ON CONFLICT (year, category) DO UPDATE SET amount = EXCLUDED.amount""")
        .bind("y", (short) year).bind("c", category).bind("a", amount).execute();
  }

  void deleteAmount(int year, String category) {
    h.createUpdate("DELETE FROM aid_standard_amounts WHERE year = :y AND category = :c").bind("y", (short) year).bind("c", category).execute();
  }

  boolean hasAccounts(int year, String category) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM aid_accounts WHERE year = :y AND category = :c)")
        .bind("y", (short) year).bind("c", category).mapTo(Boolean.class).one();
  }

  /**
   * Moves accounts to the budget the rule gives: {@code GREATEST(standard amount + adjustment, spent)}: the year's
   * current standard, but never below what was already spent (money spent is never taken back), so
   * {@code balance = budget - spent >= 0}. Each account whose budget changes gets one ADJUSTMENT entry (+ or -).
   * All accounts of the year and category, or only {@code accountId}. The account rows are locked first (in id
   * order, a statement of its own), so the settling statement's snapshot holds every committed charge or void and
   * nothing can change them until commit; the caller holds the year's standard row (FOR UPDATE when changing it, FOR SHARE otherwise) so
   * the amount read here is the current one. Returns how many accounts moved.
   */
  int settle(int year, String category, UUID accountId, Instant now) {
    h.createQuery("SELECT id FROM aid_accounts WHERE year = :y AND category = :c AND (CAST(:id AS uuid) IS NULL OR id = :id) ORDER BY id FOR UPDATE")
        .bind("y", (short) year).bind("c", category).bind("id", accountId).mapTo(UUID.class).list();
    return h.createUpdate(SETTLE_SQL)
        .bind("y", (short) year).bind("c", category).bind("id", accountId).bind("now", now).execute();
  }

  static final String SETTLE_SQL = """
      WITH o AS (
        SELECT a.id, a.budget, a.balance, GREATEST(s.amount + a.adjustment, a.budget - a.balance) AS target
          FROM aid_accounts a JOIN aid_standard_amounts s ON s.year = a.year AND s.category = a.category
         WHERE a.year = :y AND a.category = :c AND (CAST(:id AS uuid) IS NULL OR a.id = :id)
           FOR UPDATE OF a),
      u AS (
        UPDATE aid_accounts a SET budget = o.target, balance = o.target - (o.budget - o.balance), updated_at = :now
          FROM o WHERE a.id = o.id AND o.target <> o.budget
        RETURNING a.id, o.target - o.budget AS delta, a.balance)
      INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after)
      SELECT id, :now, 'ADJUSTMENT', delta, balance FROM u""";

  /** The account a session charged (year and category), without locking; empty when it charged nothing. */
  Optional<AidAccount> chargedAccount(UUID sessionId) {
    return h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM aid_accounts a JOIN aid_ledger l ON l.account_id = a.id "
            + "WHERE l.session_id = :s AND l.kind = 'CHARGE'")
        .bind("s", sessionId).map((rs, c) -> account(rs)).findOne();
  }

  /** Takes the year's standard row FOR SHARE: a concurrent change of the standard waits for this transaction, or this for it. */
  void shareStandard(int year) {
    h.createQuery("SELECT year FROM aid_standards WHERE year = :y FOR SHARE").bind("y", (short) year).mapTo(Integer.class).findOne();
  }

  // ---- accounts ----

  boolean enrolled(UUID personId, int year) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM aid_accounts WHERE person_id = :p AND year = :y)")
        .bind("p", personId).bind("y", (short) year).mapTo(Boolean.class).one();
  }

  void insertAccount(AidAccount a, Instant now) {
    h.createUpdate("""
        INSERT INTO aid_accounts (id, person_id, year, category, budget, balance, consent, created_at, updated_at)
        VALUES (:id, :p, :y, :c, :b, :b, CAST(:consent AS jsonb), :now, :now)""")
        .bind("id", a.id()).bind("p", a.personId()).bind("y", (short) a.year()).bind("c", a.category()).bind("b", a.budget())
        .bind("consent", json(a.guardianConsent())).bind("now", now).execute();
    h.createUpdate("INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after) VALUES (:a, :now, 'BUDGET', :b, :b)")
        .bind("a", a.id()).bind("b", a.budget()).bind("now", now).execute();
  }

  Optional<AidAccount> account(UUID id) {
    return h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM aid_accounts a WHERE a.id = :id").bind("id", id)
        .map((rs, c) -> account(rs)).findOne();
  }

  /** Accounts matching the filters, ordered by id; {@code scopeSql} is a condition over persons p. */
  List<AidAccount> accounts(String scopeSql, Map<String, Object> binds, UUID personId, Integer year, UUID after, int fetch) {
    var q = h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM aid_accounts a JOIN persons p ON p.id = a.person_id WHERE a.id > :after AND "
            + scopeSql + " AND (CAST(:person AS uuid) IS NULL OR a.person_id = :person)"
            + " AND (CAST(:year AS smallint) IS NULL OR a.year = :year) ORDER BY a.id LIMIT :fetch")
        .bind("after", after).bind("person", personId).bind("year", year == null ? null : year.shortValue()).bind("fetch", fetch);
    binds.forEach(q::bind);
    return q.map((rs, c) -> account(rs)).list();
  }

  /** Ledger entries of the accounts, oldest first, with the institution and date of each session entry. */
  Map<UUID, List<AidAccount.Entry>> entries(List<UUID> accountIds) {
    Map<UUID, List<AidAccount.Entry>> out = new LinkedHashMap<>();
    accountIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
    if (accountIds.isEmpty()) return out;
    h.createQuery("""
        SELECT l.account_id, l.at, l.kind, l.amount, l.balance_after, l.session_id, i.name AS institution_name, s.date AS session_date
          FROM aid_ledger l
          LEFT JOIN sessions s ON s.id = l.session_id
          LEFT JOIN institutions i ON i.id = s.institution_id
         WHERE l.account_id = ANY(:ids)
         ORDER BY l.account_id, l.id""")
        .bind("ids", accountIds.toArray(new UUID[0]))
        .map((rs, c) -> Map.entry(rs.getObject("account_id", UUID.class), new AidAccount.Entry(
            rs.getObject("at", java.time.OffsetDateTime.class).toInstant(), rs.getString("kind"), rs.getBigDecimal("amount"),
            rs.getBigDecimal("balance_after"), rs.getObject("session_id", UUID.class), rs.getString("institution_name"),
            rs.getObject("session_date", LocalDate.class))))
        .forEach(e -> out.get(e.getKey()).add(e.getValue()));
    return out;
  }

  /**
   * DESIGN section 2: an institution reads an aid account (alias {@code a}) only if it logged a NON-voided session,
   * charged or not, for the child in the account's year, or is named in the child's ACTIVE plan. Bind
   * {@code :readerInst}. Both are index probes (sessions_reach_idx; plans_one_active_per_person + the
   * plan_institutions key), or holds an accepted (or completed) referral for the child (referrals_reach_idx; issue 19,
   * the same condition as PersonScope.REFERRAL_REACH).
   */
  static final String INSTITUTION_MAY_READ = "(EXISTS (SELECT 1 FROM sessions rs WHERE rs.person_id = a.person_id"
      + " AND rs.institution_id = :readerInst AND rs.voided_at IS NULL"
      + " AND rs.date >= make_date(a.year, 1, 1) AND rs.date < make_date(a.year + 1, 1, 1))"
      + " OR EXISTS (SELECT 1 FROM plans rp JOIN plan_institutions rpi ON rpi.plan_id = rp.id AND rpi.institution_id = :readerInst"
      + " WHERE rp.person_id = a.person_id AND rp.status = 'ACTIVE')"
      // issue 19: an accepted (or completed) referral of the child to the institution
      + " OR EXISTS (SELECT 1 FROM referrals rr WHERE rr.person_id = a.person_id AND rr.to_institution_id = :readerInst"
      + " AND rr.status IN ('ACCEPTED', 'COMPLETED')))";

  /** True when the institution may read this account ({@link #INSTITUTION_MAY_READ}). */
  boolean institutionMayRead(UUID institutionId, UUID accountId) {
    return institutionId != null && h.createQuery("SELECT EXISTS (SELECT 1 FROM aid_accounts a WHERE a.id = :id AND " + INSTITUTION_MAY_READ + ")")
        .bind("id", accountId).bind("readerInst", institutionId).mapTo(Boolean.class).one();
  }

  // ---- money movements for sessions ----

  /**
   * Charges min(fee, balance) to the person's account of the year and writes the CHARGE entry, in one
   * statement, after locking the account row in a statement of its own: concurrent charges, voids and
   * standard changes serialise on the row and the balance can never go below zero; the CHECK
   * constraint would refuse it anyway.
   */
  Optional<AidAccountService.Charge> charge(UUID personId, int year, BigDecimal fee, UUID sessionId, Instant now) {
    // Lock first, in a statement of its own: the charge statement below then starts with a snapshot that already
    // holds every committed change of the row, and nobody else can change it. Found by MoneyPropertyTest: with the
    // lock only inside the charge's UPDATE ... FROM (SELECT ... FOR UPDATE), a charge racing a cut of the standard
    // read the pre-cut balance for LEAST(balance, fee) and the post-cut one for the subtraction, and only the
    // CHECK (balance >= 0) stopped it (a 500).
    h.createQuery("SELECT id FROM aid_accounts WHERE person_id = :person AND year = :year FOR UPDATE")
        .bind("person", personId).bind("year", (short) year).mapTo(UUID.class).findOne();
    return h.createQuery(CHARGE_SQL)
        .bind("person", personId).bind("year", (short) year).bind("fee", fee).bind("session", sessionId).bind("now", now)
        .map((rs, c) -> new AidAccountService.Charge(rs.getObject("id", UUID.class), rs.getBigDecimal("charged"),
            rs.getBigDecimal("balance_after"), rs.getBigDecimal("balance_before")))
        .findOne();
  }

  static final String CHARGE_SQL = """
      WITH u AS (
        UPDATE aid_accounts a
           SET balance = a.balance - LEAST(o.balance, :fee), updated_at = :now
          FROM (SELECT id, balance FROM aid_accounts WHERE person_id = :person AND year = :year FOR UPDATE) o
         WHERE a.id = o.id
        RETURNING a.id, o.balance AS balance_before, LEAST(o.balance, :fee) AS charged, a.balance AS balance_after),
      l AS (
        INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after, session_id)
        SELECT id, :now, 'CHARGE', -charged, balance_after, :session FROM u WHERE charged > 0)
      SELECT id, balance_before, charged, balance_after FROM u""";

  /** Gives a session's charge back with a REVERSAL (void) or SETTLEMENT_REFUND entry; empty when there is nothing to give back. */
  Optional<BigDecimal> reverse(UUID sessionId, String kind, Instant now) {
    // at most one give-back per session, whichever comes first: a void's REVERSAL or a rejected line's SETTLEMENT_REFUND
    return h.createQuery("""
        WITH c AS (SELECT account_id, -amount AS refund FROM aid_ledger WHERE session_id = :s AND kind = 'CHARGE'
                    AND NOT EXISTS (SELECT 1 FROM aid_ledger g WHERE g.session_id = :s AND g.kind IN ('REVERSAL', 'SETTLEMENT_REFUND'))),
        u AS (
          UPDATE aid_accounts a SET balance = a.balance + c.refund, updated_at = :now
            FROM c WHERE a.id = c.account_id
          RETURNING a.id, c.refund, a.balance),
        l AS (
          INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after, session_id)
          SELECT id, :now, :kind, refund, balance, :s FROM u)
        SELECT refund FROM u""")
        .bind("s", sessionId).bind("kind", kind).bind("now", now).mapTo(BigDecimal.class).findOne();
  }

  private AidAccount account(ResultSet rs) throws SQLException {
    BigDecimal budget = rs.getBigDecimal("budget");
    BigDecimal balance = rs.getBigDecimal("balance");
    String consent = rs.getString("consent");
    AidAccount.Consent c = null;
    if (consent != null) {
      try {
        c = mapper.readValue(consent, AidAccount.Consent.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("consent column unreadable", e);
      }
    }
    return new AidAccount(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getInt("year"),
        rs.getString("category"), budget, budget.subtract(balance), balance, c,
        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(), List.of());
  }

  private String json(Object o) {
    if (o == null) return null;
    try {
      return mapper.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
