package cn.donghe.rehab.contracts;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.auth.Role;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.Text;
import cn.donghe.rehab.common.SqlStates;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonService;
import cn.donghe.rehab.registry.RegionCodes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Family-doctor contracts: sign (ADMIN, or a DOCTOR for themselves), list, terminate, and the
 * signing worklist. Two contracts of one person never overlap: the exclusion constraint
 * {@code contracts_no_overlap} makes that true under concurrency; the pre-check only gives the
 * friendly answer in the common case.
 */
public final class ContractService {
  static final List<String> PACKAGES = List.of("BASIC", "PERSONALIZED");
  private static final String CONTRACT = "签约 contract";
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final PersonService persons;

  public ContractService(Jdbi jdbi, AuditLog audit, Clock clock, PersonService persons) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.persons = persons;
  }

  private LocalDate today() { return LocalDate.now(clock); }

  public Contract create(AppUser user, ContractInputs.NewContract in) {
    LocalDate today = today();
    Checks c = new Checks();
    c.required(in.personId(), "personId");
    UUID doctorId = in.doctorId();
    if (user.is(Role.DOCTOR)) {
      if (doctorId == null) doctorId = user.doctorId();
      c.require(doctorId.equals(user.doctorId()), "doctorId", "医生只能为自己签约 / a doctor signs contracts only for themselves");
    } else {
      c.required(doctorId, "doctorId");
    }
    c.require(in.servicePackage() != null && PACKAGES.contains(in.servicePackage()), "servicePackage",
        "服务包须为 BASIC 或 PERSONALIZED / servicePackage must be BASIC or PERSONALIZED");
    c.required(in.startDate(), "startDate");
    LocalDate start = in.startDate();
    LocalDate end = in.endDate() != null || start == null ? in.endDate() : start.plusYears(1).minusDays(1);
    if (start != null) {
      c.require(start.getYear() >= 2000, "startDate", "开始日期不能早于 2000 年 / startDate before 2000");
      c.require(!start.isAfter(today.plusYears(1)), "startDate", "开始日期不能晚于一年之后 / startDate more than a year ahead");
    }
    if (start != null && end != null) {
      c.require(!end.isBefore(start), "endDate", "结束日期不能早于开始日期 / endDate before startDate");
      c.require(!end.isAfter(start.plusYears(5).minusDays(1)), "endDate", "签约期限最长 5 年 / a term is at most 5 years");
    }
    c.throwIfAny();
    UUID doctor = doctorId;
    try {
      return jdbi.inTransaction(h -> insert(h, user, in.personId(), doctor, start, end, in.servicePackage()));
    } catch (JdbiException e) {
      if (!SqlStates.is(e, SqlStates.EXCLUSION, "contracts_no_overlap")) throw e;
      // A concurrent request signed first: name the contract that won.
      UUID existing = jdbi.withHandle(h -> new ContractDao(h, today).overlapping(in.personId(), start, end)).orElse(null);
      throw overlap(existing);
    }
  }

  private Contract insert(Handle h, AppUser user, UUID personId, UUID doctorId, LocalDate start, LocalDate end, String pkg) {
    ContractDao dao = new ContractDao(h, today());
    Checks c = new Checks();
    Optional<Person> person = persons.find(h, personId).filter(p -> inSigningArea(dao, user, p));
    c.require(person.isPresent(), "personId", "人员不存在或不在您的辖区 / unknown person or outside your area");
    person.ifPresent(p -> {
      c.require(p.status().equals("ACTIVE"), "personId", "人员状态不是 ACTIVE，不能签约 / person is not ACTIVE");
      c.require(!start.isBefore(p.birthDate()), "startDate", "开始日期不能早于出生日期 / startDate before birth");
    });
    c.require(dao.doctorRegion(doctorId).isPresent(), "doctorId", "医生不存在 / unknown doctor");
    c.throwIfAny();
    dao.overlapping(personId, start, end).ifPresent(existing -> { throw overlap(existing); });
    UUID id = Ids.newId();
    dao.insert(id, personId, doctorId, start, end, pkg, clock.instant());
    Contract created = dao.find(id).orElseThrow();
    audit.record(h, user, "CREATE", "contract", id, null, created);
    return created;
  }

  /** ADMIN: their region subtree; DOCTOR: the region of their institution (they sign persons there). */
  private static boolean inSigningArea(ContractDao dao, AppUser user, Person p) {
    if (user.isAdmin()) return user.isGlobalAdmin() || RegionCodes.within(p.regionCode(), user.regionCode());
    return dao.doctorRegion(user.doctorId()).map(r -> RegionCodes.within(p.regionCode(), r)).orElse(false);
  }

  private static ApiException overlap(UUID existing) {
    ApiException e = ApiException.conflict("contract-overlap",
        "该人员在此期间已有签约 / the person already has a contract overlapping these dates");
    return existing == null ? e : e.with("existingContractId", existing);
  }

  public Contract get(AppUser user, UUID id) {
    return jdbi.withHandle(h -> readable(h, user, id));
  }

  private Contract readable(Handle h, AppUser user, UUID id) {
    Contract k = new ContractDao(h, today()).find(id).orElseThrow(() -> ApiException.notFound(CONTRACT));
    boolean ok = user.isAdmin()
        ? user.isGlobalAdmin() || persons.find(h, k.personId()).map(p -> RegionCodes.within(p.regionCode(), user.regionCode())).orElse(false)
        : user.is(Role.DOCTOR) && k.doctorId().equals(user.doctorId());
    if (!ok) throw ApiException.notFound(CONTRACT);
    return k;
  }

  /** ADMIN: contracts of persons in their region; DOCTOR: their own contracts. */
  public Page<Contract> list(AppUser user, ContractInputs.ContractQuery q, PageRequest page) {
    ContractDao.Scope scope = user.isAdmin()
        ? new ContractDao.Scope("p.region_code LIKE :scopePrefix", Map.of("scopePrefix", user.regionPrefix() + "%"))
        : new ContractDao.Scope("c.doctor_id = :scopeDoctor", Map.of("scopeDoctor", user.doctorId()));
    return jdbi.withHandle(h -> Page.of(new ContractDao(h, today()).list(scope, q, page.after(), page.fetch()), page.limit(), Contract::id));
  }

  /** Ends a contract before {@code date}: 409 when it is already terminated or its term is over. */
  public Contract terminate(AppUser user, UUID id, ContractInputs.Termination in) {
    Checks c = new Checks();
    c.required(in.date(), "date");
    c.required(in.reason(), "reason");
    Text.check(c, in.reason(), 500, "reason");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      Contract before = readable(h, user, id);
      if (before.terminatedOn() != null) {
        throw ApiException.conflict("contract-terminated", "该签约已解约 / the contract is already terminated").with("terminatedOn", before.terminatedOn());
      }
      if (before.endDate().isBefore(today())) {
        throw ApiException.conflict("contract-expired", "该签约已到期 / the contract has already expired").with("endDate", before.endDate());
      }
      Checks d = new Checks();
      d.require(!in.date().isBefore(before.startDate()), "date", "解约日期不能早于开始日期 / date before the contract's startDate");
      d.require(!in.date().isAfter(before.endDate()), "date", "解约日期不能晚于结束日期 / date after the contract's endDate");
      d.throwIfAny();
      ContractDao dao = new ContractDao(h, today());
      if (!dao.terminate(id, in.date(), Text.clean(in.reason()))) {
        throw ApiException.conflict("contract-terminated", "该签约已解约 / the contract is already terminated");
      }
      Contract after = dao.find(id).orElseThrow();
      audit.record(h, user, "TERMINATE", "contract", id, before, after);
      return after;
    });
  }

  /**
   * ACTIVE persons with no contract in force today. ADMIN: their region (narrowed by regionCode);
   * DOCTOR: the region subtree of their institution (they have no contract with these persons yet).
   */
  public Page<UnsignedPerson> unsigned(AppUser user, String regionCode, PageRequest page) {
    return jdbi.withHandle(h -> {
      ContractDao dao = new ContractDao(h, today());
      String scope = user.isAdmin() ? user.regionPrefix()
          : dao.doctorRegion(user.doctorId()).map(RegionCodes::prefix).orElseThrow(() -> ApiException.notFound("医生 doctor"));
      String region = regionCode == null ? "" : RegionCodes.prefix(regionCode);
      LocalDate today = today();
      return Page.of(dao.unsigned(region, scope, page.after(), page.fetch()).stream().map(u -> u.shownTo(user.isAdmin(), today)).toList(),
          page.limit(), UnsignedPerson::personId);
    });
  }

  /** For other features: the person's contract in force on a day, if any (no scope check). */
  public Optional<Contract> activeContract(Handle h, UUID personId, LocalDate day) {
    return new ContractDao(h, today()).activeOn(personId, day);
  }
}
