package cn.donghe.rehab.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Password hashing with argon2id (password4j, PHC string format) and the password policy:
 * 8..128 characters, not on the bundled list of common/breached passwords.
 */
public final class Passwords {
  /** OWASP's minimum argon2id profile: m=19 MiB, t=2, p=1. */
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  private static final Set<String> COMMON = loadCommon();
  /** A real hash of a random string, checked when the username is unknown so timing does not tell. */
  private static final String DUMMY = hash("dummy-password-for-timing-" + System.nanoTime());

  private Passwords() {}

  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public static boolean verify(String password, String hash) {
    if (password == null) return false;
    if (hash == null) {
      Password.check(password, DUMMY).with(ARGON2);
      return false;
    }
    return Password.check(password, hash).with(ARGON2);
  }

  /** Null when acceptable, else the reason (zh / en). */
  public static String policyViolation(String password) {
    if (password == null || password.length() < 8) return "密码至少 8 个字符 / password needs at least 8 characters";
    if (password.length() > 128) return "密码最多 128 个字符 / password must be at most 128 characters";
    if (COMMON.contains(password.toLowerCase(Locale.ROOT))) return "该密码过于常见或已泄露 / this password is too common or known to be breached";
    return null;
  }

  private static Set<String> loadCommon() {
    Set<String> s = new HashSet<>();
    try (InputStream in = Passwords.class.getResourceAsStream("/common-passwords.txt")) {
      if (in == null) return s;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT)).forEach(s::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }
}
