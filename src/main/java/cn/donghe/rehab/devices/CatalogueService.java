package cn.donghe.rehab.devices;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The subsidy catalogue. Codes are permanent: assessments (device needs), fittings and the pool refer
 * to them. Only district-level (global) ADMIN staff add entries; every logged-in role may read.
 */
public final class CatalogueService {
  static final Pattern CODE = Pattern.compile("[A-Z0-9_]{2,40}");
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public CatalogueService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public record DeviceTypeInput(@Schema(requiredMode = REQUIRED) String code, @Schema(requiredMode = REQUIRED) String name,
                                @Schema(requiredMode = REQUIRED) String category,
                                @Schema(requiredMode = REQUIRED) BigDecimal subsidy,
                                @Schema(requiredMode = REQUIRED) Integer serviceLifeMonths,
                                @Schema(requiredMode = REQUIRED) Boolean rentable) {}

  public DeviceType create(AppUser admin, DeviceTypeInput in) {
    if (!admin.isGlobalAdmin()) {
      throw ApiException.forbidden("辅具补贴目录由区残联统一维护 / the catalogue is maintained by district-level staff only");
    }
    Checks c = new Checks();
    c.required(in.code(), "code");
    c.require(in.code() == null || CODE.matcher(in.code()).matches(), "code", "编码须为 2-40 位大写字母、数字或下划线 / code must match [A-Z0-9_]{2,40}");
    c.required(in.name(), "name");
    Text.check(c, in.name(), 100, "name");
    DeviceCodes.oneOf(c, in.category(), DeviceType.CATEGORIES, "category");
    c.required(in.subsidy(), "subsidy");
    c.require(in.subsidy() == null || in.subsidy().signum() >= 0, "subsidy", "补贴金额不能为负 / subsidy must be >= 0");
    c.required(in.serviceLifeMonths(), "serviceLifeMonths");
    c.require(in.serviceLifeMonths() == null || (in.serviceLifeMonths() >= 1 && in.serviceLifeMonths() <= 600), "serviceLifeMonths",
        "使用年限须为 1 到 600 个月 / service life must be 1..600 months");
    c.required(in.rentable(), "rentable");
    c.throwIfAny();
    DeviceType t = new DeviceType(in.code(), Text.clean(in.name()), in.category(), in.subsidy(), in.serviceLifeMonths(), in.rentable());
    return jdbi.inTransaction(h -> {
      if (!new DeviceTypeDao(h).insert(t, clock.instant())) throw ApiException.conflict("duplicate-code", "辅具编码已存在 / device type code already exists: " + t.code()).with("field", "code");
      audit.record(h, admin, "CREATE", "device_type", t.code(), null, t);
      return t;
    });
  }

  /** Catalogue entries ordered by code; the cursor is the last code of the page. */
  public Page<DeviceType> list(String category, Boolean rentable, String limit, String cursor) {
    int l = PageRequest.parse(limit, null).limit();
    String after = decode(cursor);
    List<DeviceType> rows = jdbi.withHandle(h -> new DeviceTypeDao(h).list(after, category, rentable, l + 1));
    if (rows.size() <= l) return new Page<>(rows, null);
    List<DeviceType> items = List.copyOf(rows.subList(0, l));
    String next = Base64.getUrlEncoder().withoutPadding().encodeToString(items.get(l - 1).code().getBytes(StandardCharsets.US_ASCII));
    return new Page<>(items, next);
  }

  public DeviceType get(String code) {
    return jdbi.withHandle(h -> find(h, code)).orElseThrow(() -> ApiException.notFound("辅具类型 device type"));
  }

  /** Used by other features (assessments check device need codes) and by the device services. */
  public static Optional<DeviceType> find(Handle h, String code) {
    if (code == null) return Optional.empty();
    return new DeviceTypeDao(h).find(code);
  }

  /** True when every code is in the catalogue. */
  public boolean allExist(Handle h, List<String> codes) {
    if (codes.isEmpty()) return true;
    return new DeviceTypeDao(h).countKnown(codes) == codes.stream().distinct().count();
  }

  /** The catalogue entry or 422 naming the field. */
  static DeviceType require(Handle h, String code, String field) {
    return find(h, code).orElseThrow(() -> ApiException.invalid(field, "辅具类型不在目录中 / unknown device type code"));
  }

  private static String decode(String cursor) {
    if (cursor == null || cursor.isBlank()) return "";
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.US_ASCII);
      if (!CODE.matcher(s).matches()) throw new IllegalArgumentException();
      return s;
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cursor", "cursor 无效 / invalid cursor");
    }
  }
}
