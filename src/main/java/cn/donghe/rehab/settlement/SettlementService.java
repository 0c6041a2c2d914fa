package cn.donghe.rehab.settlement;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.childaid.AidAccountService;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.periods.PeriodService;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.sessions.Session;
import cn.donghe.rehab.sessions.SessionService;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Monthly child-aid settlement (定点机构结算, DESIGN section 11). Generating, rejecting lines and approving are district
 * acts; each is one transaction with its audit row. A statement exists once per institution and month (the unique key
 * decides between concurrent requests); once APPROVED neither it nor its sessions change again.
 */
public final class SettlementService {
  private static final String NOT_FOUND = "结算单 settlement";
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final PeriodService periods;
  private final SessionService sessions;
  private final AidAccountService aid;

  public SettlementService(Jdbi jdbi, AuditLog audit, Clock clock, PeriodService periods, SessionService sessions, AidAccountService aid) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.periods = periods;
    this.sessions = sessions;
    this.aid = aid;
  }

  /** Refuses voiding a session a statement holds (installed on SessionService): the line is rejected instead. */
  void refuseVoidOfSettled(Handle h, Session s) {
    new SettlementDao(h).statusHolding(s.id()).ifPresent(status -> {
      throw ApiException.conflict("session-settled", Settlement.APPROVED.equals(status)
          ? "该记录已在审核通过的结算单中，不能作废 / the session is in an approved settlement and cannot be voided"
          : "该记录在待审核的结算单中，请在结算单中核减 / the session is in a settlement under review: reject its line instead")
          .with("field", "id");
    });
  }

  /**
   * 201 DRAFT statement: 403 regional admin; 409 period-not-closed or settlement-exists; 422 unknown or non-designated
   * institution, malformed period.
   */
  public Settlement create(AppUser admin, Settlement.CreateInput in) {
    requireDistrictAdmin(admin);
    Checks c = new Checks();
    c.required(in == null ? null : in.institutionId(), "institutionId");
    c.required(in == null ? null : in.period(), "period");
    c.require(in == null || in.period() == null || in.period().matches("(20[0-9]{2}|2100)-(0[1-9]|1[0-2])"), "period",
        "月份须为 YYYY-MM / period must be YYYY-MM");
    c.throwIfAny();
    YearMonth month = YearMonth.parse(in.period());
    return jdbi.inTransaction(h -> {
      Institution inst = InstitutionService.find(h, in.institutionId())
          .orElseThrow(() -> ApiException.invalid("institutionId", "机构不存在 / unknown institution"));
      if (!inst.childAidDesignated()) {
        throw ApiException.invalid("institutionId", "该机构不是残疾儿童康复救助定点机构 / the institution is not designated for child rehab aid");
      }
      periods.requireClosed(h, month, "period");
      SettlementDao dao = new SettlementDao(h);
      UUID id = Ids.newId();
      if (!dao.insertIfAbsent(id, inst.id(), month.toString(), now(), admin.id())) {
        UUID existing = dao.idOf(inst.id(), month.toString()).orElseThrow();
        throw ApiException.conflict("settlement-exists", "该机构本月已有结算单 / the institution already has a statement for " + month)
            .with("field", "period").with("settlementId", existing.toString());
      }
      dao.insertLines(id, sessions.aidChargedIn(h, inst.id(), month));
      Settlement created = full(dao, id);
      audit.record(h, admin, "CREATE", "settlement", id, null, Map.of("institutionId", inst.id(), "period", month.toString(),
          "lines", created.lines().size(), "totals", created.totals()));
      return created;
    });
  }

  /**
   * Rejects one line and refunds its aid to the child (SETTLEMENT_REFUND): 403 regional admin; 404 unknown statement,
   * or a session that is not a line of it (naming sessionId); 409 settlement-approved, line-already-rejected; 422 no reason.
   */
  public Settlement reject(AppUser admin, UUID id, UUID sessionId, String reason) {
    requireDistrictAdmin(admin);
    String why = Text.clean(reason);
    Checks c = new Checks();
    c.required(why == null || why.isEmpty() ? null : why, "reason");
    Text.check(c, reason, 500, "reason");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      SettlementDao dao = new SettlementDao(h);
      Settlement head = dao.find(id, true).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
      if (head.approved()) throw ApiException.conflict("settlement-approved", "结算单已审核通过，不能再修改 / the statement is approved and final");
      String status = dao.lineStatus(id, sessionId).orElseThrow(() -> ApiException.notFound("结算明细 settlement line").with("field", "sessionId"));
      if ("REJECTED".equals(status)) {
        throw ApiException.conflict("line-already-rejected", "该明细已核减 / the line is already rejected").with("field", "sessionId");
      }
      Settlement before = full(dao, id);
      Instant now = now();
      aid.refundRejected(h, sessionId, now);
      dao.rejectLine(id, sessionId, why, now, admin.id());
      Settlement after = full(dao, id);
      audit.record(h, admin, "REJECT_LINE", "settlement", id, before.totals(),
          Map.of("sessionId", sessionId, "reason", why, "totals", after.totals()));
      return after;
    });
  }

  /** Approves: pending lines become ACCEPTED, the statement final. 403 regional admin; 404; 409 settlement-approved, period-not-closed. */
  public Settlement approve(AppUser admin, UUID id) {
    requireDistrictAdmin(admin);
    return jdbi.inTransaction(h -> {
      SettlementDao dao = new SettlementDao(h);
      Settlement head = dao.find(id, true).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
      if (head.approved()) throw ApiException.conflict("settlement-approved", "结算单已审核通过 / the statement is already approved");
      // a month reopened after the statement was drawn may hold charges the statement lacks
      periods.requireClosed(h, YearMonth.parse(head.period()), "period");
      dao.approve(id, now(), admin.id());
      Settlement after = full(dao, id);
      audit.record(h, admin, "APPROVE", "settlement", id, Map.of("status", head.status()), Map.of("status", after.status(), "totals", after.totals()));
      return after;
    });
  }

  /** The statement with its lines: ADMIN within their region, INSTITUTION its own; 404 otherwise. */
  public Settlement get(AppUser user, UUID id) {
    return jdbi.inTransaction(h -> {
      SettlementDao dao = new SettlementDao(h);
      Settlement head = dao.find(id, false).filter(s -> mayRead(dao, user, s)).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
      return head.withLines(dao.lines(id));
    });
  }

  /** Statement heads with totals in the caller's reach; an INSTITUTION sees only its own whatever it filters on. */
  public Page<Settlement> list(AppUser user, UUID institutionId, String period, String status, PageRequest page) {
    if (period != null && !period.matches("(20[0-9]{2}|2100)-(0[1-9]|1[0-2])")) {
      throw ApiException.badRequest("period", "月份须为 YYYY-MM / period must be YYYY-MM");
    }
    if (status != null && !List.of(Settlement.DRAFT, Settlement.APPROVED).contains(status)) {
      throw ApiException.badRequest("status", "status 须为 DRAFT 或 APPROVED / status must be DRAFT or APPROVED");
    }
    UUID only = user.is(Role.INSTITUTION) ? user.institutionId() : null;
    String prefix = user.is(Role.ADMIN) ? user.regionPrefix() : "";
    return jdbi.inTransaction(h -> Page.of(new SettlementDao(h).list(prefix, only, institutionId, period, status, page.after(), page.fetch()),
        page.limit(), Settlement::id));
  }

  private static boolean mayRead(SettlementDao dao, AppUser user, Settlement s) {
    if (user.is(Role.INSTITUTION)) return s.institutionId().equals(user.institutionId());
    if (user.is(Role.ADMIN)) return user.isGlobalAdmin() || dao.regionOf(s.institutionId()).startsWith(user.regionPrefix());
    return false;
  }

  private static Settlement full(SettlementDao dao, UUID id) {
    return dao.find(id, false).orElseThrow().withLines(dao.lines(id));
  }

  private static void requireDistrictAdmin(AppUser admin) {
    if (!admin.isGlobalAdmin()) throw ApiException.forbidden("结算由区残联办理 / only a district-wide ADMIN settles child aid");
  }

  private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }
}
