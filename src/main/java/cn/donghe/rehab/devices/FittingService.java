package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.SqlStates;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The fitting workflow (适配): request, assess, deliver (subsidy policy), follow up, cancel. */
public final class FittingService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final DeviceAccess access;
  private final PersonService persons;
  private final DeviceSubsidyPolicy policy = new DeviceSubsidyPolicy();
  private final PeriodGuard periods;

  FittingService(Jdbi jdbi, AuditLog audit, Clock clock, DeviceAccess access, PersonService persons, PeriodGuard periods) {
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
    this.persons = persons;
  }

  public record SubsidyOverrideInput(@Schema(requiredMode = REQUIRED) String reason) {}
  public record NewFitting(@Schema(requiredMode = REQUIRED) UUID personId,
                           @Schema(requiredMode = REQUIRED) String deviceTypeCode, UUID institutionId,
                           SubsidyOverrideInput override) {}
  public record Assessment(@Schema(requiredMode = REQUIRED) Boolean suitable, String notes) {}
  public record Delivery(@Schema(requiredMode = REQUIRED) LocalDate deliveredOn, String serialNo,
                         @Schema(requiredMode = REQUIRED) BigDecimal subsidy, UUID itemId, SubsidyOverrideInput override) {}
  public record FollowUp(@Schema(requiredMode = REQUIRED) LocalDate on, @Schema(requiredMode = REQUIRED) String outcome,
                         String notes) {}
  public record Cancellation(String reason) {}

  /**
   * 403 unless the caller may work with fittings at all (ADMIN, or staff of a DEVICE institution): for callers
   * that do something else first on the way to {@link #create}, such as the page's look-up by number, which would
   * otherwise leave a look-up (and its 24-hour reach) behind a refused request.
   */
  public void requireStaff(AppUser u) {
    jdbi.useHandle(h -> access.requireStaff(h, u));
  }

  public Fitting create(AppUser u, NewFitting in) {
    Checks c = new Checks();
    c.required(in.personId(), "personId");
    c.required(in.deviceTypeCode(), "deviceTypeCode");
    checkOverride(c, in.override());
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      access.requireStaff(h, u);
      access.persons().requireWritable(h, u, in.personId());
      requireActive(h, in.personId());
      DeviceType type = CatalogueService.require(h, in.deviceTypeCode(), "deviceTypeCode");
      UUID institutionId = servingInstitution(h, u, in.institutionId());
      FittingDao dao = new FittingDao(h);
      dao.lockPersonType(in.personId(), type.code());
      LocalDate today = LocalDate.now(clock);
      DeviceSubsidyPolicy.Allowed ok = decide(h, u, new DeviceSubsidyPolicy.Request(today, type.serviceLifeMonths(), type.subsidy(),
          dao.subsidised(in.personId(), type.code(), null), reason(in.override()), u.isAdmin()));
      Instant now = clock.instant();
      Fitting f = new Fitting(Ids.newId(), in.personId(), type.code(), institutionId, Fitting.REQUESTED, today, null, null, null, null,
          null, null, null, null, ok.overridden() ? new Fitting.SubsidyOverride(reason(in.override()), u.id()) : null,
          null, null, null, null, null, now, now);
      try {
        dao.insert(f);
      } catch (UnableToExecuteStatementException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE, "fittings_one_pending_uq")) {
          throw ApiException.conflict("fitting-pending", "该人员已有同类辅具的待办适配申请 / this person already has a pending fitting of this device type")
              .with("field", "deviceTypeCode");
        }
        throw e;
      }
      audit.record(h, u, "CREATE", "fitting", f.id(), null, f);
      if (ok.overridden()) auditOverride(h, u, f, ok);
      return f;
    });
  }

  public Fitting assess(AppUser u, UUID id, Assessment in) {
    Checks c = new Checks();
    c.required(in.suitable(), "suitable");
    Text.check(c, in.notes(), 2000, "notes");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Fitting f = loadForChange(h, u, id);
      requireStatus(f, "assess", Fitting.REQUESTED);
      String to = in.suitable() ? Fitting.ASSESSED : Fitting.REJECTED;
      return apply(h, u, f, "ASSESS", to, "assessed_on = :on, suitable = :suitable, assessment_notes = :notes",
          DeviceCodes.values("on", LocalDate.now(clock), "suitable", in.suitable(), "notes", Text.clean(in.notes())));
    });
  }

  public Fitting deliver(AppUser u, UUID id, Delivery in) {
    Checks c = new Checks();
    c.required(in.deliveredOn(), "deliveredOn");
    c.required(in.subsidy(), "subsidy");
    c.require(in.subsidy() == null || in.subsidy().signum() >= 0, "subsidy", "补贴金额不能为负 / subsidy must be >= 0");
    Text.check(c, in.serialNo(), 60, "serialNo");
    checkOverride(c, in.override());
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Fitting f = loadForChange(h, u, id);
      requireStatus(f, "deliver", Fitting.ASSESSED);
      DeviceType type = CatalogueService.require(h, f.deviceTypeCode(), "deviceTypeCode");
      Checks later = new Checks();
      DeviceCodes.pastDate(later, in.deliveredOn(), LocalDate.now(clock), f.requestedOn(), "申请日期", "deliveredOn");
      later.require(in.subsidy().compareTo(type.subsidy()) <= 0, "subsidy",
          "补贴不能超过目录标准 " + type.subsidy().toPlainString() + " / subsidy must not exceed the catalogue amount " + type.subsidy().toPlainString());
      later.throwIfAny();
      periods.requireOpen(h, in.deliveredOn(), "deliveredOn");
      String serial = DeviceCodes.blank(in.serialNo());
      if (in.itemId() != null) serial = takeFromPool(h, u, f, in.itemId(), serial);
      FittingDao dao = new FittingDao(h);
      dao.lockPersonType(f.personId(), f.deviceTypeCode());
      boolean byAdmin = in.override() != null ? u.isAdmin() : f.subsidyOverride() != null;
      String reason = in.override() != null ? reason(in.override()) : f.subsidyOverride() == null ? null : f.subsidyOverride().reason();
      DeviceSubsidyPolicy.Allowed ok = decide(h, u, new DeviceSubsidyPolicy.Request(in.deliveredOn(), type.serviceLifeMonths(), in.subsidy(),
          dao.subsidised(f.personId(), f.deviceTypeCode(), f.id()), reason, byAdmin));
      UUID by = !ok.overridden() ? null : in.override() != null ? u.id() : f.subsidyOverride().by();
      try {
        Fitting after = apply(h, u, f, "DELIVER", Fitting.FITTED, """
            delivered_on = :on, serial_no = :serial, item_id = :item, subsidy = :subsidy, subsidy_until = :until,
            override_reason = :reason, override_by = :by""",
            DeviceCodes.values("on", in.deliveredOn(), "serial", serial, "item", in.itemId(), "subsidy", in.subsidy(),
                "until", DeviceSubsidyPolicy.until(in.deliveredOn(), type.serviceLifeMonths()),
                "reason", ok.overridden() ? reason : null, "by", by));
        if (ok.overridden() && in.override() != null) auditOverride(h, u, after, ok);
        return after;
      } catch (UnableToExecuteStatementException e) {
        if (SqlStates.is(e, SqlStates.EXCLUSION, "fittings_one_subsidy_per_service_life")) {
          throw ApiException.conflict("subsidy-within-service-life",
              "该类辅具在使用年限内已有补贴适配 / a subsidised fitting of this type already exists within its service life");
        }
        throw e;
      }
    });
  }

  public Fitting followUp(AppUser u, UUID id, FollowUp in) {
    Checks c = new Checks();
    c.required(in.on(), "on");
    DeviceCodes.oneOf(c, in.outcome(), DeviceCodes.OUTCOMES, "outcome");
    Text.check(c, in.notes(), 2000, "notes");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Fitting f = loadForChange(h, u, id);
      requireStatus(f, "follow-up", Fitting.FITTED);
      Checks later = new Checks();
      DeviceCodes.pastDate(later, in.on(), LocalDate.now(clock), f.deliveredOn(), "交付日期", "on");
      later.throwIfAny();
      periods.requireOpen(h, in.on(), "on");
      return apply(h, u, f, "FOLLOW_UP", Fitting.FOLLOWED_UP, "follow_up_on = :on, follow_up_outcome = :outcome, follow_up_notes = :notes",
          DeviceCodes.values("on", in.on(), "outcome", in.outcome(), "notes", Text.clean(in.notes())));
    });
  }

  public Fitting cancel(AppUser u, UUID id, Cancellation in) {
    Checks c = new Checks();
    Text.check(c, in == null ? null : in.reason(), 500, "reason");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Fitting f = loadForChange(h, u, id);
      requireStatus(f, "cancel", Fitting.REQUESTED, Fitting.ASSESSED);
      return apply(h, u, f, "CANCEL", Fitting.CANCELLED, "cancelled_on = :on, cancel_reason = :reason",
          DeviceCodes.values("on", LocalDate.now(clock), "reason", in == null ? null : Text.clean(in.reason())));
    });
  }

  /** District-wide: fittings requested in [from, to] that are still open (REQUESTED or ASSESSED). */
  public long countOpenRequested(LocalDate from, LocalDate to) {
    return jdbi.withHandle(h -> new FittingDao(h).countOpenRequested(from, to));
  }

  public Fitting get(AppUser u, UUID id) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      return new FittingDao(h).findScoped(id, access.personRecords(u, "f", "p")).orElseThrow(() -> ApiException.notFound("适配 fitting"));
    });
  }

  public Page<Fitting> list(AppUser u, UUID personId, String status, String type, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireReader(h, u);
      if (personId != null) access.persons().requireReadable(h, u, personId);
      return Page.of(new FittingDao(h).list(access.personRecords(u, "f", "p"), personId, status, type, page.after(), page.fetch()),
          page.limit(), Fitting::id);
    });
  }

  /** AVAILABLE pool items of the requested type the caller manages, refurbished stock first; only for pending fittings. */
  public List<DeviceItem> matchingItems(AppUser u, UUID id, int limit) {
    return jdbi.withHandle(h -> {
      Fitting f = loadForChange(h, u, id);
      requireStatus(f, "match", Fitting.REQUESTED, Fitting.ASSESSED);
      return new ItemDao(h).matching(access.institutionRecords(u, "d", "i"), f.deviceTypeCode(), f.institutionId(), limit);
    });
  }

  /** What delivery on {@code on} would meet: the catalogue subsidy, the service life and a clashing earlier subsidy (or null). */
  public record SubsidyCheck(BigDecimal catalogueSubsidy, int serviceLifeMonths, LocalDate on, DeviceSubsidyPolicy.PriorSubsidy clash,
                             String overrideReason) {}

  /**
   * The service-life rule as {@link #deliver} will apply it, for showing before delivery (the web page). It reads
   * every subsidised delivery of the type to the person, as the rule does; 404 out of scope, 403 not device staff.
   */
  public SubsidyCheck subsidyCheck(AppUser u, UUID id, LocalDate on) {
    return jdbi.withHandle(h -> {
      Fitting f = loadForChange(h, u, id);
      DeviceType type = CatalogueService.require(h, f.deviceTypeCode(), "deviceTypeCode");
      DeviceSubsidyPolicy.Decision d = policy.decide(new DeviceSubsidyPolicy.Request(on, type.serviceLifeMonths(), type.subsidy(),
          new FittingDao(h).subsidised(f.personId(), f.deviceTypeCode(), f.id()), null, false));
      DeviceSubsidyPolicy.PriorSubsidy clash = d instanceof DeviceSubsidyPolicy.Rejected no ? no.conflict() : null;
      // an ADMIN's override recorded on the request carries over to delivery (see deliver)
      String override = f.subsidyOverride() == null ? null : f.subsidyOverride().reason();
      return new SubsidyCheck(type.subsidy(), type.serviceLifeMonths(), on, clash, override);
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Fitting loadForChange(Handle h, AppUser u, UUID id) {
    access.requireStaff(h, u);
    return new FittingDao(h).findScoped(id, access.personRecords(u, "f", "p")).orElseThrow(() -> ApiException.notFound("适配 fitting"));
  }

  private Fitting apply(Handle h, AppUser u, Fitting f, String action, String to, String set, Map<String, Object> values) {
    FittingDao dao = new FittingDao(h);
    if (!dao.transition(f.id(), f.status(), to, set, values, clock.instant())) {
      throw illegal(dao.find(f.id()).orElseThrow().status(), action.toLowerCase());
    }
    Fitting after = dao.find(f.id()).orElseThrow();
    audit.record(h, u, action, "fitting", f.id(), f, after);
    return after;
  }

  static void requireStatus(Fitting f, String action, String... allowed) {
    if (!List.of(allowed).contains(f.status())) throw illegal(f.status(), action);
  }

  static ApiException illegal(String current, String action) {
    return ApiException.conflict("illegal-transition", "当前状态 " + current + " 不允许此操作（" + action + "）/ " + action
        + " is not allowed in status " + current).with("currentStatus", current);
  }

  private DeviceSubsidyPolicy.Allowed decide(Handle h, AppUser u, DeviceSubsidyPolicy.Request r) {
    DeviceSubsidyPolicy.Decision d = policy.decide(r);
    if (d instanceof DeviceSubsidyPolicy.Rejected no) {
      if (no.code().equals("override-not-permitted")) throw ApiException.forbidden(no.message());
      throw ApiException.conflict(no.code(), no.message())
          .with("conflictingFittingId", no.conflict().fittingId()).with("subsidisedUntil", no.conflict().until().toString());
    }
    return (DeviceSubsidyPolicy.Allowed) d;
  }

  private void auditOverride(Handle h, AppUser u, Fitting f, DeviceSubsidyPolicy.Allowed ok) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("reason", f.subsidyOverride().reason());
    after.put("conflictingFittingId", ok.overriding().fittingId());
    after.put("subsidisedUntil", ok.overriding().until());
    audit.record(h, u, "SUBSIDY_OVERRIDE", "fitting", f.id(), null, after);
  }

  /** INSTITUTION staff serve for their own institution; ADMIN may name a DEVICE institution of their region. */
  private UUID servingInstitution(Handle h, AppUser u, UUID given) {
    if (!u.isAdmin()) {
      if (given != null && !given.equals(u.institutionId())) {
        throw ApiException.invalid("institutionId", "只能为本机构登记 / only for your own institution");
      }
      return u.institutionId();
    }
    if (given == null) return null;
    Institution i = InstitutionService.find(h, given).filter(x -> access.manages(u, x))
        .orElseThrow(() -> ApiException.invalid("institutionId", "机构不存在 / unknown institution"));
    if (!i.offers("DEVICE")) throw ApiException.invalid("institutionId", "该机构不提供辅具服务 / institution does not offer DEVICE services");
    return i.id();
  }

  private String takeFromPool(Handle h, AppUser u, Fitting f, UUID itemId, String serial) {
    ItemDao items = new ItemDao(h);
    DeviceItem item = items.find(itemId).filter(i -> access.manages(h, u, i.institutionId()))
        .orElseThrow(() -> ApiException.invalid("itemId", "辅具不存在 / unknown pool item"));
    if (!item.deviceTypeCode().equals(f.deviceTypeCode())) {
      throw ApiException.invalid("itemId", "辅具类型与申请不符 / item is of another device type");
    }
    if (!items.move(itemId, DeviceItem.AVAILABLE, DeviceItem.RETIRED, null, "FITTED", clock.instant())) {
      throw ApiException.conflict("item-not-available", "该辅具当前不可用 / the item is not available").with("currentStatus", items.find(itemId).orElseThrow().status());
    }
    audit.record(h, u, "FIT_OUT", "device_item", itemId, item, Map.of("status", DeviceItem.RETIRED, "fittingId", f.id()));
    return serial != null ? serial : item.serialNo();
  }

  private void requireActive(Handle h, UUID personId) {
    Person p = persons.find(h, personId).orElseThrow(() -> ApiException.notFound("人员 person"));
    if (!"ACTIVE".equals(p.status())) throw ApiException.invalid("personId", "人员状态为 " + p.status() + "，不能办理 / person is " + p.status());
  }

  private static void checkOverride(Checks c, SubsidyOverrideInput o) {
    if (o == null) return;
    c.required(o.reason(), "override.reason");
    Text.check(c, o.reason(), 500, "override.reason");
  }

  private static String reason(SubsidyOverrideInput o) { return o == null ? null : Text.clean(o.reason()); }
}
