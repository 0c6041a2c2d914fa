package cn.donghe.rehab.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/**
 * Keys that protect ID and certificate numbers at rest. {@code encryptionKeys} is
 * "id:base64key[,id:base64key...]" (AES-256), {@code currentKeyId} picks the one new values use,
 * {@code lookupKey} is the HMAC key of the search column. When empty, a development key file is
 * created under {@code keyFile} (never in the database). Keys are never printed.
 */
public class CryptoConfig {
  private String encryptionKeys = "";
  private String currentKeyId = "";
  private String lookupKey = "";
  @NotBlank private String keyFile = "data/id-number-keys.properties";

  @JsonIgnore public String getEncryptionKeys() { return encryptionKeys; }
  @JsonProperty public void setEncryptionKeys(String k) { this.encryptionKeys = k == null ? "" : k.trim(); }
  @JsonProperty public String getCurrentKeyId() { return currentKeyId; }
  @JsonProperty public void setCurrentKeyId(String k) { this.currentKeyId = k == null ? "" : k.trim(); }
  @JsonIgnore public String getLookupKey() { return lookupKey; }
  @JsonProperty public void setLookupKey(String k) { this.lookupKey = k == null ? "" : k.trim(); }
  @JsonProperty public String getKeyFile() { return keyFile; }
  @JsonProperty public void setKeyFile(String f) { this.keyFile = f; }

  @Override public String toString() { return "CryptoConfig{keys=***, currentKeyId=" + currentKeyId + ", keyFile=" + keyFile + "}"; }
}
