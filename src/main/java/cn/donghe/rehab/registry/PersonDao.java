package cn.donghe.rehab.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Rows of the persons table; numbers come out masked, the ciphertext only on request. */
final class PersonDao {
  static final String COLUMNS = "p.id, p.name, p.gender, p.birth_date, p.id_number_masked, p.certificate_masked, p.category, p.grade, "
      + "p.autism, p.region_code, p.phone, p.guardian, p.status, p.status_date, p.created_at, p.updated_at";
  private final Handle h;
  private final ObjectMapper mapper;

  PersonDao(Handle h, ObjectMapper mapper) {
    this.h = h;
    this.mapper = mapper;
  }

  record Sealed(byte[] idEnc, byte[] idHash, String idMasked, byte[] certEnc, byte[] certHash, String certMasked) {}

  private static final String INSERT = """
      INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, certificate_enc,
        certificate_hash, certificate_masked, category, grade, autism, region_code, phone, guardian, status, created_at, updated_at)
      VALUES (:id, :name, :gender, :birthDate, :idEnc, :idHash, :idMasked, :certEnc, :certHash, :certMasked, :category, :grade,
        :autism, :region, :phone, CAST(:guardian AS jsonb), 'ACTIVE', :now, :now)""";

  void insert(Person p, Sealed s) {
    bind(h.createUpdate(INSERT), p, s).execute();
  }

  /** Many new persons in one JDBC batch (CSV import, demo data). */
  void insertAll(List<Person> persons, List<Sealed> sealed) {
    if (persons.isEmpty()) return;
    org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(INSERT);
    for (int i = 0; i < persons.size(); i++) bind(batch, persons.get(i), sealed.get(i)).add();
    batch.execute();
  }

  private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(S stmt, Person p, Sealed s) {
    return stmt.bind("id", p.id()).bind("name", p.name()).bind("gender", p.gender()).bind("birthDate", p.birthDate())
        .bind("idEnc", s.idEnc()).bind("idHash", s.idHash()).bind("idMasked", s.idMasked())
        .bind("certEnc", s.certEnc()).bind("certHash", s.certHash()).bind("certMasked", s.certMasked())
        .bind("category", p.category()).bind("grade", p.grade()).bind("autism", p.autism()).bind("region", p.regionCode())
        .bind("phone", p.phone()).bind("guardian", json(p.guardian())).bind("now", p.createdAt());
  }

  Optional<Person> find(UUID id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM persons p WHERE p.id = :id").bind("id", id).map((rs, c) -> person(rs)).findOne();
  }

  Optional<UUID> idByHash(String column, byte[] hash) {
    return h.createQuery("SELECT id FROM persons WHERE " + column + " = :h").bind("h", hash).mapTo(UUID.class).findOne();
  }

  /** Which of these keyed hashes are already registered in the column (hex-encoded, for bulk checks). */
  java.util.Set<String> takenHashes(String column, List<String> hexHashes) {
    if (hexHashes.isEmpty()) return java.util.Set.of();
    return new java.util.HashSet<>(h.createQuery("SELECT encode(" + column + ", 'hex') FROM persons WHERE " + column
            + " IN (SELECT decode(x, 'hex') FROM unnest(CAST(:hs AS text[])) AS x)")
        .bind("hs", hexHashes.toArray(new String[0])).mapTo(String.class).list());
  }

  /**
   * The registered persons with these ID-number hashes (hex), keyed by hash, locked for update (the upsert import
   * changes them in the same transaction; a concurrent PATCH waits instead of being overwritten).
   */
  java.util.Map<String, Person> byIdHashes(List<String> hexHashes, boolean forUpdate) {
    java.util.Map<String, Person> m = new java.util.HashMap<>();
    if (hexHashes.isEmpty()) return m;
    h.createQuery("SELECT encode(p.id_number_hash, 'hex') AS hash, " + COLUMNS + " FROM persons p WHERE p.id_number_hash IN "
            + "(SELECT decode(x, 'hex') FROM unnest(CAST(:hs AS text[])) AS x) ORDER BY p.id" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("hs", hexHashes.toArray(new String[0]))
        .map((rs, c) -> java.util.Map.entry(rs.getString("hash"), person(rs))).forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** ACTIVE persons of a region subtree (code prefix, "" for all) with their ID-number hash (hex), for reconciliation. */
  java.util.stream.Stream<java.util.Map.Entry<String, Person>> activeWithHashes(String regionPrefix) {
    return h.createQuery("SELECT encode(p.id_number_hash, 'hex') AS hash, " + COLUMNS + " FROM persons p WHERE p.status = 'ACTIVE'"
            + " AND p.region_code LIKE :prefix ORDER BY p.region_code, p.id")
        .bind("prefix", regionPrefix + "%")
        .map((rs, c) -> java.util.Map.entry(rs.getString("hash"), person(rs))).list().stream();
  }

  /** Serialises person imports (40 uploads at once queue here instead of racing on the same numbers). */
  void lockImports() {
    h.execute("SELECT pg_advisory_xact_lock(20020501)");
  }

  /** Levels of the given region codes that exist. */
  java.util.Map<String, String> regionLevels(java.util.Collection<String> codes) {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    if (codes.isEmpty()) return m;
    h.createQuery("SELECT code, level FROM regions WHERE code = ANY(:codes)").bind("codes", codes.toArray(new String[0]))
        .map((rs, c) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  record Encrypted(byte[] idEnc, byte[] certEnc) {}

  Encrypted encrypted(UUID id) {
    return h.createQuery("SELECT id_number_enc, certificate_enc FROM persons WHERE id = :id").bind("id", id)
        .map((rs, c) -> new Encrypted(rs.getBytes(1), rs.getBytes(2))).one();
  }

  List<Person> list(PersonScope.Filter scope, PersonQuery q, UUID after, int fetch) {
    return scope.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM persons p WHERE p.id > :after AND " + scope.sql()
            + " AND p.region_code LIKE :region AND (CAST(:category AS text) IS NULL OR p.category = :category)"
            + " AND (CAST(:grade AS smallint) IS NULL OR p.grade = :grade)"
            + " AND (CAST(:q AS text) IS NULL OR p.name LIKE :q ESCAPE '\\')"
            + " AND (CAST(:status AS text) IS NULL OR p.status = :status)"
            + " ORDER BY p.id LIMIT :n"))
        .bind("after", after).bind("region", q.regionPrefix() + "%").bind("category", q.category()).bind("grade", q.grade())
        .bind("q", q.nameLike()).bind("status", q.status()).bind("n", fetch)
        .map((rs, c) -> person(rs)).list();
  }

  void update(Person p) {
    h.createUpdate("""
        UPDATE persons SET region_code = :region, phone = :phone, guardian = CAST(:guardian AS jsonb), status = :status,
          status_date = :statusDate, updated_at = :now WHERE id = :id""")
        .bind("id", p.id()).bind("region", p.regionCode()).bind("phone", p.phone()).bind("guardian", json(p.guardian()))
        .bind("status", p.status()).bind("statusDate", p.statusDate()).bind("now", p.updatedAt()).execute();
  }

  private String json(Object o) {
    try {
      return o == null ? null : mapper.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Person person(ResultSet rs) throws SQLException {
    String g = rs.getString("guardian");
    Person.Guardian guardian;
    try {
      guardian = g == null ? null : mapper.readValue(g, Person.Guardian.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("bad guardian json", e);
    }
    int grade = rs.getInt("grade");
    Integer gradeOrNull = rs.wasNull() ? null : grade;
    return new Person(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("gender"),
        rs.getObject("birth_date", LocalDate.class), rs.getString("id_number_masked"), rs.getString("certificate_masked"),
        rs.getString("category"), gradeOrNull, rs.getBoolean("autism"), rs.getString("region_code"), rs.getString("phone"),
        guardian, rs.getString("status"), rs.getObject("status_date", LocalDate.class),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  record PersonQuery(String regionPrefix, String category, Integer grade, String nameLike, String status) {}

  static Instant now(java.time.Clock clock) { return clock.instant(); }
}
