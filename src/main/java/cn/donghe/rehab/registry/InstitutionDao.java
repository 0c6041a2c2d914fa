package cn.donghe.rehab.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of institutions and their family doctors. */
final class InstitutionDao {
  private static final String INSTITUTION = "SELECT id, name, region_code, services, child_aid_designated FROM institutions";
  private static final String DOCTOR = "SELECT d.id, d.name, d.institution_id, d.license_no FROM doctors d";
  private final Handle h;

  InstitutionDao(Handle h) { this.h = h; }

  void insert(Institution i, Instant now) {
    h.createUpdate("INSERT INTO institutions (id, name, region_code, services, child_aid_designated, created_at) VALUES (:id, :name, :region, :services, :aid, :now)")
        .bind("id", i.id()).bind("name", i.name()).bind("region", i.regionCode()).bind("services", i.services().toArray(new String[0]))
        .bind("aid", i.childAidDesignated()).bind("now", now).execute();
  }

  /** Up to {@code n} institutions after {@code after} whose region code starts with {@code prefix}; a null service matches all. */
  List<Institution> list(UUID after, String prefix, String service, int n) {
    return h.createQuery(INSTITUTION + """
             WHERE id > :after AND region_code LIKE :prefix AND (CAST(:service AS text) IS NULL OR :service = ANY(services))
            ORDER BY id LIMIT :n""")
        .bind("after", after).bind("prefix", prefix + "%").bind("service", service).bind("n", n)
        .map((rs, ctx) -> institution(rs)).list();
  }

  Optional<Institution> find(UUID id) {
    return h.createQuery(INSTITUTION + " WHERE id = :id").bind("id", id).map((rs, ctx) -> institution(rs)).findOne();
  }

  boolean regionExists(String code) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM regions WHERE code = :c)").bind("c", code).mapTo(Boolean.class).one();
  }

  boolean licenseTaken(String licenseNo) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM doctors WHERE license_no = :l)").bind("l", licenseNo).mapTo(Boolean.class).one();
  }

  void insertDoctor(Doctor d, Instant now) {
    h.createUpdate("INSERT INTO doctors (id, name, institution_id, license_no, created_at) VALUES (:id, :name, :inst, :lic, :now)")
        .bind("id", d.id()).bind("name", d.name()).bind("inst", d.institutionId()).bind("lic", d.licenseNo()).bind("now", now).execute();
  }

  /** Up to {@code n} doctors after {@code after} of institutions whose region code starts with {@code prefix}. */
  List<Doctor> listDoctors(UUID after, String prefix, UUID institutionId, int n) {
    return h.createQuery(DOCTOR + """
             JOIN institutions i ON i.id = d.institution_id
            WHERE d.id > :after AND i.region_code LIKE :prefix AND (CAST(:inst AS uuid) IS NULL OR d.institution_id = :inst)
            ORDER BY d.id LIMIT :n""")
        .bind("after", after).bind("prefix", prefix + "%").bind("inst", institutionId).bind("n", n)
        .map((rs, ctx) -> doctor(rs)).list();
  }

  Optional<Doctor> findDoctor(UUID id) {
    return h.createQuery(DOCTOR + " WHERE d.id = :id").bind("id", id).map((rs, ctx) -> doctor(rs)).findOne();
  }

  private static Institution institution(ResultSet rs) throws SQLException {
    return new Institution(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("region_code"),
        Arrays.asList((String[]) rs.getArray("services").getArray()), rs.getBoolean("child_aid_designated"));
  }

  private static Doctor doctor(ResultSet rs) throws SQLException {
    return new Doctor(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4));
  }
}
