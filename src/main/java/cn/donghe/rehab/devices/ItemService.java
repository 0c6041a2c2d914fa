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
import cn.donghe.rehab.registry.Institution;
import cn.donghe.rehab.registry.InstitutionService;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The rental pool: items with serial number, condition and location (their institution). */
public final class ItemService {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final DeviceAccess access;

  ItemService(Jdbi jdbi, AuditLog audit, Clock clock, DeviceAccess access) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.access = access;
  }

  public record NewItem(@Schema(requiredMode = REQUIRED) String deviceTypeCode,
                        @Schema(requiredMode = REQUIRED) String serialNo, @Schema(requiredMode = REQUIRED) String condition,
                        java.util.UUID institutionId) {}

  public DeviceItem create(AppUser u, NewItem in) {
    Checks c = new Checks();
    c.required(in.deviceTypeCode(), "deviceTypeCode");
    c.required(in.serialNo(), "serialNo");
    Text.check(c, in.serialNo(), 60, "serialNo");
    DeviceCodes.oneOf(c, in.condition(), DeviceCodes.CONDITIONS, "condition");
    c.require(!u.isAdmin() || in.institutionId() != null, "institutionId", "必填 / required");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      access.requireStaff(h, u);
      DeviceType type = CatalogueService.require(h, in.deviceTypeCode(), "deviceTypeCode");
      UUID institutionId = poolInstitution(h, u, in.institutionId());
      String serial = in.serialNo().strip();
      ItemDao items = new ItemDao(h);
      if (items.serialInUse(type.code(), serial)) throw duplicateSerial();
      UUID id = Ids.newId();
      try {
        items.insert(id, type.code(), serial, in.condition(), institutionId, false, 0, clock.instant());
      } catch (UnableToExecuteStatementException e) {
        if (SqlStates.is(e, SqlStates.UNIQUE, "device_items_serial_uq")) throw duplicateSerial();
        throw e;
      }
      DeviceItem item = items.find(id).orElseThrow();
      audit.record(h, u, "CREATE", "device_item", id, null, item);
      return item;
    });
  }

  public Page<DeviceItem> list(AppUser u, UUID institutionId, String status, String type, PageRequest page) {
    return jdbi.withHandle(h -> {
      access.requireStaff(h, u);
      return Page.of(new ItemDao(h).list(access.institutionRecords(u, "d", "i"), institutionId, status, type, page.after(), page.fetch()),
          page.limit(), DeviceItem::id);
    });
  }

  public DeviceItem get(AppUser u, UUID id) {
    return jdbi.withHandle(h -> managedItem(h, u, id));
  }

  /** The item if the caller manages it (staff check included), else 404. */
  DeviceItem managedItem(Handle h, AppUser u, UUID id) {
    access.requireStaff(h, u);
    return new ItemDao(h).find(id).filter(i -> access.manages(h, u, i.institutionId()))
        .orElseThrow(() -> ApiException.notFound("辅具 device item"));
  }

  /** INSTITUTION staff keep items only at their own institution; ADMIN names a DEVICE institution of their region. */
  UUID poolInstitution(Handle h, AppUser u, UUID given) {
    if (!u.isAdmin()) {
      if (given != null && !given.equals(u.institutionId())) {
        throw ApiException.invalid("institutionId", "只能登记本机构的辅具 / only items of your own institution");
      }
      return u.institutionId();
    }
    Institution i = InstitutionService.find(h, given).filter(x -> access.manages(u, x))
        .orElseThrow(() -> ApiException.invalid("institutionId", "机构不存在 / unknown institution"));
    if (!i.offers("DEVICE")) throw ApiException.invalid("institutionId", "该机构不提供辅具服务 / institution does not offer DEVICE services");
    return i.id();
  }

  private static ApiException duplicateSerial() {
    return ApiException.conflict("duplicate-serial", "该类辅具的序列号已在库 / an item of this type with this serial number is already in the pool")
        .with("field", "serialNo");
  }
}
