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
import java.time.Clock;
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
      InstitutionDao dao = new InstitutionDao(h);
      if (!dao.regionExists(in.regionCode())) throw ApiException.invalid("regionCode", "区划不存在 / unknown region");
      dao.insert(i, clock.instant());
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
    return jdbi.withHandle(h -> Page.of(new InstitutionDao(h).list(page.after(), prefix, service, page.fetch()), page.limit(), Institution::id));
  }

  public Optional<Institution> find(UUID id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  public static Optional<Institution> find(Handle h, UUID id) {
    return new InstitutionDao(h).find(id);
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
      InstitutionDao dao = new InstitutionDao(h);
      if (dao.licenseTaken(in.licenseNo().strip())) {
        throw ApiException.conflict("duplicate-license", "执业证号已存在 / license number already registered").with("field", "licenseNo");
      }
      Doctor d = new Doctor(Ids.newId(), Text.clean(in.name()), in.institutionId(), in.licenseNo().strip());
      dao.insertDoctor(d, clock.instant());
      audit.record(h, admin, "CREATE", "doctor", d.id(), null, d);
      return d;
    });
  }

  public Page<Doctor> listDoctors(AppUser user, PageRequest page, UUID institutionId) {
    String prefix = user.isAdmin() ? user.regionPrefix() : "";
    return jdbi.withHandle(h -> Page.of(new InstitutionDao(h).listDoctors(page.after(), prefix, institutionId, page.fetch()), page.limit(), Doctor::id));
  }

  public Optional<Doctor> findDoctor(UUID id) {
    return jdbi.withHandle(h -> new InstitutionDao(h).findDoctor(id));
  }
}
