package cn.donghe.rehab.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.common.CryptoConfig;
import cn.donghe.rehab.common.IdNumberCipher;
import cn.donghe.rehab.support.Api;
import cn.donghe.rehab.support.Fixtures;
import cn.donghe.rehab.support.TestApp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
  private static final CryptoConfig CRYPTO = TestApp.context().config().getCrypto();
  private static final byte[] LOOKUP_KEY = Base64.getDecoder().decode(CRYPTO.getLookupKey());

  /** The running app's keys plus one more, with {@code current} as the key new values use. */
  private static IdNumberCipher cipherWith(Map<String, byte[]> extra, String current) {
    Map<String, byte[]> keys = IdNumberCipher.parseKeys(CRYPTO.getEncryptionKeys());
    keys.putAll(extra);
    return new IdNumberCipher(keys, current, LOOKUP_KEY);
  }

  private static KeyRotation rotation(IdNumberCipher cipher) {
    return new KeyRotation(TestApp.jdbi(), cipher, TestApp.context().audit());
  }

  private static byte[] column(UUID id, String column) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT " + column + " FROM persons WHERE id = :id").bind("id", id).mapTo(byte[].class).one());
  }

  private static UUID byHash(String column, byte[] hash) {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT id FROM persons WHERE " + column + " = :h").bind("h", hash).mapTo(UUID.class).one());
  }

  private static long rotationAuditRows() {
    return TestApp.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_events WHERE action = 'ROTATE_KEYS'").mapTo(Long.class).one());
  }

  @Test
  void rotation_reencryptsUnderTheNewKeyInResumableAuditedBatches_andLookupsStillWork() {
    List<NumberedPersons.Created> persons = NumberedPersons.persons(Fixtures.community(), 5);
    List<UUID> ids = NumberedPersons.ids(persons);
    String original = TestApp.context().cipher().currentKeyId();
    Map<String, byte[]> r2 = Map.of("r2", Base64.getDecoder().decode(IdNumberCipher.randomKey()));
    IdNumberCipher next = cipherWith(r2, "r2");
    long auditBefore = rotationAuditRows();
    List<String> progress = new ArrayList<>();
    try {
      // an interrupted run: one batch of two, three persons left under the old key
      KeyRotation.Result first = rotation(next).rotate(2, 1, ids, progress::add);
      assertEquals(1, first.batches());
      assertEquals(2, first.persons());
      assertEquals(3, first.remaining());

      // the second run resumes with the rest, and a third has nothing left to do
      KeyRotation.Result rest = rotation(next).rotate(2, Integer.MAX_VALUE, ids, progress::add);
      assertEquals(2, rest.batches());
      assertEquals(3, rest.persons());
      assertEquals(3, rest.idNumbers());
      assertEquals(3, rest.certificates());
      assertEquals(0, rest.remaining());
      assertEquals(0, rotation(next).rotate(2, Integer.MAX_VALUE, ids, progress::add).persons());
      assertEquals(3, progress.size());
      assertEquals(auditBefore + 3, rotationAuditRows(), "one audit row per batch");

      for (NumberedPersons.Created p : persons) {
        byte[] idEnc = column(p.id(), "id_number_enc");
        byte[] certEnc = column(p.id(), "certificate_enc");
        assertEquals("r2", IdNumberCipher.keyIdOf(idEnc));
        assertEquals("r2", IdNumberCipher.keyIdOf(certEnc));
        assertEquals(p.idNumber(), next.decrypt(idEnc));
        assertEquals(p.certificateNo(), next.decrypt(certEnc));
        // the running app does not know r2 yet: the old ciphertext is really gone
        assertThrows(IllegalStateException.class, () -> TestApp.context().cipher().decrypt(idEnc));
        // lookups use the unchanged HMAC column
        assertArrayEquals(TestApp.context().cipher().lookupHash(p.idNumber()), next.lookupHash(p.idNumber()));
        assertEquals(p.id(), byHash("id_number_hash", next.lookupHash(p.idNumber())));
        assertEquals(p.id(), byHash("certificate_hash", next.lookupHash(p.certificateNo())));
      }
      // and through the API (an institution sees masked numbers, so nothing needs decrypting)
      String inst = Fixtures.institution(Fixtures.community(), false, "REHAB").path("id").asText();
      Api.Resp found = Fixtures.institutionUser(inst).post("/persons/lookup", Map.of("idNumber", persons.get(0).idNumber()));
      assertEquals(200, found.status(), found.toString());
      assertEquals(persons.get(0).id().toString(), found.str("id"));
    } finally {
      // back under the app's key so that admins can read these persons again
      KeyRotation.Result back = rotation(cipherWith(r2, original)).rotate(100, Integer.MAX_VALUE, ids, s -> { });
      assertEquals(0, back.remaining());
    }
    Api.Resp full = TestApp.admin().get("/persons/" + persons.get(4).id());
    assertEquals(persons.get(4).idNumber(), full.str("idNumber"));
  }

  @Test
  void rotationAuditRows_nameKeysAndCounts_butNoNumbers() {
    List<NumberedPersons.Created> persons = NumberedPersons.persons(Fixtures.community(), 1);
    String original = TestApp.context().cipher().currentKeyId();
    Map<String, byte[]> r3 = Map.of("r3", Base64.getDecoder().decode(IdNumberCipher.randomKey()));
    try {
      rotation(cipherWith(r3, "r3")).rotate(10, Integer.MAX_VALUE, NumberedPersons.ids(persons), s -> { });
    } finally {
      rotation(cipherWith(r3, original)).rotate(10, Integer.MAX_VALUE, NumberedPersons.ids(persons), s -> { });
    }
    String after = TestApp.jdbi().withHandle(h -> h.createQuery(
        "SELECT after::text FROM audit_events WHERE action = 'ROTATE_KEYS' AND after->>'firstPersonId' = :id AND after->>'toKeyId' = 'r3'")
        .bind("id", persons.get(0).id().toString()).mapTo(String.class).one());
    assertTrue(after.contains("\"fromKeyIds\""), after);
    assertTrue(after.contains("\"idNumbers\": 1"), after);
    assertFalse(after.contains(persons.get(0).idNumber()));
    assertFalse(after.contains(persons.get(0).idNumber().substring(0, 14)));
  }
}
