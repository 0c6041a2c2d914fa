package cn.donghe.rehab.registry;

import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.IdNumberCipher;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-encrypts every stored ID and certificate number that is not under the cipher's current key id
 * with the current key. Works in batches; each batch is one transaction with its own audit row, so
 * an interrupted run keeps what it did and a second run simply continues (it only picks rows still
 * under an old key). The lookup hashes do not change (the HMAC key is not rotated here).
 *
 * <p>Reads the persons table directly rather than through PersonService: this is a maintenance
 * operation on the ciphertext columns only, which no feature service exposes on purpose.
 */
public final class KeyRotation {
  /** Ciphertext layout (see IdNumberCipher): [key-id length][key-id][iv][ct]; this extracts the key id in SQL. */
  private static final String KEY_ID_OF = "substring(%1$s FROM 2 FOR get_byte(%1$s, 0))";
  private final Jdbi jdbi;
  private final IdNumberCipher cipher;
  private final AuditLog audit;

  public KeyRotation(Jdbi jdbi, IdNumberCipher cipher, AuditLog audit) {
    this.jdbi = jdbi;
    this.cipher = cipher;
    this.audit = audit;
  }

  /** The key id every rotated number ends up under. */
  public String currentKeyId() { return cipher.currentKeyId(); }

  /** What a run did. {@code remaining} counts rows still under another key afterwards (0 when complete). */
  public record Result(int batches, int persons, int idNumbers, int certificates, long remaining) {}

  private record Row(UUID id, byte[] idEnc, byte[] certEnc) {}

  /** Rotates every person, {@code batchSize} rows per transaction. */
  public Result rotateAll(int batchSize, Consumer<String> progress) {
    return rotate(batchSize, Integer.MAX_VALUE, null, progress);
  }

  /**
   * Rotates at most {@code maxBatches} batches, optionally only the given persons (a targeted
   * re-encryption, also what the tests use on a shared database).
   */
  Result rotate(int batchSize, int maxBatches, Collection<UUID> only, Consumer<String> progress) {
    if (batchSize < 1 || batchSize > 10_000) throw new IllegalArgumentException("batch size must be 1..10000");
    byte[] current = cipher.currentKeyId().getBytes(StandardCharsets.US_ASCII);
    UUID after = new UUID(0, 0);
    int batches = 0;
    int persons = 0;
    int ids = 0;
    int certs = 0;
    while (batches < maxBatches) {
      UUID from = after;
      Batch done = jdbi.inTransaction(h -> batch(h, current, from, batchSize, only));
      if (done.persons() == 0) break;
      batches++;
      persons += done.persons();
      ids += done.idNumbers();
      certs += done.certificates();
      after = done.lastId();
      progress.accept("batch " + batches + ": " + done.persons() + " persons re-encrypted (" + persons + " so far)");
    }
    long remaining = jdbi.withHandle(h -> stale(h, "SELECT count(*) FROM persons p", current, only).mapTo(Long.class).one());
    return new Result(batches, persons, ids, certs, remaining);
  }

  private record Batch(int persons, int idNumbers, int certificates, UUID lastId) {}

  private Batch batch(Handle h, byte[] current, UUID after, int size, Collection<UUID> only) {
    List<Row> rows = stale(h, "SELECT p.id, p.id_number_enc, p.certificate_enc FROM persons p", current, only,
        " AND p.id > :after ORDER BY p.id LIMIT :n FOR UPDATE")
        .bind("after", after).bind("n", size)
        .map((rs, c) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getBytes(3))).list();
    if (rows.isEmpty()) return new Batch(0, 0, 0, after);
    int ids = 0;
    int certs = 0;
    Map<String, Integer> fromKeys = new LinkedHashMap<>();
    for (Row r : rows) {
      byte[] newId = r.idEnc();
      if (!cipher.currentKeyId().equals(IdNumberCipher.keyIdOf(r.idEnc()))) {
        fromKeys.merge(IdNumberCipher.keyIdOf(r.idEnc()), 1, Integer::sum);
        newId = cipher.encrypt(cipher.decrypt(r.idEnc()));
        ids++;
      }
      byte[] newCert = r.certEnc();
      if (r.certEnc() != null && !cipher.currentKeyId().equals(IdNumberCipher.keyIdOf(r.certEnc()))) {
        fromKeys.merge(IdNumberCipher.keyIdOf(r.certEnc()), 1, Integer::sum);
        newCert = cipher.encrypt(cipher.decrypt(r.certEnc()));
        certs++;
      }
      h.createUpdate("UPDATE persons SET id_number_enc = :i, certificate_enc = :c WHERE id = :id")
          .bind("i", newId).bind("c", newCert).bind("id", r.id()).execute();
    }
    UUID lastId = rows.get(rows.size() - 1).id();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("toKeyId", cipher.currentKeyId());
    summary.put("fromKeyIds", fromKeys);
    summary.put("persons", rows.size());
    summary.put("idNumbers", ids);
    summary.put("certificates", certs);
    summary.put("firstPersonId", rows.get(0).id());
    summary.put("lastPersonId", lastId);
    audit.record(h, Actor.SYSTEM, "ROTATE_KEYS", "persons", null, null, summary);
    return new Batch(rows.size(), ids, certs, lastId);
  }

  /** A query over the persons whose ID or certificate ciphertext is under a key other than the current one. */
  private static org.jdbi.v3.core.statement.Query stale(Handle h, String select, byte[] current, Collection<UUID> only) {
    return stale(h, select, current, only, "");
  }

  private static org.jdbi.v3.core.statement.Query stale(Handle h, String select, byte[] current, Collection<UUID> only, String tail) {
    String sql = select + " WHERE (" + KEY_ID_OF.formatted("p.id_number_enc") + " <> :kid OR (p.certificate_enc IS NOT NULL AND "
        + KEY_ID_OF.formatted("p.certificate_enc") + " <> :kid))" + (only == null ? "" : " AND p.id = ANY(:only)") + tail;
    var q = h.createQuery(sql).bind("kid", current);
    if (only != null) q.bind("only", only.toArray(new UUID[0]));
    return q;
  }
}
