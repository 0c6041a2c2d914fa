package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Text;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Administrative divisions: the list every role reads, and new ones an admin adds within their own region. */
public final class RegionService {
  private static final List<String> LEVELS = List.of("DISTRICT", "TOWN", "COMMUNITY");
  private final Jdbi jdbi;
  private final AuditLog audit;

  public RegionService(Jdbi jdbi, AuditLog audit) {
    this.jdbi = jdbi;
    this.audit = audit;
  }

  /** Children of {@code parentCode} (blank = every region), ordered by code. */
  public List<RegionResource.Region> list(String parentCode) {
    String p = parentCode == null || parentCode.isBlank() ? null : parentCode;
    return jdbi.withHandle(h -> new RegionDao(h).list(p));
  }

  /** The stored region; 422 naming the field (format, level and parent, outside the admin's region); 409 code exists. */
  public RegionResource.Region create(AppUser admin, RegionResource.Region body) {
    if (body == null) throw ApiException.invalid("code", "必填 / required");
    Checks c = new Checks();
    c.require(body.code() != null && body.code().matches("[0-9]{12}"), "code", "区划代码为 12 位数字 / code must be 12 digits");
    c.required(body.name(), "name");
    Text.check(c, body.name(), 100, "name");
    c.require(body.level() != null && LEVELS.contains(body.level()), "level", "级别必须是 DISTRICT、TOWN 或 COMMUNITY / level must be DISTRICT, TOWN or COMMUNITY");
    c.throwIfAny();
    String parentLevel = switch (body.level()) { case "TOWN" -> "DISTRICT"; case "COMMUNITY" -> "TOWN"; default -> null; };
    if (parentLevel != null) {
      c.required(body.parentCode(), "parentCode");
      c.throwIfAny();
      c.require(body.code().startsWith(RegionCodes.prefix(body.parentCode())) && !body.code().equals(body.parentCode()),
          "code", "代码必须以上级区划代码开头 / code must extend the parent's code");
      c.require(!body.level().equals("TOWN") || body.code().endsWith("000"), "code", "乡镇/街道代码以 000 结尾 / a TOWN code ends in 000");
      c.require(!body.level().equals("COMMUNITY") || !body.code().endsWith("000"), "code", "社区/村代码不能以 000 结尾 / a COMMUNITY code does not end in 000");
    } else {
      c.require(body.parentCode() == null, "parentCode", "区县级没有上级 / a DISTRICT has no parent here");
      c.require(body.code().endsWith("000000"), "code", "区县代码以 000000 结尾 / a DISTRICT code ends in 000000");
    }
    c.throwIfAny();
    if (!admin.isGlobalAdmin() && !RegionCodes.within(body.code(), admin.regionCode())) {
      throw ApiException.invalid("code", "只能在本辖区内新增区划 / only within your own region");
    }
    RegionResource.Region region = new RegionResource.Region(body.code(), Text.clean(body.name()), body.level(), body.parentCode());
    jdbi.useTransaction(h -> {
      RegionDao dao = new RegionDao(h);
      if (parentLevel != null) {
        String actual = dao.level(body.parentCode()).orElse(null);
        if (actual == null) throw ApiException.invalid("parentCode", "上级区划不存在 / unknown parent region");
        if (!actual.equals(parentLevel)) throw ApiException.invalid("parentCode", "上级区划级别应为 " + parentLevel + " / parent must be a " + parentLevel);
      }
      if (!dao.insert(region)) throw ApiException.conflict("duplicate-region", "区划代码已存在 / region code already exists").with("field", "code");
      audit.record(h, admin, "CREATE", "region", body.code(), null, body);
    });
    return region;
  }
}
