package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.donghe.rehab.RehabApplication;
import cn.donghe.rehab.RehabConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Invalid configuration stops start-up with a message naming the setting (and never the secret). */
class ConfigurationTest {
  private static final String KEY = IdNumberCipher.randomKey();

  private static RehabConfiguration parse(String yaml) throws Exception {
    var factory = new YamlConfigurationFactory<>(RehabConfiguration.class, Validators.newValidator(),
        RehabApplication.configureMapper(Jackson.newObjectMapper()), "cfgtest");  // not "dw": the running test app set dw.* overrides
    return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
  }

  private static String refusal(String yaml) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(yaml));
    return e.getMessage();
  }

  @Test
  void validKeysAndZone_areAccepted() {
    assertDoesNotThrow(() -> parse("zone: Asia/Shanghai\ncrypto:\n  encryptionKeys: \"k1:" + KEY + "\"\n  lookupKey: \"" + KEY + "\"\n"));
  }

  @Test
  void unknownZone_stopsStartUp_namingZone() {
    assertTrue(refusal("zone: Mars/Olympus_Mons\n").contains("zone"));
  }

  @Test
  void encryptionKeyThatIsNotBase64_stopsStartUp_withoutPrintingTheKey() {
    String secret = "k1:this-is-not-base64!";
    String msg = refusal("crypto:\n  encryptionKeys: \"" + secret + "\"\n  lookupKey: \"" + KEY + "\"\n");
    assertTrue(msg.contains("ID_ENCRYPTION_KEYS"), msg);
    assertTrue(!msg.contains("this-is-not-base64"), msg);
  }

  @Test
  void shortKey_unknownCurrentKeyId_missingLookupKey_areEachNamed() {
    String shortKey = java.util.Base64.getEncoder().encodeToString(new byte[16]);
    assertTrue(refusal("crypto:\n  encryptionKeys: \"k1:" + shortKey + "\"\n  lookupKey: \"" + KEY + "\"\n").contains("32 bytes"));
    assertTrue(refusal("crypto:\n  encryptionKeys: \"k1:" + KEY + "\"\n  currentKeyId: k9\n  lookupKey: \"" + KEY + "\"\n")
        .contains("ID_CURRENT_KEY_ID"));
    assertTrue(refusal("crypto:\n  encryptionKeys: \"k1:" + KEY + "\"\n").contains("ID_LOOKUP_KEY"));
  }

  @Test
  void databaseUrlThatIsNotPostgres_stopsStartUp() {
    assertTrue(refusal("database:\n  url: \"mysql://db/rehab\"\n").contains("DATABASE_URL"));
  }

  @Test
  void noIdKeys_withoutTheDevelopmentOptIn_stopsStartUp_namingTheSettings() {
    String msg = refusal("zone: Asia/Shanghai\n");
    assertTrue(msg.contains("ID_ENCRYPTION_KEYS") && msg.contains("ID_KEYS_DEV_FILE"), msg);
  }

  @Test
  void noIdKeys_withTheDevelopmentOptIn_useTheKeyFile_outsideTheDatabaseDirectory() throws Exception {
    RehabConfiguration c = parse("crypto:\n  devKeyFile: true\n");
    assertTrue(c.getCrypto().isDevKeyFile());
    java.nio.file.Path keyFile = java.nio.file.Path.of(c.getCrypto().getKeyFile()).toAbsolutePath().normalize();
    java.nio.file.Path pgDir = java.nio.file.Path.of(c.getDatabase().getEmbeddedDataDir()).toAbsolutePath().normalize();
    // a copy of the database directory (data/) must not carry the keys that decrypt it
    assertTrue(!keyFile.startsWith(pgDir.getParent()), keyFile + " is inside " + pgDir.getParent());
  }

  @Test
  void databasePassword_isNeverPrinted() throws Exception {
    RehabConfiguration c = parse("crypto:\n  devKeyFile: true\ndatabase:\n  url: \"jdbc:postgresql://db/rehab\"\n  password: \"s3cret-pw\"\n");
    assertTrue(!c.getDatabase().toString().contains("s3cret-pw"));
    assertTrue(!Jackson.newObjectMapper().writeValueAsString(c.getDatabase()).contains("s3cret-pw"));
  }
}
