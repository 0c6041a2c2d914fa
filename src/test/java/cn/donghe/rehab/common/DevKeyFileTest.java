package cn.donghe.rehab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development key file: owner-only from creation, and moved out of the database directory. */
class DevKeyFileTest {
  @TempDir Path dir;

  @Test
  void aNewKeyFile_isOwnerOnly_andUsable() throws Exception {
    Path file = dir.resolve("keys/id-number-keys.properties");
    Properties p = DevKeyFile.loadOrCreate(file, dir.resolve("data/id-number-keys.properties"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    assertTrue(p.getProperty("encryptionKeys").startsWith("k1:"));
    // the same keys on the next start
    assertEquals(p, DevKeyFile.loadOrCreate(file, dir.resolve("data/id-number-keys.properties")));
  }

  @Test
  void aKeyFileAtTheOldPlaceInsideData_isMovedOnStart_soExistingDataStillDecrypts() throws Exception {
    Path legacy = dir.resolve("data/id-number-keys.properties");
    Files.createDirectories(legacy.getParent());
    Files.writeString(legacy, "encryptionKeys=k1:" + IdNumberCipher.randomKey() + "\ncurrentKeyId=k1\nlookupKey=" + IdNumberCipher.randomKey() + "\n");
    Properties old = new Properties();
    try (var r = Files.newBufferedReader(legacy)) { old.load(r); }
    Path file = dir.resolve("keys/id-number-keys.properties");

    Properties loaded = DevKeyFile.loadOrCreate(file, legacy);

    assertEquals(old, loaded);
    assertFalse(Files.exists(legacy), "the old copy beside the database is removed");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
