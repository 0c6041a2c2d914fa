package cn.donghe.rehab.registry;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Text;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Administrative divisions (district, towns, communities). */
@Path("/api/v1/regions")
@Produces(MediaType.APPLICATION_JSON)
public class RegionResource {
  private final Jdbi jdbi;
  private final AuditLog audit;

  public RegionResource(Jdbi jdbi, AuditLog audit) {
    this.jdbi = jdbi;
    this.audit = audit;
  }

  public record Region(@Schema(requiredMode = REQUIRED) String code, @Schema(requiredMode = REQUIRED) String name,
                       @Schema(requiredMode = REQUIRED) String level, String parentCode) {}

  /** 200 flat list (children of parentCode, or all); 401. */
  @GET @PermitAll
  public Map<String, List<Region>> list(@Auth AppUser user, @QueryParam("parentCode") String parentCode) {
    return Map.of("items", jdbi.withHandle(h -> h.createQuery(
            "SELECT code, name, level, parent_code FROM regions WHERE (CAST(:p AS text) IS NULL OR parent_code = :p) ORDER BY code")
        .bind("p", parentCode == null || parentCode.isBlank() ? null : parentCode)
        .map((rs, ctx) -> new Region(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list()));
  }

  /** 201 created; 401; 403 not ADMIN; 409 code exists; 422 invalid field (code format, level/parent mismatch). */
  @POST @RolesAllowed(Role.ADMIN_S) @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Auth AppUser admin, Region body) {
    if (body == null) throw ApiException.invalid("code", "必填 / required");
    Checks c = new Checks();
    c.require(body.code() != null && body.code().matches("[0-9]{12}"), "code", "区划代码为 12 位数字 / code must be 12 digits");
    c.required(body.name(), "name");
    Text.check(c, body.name(), 100, "name");
    c.require(body.level() != null && List.of("DISTRICT", "TOWN", "COMMUNITY").contains(body.level()), "level", "级别必须是 DISTRICT、TOWN 或 COMMUNITY / level must be DISTRICT, TOWN or COMMUNITY");
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
    jdbi.useTransaction(h -> {
      if (parentLevel != null) {
        String actual = h.createQuery("SELECT level FROM regions WHERE code = :c").bind("c", body.parentCode()).mapTo(String.class).findOne().orElse(null);
        if (actual == null) throw ApiException.invalid("parentCode", "上级区划不存在 / unknown parent region");
        if (!actual.equals(parentLevel)) throw ApiException.invalid("parentCode", "上级区划级别应为 " + parentLevel + " / parent must be a " + parentLevel);
      }
      int n = h.createUpdate("INSERT INTO regions (code, name, level, parent_code) VALUES (:code, :name, :level, :parent) ON CONFLICT DO NOTHING")
          .bind("code", body.code()).bind("name", Text.clean(body.name())).bind("level", body.level()).bind("parent", body.parentCode()).execute();
      if (n == 0) throw ApiException.conflict("duplicate-region", "区划代码已存在 / region code already exists").with("field", "code");
      audit.record(h, admin, "CREATE", "region", body.code(), null, body);
    });
    return Response.status(201).entity(new Region(body.code(), Text.clean(body.name()), body.level(), body.parentCode())).build();
  }
}
