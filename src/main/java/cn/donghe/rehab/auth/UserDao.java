package cn.donghe.rehab.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Users, tokens and login throttling rows. */
final class UserDao {
  private static final String USER_COLUMNS = """
      u.id, u.username, u.role, u.display_name, u.institution_id, u.doctor_id, u.region_code,
      ARRAY(SELECT g.person_id FROM guardian_children g WHERE g.user_id = u.id ORDER BY g.person_id) AS children""";
  private final Handle h;

  UserDao(Handle h) { this.h = h; }

  record Credentials(AppUser user, String passwordHash) {}

  Optional<Credentials> credentials(String username) {
    return h.createQuery("SELECT " + USER_COLUMNS + ", u.password_hash FROM users u WHERE u.username = :u AND NOT u.disabled")
        .bind("u", username)
        .map((rs, ctx) -> new Credentials(user(rs), rs.getString("password_hash")))
        .findOne();
  }

  Optional<AppUser> byTokenHash(byte[] hash, Instant now) {
    return h.createQuery("SELECT " + USER_COLUMNS + " FROM auth_tokens t JOIN users u ON u.id = t.user_id "
            + "WHERE t.token_hash = :h AND t.revoked_at IS NULL AND t.expires_at > :now AND NOT u.disabled")
        .bind("h", hash).bind("now", now)
        .map((rs, ctx) -> user(rs))
        .findOne();
  }

  Optional<AppUser> byId(UUID id) {
    return h.createQuery("SELECT " + USER_COLUMNS + " FROM users u WHERE u.id = :id").bind("id", id).map((rs, ctx) -> user(rs)).findOne();
  }

  boolean usernameTaken(String username) {
    return h.createQuery("SELECT count(*) FROM users WHERE username = :u").bind("u", username).mapTo(Integer.class).one() > 0;
  }

  void insert(AppUser u, String passwordHash, Instant now) {
    h.createUpdate("""
        INSERT INTO users (id, username, password_hash, role, display_name, institution_id, doctor_id, region_code, created_at)
        VALUES (:id, :username, :hash, :role, :displayName, :institutionId, :doctorId, :regionCode, :now)""")
        .bind("id", u.id()).bind("username", u.username()).bind("hash", passwordHash).bind("role", u.role().name())
        .bind("displayName", u.displayName()).bind("institutionId", u.institutionId()).bind("doctorId", u.doctorId())
        .bind("regionCode", u.regionCode()).bind("now", now)
        .execute();
    for (UUID child : u.childPersonIds()) {
      h.createUpdate("INSERT INTO guardian_children (user_id, person_id) VALUES (:u, :p)").bind("u", u.id()).bind("p", child).execute();
    }
  }

  /** Users tied to the region subtree {@code prefix} ("" = all): by their own region, institution, doctor or child. */
  List<AppUser> list(UUID after, int fetch, String prefix) {
    return h.createQuery("SELECT " + USER_COLUMNS + """
             FROM users u WHERE u.id > :after AND (:prefix = ''
              OR u.region_code LIKE :like
              OR EXISTS (SELECT 1 FROM institutions i WHERE i.id = u.institution_id AND i.region_code LIKE :like)
              OR EXISTS (SELECT 1 FROM doctors d JOIN institutions i ON i.id = d.institution_id WHERE d.id = u.doctor_id AND i.region_code LIKE :like)
              OR EXISTS (SELECT 1 FROM guardian_children g JOIN persons p ON p.id = g.person_id WHERE g.user_id = u.id AND p.region_code LIKE :like))
            ORDER BY u.id LIMIT :n""")
        .bind("after", after).bind("n", fetch).bind("prefix", prefix).bind("like", prefix + "%").map((rs, ctx) -> user(rs)).list();
  }

  void insertToken(byte[] hash, UUID userId, Instant now, Instant expires) {
    h.createUpdate("INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :now, :exp)")
        .bind("h", hash).bind("u", userId).bind("now", now).bind("exp", expires).execute();
  }

  int revokeToken(byte[] hash, Instant now) {
    return h.createUpdate("UPDATE auth_tokens SET revoked_at = :now WHERE token_hash = :h AND revoked_at IS NULL")
        .bind("h", hash).bind("now", now).execute();
  }

  private static AppUser user(ResultSet rs) throws SQLException {
    Array arr = rs.getArray("children");
    List<UUID> children = arr == null ? List.of() : Arrays.stream((Object[]) arr.getArray()).map(o -> (UUID) o).toList();
    return new AppUser(rs.getObject("id", UUID.class), rs.getString("username"), Role.valueOf(rs.getString("role")),
        rs.getString("display_name"), rs.getObject("institution_id", UUID.class), rs.getObject("doctor_id", UUID.class),
        children, rs.getString("region_code"));
  }

  // ---- user lifecycle (UserLifecycle) ----

  boolean disabled(UUID id) {
    return h.createQuery("SELECT disabled FROM users WHERE id = :id").bind("id", id).mapTo(Boolean.class).one();
  }

  void setDisabled(UUID id, boolean disabled) {
    h.createUpdate("UPDATE users SET disabled = :d WHERE id = :id").bind("d", disabled).bind("id", id).execute();
  }

  String passwordHash(UUID id) {
    return h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", id).mapTo(String.class).one();
  }

  /** The hash of an enabled user, the row locked; empty when disabled or unknown. */
  java.util.Optional<String> lockActivePasswordHash(UUID id) {
    return h.createQuery("SELECT password_hash FROM users WHERE id = :id AND NOT disabled FOR UPDATE").bind("id", id)
        .mapTo(String.class).findOne();
  }

  void setPasswordHash(UUID id, String hash) {
    h.createUpdate("UPDATE users SET password_hash = :h WHERE id = :id").bind("h", hash).bind("id", id).execute();
  }

  /** Which of {@code ids} are persons whose region code is LIKE {@code scope} (one query). */
  java.util.Set<UUID> personsWithin(java.util.List<UUID> ids, String scope) {
    return new java.util.HashSet<>(h.createQuery("SELECT id FROM persons WHERE id = ANY(:ids) AND region_code LIKE :s")
        .bind("ids", ids.toArray(new UUID[0])).bind("s", scope).mapTo(UUID.class).list());
  }

  void replaceChildren(UUID userId, java.util.List<UUID> children) {
    h.createUpdate("DELETE FROM guardian_children WHERE user_id = :u").bind("u", userId).execute();
    for (UUID child : children) {
      h.createUpdate("INSERT INTO guardian_children (user_id, person_id) VALUES (:u, :p)").bind("u", userId).bind("p", child).execute();
    }
  }

  /** The user, row locked, if a region prefix ('' = district) reaches them through their region, institution, doctor or children. */
  java.util.Optional<UUID> lockInRegion(UUID id, String prefix) {
    return h.createQuery("""
        SELECT u.id FROM users u WHERE u.id = :id AND (:prefix = ''
            OR u.region_code LIKE :like
            OR EXISTS (SELECT 1 FROM institutions i WHERE i.id = u.institution_id AND i.region_code LIKE :like)
            OR EXISTS (SELECT 1 FROM doctors d JOIN institutions i ON i.id = d.institution_id WHERE d.id = u.doctor_id AND i.region_code LIKE :like)
            OR EXISTS (SELECT 1 FROM guardian_children g JOIN persons p ON p.id = g.person_id WHERE g.user_id = u.id AND p.region_code LIKE :like))
        FOR UPDATE OF u""")
        .bind("id", id).bind("prefix", prefix).bind("like", prefix + "%").mapTo(UUID.class).findOne();
  }

  /** Revokes the user's live tokens except {@code except} (a token hash, or null); how many. */
  int revokeLiveTokens(UUID userId, byte[] except, java.time.Instant now) {
    return h.createUpdate("UPDATE auth_tokens SET revoked_at = :now WHERE user_id = :u AND revoked_at IS NULL AND expires_at > :now "
            + "AND (CAST(:keep AS bytea) IS NULL OR token_hash <> :keep)")
        .bind("now", now).bind("u", userId).bind("keep", except).execute();
  }
}
