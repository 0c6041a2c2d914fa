package cn.donghe.rehab.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of person_ratings (append-only) and the persons columns that mirror the rating in force. */
final class RatingDao {
  private final Handle h;

  RatingDao(Handle h) { this.h = h; }

  /** A stored rating row (current is worked out by the caller). */
  record Row(UUID id, UUID personId, String category, Integer grade, String certificateMasked, LocalDate effectiveDate,
             String reason, Instant createdAt) {}

  List<Row> history(UUID personId) {
    return h.createQuery("""
            SELECT id, person_id, category, grade, certificate_masked, effective_date, reason, created_at
              FROM person_ratings WHERE person_id = :p ORDER BY effective_date DESC""")
        .bind("p", personId)
        .map((rs, c) -> {
          int g = rs.getInt("grade");
          return new Row(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getString("category"),
              rs.wasNull() ? null : g, rs.getString("certificate_masked"), rs.getObject("effective_date", LocalDate.class),
              rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
        }).list();
  }

  Optional<LocalDate> latestEffectiveDate(UUID personId) {
    return h.createQuery("SELECT max(effective_date) FROM person_ratings WHERE person_id = :p").bind("p", personId)
        .mapTo(LocalDate.class).findOne();
  }

  boolean exists(UUID personId, LocalDate effective) {
    return h.createQuery("SELECT count(*) FROM person_ratings WHERE person_id = :p AND effective_date = :d")
        .bind("p", personId).bind("d", effective).mapTo(Integer.class).one() > 0;
  }

  void insert(Row r, UUID actor) {
    h.createUpdate("""
            INSERT INTO person_ratings (id, person_id, category, grade, certificate_masked, effective_date, reason, created_at, created_by)
            VALUES (:id, :p, :category, :grade, :cert, :effective, :reason, :at, :by)""")
        .bind("id", r.id()).bind("p", r.personId()).bind("category", r.category()).bind("grade", r.grade())
        .bind("cert", r.certificateMasked()).bind("effective", r.effectiveDate()).bind("reason", r.reason())
        .bind("at", r.createdAt()).bind("by", actor).execute();
  }

  /** The person row follows its rating in force: category, grade and the (re-issued) certificate number. */
  void mirrorOnPerson(UUID personId, Row r, PersonDao.Sealed certificate, Instant now) {
    h.createUpdate("""
            UPDATE persons SET category = :category, grade = :grade, certificate_enc = :enc, certificate_hash = :hash,
                   certificate_masked = :masked, updated_at = :now WHERE id = :p""")
        .bind("p", personId).bind("category", r.category()).bind("grade", r.grade())
        .bind("enc", certificate == null ? null : certificate.certEnc()).bind("hash", certificate == null ? null : certificate.certHash())
        .bind("masked", certificate == null ? null : certificate.certMasked()).bind("now", now).execute();
  }

  /** The keyed hash of the person's ID number (to check that a certificate number belongs to them, without decrypting). */
  byte[] idNumberHash(UUID personId) {
    return h.createQuery("SELECT id_number_hash FROM persons WHERE id = :p").bind("p", personId).mapTo(byte[].class).one();
  }
}
