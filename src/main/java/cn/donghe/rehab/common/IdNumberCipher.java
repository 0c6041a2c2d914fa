package cn.donghe.rehab.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts identity numbers with AES-256-GCM (JCA) and computes their keyed lookup hash
 * (HMAC-SHA256). Ciphertext layout: [key-id length][key-id bytes][12-byte IV][ciphertext+tag], so
 * several keys can be live during a rotation.
 */
public final class IdNumberCipher {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, SecretKeySpec> keys;
  private final String currentKeyId;
  private final SecretKeySpec lookupKey;

  public IdNumberCipher(Map<String, byte[]> keys, String currentKeyId, byte[] lookupKey) {
    if (keys.isEmpty()) throw new IllegalArgumentException("no encryption key configured");
    if (!keys.containsKey(currentKeyId)) throw new IllegalArgumentException("currentKeyId '" + currentKeyId + "' is not among the configured keys");
    Map<String, SecretKeySpec> m = new LinkedHashMap<>();
    keys.forEach((id, k) -> {
      if (k.length != 32) throw new IllegalArgumentException("encryption key '" + id + "' must be 32 bytes (base64 of 256 bits)");
      if (!id.matches("[A-Za-z0-9_-]{1,20}")) throw new IllegalArgumentException("bad key id '" + id + "'");
      m.put(id, new SecretKeySpec(k, "AES"));
    });
    if (lookupKey.length < 32) throw new IllegalArgumentException("lookupKey must be at least 32 bytes");
    this.keys = m;
    this.currentKeyId = currentKeyId;
    this.lookupKey = new SecretKeySpec(lookupKey, "HmacSHA256");
  }

  public static IdNumberCipher fromConfig(CryptoConfig c) {
    String keySpec = c.getEncryptionKeys();
    String current = c.getCurrentKeyId();
    String lookup = c.getLookupKey();
    if (keySpec.isEmpty() || lookup.isEmpty()) {
      if (!c.isDevKeyFile()) {
        throw new IllegalStateException("no ID-number keys configured: set ID_ENCRYPTION_KEYS and ID_LOOKUP_KEY, "
            + "or ID_KEYS_DEV_FILE=true for a development key file");
      }
      Properties p = DevKeyFile.loadOrCreate(Path.of(c.getKeyFile()), DevKeyFile.LEGACY);
      if (keySpec.isEmpty()) keySpec = p.getProperty("encryptionKeys");
      if (lookup.isEmpty()) lookup = p.getProperty("lookupKey");
      if (current.isEmpty()) current = p.getProperty("currentKeyId");
    }
    Map<String, byte[]> keys = parseKeys(keySpec);
    if (current.isEmpty()) current = keys.keySet().iterator().next();
    return new IdNumberCipher(keys, current, Base64.getDecoder().decode(lookup));
  }

  public static Map<String, byte[]> parseKeys(String spec) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String t = part.trim();
      if (t.isEmpty()) continue;
      int i = t.indexOf(':');
      if (i <= 0) throw new IllegalArgumentException("encryptionKeys must look like 'id:base64key,...'");
      keys.put(t.substring(0, i), Base64.getDecoder().decode(t.substring(i + 1)));
    }
    return keys;
  }

  public static String randomKey() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  public byte[] encrypt(String plain) {
    if (plain == null) return null;
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(128, iv));
      byte[] kid = currentKeyId.getBytes(StandardCharsets.US_ASCII);
      c.updateAAD(kid);
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + kid.length + iv.length + ct.length).put((byte) kid.length).put(kid).put(iv).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(byte[] stored) {
    if (stored == null) return null;
    try {
      ByteBuffer b = ByteBuffer.wrap(stored);
      byte[] kid = new byte[b.get()];
      b.get(kid);
      byte[] iv = new byte[12];
      b.get(iv);
      byte[] ct = new byte[b.remaining()];
      b.get(ct);
      SecretKeySpec key = keys.get(new String(kid, StandardCharsets.US_ASCII));
      if (key == null) throw new IllegalStateException("ciphertext uses an unknown key id");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
      c.updateAAD(kid);
      return new String(c.doFinal(ct), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("decryption failed", e);
    }
  }

  /** Key id a stored value was encrypted with. */
  public static String keyIdOf(byte[] stored) {
    return new String(stored, 1, stored[0], StandardCharsets.US_ASCII);
  }

  public String currentKeyId() { return currentKeyId; }

  /** Deterministic keyed hash for equality lookups and uniqueness; the number is upper-cased first. */
  public byte[] lookupHash(String plain) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(lookupKey);
      return mac.doFinal(plain.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("hmac failed", e);
    }
  }
}
