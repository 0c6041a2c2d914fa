package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Text;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code POST /persons/import?mode=upsert} (DESIGN section 13): rows are matched on the ID number through its keyed
 * hash (nothing is decrypted); a new number is registered, a registered person gets the changed fields (region, phone,
 * guardian, status with its date; a category/grade change becomes a rating effective on the row's {@code effectiveDate}).
 * Every row is reported CREATED, UPDATED, UNCHANGED or ERROR with its field changes. All or nothing, in one transaction
 * behind an advisory lock (imports queue; a re-run of the same file finds everything UNCHANGED). A dry run does
 * exactly what the real run does and then rolls back, so its report is the real run's by construction.
 */
public final class PersonUpsert {
  private static final HexFormat HEX = HexFormat.of();
  private final Jdbi jdbi;
  private final PersonService persons;
  private final RatingService ratings;
  private final AuditLog audit;
  private final Clock clock;

  public PersonUpsert(Jdbi jdbi, PersonService persons, RatingService ratings, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.persons = persons;
    this.ratings = ratings;
    this.audit = audit;
    this.clock = clock;
  }

  public enum Outcome { CREATED, UPDATED, UNCHANGED, ERROR }

  /** One changed field: old and new value as text (null for none; a guardian as "name phone relation"). */
  public record Change(String field, String from, String to) {
    static Change of(String field, Object from, Object to) { return new Change(field, text(from), text(to)); }

    private static String text(Object v) {
      if (v == null) return null;
      if (v instanceof Person.Guardian g) return g.name() + " " + g.phone() + " " + g.relation();
      return v.toString();
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Line(int line, Outcome outcome, UUID personId, List<Change> changes, List<FieldError> errors) {}

  public record Report(String mode, boolean dryRun, int created, int updated, int unchanged, int failed, List<Line> rows) {
    public boolean ok() { return failed == 0; }
  }

  /** Thrown to roll a dry run back after it did everything; carries its report out of the transaction. */
  private static final class DryRun extends RuntimeException {
    final transient Report report;
    DryRun(Report report) { super(null, null, false, false); this.report = report; }
  }

  /** What one row will do, decided before anything is written. */
  private record Plan(PersonCsv.Row row, Person before, Person after, Rating.Input rating, List<Change> changes, List<FieldError> errors) {
    Outcome outcome() {
      if (!errors.isEmpty()) return Outcome.ERROR;
      if (before == null) return Outcome.CREATED;
      return changes.isEmpty() ? Outcome.UNCHANGED : Outcome.UPDATED;
    }
  }

  public Report run(AppUser admin, byte[] csv, boolean dryRun) {
    PersonCsv.Parsed parsed = PersonCsv.parse(csv, true);
    if (!parsed.headerErrors().isEmpty()) {
      return new Report("upsert", dryRun, 0, 0, 0, 1, List.of(new Line(1, Outcome.ERROR, null, null, parsed.headerErrors())));
    }
    try {
      return jdbi.inTransaction(h -> {
        new PersonDao(h, persons.mapper()).lockImports();
        List<Plan> plans = plan(h, admin, parsed.rows());
        Report report = report(plans, dryRun);
        if (!report.ok()) return report;
        apply(h, admin, plans);
        if (dryRun) throw new DryRun(report);
        return report;
      });
    } catch (DryRun d) {
      return d.report;
    }
  }

  private static Report report(List<Plan> plans, boolean dryRun) {
    int[] n = new int[Outcome.values().length];
    List<Line> lines = new ArrayList<>(plans.size());
    for (Plan p : plans) {
      Outcome o = p.outcome();
      n[o.ordinal()]++;
      lines.add(new Line(p.row().line(), o, o == Outcome.CREATED || o == Outcome.ERROR ? null : p.before().id(),
          o == Outcome.ERROR ? null : p.changes(), o == Outcome.ERROR ? p.errors() : null));
    }
    return new Report("upsert", dryRun, n[0], n[1], n[2], n[3], lines);
  }

  private void apply(Handle h, AppUser admin, List<Plan> plans) {
    List<PersonInput> created = new ArrayList<>();
    for (Plan p : plans) {
      if (p.before() == null) {
        created.add(p.row().input());
        continue;
      }
      if (p.changes().isEmpty()) continue;
      // the rating first (while the person is still ACTIVE), then region, contact and status
      if (p.rating() != null) ratings.apply(h, admin, p.before(), p.rating());
      if (!sameRecord(p.before(), p.after())) {
        Person current = persons.find(h, p.before().id()).orElseThrow();
        persons.updateChecked(h, admin, current, withRecord(current, p.after()));
      }
    }
    if (!created.isEmpty()) persons.insertAllValidated(h, admin, created);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("mode", "upsert");
    for (Outcome o : Outcome.values()) summary.put(o.name(), plans.stream().filter(p -> p.outcome() == o).count());
    audit.record(h, admin, "IMPORT", "person-import", Ids.newId(), null, summary);
  }

  private List<Plan> plan(Handle h, AppUser admin, List<PersonCsv.Row> rows) {
    PersonDao dao = new PersonDao(h, persons.mapper());
    List<String> hashes = new ArrayList<>();
    for (PersonCsv.Row r : rows) {
      String id = IdNumbers.normalise(r.input().idNumber());
      if (id != null) hashes.add(HEX.formatHex(persons.cipher().lookupHash(id)));
    }
    Map<String, Person> registered = dao.byIdHashes(hashes.stream().distinct().toList(), true);
    Map<String, String> levels = dao.regionLevels(rows.stream().map(r -> r.input().regionCode())
        .filter(Objects::nonNull).filter(c -> c.matches("[0-9]{12}")).distinct().toList());
    PersonService.Lookups lookups = new PersonService.Lookups() {
      @Override public String regionLevel(String code) { return levels.get(code); }
      // a number with no registered person behind it is new; its certificate is that number plus two digits
      @Override public boolean idNumberTaken(byte[] hash) { return registered.containsKey(HEX.formatHex(hash)); }
      @Override public boolean certificateTaken(byte[] hash) { return false; }
    };
    LocalDate today = LocalDate.now(clock);
    Map<String, Integer> firstLine = new HashMap<>();
    List<Plan> plans = new ArrayList<>(rows.size());
    for (PersonCsv.Row r : rows) {
      List<FieldError> errors = new ArrayList<>(r.cellErrors());
      PersonRules.validate(r.input(), today).errors().stream()
          .filter(e -> errors.stream().noneMatch(x -> x.field().equals(e.field()))).forEach(errors::add);
      String id = IdNumbers.normalise(r.input().idNumber());
      Person before = id == null ? null : registered.get(HEX.formatHex(persons.cipher().lookupHash(id)));
      if (id != null) {
        Integer first = firstLine.putIfAbsent(id, r.line());
        if (first != null) errors.add(new FieldError("idNumber", "与第 " + first + " 行的身份证号重复 / same ID number as line " + first));
      }
      if (before != null && !admin.isGlobalAdmin() && !RegionCodes.within(before.regionCode(), admin.regionCode())) {
        // a town admin learns nothing about persons of other towns: the same answer as when registering the number
        errors.removeIf(e -> e.field().equals("idNumber"));
        errors.add(new FieldError("idNumber", PersonService.NOT_REGISTRABLE));
        before = null;
      }
      if (!errors.isEmpty()) {
        plans.add(new Plan(r, before, null, null, List.of(), errors));
      } else if (before == null) {
        plans.add(planCreate(admin, r, lookups));
      } else {
        plans.add(planUpdate(h, admin, r, before, levels, today));
      }
    }
    return plans;
  }

  private Plan planCreate(AppUser admin, PersonCsv.Row r, PersonService.Lookups lookups) {
    List<FieldError> errors = new ArrayList<>(persons.checkInDatabase(admin, r.input(), lookups).errors());
    String status = r.changes().status();
    if (status != null && !status.equals("ACTIVE")) {
      errors.add(new FieldError("status", "新登记人员状态须为 ACTIVE / a new person is registered ACTIVE"));
    }
    return new Plan(r, null, null, null, List.of(), errors);
  }

  private Plan planUpdate(Handle h, AppUser admin, PersonCsv.Row r, Person before, Map<String, String> levels, LocalDate today) {
    PersonInput in = r.input();
    PersonCsv.Changes ch = r.changes();
    Checks c = new Checks();
    List<Change> changes = new ArrayList<>();
    // the ID number is the key: a name that differs more likely means a wrong number in the file than a new name
    c.require(Objects.equals(Text.clean(in.name()), before.name()), "name",
        "姓名与登记不一致，请核实身份证号 / name differs from the register; check the ID number");
    String region = before.regionCode();
    if (!in.regionCode().equals(before.regionCode())) {
      c.require("COMMUNITY".equals(levels.get(in.regionCode())), "regionCode", "区划不存在或不是社区/村 / unknown region or not a COMMUNITY");
      c.require(admin.isGlobalAdmin() || RegionCodes.within(in.regionCode(), admin.regionCode()), "regionCode",
          "只能在本辖区内 / only within your own region");
      region = in.regionCode();
      changes.add(Change.of("regionCode", before.regionCode(), in.regionCode()));
    }
    String phone = before.phone();
    if (in.phone() != null && !in.phone().strip().equals(before.phone())) {
      phone = in.phone().strip();
      changes.add(Change.of("phone", before.phone(), phone));
    }
    Person.Guardian guardian = before.guardian();
    if (in.guardian() != null && !PersonService.cleanGuardian(in.guardian()).equals(before.guardian())) {
      guardian = PersonService.cleanGuardian(in.guardian());
      changes.add(Change.of("guardian", before.guardian(), guardian));
    }
    Rating.Input rating = null;
    boolean regraded = !in.category().equals(before.category()) || !Objects.equals(in.grade(), before.grade())
        || (in.certificateNo() != null && before.certificateNo() == null);
    if (regraded) {
      rating = new Rating.Input(in.category(), in.grade(), in.certificateNo(), ch.effectiveDate(),
          ch.reason() == null ? "导入 import" : ch.reason());
      if (ch.effectiveDate() == null) {
        c.require(false, "effectiveDate", "类别或等级变化时须填写评定生效日期 / effectiveDate required when category or grade change");
      } else {
        ratings.check(h, before, rating).errors().forEach(e -> c.require(false, e.field(), e.message()));
        c.require("ACTIVE".equals(before.status()), "status", "只能为在册（ACTIVE）人员重新评定 / only ACTIVE persons can be re-rated");
        c.require(!new RatingDao(h).exists(before.id(), ch.effectiveDate()), "effectiveDate", "该日期已有评定 / a rating with this effective date exists");
      }
      changes.add(Change.of("category", before.category(), in.category()));
      changes.add(Change.of("grade", before.grade(), in.grade()));
    }
    String status = before.status();
    LocalDate statusDate = before.statusDate();
    if (ch.status() != null && (!ch.status().equals(before.status()) || !Objects.equals(ch.statusDate(), before.statusDate()))) {
      c.require(PersonService.isStatus(ch.status()), "status", "状态须为 ACTIVE、DECEASED、MOVED_OUT 或 CANCELLED / unknown status");
      c.require(ch.status().equals("ACTIVE") || ch.statusDate() != null, "statusDate", "变更状态时必须填写日期 / statusDate required with status");
      if (ch.statusDate() != null) {
        c.require(!ch.statusDate().isAfter(today), "statusDate", "日期不能晚于今天 / cannot be in the future");
        c.require(!ch.statusDate().isBefore(before.birthDate()), "statusDate", "日期不能早于出生日期 / before birth");
      }
      status = ch.status();
      statusDate = ch.statusDate();
      if (!status.equals(before.status())) changes.add(Change.of("status", before.status(), status));
      if (!Objects.equals(statusDate, before.statusDate())) changes.add(Change.of("statusDate", before.statusDate(), statusDate));
    }
    if (!c.ok()) return new Plan(r, before, null, null, List.of(), c.errors());
    Person after = new Person(before.id(), before.name(), before.gender(), before.birthDate(), before.idNumber(), before.certificateNo(),
        before.category(), before.grade(), before.autism(), region, phone, guardian, status, statusDate, before.createdAt(), clock.instant());
    return new Plan(r, before, after, rating, changes, List.of());
  }

  private static boolean sameRecord(Person a, Person b) {
    return a.regionCode().equals(b.regionCode()) && Objects.equals(a.phone(), b.phone()) && Objects.equals(a.guardian(), b.guardian())
        && a.status().equals(b.status()) && Objects.equals(a.statusDate(), b.statusDate());
  }

  /** The current row (its rating may just have changed) with the planned region, contact and status. */
  private static Person withRecord(Person current, Person planned) {
    return new Person(current.id(), current.name(), current.gender(), current.birthDate(), current.idNumber(), current.certificateNo(),
        current.category(), current.grade(), current.autism(), planned.regionCode(), planned.phone(), planned.guardian(), planned.status(),
        planned.statusDate(), current.createdAt(), planned.updatedAt());
  }
}
