package cn.donghe.rehab.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * Keys that protect ID and certificate numbers at rest. {@code encryptionKeys} is
 * "id:base64key[,id:base64key...]" (AES-256), {@code currentKeyId} picks the one new values use,
 * {@code lookupKey} is the HMAC key of the search column. When empty, start-up is refused unless
 * {@code devKeyFile} (ID_KEYS_DEV_FILE=true, development only) allows a generated key file under
 * {@code keyFile} (never in the database nor its directory). Keys are never printed.
 */
@CryptoConfig.UsableKeys
public class CryptoConfig {
  private String encryptionKeys = "";
  private String currentKeyId = "";
  private String lookupKey = "";
  @NotBlank private String keyFile = "keys/id-number-keys.properties";
  private boolean devKeyFile = false;

  @JsonIgnore public String getEncryptionKeys() { return encryptionKeys; }
  @JsonProperty public void setEncryptionKeys(String k) { this.encryptionKeys = k == null ? "" : k.trim(); }
  @JsonProperty public String getCurrentKeyId() { return currentKeyId; }
  @JsonProperty public void setCurrentKeyId(String k) { this.currentKeyId = k == null ? "" : k.trim(); }
  @JsonIgnore public String getLookupKey() { return lookupKey; }
  @JsonProperty public void setLookupKey(String k) { this.lookupKey = k == null ? "" : k.trim(); }
  @JsonProperty public String getKeyFile() { return keyFile; }
  @JsonProperty public void setKeyFile(String f) { this.keyFile = f; }
  @JsonProperty public boolean isDevKeyFile() { return devKeyFile; }
  @JsonProperty public void setDevKeyFile(boolean d) { this.devKeyFile = d; }

  /** Null when the configured keys are usable, else what is wrong (never the key material). */
  @JsonIgnore
  public String keyProblem() {
    if (encryptionKeys.isEmpty() && !devKeyFile) {
      return "no ID-number keys configured: set encryptionKeys (ID_ENCRYPTION_KEYS) and lookupKey (ID_LOOKUP_KEY), "
          + "or, for development only, ID_KEYS_DEV_FILE=true for a generated key file";
    }
    if (!encryptionKeys.isEmpty()) {
      java.util.Map<String, byte[]> keys;
      try {
        keys = IdNumberCipher.parseKeys(encryptionKeys);
      } catch (IllegalArgumentException e) {
        return "encryptionKeys (ID_ENCRYPTION_KEYS) must be 'keyId:base64-of-32-bytes[,keyId:...]'";
      }
      if (keys.isEmpty()) return "encryptionKeys (ID_ENCRYPTION_KEYS) holds no key";
      for (var e : keys.entrySet()) {
        if (!e.getKey().matches("[A-Za-z0-9_-]{1,20}")) return "encryptionKeys: key id '" + e.getKey() + "' must be 1-20 letters, digits, _ or -";
        if (e.getValue().length != 32) return "encryptionKeys: key '" + e.getKey() + "' must be 32 bytes (base64 of 256 bits), not " + e.getValue().length;
      }
      if (!currentKeyId.isEmpty() && !keys.containsKey(currentKeyId)) {
        return "currentKeyId (ID_CURRENT_KEY_ID) '" + currentKeyId + "' is not among the keys in encryptionKeys";
      }
      if (lookupKey.isEmpty()) return "lookupKey (ID_LOOKUP_KEY) is required when encryptionKeys is set";
    }
    if (!lookupKey.isEmpty()) {
      try {
        if (java.util.Base64.getDecoder().decode(lookupKey).length < 32) return "lookupKey (ID_LOOKUP_KEY) must be at least 32 bytes";
      } catch (IllegalArgumentException e) {
        return "lookupKey (ID_LOOKUP_KEY) must be base64";
      }
    }
    return null;
  }

  /** Refuses start-up (Dropwizard prints "config.yml has an error: * crypto ...") when the keys are unusable. */
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @jakarta.validation.Constraint(validatedBy = UsableKeys.Validator.class)
  public @interface UsableKeys {
    String message() default "unusable ID-number keys";
    Class<?>[] groups() default {};
    Class<? extends jakarta.validation.Payload>[] payload() default {};

    /** Reports {@link CryptoConfig#keyProblem()} as the violation message. */
    class Validator implements jakarta.validation.ConstraintValidator<UsableKeys, CryptoConfig> {
      @Override public boolean isValid(CryptoConfig c, jakarta.validation.ConstraintValidatorContext ctx) {
        String problem = c == null ? null : c.keyProblem();
        if (problem == null) return true;
        ctx.disableDefaultConstraintViolation();
        ctx.buildConstraintViolationWithTemplate(problem.replace("{", "(").replace("}", ")").replace("$", ""))
            .addConstraintViolation();
        return false;
      }
    }
  }

  @Override public String toString() { return "CryptoConfig{keys=***, currentKeyId=" + currentKeyId + ", keyFile=" + keyFile + "}"; }
}
