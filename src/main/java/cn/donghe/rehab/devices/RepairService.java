package cn.donghe.rehab.devices;

import cn.donghe.rehab.common.SqlStates;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
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

/** Repairs of pool items (the item follows: IN_REPAIR, then AVAILABLE or RETIRED) and of fitted devices. */
public final class RepairService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final DeviceAccess access;
  private final ItemService items;

  RepairService(Jdbi jdbi, AuditLog audit, Clock clock, DeviceAccess access, ItemService items) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
    this.items = items;
  }

  public record NewRepair(UUID itemId, UUID fittingId, @Schema(requiredMode = REQUIRED) String problem, UUID institutionId) {}
  public record Completion(@Schema(requiredMode = REQUIRED) BigDecimal cost, String notes, String condition) {}
  public record Closing(String notes) {}

  public Repair create(AppUser u, NewRepair in) {
    Checks c = new Checks();
    c.require((in.itemId() == null) != (in.fittingId() == null), "itemId",
        "须且只能指定 itemId 或 fittingId 之一 / give exactly one of itemId and fittingId");
    c.required(in.problem(), "problem");
    Text.check(c, in.problem(), 2000, "problem");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      access.requireStaff(h, u);
      Repair r = in.itemId() != null ? forItem(h, u, in) : forFitting(h, u, in);
      audit.record(h, u, "CREATE", "repair", r.id(), null, r);
      return r;
    });
  }

  private Repair forItem(Handle h, AppUser u, NewRepair in) {
    DeviceItem item = items.managedItem(h, u, in.itemId());
    ItemDao dao = new ItemDao(h);
    if (!dao.move(item.id(), DeviceItem.AVAILABLE, DeviceItem.IN_REPAIR, null, null, clock.instant())) {
      throw ApiException.conflict("item-not-available", "该辅具当前状态为 " + current(dao, item.id()) + "，不能送修 / the item cannot go to repair now")
          .with("currentStatus", current(dao, item.id()));
    }
    audit.record(h, u, "TO_REPAIR", "device_item", item.id(), item, Map.of("status", DeviceItem.IN_REPAIR));
    return insert(h, item.id(), null, null, item.institutionId(), Text.clean(in.problem()));
  }

  private Repair forFitting(Handle h, AppUser u, NewRepair in) {
    Fitting f = new FittingDao(h).findScoped(in.fittingId(), access.personRecords(u, "f", "p"))
        .orElseThrow(() -> ApiException.notFound("适配 fitting"));
    if (!f.delivered()) {
      throw ApiException.conflict("fitting-not-delivered", "尚未交付的适配不能报修 / only delivered fittings can be repaired")
          .with("currentStatus", f.status());
    }
    UUID institutionId = !u.isAdmin() ? u.institutionId() : in.institutionId() != null ? in.institutionId() : f.institutionId();
    if (institutionId == null) throw ApiException.invalid("institutionId", "请指定维修机构 / name the repairing institution");
    if (u.isAdmin()) institutionId = items.poolInstitution(h, u, institutionId);
    try {
      return insert(h, null, f.id(), null, institutionId, Text.clean(in.problem()));
    } catch (UnableToExecuteStatementException e) {
      if (SqlStates.is(e, SqlStates.UNIQUE, "repairs_one_open_per_fitting_uq")) {
        throw ApiException.conflict("repair-open", "该适配辅具已有未完成的维修 / this device already has an open repair");
      }
      throw e;
    }
  }

  /** Opens a repair for a pool item just returned in POOR condition (item already moved to IN_REPAIR by the caller). */
  Repair openForReturn(Handle h, AppUser u, DeviceItem item, UUID loanId) {
    Repair r = insert(h, item.id(), null, loanId, item.institutionId(), "归还时状况差，需检修 / returned in POOR condition, needs inspection");
    audit.record(h, u, "CREATE", "repair", r.id(), null, r);
    return r;
  }

  private Repair insert(Handle h, UUID itemId, UUID fittingId, UUID loanId, UUID institutionId, String problem) {
    Instant now = clock.instant();
    Repair r = new Repair(Ids.newId(), itemId, fittingId, loanId, institutionId, problem, Repair.OPEN, null, null,
        LocalDate.now(clock), null, null, now, now);
    RepairDao dao = new RepairDao(h);
    dao.insert(r);
    return dao.find(r.id()).orElseThrow();
  }

  public Repair start(AppUser u, UUID id) {
    return jdbi.inTransaction(h -> {
      Repair r = load(h, u, id);
      requireStatus(r, "start", Repair.OPEN);
      return apply(h, u, r, "START", Repair.IN_PROGRESS, "started_on = :on", DeviceCodes.values("on", LocalDate.now(clock)));
    });
  }

  public Repair done(AppUser u, UUID id, Completion in) {
    Checks c = new Checks();
    c.required(in.cost(), "cost");
    c.require(in.cost() == null || in.cost().signum() >= 0, "cost", "费用不能为负 / cost must be >= 0");
    Text.check(c, in.notes(), 2000, "notes");
    if (in.condition() != null) DeviceCodes.oneOf(c, in.condition(), DeviceCodes.CONDITIONS, "condition");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Repair r = load(h, u, id);
      requireStatus(r, "done", Repair.IN_PROGRESS);
      Repair after = apply(h, u, r, "DONE", Repair.DONE, "cost = :cost, notes = :notes, closed_on = :on",
          DeviceCodes.values("cost", in.cost(), "notes", Text.clean(in.notes()), "on", LocalDate.now(clock)));
      if (r.itemId() != null) {
        DeviceItem item = new ItemDao(h).find(r.itemId()).orElseThrow();
        String condition = in.condition() != null ? in.condition() : item.condition().equals("POOR") ? "FAIR" : item.condition();
        releaseItem(h, u, item, DeviceItem.AVAILABLE, condition, null);
      }
      return after;
    });
  }

  public Repair unrepairable(AppUser u, UUID id, Closing in) {
    Checks c = new Checks();
    Text.check(c, in == null ? null : in.notes(), 2000, "notes");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Repair r = load(h, u, id);
      requireStatus(r, "unrepairable", Repair.IN_PROGRESS);
      Repair after = apply(h, u, r, "UNREPAIRABLE", Repair.UNREPAIRABLE, "notes = :notes, closed_on = :on",
          DeviceCodes.values("notes", in == null ? null : Text.clean(in.notes()), "on", LocalDate.now(clock)));
      if (r.itemId() != null) releaseItem(h, u, new ItemDao(h).find(r.itemId()).orElseThrow(), DeviceItem.RETIRED, null, "UNREPAIRABLE");
      return after;
    });
  }

  public Repair get(AppUser u, UUID id) {
    return jdbi.withHandle(h -> load(h, u, id));
  }

  /** Repairs in the caller's scope, oldest first; with itemId the repair history of that item. */
  public Page<Repair> list(AppUser u, UUID itemId, UUID fittingId, String status, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireStaff(h, u);
      if (itemId != null) items.managedItem(h, u, itemId);
      return Page.of(new RepairDao(h).list(access.institutionRecords(u, "r", "i"), itemId, fittingId, status, page.after(), page.fetch()),
          page.limit(), Repair::id);
    });
  }

  private void releaseItem(Handle h, AppUser u, DeviceItem item, String to, String condition, String reason) {
    ItemDao dao = new ItemDao(h);
    if (!dao.move(item.id(), DeviceItem.IN_REPAIR, to, condition, reason, clock.instant())) {
      throw ApiException.conflict("item-not-in-repair", "辅具不在维修状态 / the item is not in repair").with("currentStatus", current(dao, item.id()));
    }
    audit.record(h, u, DeviceItem.RETIRED.equals(to) ? "RETIRE" : "REPAIRED", "device_item", item.id(), item, dao.find(item.id()).orElseThrow());
  }

  private Repair load(Handle h, AppUser u, UUID id) {
    access.requireStaff(h, u);
    return new RepairDao(h).findScoped(id, access.institutionRecords(u, "r", "i")).orElseThrow(() -> ApiException.notFound("维修 repair"));
  }

  private Repair apply(Handle h, AppUser u, Repair r, String action, String to, String set, Map<String, Object> values) {
    RepairDao dao = new RepairDao(h);
    if (!dao.transition(r.id(), r.status(), to, set, values, clock.instant())) {
      throw FittingService.illegal(dao.find(r.id()).orElseThrow().status(), action.toLowerCase());
    }
    Repair after = dao.find(r.id()).orElseThrow();
    audit.record(h, u, action, "repair", r.id(), r, after);
    return after;
  }

  private static void requireStatus(Repair r, String action, String... allowed) {
    if (!List.of(allowed).contains(r.status())) throw FittingService.illegal(r.status(), action);
  }

  private static String current(ItemDao dao, UUID id) { return dao.find(id).map(DeviceItem::status).orElse(null); }
}
