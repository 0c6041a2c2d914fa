package cn.donghe.rehab.registry;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Institutions and their doctors. */
public final class InstitutionService {
  private static final List<String> SERVICES = List.of("REHAB", "DEVICE", "PRIMARY_CARE");
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public InstitutionService(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  public record InstitutionInput(@Schema(requiredMode = REQUIRED) String name,
                                 @Schema(requiredMode = REQUIRED) String regionCode,
                                 @Schema(requiredMode = REQUIRED) List<String> services, Boolean childAidDesignated) {}
  public record DoctorInput(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) UUID institutionId,
                            @Schema(requiredMode = REQUIRED) String licenseNo) {}

  public Institution create(AppUser admin, InstitutionInput in) {
    requireDistrictAdmin(admin);
    Checks c = new Checks();
    c.required(in.name(), "name");
    Text.check(c, in.name(), 200, "name");
    c.required(in.regionCode(), "regionCode");
    c.require(in.services() != null && !in.services().isEmpty() && !in.services().contains(null) && SERVICES.containsAll(in.services()), "services",
        "服务须为 REHAB、DEVICE、PRIMARY_CARE 中的一项或多项 / services must be among REHAB, DEVICE, PRIMARY_CARE");
    c.throwIfAny();
    if (!admin.isGlobalAdmin() && !RegionCodes.within(in.regionCode(), admin.regionCode())) {
      throw ApiException.invalid("regionCode", "只能在本辖区内新增机构 / only within your own region");
    }
    Institution i = new Institution(Ids.newId(), Text.clean(in.name()), in.regionCode(), in.services().stream().distinct().toList(),
        Boolean.TRUE.equals(in.childAidDesignated()));
    return jdbi.inTransaction(h -> {
      if (!exists(h, "SELECT count(*) FROM regions WHERE code = :v", in.regionCode())) throw ApiException.invalid("regionCode", "区划不存在 / unknown region");
      h.createUpdate("INSERT INTO institutions (id, name, region_code, services, child_aid_designated, created_at) VALUES (:id, :name, :region, :services, :aid, :now)")
          .bind("id", i.id()).bind("name", i.name()).bind("region", i.regionCode()).bind("services", i.services().toArray(new String[0]))
          .bind("aid", i.childAidDesignated()).bind("now", clock.instant()).execute();
      audit.record(h, admin, "CREATE", "institution", i.id(), null, i);
      return i;
    });
  }

  /**
   * Designating institutions and doctors (and creating their logins) is a district act (DESIGN section 2): a
   * regional ADMIN gets 403, before anything about the request is looked at.
   */
  public static void requireDistrictAdmin(AppUser admin) {
    if (admin != null && admin.isAdmin() && !admin.isGlobalAdmin()) {
      throw ApiException.forbidden("指定机构和医生由区残联办理，辖区管理员不能办理 / designating institutions and doctors is a district act; "
          + "a regional admin may not do it");
    }
  }

  public Page<Institution> list(AppUser user, PageRequest page, String service) {
    String prefix = user.isAdmin() ? user.regionPrefix() : "";
    return jdbi.withHandle(h -> Page.of(h.createQuery("""
            SELECT id, name, region_code, services, child_aid_designated FROM institutions
            WHERE id > :after AND region_code LIKE :prefix AND (CAST(:service AS text) IS NULL OR :service = ANY(services))
            ORDER BY id LIMIT :n""")
        .bind("after", page.after()).bind("prefix", prefix + "%").bind("service", service).bind("n", page.fetch())
        .map((rs, ctx) -> institution(rs)).list(), page.limit(), Institution::id));
  }

  public Optional<Institution> find(UUID id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  public static Optional<Institution> find(Handle h, UUID id) {
    return h.createQuery("SELECT id, name, region_code, services, child_aid_designated FROM institutions WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> institution(rs)).findOne();
  }

  /** Readable by anyone logged in, except that a regional admin sees only their region's. */
  public Institution get(AppUser user, UUID id) {
    Institution i = find(id).orElseThrow(() -> ApiException.notFound("机构 institution"));
    if (user.isAdmin() && !user.isGlobalAdmin() && !RegionCodes.within(i.regionCode(), user.regionCode())) {
      throw ApiException.notFound("机构 institution");
    }
    return i;
  }

  public Doctor createDoctor(AppUser admin, DoctorInput in) {
    requireDistrictAdmin(admin);
    Checks c = new Checks();
    c.required(in.name(), "name");
    Text.check(c, in.name(), 100, "name");
    c.required(in.institutionId(), "institutionId");
    c.required(in.licenseNo(), "licenseNo");
    Text.check(c, in.licenseNo(), 50, "licenseNo");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Institution i = find(h, in.institutionId()).orElseThrow(() -> ApiException.invalid("institutionId", "机构不存在 / unknown institution"));
      // scope before kind: an institution outside the admin's region answers exactly like an unknown one
      if (!admin.isGlobalAdmin() && !RegionCodes.within(i.regionCode(), admin.regionCode())) throw ApiException.invalid("institutionId", "机构不存在 / unknown institution");
      if (!i.offers("PRIMARY_CARE")) throw ApiException.invalid("institutionId", "该机构不提供基层医疗服务 / institution does not offer PRIMARY_CARE");
      if (exists(h, "SELECT count(*) FROM doctors WHERE license_no = :v", in.licenseNo().strip())) {
        throw ApiException.conflict("duplicate-license", "执业证号已存在 / license number already registered").with("field", "licenseNo");
      }
      Doctor d = new Doctor(Ids.newId(), Text.clean(in.name()), in.institutionId(), in.licenseNo().strip());
      h.createUpdate("INSERT INTO doctors (id, name, institution_id, license_no, created_at) VALUES (:id, :name, :inst, :lic, :now)")
          .bind("id", d.id()).bind("name", d.name()).bind("inst", d.institutionId()).bind("lic", d.licenseNo()).bind("now", clock.instant()).execute();
      audit.record(h, admin, "CREATE", "doctor", d.id(), null, d);
      return d;
    });
  }

  public Page<Doctor> listDoctors(AppUser user, PageRequest page, UUID institutionId) {
    String prefix = user.isAdmin() ? user.regionPrefix() : "";
    return jdbi.withHandle(h -> Page.of(h.createQuery("""
            SELECT d.id, d.name, d.institution_id, d.license_no FROM doctors d JOIN institutions i ON i.id = d.institution_id
            WHERE d.id > :after AND i.region_code LIKE :prefix AND (CAST(:inst AS uuid) IS NULL OR d.institution_id = :inst)
            ORDER BY d.id LIMIT :n""")
        .bind("after", page.after()).bind("prefix", prefix + "%").bind("inst", institutionId).bind("n", page.fetch())
        .map((rs, ctx) -> new Doctor(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4)))
        .list(), page.limit(), Doctor::id));
  }

  public Optional<Doctor> findDoctor(UUID id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, name, institution_id, license_no FROM doctors WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new Doctor(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4))).findOne());
  }

  private static boolean exists(Handle h, String sql, Object v) {
    return h.createQuery(sql).bind("v", v).mapTo(Integer.class).one() > 0;
  }

  static Institution institution(ResultSet rs) throws SQLException {
    return new Institution(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("region_code"),
        Arrays.asList((String[]) rs.getArray("services").getArray()), rs.getBoolean("child_aid_designated"));
  }
}
