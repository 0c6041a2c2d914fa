package cn.donghe.rehab.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development key file (only with {@code ID_KEYS_DEV_FILE=true}). It is created owner-only
 * (mode 600 given at open, so no byte is ever readable by others) in a directory of its own, beside
 * and never inside the embedded database's {@code data/}: a copy of {@code data/} must not carry
 * the keys that decrypt it. A key file left at the old place ({@code data/id-number-keys.properties})
 * is moved on start, so existing checkouts keep decrypting their data.
 */
public final class DevKeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(DevKeyFile.class);
  /** Where versions before the move kept the file: inside the embedded database's directory. */
  public static final Path LEGACY = Path.of("data", "id-number-keys.properties");

  private DevKeyFile() {}

  public static Properties loadOrCreate(Path file, Path legacy) {
    try {
      if (!Files.exists(file) && legacy != null && Files.exists(legacy) && !sameFile(file, legacy)) moveLegacy(legacy, file);
      if (Files.exists(file)) return read(file);
      LOG.warn("No ID-number keys configured (ID_ENCRYPTION_KEYS / ID_LOOKUP_KEY) and ID_KEYS_DEV_FILE=true: "
          + "generating a development key file {} (never use it in production)", file);
      Properties p = new Properties();
      p.setProperty("encryptionKeys", "k1:" + IdNumberCipher.randomKey());
      p.setProperty("currentKeyId", "k1");
      p.setProperty("lookupKey", IdNumberCipher.randomKey());
      try {
        writeOwnerOnly(file, p);
      } catch (FileAlreadyExistsException raced) {
        return read(file); // another process (create-user beside the server) created it first
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create key file " + file, e);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) { p.load(r); }
    return p;
  }

  private static void moveLegacy(Path legacy, Path file) throws IOException {
    Properties p = read(legacy);
    try {
      writeOwnerOnly(file, p);
    } catch (FileAlreadyExistsException raced) {
      return;
    }
    Files.delete(legacy);
    LOG.warn("Moved the development key file from {} to {} (out of the database directory)", legacy, file);
  }

  /** Creates {@code file} (which must not exist) with mode 600 from the first byte; its new directory gets 700. */
  static void writeOwnerOnly(Path file, Properties p) throws IOException {
    boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      if (posix) Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      else Files.createDirectories(parent);
    }
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
        : new FileAttribute<?>[0];
    try (var channel = Files.newByteChannel(file, options, attrs);
         Writer w = Channels.newWriter(channel, StandardCharsets.ISO_8859_1)) {
      p.store(w, "development keys for ID-number encryption; keep out of the database directory and its backups");
    }
  }
}
