package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.Ids;
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
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * CSV import of persons, all or nothing: every row is checked by the same rules as POST /persons
 * ({@link PersonRules} and {@link PersonService#checkInDatabase}) plus uniqueness within the file;
 * if any row fails, nothing is stored and every failing line is reported. One transaction holds
 * the inserts, a CREATE audit row per person and one IMPORT summary row.
 */
public final class PersonImport {
  private static final HexFormat HEX = HexFormat.of();
  private final Jdbi jdbi;
  private final PersonService persons;
  private final AuditLog audit;
  private final Clock clock;

  public PersonImport(Jdbi jdbi, PersonService persons, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.persons = persons;
    this.audit = audit;
    this.clock = clock;
  }

  public record RejectedLine(int line, List<FieldError> errors) {}

  /** The answer: {@code {"imported":N,"rejected":[...]}} (plus {@code valid} rows on a dry run). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(int imported, Integer valid, Boolean dryRun, List<RejectedLine> rejected) {
    public boolean ok() { return rejected.isEmpty(); }
  }

  public Report run(AppUser admin, byte[] csv, boolean dryRun) {
    PersonCsv.Parsed parsed = PersonCsv.parse(csv);
    if (!parsed.headerErrors().isEmpty()) {
      return new Report(0, dryRun ? 0 : null, dryRun ? true : null, List.of(new RejectedLine(1, parsed.headerErrors())));
    }
    List<PersonCsv.Row> rows = parsed.rows();
    return jdbi.inTransaction(h -> {
      List<RejectedLine> rejected = validate(h, admin, rows);
      if (!rejected.isEmpty() || dryRun) {
        return new Report(0, dryRun ? rows.size() - rejected.size() : null, dryRun ? true : null, rejected);
      }
      List<UUID> ids = persons.insertAllValidated(h, admin, rows.stream().map(PersonCsv.Row::input).toList())
          .stream().map(Person::id).toList();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("imported", ids.size());
      summary.put("firstPersonId", ids.get(0));
      summary.put("lastPersonId", ids.get(ids.size() - 1));
      audit.record(h, admin, "IMPORT", "person-import", Ids.newId(), null, summary);
      return new Report(ids.size(), null, null, List.of());
    });
  }

  private List<RejectedLine> validate(Handle h, AppUser admin, List<PersonCsv.Row> rows) {
    PersonService.Lookups lookups = prefetch(h, rows);
    LocalDate today = LocalDate.now(clock);
    Map<String, Integer> idLines = new HashMap<>();
    Map<String, Integer> certLines = new HashMap<>();
    List<RejectedLine> rejected = new ArrayList<>();
    for (PersonCsv.Row r : rows) {
      List<FieldError> errors = new ArrayList<>(r.cellErrors());
      Checks rules = PersonRules.validate(r.input(), today);
      errors.addAll(rules.errors().stream().filter(e -> !alreadyReported(r, e)).toList());
      errors.addAll(persons.checkInDatabase(admin, r.input(), lookups).errors().stream()
          .filter(e -> errors.stream().noneMatch(x -> x.field().equals(e.field()))).toList());
      String id = IdNumbers.normalise(r.input().idNumber());
      if (id != null) {
        Integer first = idLines.putIfAbsent(id, r.line());
        if (first != null) errors.add(new FieldError("idNumber", "与第 " + first + " 行的身份证号重复 / same ID number as line " + first));
      }
      String cert = PersonService.certificateOf(r.input());
      if (cert != null) {
        Integer first = certLines.putIfAbsent(cert, r.line());
        if (first != null) errors.add(new FieldError("certificateNo", "与第 " + first + " 行的残疾人证号重复 / same certificate number as line " + first));
      }
      if (!errors.isEmpty()) rejected.add(new RejectedLine(r.line(), errors));
    }
    return rejected;
  }

  /** A cell that could not be read (e.g. a bad date) is reported once, not again as "required". */
  private static boolean alreadyReported(PersonCsv.Row r, FieldError e) {
    return r.cellErrors().stream().anyMatch(c -> c.field().equals(e.field()));
  }

  /** Answers the database checks for the whole file with three queries instead of three per row. */
  private PersonService.Lookups prefetch(Handle h, List<PersonCsv.Row> rows) {
    PersonDao dao = new PersonDao(h, null);
    Map<String, String> levels = dao.regionLevels(rows.stream().map(r -> r.input().regionCode())
        .filter(Objects::nonNull).filter(c -> c.matches("[0-9]{12}")).distinct().toList());
    List<String> idHashes = new ArrayList<>();
    List<String> certHashes = new ArrayList<>();
    for (PersonCsv.Row r : rows) {
      String id = IdNumbers.normalise(r.input().idNumber());
      if (id != null) idHashes.add(HEX.formatHex(persons.cipher().lookupHash(id)));
      String cert = PersonService.certificateOf(r.input());
      if (cert != null) certHashes.add(HEX.formatHex(persons.cipher().lookupHash(cert)));
    }
    Set<String> takenIds = dao.takenHashes("id_number_hash", idHashes);
    Set<String> takenCerts = dao.takenHashes("certificate_hash", certHashes);
    return new PersonService.Lookups() {
      @Override public String regionLevel(String code) { return levels.get(code); }
      @Override public boolean idNumberTaken(byte[] hash) { return takenIds.contains(HEX.formatHex(hash)); }
      @Override public boolean certificateTaken(byte[] hash) { return takenCerts.contains(HEX.formatHex(hash)); }
    };
  }
}
