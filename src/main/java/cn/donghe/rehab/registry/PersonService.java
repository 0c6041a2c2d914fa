package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.FieldError;
import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.RateLimiter;
import cn.donghe.rehab.common.Text;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The person registry: create, read (scoped, masked), look up by number, update status/region/contact. */
public final class PersonService {
  private static final List<String> STATUSES = List.of("ACTIVE", "DECEASED", "MOVED_OUT", "CANCELLED");
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final IdNumberCipher cipher;
  private final ObjectMapper mapper;
  private final PersonScope scope;
  private final RateLimiter limiter;

  public PersonService(Jdbi jdbi, AuditLog audit, Clock clock, IdNumberCipher cipher, ObjectMapper mapper, PersonScope scope) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.cipher = cipher;
    this.mapper = mapper;
    this.scope = scope;
    this.limiter = new RateLimiter(jdbi);
  }

  public PersonScope scope() { return scope; }

  public Person create(AppUser admin, PersonInput in) {
    return jdbi.inTransaction(h -> create(h, admin, in)).full(today());
  }

  /** Validates and inserts inside the caller's transaction. */
  public Person create(Handle h, AppUser admin, PersonInput in) {
    Checks c = PersonRules.validate(in, LocalDate.now(clock));
    c.throwIfAny();
    Lookups lookups = lookups(h);
    checkRegion(admin, in, lookups).throwIfAny();
    // a number already in the register conflicts with the current state (DESIGN section 1: 409, the field in
    // errors); it is asked after the validation rules, so invalid input is still 422
    List<FieldError> taken = numbersTaken(in, lookups, admin);
    if (!taken.isEmpty() && admin != null && !admin.isGlobalAdmin()) {
      Checks regional = new Checks();
      taken.forEach(e -> regional.require(false, e.field(), e.message()));
      regional.throwIfAny();
    }
    if (!taken.isEmpty()) throw duplicate(taken);
    return insertValidated(h, admin, in);
  }

  /** Inserts a person that passed {@link PersonRules} and the database checks, with its audit row. */
  Person insertValidated(Handle h, AppUser admin, PersonInput in) {
    Person p = toPerson(in);
    try {
      new PersonDao(h, mapper).insert(p, seal(in));
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      throw translateUnique(e, admin);
    }
    audit.record(h, admin, "CREATE", "person", p.id(), null, p);
    return p;
  }

  /** Inserts validated persons as one batch, with one CREATE audit row each (also a batch). */
  List<Person> insertAllValidated(Handle h, AppUser admin, List<PersonInput> inputs) {
    List<Person> created = new java.util.ArrayList<>(inputs.size());
    List<PersonDao.Sealed> sealed = new java.util.ArrayList<>(inputs.size());
    for (PersonInput in : inputs) {
      created.add(toPerson(in));
      sealed.add(seal(in));
    }
    try {
      new PersonDao(h, mapper).insertAll(created, sealed);
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      throw translateUnique(e, admin);
    }
    Map<UUID, Person> audited = new java.util.LinkedHashMap<>();
    created.forEach(p -> audited.put(p.id(), p));
    audit.recordAll(h, admin, "CREATE", "person", audited);
    return created;
  }

  private Person toPerson(PersonInput in) {
    String id = IdNumbers.normalise(in.idNumber());
    String cert = certificateOf(in);
    Instant now = clock.instant();
    return new Person(Ids.newId(), Text.clean(in.name()), in.gender(), in.birthDate(), IdNumbers.mask(id),
        cert == null ? null : IdNumbers.maskCertificate(cert), in.category(), in.grade(), Boolean.TRUE.equals(in.autism()),
        in.regionCode(), in.phone() == null ? null : in.phone().strip(), clean(in.guardian()), "ACTIVE", null, now, now);
  }

  private PersonDao.Sealed seal(PersonInput in) {
    return seal(IdNumbers.normalise(in.idNumber()), certificateOf(in));
  }

  static final String ID_TAKEN = "该身份证号已登记 / ID number already registered";
  static final String CERTIFICATE_TAKEN = "该残疾人证号已登记 / certificate number already registered";

  /** 409 naming the number(s) already registered in {@code errors}, as a 422 would name an invalid field. */
  private static ApiException duplicate(List<FieldError> errors) {
    return new ApiException(409, "duplicate-person", "与当前状态冲突 Conflict", errors.get(0).field() + ": " + errors.get(0).message(), errors);
  }

  /**
   * A unique-key race lost to a concurrent insert: the same 409, naming the number from the violated constraint;
   * for a town admin the same 422 as for any registered number (it must not learn where the person is).
   */
  private static RuntimeException translateUnique(RuntimeException e, AppUser admin) {
    String constraint = cn.donghe.rehab.common.SqlStates.violated(e, cn.donghe.rehab.common.SqlStates.UNIQUE);
    if (constraint == null) return e;
    String field = constraint.contains("certificate") ? "certificateNo" : "idNumber";
    if (admin != null && !admin.isGlobalAdmin()) return ApiException.invalid(field, NOT_REGISTRABLE);
    return duplicate(List.of(new FieldError(field, field.equals("idNumber") ? ID_TAKEN : CERTIFICATE_TAKEN)));
  }

  static String certificateOf(PersonInput in) {
    return in.certificateNo() == null || in.certificateNo().isBlank() ? null : in.certificateNo().strip().toUpperCase(Locale.ROOT);
  }

  /** What the database checks need to know; one query per question, or answered from bulk prefetches (CSV import). */
  interface Lookups {
    /** The level of a region, or null when it does not exist. */
    String regionLevel(String code);
    boolean idNumberTaken(byte[] hash);
    boolean certificateTaken(byte[] hash);
  }

  /** Region exists, is a community within the admin's region, numbers not yet registered. */
  public Checks checkInDatabase(Handle h, AppUser admin, PersonInput in) {
    return checkInDatabase(admin, in, lookups(h));
  }

  private Lookups lookups(Handle h) {
    PersonDao dao = new PersonDao(h, mapper);
    return new Lookups() {
      @Override public String regionLevel(String code) {
        return new RegionDao(h).level(code).orElse(null);
      }
      @Override public boolean idNumberTaken(byte[] hash) { return dao.idByHash("id_number_hash", hash).isPresent(); }
      @Override public boolean certificateTaken(byte[] hash) { return dao.idByHash("certificate_hash", hash).isPresent(); }
    };
  }

  /** All database checks as one list of field errors (the CSV import reports them per row). */
  Checks checkInDatabase(AppUser admin, PersonInput in, Lookups lookups) {
    Checks c = checkRegion(admin, in, lookups);
    numbersTaken(in, lookups, admin).forEach(e -> c.require(false, e.field(), e.message()));
    return c;
  }

  private Checks checkRegion(AppUser admin, PersonInput in, Lookups lookups) {
    Checks c = new Checks();
    String level = in.regionCode() == null ? null : lookups.regionLevel(in.regionCode());
    c.require(level != null, "regionCode", "区划不存在 / unknown region");
    c.require(level == null || level.equals("COMMUNITY"), "regionCode", "人员须归属社区/村 / a person belongs to a COMMUNITY");
    c.require(admin == null || admin.isGlobalAdmin() || RegionCodes.within(in.regionCode(), admin.regionCode()), "regionCode",
        "只能登记本辖区的人员 / only persons of your own region");
    return c;
  }

  /** What a town admin hears about a number that is already registered, wherever it is. */
  static final String NOT_REGISTRABLE = "辖区管理员不能登记此号码，请联系区残联核实 / a town office cannot register this number; "
      + "ask the district federation to check it";

  /**
   * The numbers of this input that are already registered (the duplicate field errors). A town admin is told the
   * same for a number registered in their own region and one registered anywhere else: "already registered" would
   * tell them that someone they may not read exists (issue 15).
   */
  private List<FieldError> numbersTaken(PersonInput in, Lookups lookups, AppUser admin) {
    boolean regional = admin != null && !admin.isGlobalAdmin();
    List<FieldError> taken = new java.util.ArrayList<>();
    String id = IdNumbers.normalise(in.idNumber());
    if (id != null && lookups.idNumberTaken(cipher.lookupHash(id))) taken.add(new FieldError("idNumber", regional ? NOT_REGISTRABLE : ID_TAKEN));
    String cert = certificateOf(in);
    if (cert != null && lookups.certificateTaken(cipher.lookupHash(cert))) {
      taken.add(new FieldError("certificateNo", regional ? NOT_REGISTRABLE : CERTIFICATE_TAKEN));
    }
    return taken;
  }

  IdNumberCipher cipher() { return cipher; }

  ObjectMapper mapper() { return mapper; }

  /** The encrypted, hashed and masked forms of a certificate number (null for none). */
  PersonDao.Sealed sealCertificate(String cert) {
    return cert == null ? null : new PersonDao.Sealed(null, null, null, cipher.encrypt(cert), cipher.lookupHash(cert), IdNumbers.maskCertificate(cert));
  }

  private PersonDao.Sealed seal(String id, String cert) {
    return new PersonDao.Sealed(cipher.encrypt(id), cipher.lookupHash(id), IdNumbers.mask(id),
        cert == null ? null : cipher.encrypt(cert), cert == null ? null : cipher.lookupHash(cert), cert == null ? null : IdNumbers.maskCertificate(cert));
  }

  private static Person.Guardian clean(Person.Guardian g) {
    return g == null ? null : new Person.Guardian(Text.clean(g.name()), g.phone() == null ? null : g.phone().strip(), Text.clean(g.relation()));
  }

  /**
   * A person the caller may read, as that caller may see it: ADMIN and a GUARDIAN (scope: only their own children)
   * get the full numbers (that read is audited) and birthDate; everyone else masked numbers, birthYearMonth and age.
   */
  public Person get(AppUser user, UUID id) {
    return jdbi.inTransaction(h -> {
      scope.requireReadable(h, user, id);
      Person p = new PersonDao(h, mapper).find(id).orElseThrow(() -> ApiException.notFound("人员 person"));
      return show(h, user, p);
    });
  }

  /** Who sees a person in full (numbers and birth date): ADMIN, and a GUARDIAN (whose scope is their own children). */
  static boolean seesInFull(AppUser user) {
    return user.isAdmin() || user.role() == cn.donghe.rehab.auth.Role.GUARDIAN;
  }

  /** One person as the reader may see it (full numbers audited). */
  private Person show(Handle h, AppUser user, Person p) {
    return seesInFull(user) ? unmasked(h, user, p).full(today()) : p.masked(today());
  }

  /** A person of a list (numbers stay masked for everyone; birth date for those who see persons in full). */
  private Person listed(AppUser user, Person p) {
    return seesInFull(user) ? p.full(today()) : p.masked(today());
  }

  private LocalDate today() { return LocalDate.now(clock); }

  /** Internal read without scope (for other features' services after their own scope check). */
  public Optional<Person> find(Handle h, UUID id) {
    return new PersonDao(h, mapper).find(id);
  }

  public Optional<Person> find(UUID id) {
    return jdbi.withHandle(h -> find(h, id));
  }

  private Person unmasked(Handle h, AppUser user, Person p) {
    PersonDao.Encrypted e = new PersonDao(h, mapper).encrypted(p.id());
    audit.record(h, user, "READ_ID_NUMBER", "person", p.id(), null, Map.of("fields", e.certEnc() == null ? List.of("idNumber") : List.of("idNumber", "certificateNo")));
    return p.withNumbers(cipher.decrypt(e.idEnc()), cipher.decrypt(e.certEnc()));
  }

  public record Lookup(String idNumber, String certificateNo) {}

  /** More than this many look-ups answered 404 within {@link #LOOKUP_WINDOW} and a non-admin user gets 429. */
  public static final int MAX_LOOKUP_MISSES = 20;
  public static final java.time.Duration LOOKUP_WINDOW = java.time.Duration.ofMinutes(10);

  /**
   * Finds a person by ID or certificate number (POST body, never a URL); 404 when unknown or out of scope.
   * For non-admins every look-up is audited as {@code LOOKUP_PERSON} ({@code by}, {@code result} HIT / MISS /
   * THROTTLED and the person's id on a hit; the number is never stored) and misses are limited: a miss is reserved
   * before the search (atomic, so parallel requests cannot overshoot) and given back on a hit; once
   * {@value #MAX_LOOKUP_MISSES} misses fall within 10 minutes every look-up of that user is 429 with Retry-After.
   */
  public Person lookup(AppUser user, Lookup in) {
    boolean hasId = in.idNumber() != null && !in.idNumber().isBlank();
    boolean hasCert = in.certificateNo() != null && !in.certificateNo().isBlank();
    if (hasId == hasCert) throw ApiException.invalid(hasId ? "certificateNo" : "idNumber", "请提供身份证号或残疾人证号之一 / give exactly one of idNumber or certificateNo");
    String value = (hasId ? in.idNumber() : in.certificateNo()).strip();
    if (value.length() > 20) throw ApiException.invalid(hasId ? "idNumber" : "certificateNo", "号码过长 / number too long");
    String column = hasId ? "id_number_hash" : "certificate_hash";
    if (user.isAdmin()) {
      return jdbi.inTransaction(h -> {
        UUID id = new PersonDao(h, mapper).idByHash(column, cipher.lookupHash(value)).orElseThrow(() -> ApiException.notFound("人员 person"));
        scope.requireReadable(h, user, id);
        return show(h, user, new PersonDao(h, mapper).find(id).orElseThrow());
      });
    }
    String by = hasId ? "idNumber" : "certificateNo";
    RateLimiter.Outcome slot = limiter.reserve("lookup:miss:" + user.id(), MAX_LOOKUP_MISSES, LOOKUP_WINDOW, clock.instant());
    if (!slot.ok()) {
      jdbi.useTransaction(h -> audit.record(h, user, "LOOKUP_PERSON", "person", null, null, Map.of("by", by, "result", "THROTTLED")));
      long seconds = slot.refused().get().seconds();
      throw new ApiException(429, "too-many-lookups", "尝试次数过多 Too many requests",
          "查询未命中次数过多，请 " + seconds + " 秒后再试 / too many look-ups without a match, retry in " + seconds + " s", null)
          .header("Retry-After", Long.toString(seconds));
    }
    Optional<Person> found;
    try {
      found = jdbi.inTransaction(h -> {
        PersonDao dao = new PersonDao(h, mapper);
        Optional<UUID> id = dao.idByHash(column, cipher.lookupHash(value));
        if (id.isPresent() && user.is(cn.donghe.rehab.auth.Role.INSTITUTION)) {
          // card in hand: an institution finds anyone by full number, and the look-up gives it reach for 24 hours
          scope.grantLookup(h, user, id.get());
        } else if (id.isPresent() && !scope.canRead(h, user, id.get())) {
          id = Optional.empty();
        }
        if (id.isEmpty()) {
          audit.record(h, user, "LOOKUP_PERSON", "person", null, null, Map.of("by", by, "result", "MISS"));
          return Optional.<Person>empty();
        }
        audit.record(h, user, "LOOKUP_PERSON", "person", id.get(), null, Map.of("by", by, "result", "HIT"));
        return Optional.of(show(h, user, dao.find(id.get()).orElseThrow()));
      });
    } catch (RuntimeException e) {
      limiter.release(slot.reservation().get()); // nothing was answered
      throw e;
    }
    if (found.isEmpty()) throw ApiException.notFound("人员 person"); // the reservation stays: it was a miss
    limiter.release(slot.reservation().get());
    return found.get();
  }

  public Page<Person> list(AppUser user, String regionCode, String category, String grade, String q, String status, PageRequest page) {
    if (regionCode != null && !regionCode.matches("[0-9]{12}")) throw ApiException.badRequest("regionCode", "区划代码为 12 位数字 / regionCode must be 12 digits");
    if (category != null && Category.parse(category) == null) throw ApiException.badRequest("category", "未知残疾类别 / unknown category");
    if (status != null && !STATUSES.contains(status)) throw ApiException.badRequest("status", "未知状态 / unknown status");
    Integer g = null;
    if (grade != null) {
      if (!grade.matches("[1-4]")) throw ApiException.badRequest("grade", "等级为 1 到 4 / grade must be 1..4");
      g = Integer.parseInt(grade);
    }
    if (q != null && q.length() > 50) throw ApiException.badRequest("q", "查询过长 / query too long");
    String like = q == null || q.isBlank() ? null : "%" + Text.clean(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    PersonDao.PersonQuery pq = new PersonDao.PersonQuery(regionCode == null ? "" : RegionCodes.prefix(regionCode), category, g, like, status);
    return jdbi.withHandle(h -> Page.of(new PersonDao(h, mapper).list(scope.filter(user, "p"), pq, page.after(), page.fetch())
        .stream().map(p -> listed(user, p)).toList(), page.limit(), Person::id));
  }

  /** Stores a changed person (region, contact, status) with its UPDATE audit row; the caller checked the change. */
  void updateChecked(Handle h, AppUser admin, Person before, Person after) {
    new PersonDao(h, mapper).update(after);
    audit.record(h, admin, "UPDATE", "person", before.id(), before, after);
  }

  static Person.Guardian cleanGuardian(Person.Guardian g) { return clean(g); }

  static boolean isStatus(String s) { return STATUSES.contains(s); }

  public record PersonPatch(String status, LocalDate statusDate, String regionCode, String phone, Person.Guardian guardian) {}

  public Person patch(AppUser admin, UUID id, PersonPatch in) {
    Checks c = new Checks();
    c.require(in.status() == null || STATUSES.contains(in.status()), "status", "状态须为 ACTIVE、DECEASED、MOVED_OUT 或 CANCELLED / unknown status");
    c.require(in.status() == null || in.status().equals("ACTIVE") || in.statusDate() != null, "statusDate", "变更状态时必须填写日期 / statusDate required with status");
    c.require(in.statusDate() == null || !in.statusDate().isAfter(LocalDate.now(clock)), "statusDate", "日期不能晚于今天 / cannot be in the future");
    c.require(in.regionCode() == null || in.regionCode().matches("[0-9]{12}"), "regionCode", "区划代码为 12 位数字 / 12-digit code");
    if (in.phone() != null) c.require(in.phone().matches("[0-9+\\- ]{5,30}"), "phone", "电话号码格式错误 / invalid phone number");
    PersonRules.checkGuardian(c, in.guardian());
    c.throwIfAny();
    return jdbi.inTransaction(h -> {
      scope.requireReadable(h, admin, id);
      PersonDao dao = new PersonDao(h, mapper);
      Person before = dao.find(id).orElseThrow(() -> ApiException.notFound("人员 person"));
      if (in.statusDate() != null) {
        c.require(!in.statusDate().isBefore(before.birthDate()), "statusDate", "日期不能早于出生日期 / before birth");
      }
      if (in.regionCode() != null) {
        String level = new RegionDao(h).level(in.regionCode()).orElse(null);
        c.require("COMMUNITY".equals(level), "regionCode", "区划不存在或不是社区/村 / unknown region or not a COMMUNITY");
        c.require(admin.isGlobalAdmin() || RegionCodes.within(in.regionCode(), admin.regionCode()), "regionCode", "只能在本辖区内 / only within your own region");
      }
      c.throwIfAny();
      String status = in.status() != null ? in.status() : before.status();
      LocalDate statusDate = in.status() != null ? (status.equals("ACTIVE") ? in.statusDate() : in.statusDate()) : before.statusDate();
      Person after = new Person(before.id(), before.name(), before.gender(), before.birthDate(), before.idNumber(), before.certificateNo(),
          before.category(), before.grade(), before.autism(), in.regionCode() != null ? in.regionCode() : before.regionCode(),
          in.phone() != null ? in.phone().strip() : before.phone(), in.guardian() != null ? clean(in.guardian()) : before.guardian(),
          status, statusDate, before.createdAt(), clock.instant());
      dao.update(after);
      audit.record(h, admin, "UPDATE", "person", id, before, after);
      return after;
    }).full(today());
  }
}
