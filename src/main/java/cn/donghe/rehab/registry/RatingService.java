package cn.donghe.rehab.registry;

import cn.donghe.rehab.auth.AppUser;
import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Text;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-rating with history (DESIGN section 13): a new rating is appended, never overwrites; the person row mirrors
 * the latest one. Effective dates in the future are refused, so the latest rating is the one in force today, and
 * reports find the rating in force on any other day in person_ratings (see 205-person-ratings.sql).
 */
public final class RatingService {
  private final Jdbi jdbi;
  private final PersonService persons;
  private final AuditLog audit;
  private final Clock clock;

  public RatingService(Jdbi jdbi, PersonService persons, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.persons = persons;
    this.audit = audit;
    this.clock = clock;
  }

  /** 201 the new rating; 404 unknown or out of the admin's region; 409 not ACTIVE or a rating already on that day; 422. */
  public Rating rate(AppUser admin, UUID personId, Rating.Input in) {
    return jdbi.inTransaction(h -> {
      persons.scope().requireReadable(h, admin, personId);
      Person before = persons.find(h, personId).orElseThrow(() -> ApiException.notFound("人员 person"));
      check(h, before, in).throwIfAny();
      requireApplicable(h, before, in);
      return apply(h, admin, before, in);
    });
  }

  public Rating.History history(AppUser admin, UUID personId) {
    return jdbi.inTransaction(h -> {
      persons.scope().requireReadable(h, admin, personId);
      persons.find(h, personId).orElseThrow(() -> ApiException.notFound("人员 person"));
      List<RatingDao.Row> rows = new RatingDao(h).history(personId);
      LocalDate latest = rows.isEmpty() ? null : rows.get(0).effectiveDate();
      return new Rating.History(rows.stream().map(r -> show(r, r.effectiveDate().equals(latest))).toList());
    });
  }

  /** The field rules of a rating for this person (also each row of the upsert import). */
  Checks check(Handle h, Person p, Rating.Input in) {
    Checks c = new Checks();
    LocalDate today = LocalDate.now(clock);
    Category category = PersonRules.checkRating(c, in.category(), in.grade());
    c.required(in.effectiveDate(), "effectiveDate");
    if (in.effectiveDate() != null) {
      c.require(!in.effectiveDate().isAfter(today), "effectiveDate", "生效日期不能晚于今天 / effective date cannot be in the future");
      c.require(!in.effectiveDate().isBefore(p.birthDate()), "effectiveDate", "生效日期不能早于出生日期 / effective date before birth");
    }
    c.required(in.reason() == null || in.reason().isBlank() ? null : in.reason(), "reason");
    Text.check(c, in.reason(), 200, "reason");
    String cert = in.certificateNo() == null || in.certificateNo().isBlank() ? null : in.certificateNo().strip().toUpperCase(Locale.ROOT);
    boolean adult = Period.between(p.birthDate(), today).getYears() >= 18;
    c.require(cert != null || (!adult && p.certificateNo() == null), "certificateNo",
        "须提供新的残疾人证号 / the (re-issued) certificate number is required");
    if (cert != null) {
      boolean shape = cert.matches("[0-9]{17}[0-9X][1-7][1-4]");
      c.require(shape, "certificateNo", "残疾人证号为身份证号加类别和等级两位 / certificate = ID number + category digit + grade digit");
      if (shape) {
        byte[] own = new RatingDao(h).idNumberHash(p.id());
        c.require(Arrays.equals(own, persons.cipher().lookupHash(cert.substring(0, 18))), "certificateNo",
            "残疾人证号与本人身份证号不一致 / certificate does not belong to this person's ID number");
        PersonRules.checkCertificateDigits(c, cert, category, in.grade());
      }
    }
    return c;
  }

  /** 409 when the person is not ACTIVE or already has a rating effective that day. */
  void requireApplicable(Handle h, Person p, Rating.Input in) {
    if (!"ACTIVE".equals(p.status())) {
      throw ApiException.conflict("person-not-active", "只能为在册（ACTIVE）人员重新评定 / only ACTIVE persons can be re-rated");
    }
    if (new RatingDao(h).exists(p.id(), in.effectiveDate())) {
      throw new ApiException(409, "rating-exists", "与当前状态冲突 Conflict", "effectiveDate: 该日期已有评定 / a rating with this effective date exists",
          List.of(new cn.donghe.rehab.common.FieldError("effectiveDate", "该日期已有评定 / a rating with this effective date exists")));
    }
  }

  /** Appends a checked rating and, when it is the newest, mirrors it on the person; one RATE audit row. */
  Rating apply(Handle h, AppUser admin, Person before, Rating.Input in) {
    RatingDao dao = new RatingDao(h);
    String cert = in.certificateNo() == null || in.certificateNo().isBlank() ? null : in.certificateNo().strip().toUpperCase(Locale.ROOT);
    RatingDao.Row row = new RatingDao.Row(Ids.newId(), before.id(), in.category(), in.grade(),
        cert == null ? null : IdNumbers.maskCertificate(cert), in.effectiveDate(), Text.clean(in.reason()), clock.instant());
    boolean current = dao.latestEffectiveDate(before.id()).map(d -> in.effectiveDate().isAfter(d)).orElse(true);
    dao.insert(row, admin == null ? null : admin.id());
    if (current) dao.mirrorOnPerson(before.id(), row, persons.sealCertificate(cert), clock.instant());
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("ratingId", row.id());
    after.put("category", row.category());
    after.put("grade", row.grade());
    after.put("certificateNo", row.certificateMasked());
    after.put("effectiveDate", row.effectiveDate());
    after.put("reason", row.reason());
    after.put("current", current);
    Map<String, Object> was = new LinkedHashMap<>();
    was.put("category", before.category());
    was.put("grade", before.grade());
    audit.record(h, admin, "RATE", "person", before.id(), was, after);
    return show(row, current);
  }

  private static Rating show(RatingDao.Row r, boolean current) {
    return new Rating(r.id(), r.personId(), r.category(), r.grade(), r.certificateMasked(), r.effectiveDate(), r.reason(), current,
        r.createdAt());
  }
}
