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
import cn.donghe.rehab.registry.PersonScope;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Recycling: intake of a device (from a fitting, from the pool, or walk-in), inspection, and either a
 * refurbished AVAILABLE pool item at the receiving institution or scrap. A refurbished item's reuse count
 * is one more than its predecessor's (a fitted device counts as one use).
 */
public final class RecyclingService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final DeviceAccess access;
  private final ItemService items;

  RecyclingService(Jdbi jdbi, AuditLog audit, Clock clock, DeviceAccess access, ItemService items) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
    this.items = items;
  }

  public record Intake(UUID fittingId, UUID itemId, @Schema(requiredMode = REQUIRED) String deviceTypeCode, String serialNo,
                       @Schema(requiredMode = REQUIRED) String condition, UUID institutionId) {}
  public record Inspection(@Schema(requiredMode = REQUIRED) String outcome) {}

  public Recycling receive(AppUser u, Intake in) {
    Checks c = new Checks();
    c.required(in.deviceTypeCode(), "deviceTypeCode");
    Text.check(c, in.serialNo(), 60, "serialNo");
    DeviceCodes.oneOf(c, in.condition(), DeviceCodes.CONDITIONS, "condition");
    c.require(in.fittingId() == null || in.itemId() == null, "itemId", "fittingId 与 itemId 只能指定其一 / give at most one of fittingId and itemId");
    c.require(!u.isAdmin() || in.institutionId() != null, "institutionId", "必填 / required");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      access.requireStaff(h, u);
      DeviceType type = CatalogueService.require(h, in.deviceTypeCode(), "deviceTypeCode");
      UUID institutionId = items.poolInstitution(h, u, in.institutionId());
      String serial = DeviceCodes.blank(in.serialNo());
      if (in.fittingId() != null) serial = fromFitting(h, u, in.fittingId(), type, serial);
      if (in.itemId() != null) serial = fromPool(h, u, in.itemId(), type, serial);
      Instant now = clock.instant();
      Recycling r = new Recycling(Ids.newId(), in.fittingId(), in.itemId(), type.code(), serial, in.condition(), institutionId,
          Recycling.RECEIVED, LocalDate.now(clock), null, null, now, now);
      try {
        new RecyclingDao(h).insert(r);
      } catch (UnableToExecuteStatementException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE, "recycling_once_per")) {
          throw ApiException.conflict("already-recycled", "该辅具已回收 / this device has already been taken in for recycling");
        }
        throw e;
      }
      audit.record(h, u, "RECEIVE", "recycling", r.id(), null, r);
      return find(h, r.id()).orElseThrow();
    });
  }

  private String fromFitting(Handle h, AppUser u, UUID fittingId, DeviceType type, String serial) {
    Fitting f = new FittingDao(h).findScoped(fittingId, access.personRecords(u, "f", "p"))
        .orElseThrow(() -> ApiException.notFound("适配 fitting"));
    if (!f.deviceTypeCode().equals(type.code())) throw ApiException.invalid("deviceTypeCode", "与适配的辅具类型不符 / differs from the fitting's device type");
    if (!f.delivered()) {
      throw ApiException.conflict("fitting-not-delivered", "尚未交付的适配不能回收 / only delivered fittings can be recycled").with("currentStatus", f.status());
    }
    return serial != null ? serial : f.serialNo();
  }

  /** A pool item taken out of service for refurbishment leaves the pool (RETIRED) at intake. */
  private String fromPool(Handle h, AppUser u, UUID itemId, DeviceType type, String serial) {
    DeviceItem item = items.managedItem(h, u, itemId);
    if (!item.deviceTypeCode().equals(type.code())) throw ApiException.invalid("deviceTypeCode", "与辅具的类型不符 / differs from the item's device type");
    ItemDao dao = new ItemDao(h);
    if (!item.status().equals(DeviceItem.RETIRED)) {
      if (!dao.move(itemId, DeviceItem.AVAILABLE, DeviceItem.RETIRED, null, "RECYCLED", clock.instant())) {
        throw ApiException.conflict("item-not-available", "辅具借出或维修中，不能回收 / the item is on loan or in repair")
            .with("currentStatus", dao.find(itemId).map(DeviceItem::status).orElse(null));
      }
      audit.record(h, u, "RETIRE", "device_item", itemId, item, Map.of("status", DeviceItem.RETIRED, "reason", "RECYCLED"));
    }
    return serial != null ? serial : item.serialNo();
  }

  public Recycling inspect(AppUser u, UUID id, Inspection in) {
    Checks c = new Checks();
    DeviceCodes.oneOf(c, in.outcome(), List.of("REFURBISH", "SCRAP"), "outcome");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Recycling r = load(h, u, id);
      if (!r.status().equals(Recycling.RECEIVED)) throw FittingService.illegal(r.status(), "inspect");
      UUID itemId = null;
      if (in.outcome().equals("REFURBISH")) itemId = refurbish(h, u, r);
      boolean moved = new RecyclingDao(h).inspect(id, itemId != null ? Recycling.REFURBISHED : Recycling.SCRAPPED, LocalDate.now(clock),
          itemId, clock.instant());
      if (!moved) throw FittingService.illegal(find(h, id).orElseThrow().status(), "inspect");
      Recycling after = find(h, id).orElseThrow();
      audit.record(h, u, "INSPECT", "recycling", id, r, after);
      return after;
    });
  }

  private UUID refurbish(Handle h, AppUser u, Recycling r) {
    ItemDao dao = new ItemDao(h);
    int reuse = 0;
    if (r.sourceItemId() != null) reuse = dao.find(r.sourceItemId()).map(DeviceItem::reuseCount).orElse(0) + 1;
    else if (r.fittingId() != null) reuse = 1;
    String serial = r.serialNo();
    if (serial == null || dao.serialInUse(r.deviceTypeCode(), serial)) serial = "RC-" + r.id().toString().substring(24).toUpperCase();
    UUID id = Ids.newId();
    dao.insert(id, r.deviceTypeCode(), serial, "POOR".equals(r.condition()) ? "FAIR" : r.condition(), r.institutionId(), true, reuse, clock.instant());
    DeviceItem item = dao.find(id).orElseThrow();
    audit.record(h, u, "CREATE", "device_item", id, null, item);
    return id;
  }

  public Recycling get(AppUser u, UUID id) {
    return jdbi.withHandle(h -> load(h, u, id));
  }

  public Page<Recycling> list(AppUser u, String status, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireStaff(h, u);
      PersonScope.Filter scope = access.institutionRecords(u, "r", "i");
      return Page.of(new RecyclingDao(h).list(scope, status, page), page.limit(), Recycling::id);
    });
  }

  private Recycling load(Handle h, AppUser u, UUID id) {
    access.requireStaff(h, u);
    PersonScope.Filter scope = access.institutionRecords(u, "r", "i");
    return new RecyclingDao(h).findScoped(id, scope)
        .orElseThrow(() -> ApiException.notFound("回收 recycling"));
  }

  private static Optional<Recycling> find(Handle h, UUID id) {
    return new RecyclingDao(h).find(id);
  }
}
