package cn.donghe.rehab.contracts;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.PeriodGuard;
import cn.donghe.rehab.common.ServiceType;
import cn.donghe.rehab.registry.Person;
import cn.donghe.rehab.registry.PersonScope;
import cn.donghe.rehab.registry.PersonService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Needs assessments, one per person per year: recorded by ADMIN or the contracted DOCTOR;
 * re-assessing a year replaces it (audited with before and after).
 */
public final class AssessmentService {
  static final Pattern DEVICE_CODE = Pattern.compile("[A-Z0-9_-]{1,40}");
  private static final String PERSON = "人员 person";
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final PersonService persons;
  private final PersonScope scope;
  private final PeriodGuard periods;

  public AssessmentService(Jdbi jdbi, AuditLog audit, Clock clock, PersonService persons, PersonScope scope, PeriodGuard periods) {
    this.periods = periods;
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.persons = persons;
    this.scope = scope;
  }

  /** The stored assessment and whether this call created it (201) or replaced one (200). */
  public record Saved(Assessment assessment, boolean created) {}

  public Saved put(AppUser user, UUID personId, String rawYear, Assessment.Input in) {
    int year = parseYear(rawYear);
    Checks c = new Checks();
    LocalDate today = LocalDate.now(clock);
    c.required(in.assessedOn(), "assessedOn");
    if (in.assessedOn() != null) {
      c.require(in.assessedOn().getYear() == year, "assessedOn", "评估日期须在 " + year + " 年内 / assessedOn must lie within " + year);
      c.require(!in.assessedOn().isAfter(today), "assessedOn", "评估日期不能晚于今天 / assessedOn cannot be in the future");
    }
    List<String> rehab = codes(c, in.rehabNeeds(), "rehabNeeds", true, 6, ServiceType::isValid,
        "须为 REHAB_MEDICAL、REHAB_TRAINING、DEVICE_SERVICE、PSYCHOLOGICAL_SUPPORT、REHAB_NURSING、HEALTH_EDUCATION 之一 / unknown service type");
    List<String> devices = codes(c, in.deviceNeeds(), "deviceNeeds", false, 20, s -> DEVICE_CODE.matcher(s).matches(),
        "辅具类型代码格式错误 / device type code must match [A-Z0-9_-]{1,40}");
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      requireWriter(h, user, personId);
      Person p = persons.find(h, personId).orElseThrow(() -> ApiException.notFound(PERSON));
      Checks d = new Checks();
      d.require(!in.assessedOn().isBefore(p.birthDate()), "assessedOn", "评估日期不能早于出生日期 / assessedOn before birth");
      d.require(p.status().equals("ACTIVE") || p.statusDate() == null || in.assessedOn().isBefore(p.statusDate()), "assessedOn",
          "评估日期时该人员已不在册 (" + p.status() + ") / the person was no longer active on assessedOn");
      AssessmentDao dao = new AssessmentDao(h);
      List<String> unknown = devices.isEmpty() ? null : dao.unknownDeviceTypes(devices);
      if (unknown != null) {
        for (String u : unknown) d.require(false, "deviceNeeds[" + devices.indexOf(u) + "]", "辅具目录中没有此类型 / not in the device catalogue: " + u);
      }
      d.throwIfAny();
      dao.lock(personId, year);
      Optional<Assessment> before = dao.find(personId, year);
      // replacing moves the old assessedOn too: both months must be open (the old figures would change otherwise)
      before.ifPresent(b -> periods.requireOpen(h, b.assessedOn(), "assessedOn"));
      periods.requireOpen(h, in.assessedOn(), "assessedOn");
      Instant now = clock.instant();
      Assessment a = new Assessment(personId, year, in.assessedOn(), rehab, devices, p.regionCode(), user.id(),
          before.map(Assessment::createdAt).orElse(now), now);
      dao.upsert(a);
      Assessment after = dao.find(personId, year).orElseThrow();
      audit.record(h, user, before.isPresent() ? "REPLACE" : "CREATE", "assessment", personId + "/" + year, before.orElse(null), after);
      return new Saved(after, before.isEmpty());
    });
  }

  /** All of a person's assessments, newest year first (ADMIN in region, contracted DOCTOR). */
  public List<Assessment> list(AppUser user, UUID personId) {
    return jdbi.withHandle(h -> {
      scope.requireReadable(h, user, personId);
      return new AssessmentDao(h).forPerson(personId);
    });
  }

  /** For other features (reports): one person's assessment of a year, no scope check. */
  public Optional<Assessment> find(Handle h, UUID personId, int year) {
    return new AssessmentDao(h).find(personId, year);
  }

  private void requireWriter(Handle h, AppUser user, UUID personId) {
    if (user.isAdmin()) scope.requireReadable(h, user, personId);
    else if (!scope.isContractedDoctor(h, user, personId)) throw ApiException.notFound(PERSON);
  }

  static int parseYear(String raw) {
    String msg = "年度须为 2000 到 2100 之间的整数 / year must be an integer 2000..2100";
    try {
      int y = Integer.parseInt(raw == null ? "" : raw.trim());
      if (y < 2000 || y > 2100) throw ApiException.invalid("year", msg);
      return y;
    } catch (NumberFormatException e) {
      throw ApiException.invalid("year", msg);
    }
  }

  /** Validates a list of codes (each named by its index), dropping duplicates while keeping order. */
  private static List<String> codes(Checks c, List<String> in, String field, boolean required, int max,
                                    java.util.function.Predicate<String> valid, String message) {
    if (in == null) {
      if (required) c.require(false, field, "必填（可为空数组）/ required (may be an empty array)");
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i < in.size(); i++) {
      String s = in.get(i);
      if (s == null || !valid.test(s)) c.require(false, field + "[" + i + "]", message);
      else out.add(s);
    }
    c.require(out.size() <= max, field, "最多 " + max + " 项 / at most " + max + " entries");
    return new ArrayList<>(out);
  }
}
