package cn.donghe.rehab.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import cn.donghe.rehab.common.Page;
import cn.donghe.rehab.common.PageRequest;
import cn.donghe.rehab.common.RateLimiter;
import cn.donghe.rehab.common.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Login, tokens, throttling and user accounts. */
public final class AuthService {
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final AuthConfig config;
  private final RateLimiter limiter;
  private final PasswordCheckGate hashing;

  public AuthService(Jdbi jdbi, Clock clock, AuditLog audit, AuthConfig config) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.config = config;
    this.limiter = new RateLimiter(jdbi);
    this.hashing = new PasswordCheckGate(config.concurrentPasswordChecks(), config.getPasswordCheckQueue(),
        config.getPasswordCheckWait().toJavaDuration());
  }

  public record TokenGrant(String token, Instant expiresAt, Role role, String displayName) {}

  /**
   * Checks the password. Before any hashing, one attempt is reserved atomically against the username's limit
   * (consecutive failures) and the client address's limit (failures across usernames); refused -> 429 with
   * Retry-After and nothing hashed. A wrong password keeps both reservations (they are the failures); a right
   * one clears the username's run and gives the address its attempt back. At most
   * {@link AuthConfig#concurrentPasswordChecks()} argon2 checks run at once (19 MiB each); a short queue
   * waits, beyond it 503 with Retry-After and the reservations are given back. Same answers whether the
   * username exists or not.
   */
  public TokenGrant login(String rawUsername, String password, String clientAddress) {
    String username = normalise(rawUsername);
    // no account can have such a name (see createUser): same answer as a wrong password, nothing stored
    if (!username.matches("[a-z0-9._@-]{3,64}")) {
      throw new ApiException(401, "invalid-credentials", "未登录或令牌无效 Unauthorized", "用户名或密码错误 / wrong username or password", null);
    }
    java.util.concurrent.atomic.AtomicReference<Optional<UserDao.Credentials>> creds = new java.util.concurrent.atomic.AtomicReference<>();
    boolean ok = throttledCheck(username, clientAddress, password, () -> {
      creds.set(jdbi.withHandle(h -> new UserDao(h).credentials(username)));
      return creds.get().map(UserDao.Credentials::passwordHash).orElse(null);
    }, "登录失败次数过多 / too many failed logins");
    if (!ok) {
      throw new ApiException(401, "invalid-credentials", "未登录或令牌无效 Unauthorized", "用户名或密码错误 / wrong username or password", null);
    }
    Instant now = clock.instant();
    AppUser user = creds.get().get().user();
    String token = Tokens.newToken();
    Instant expires = now.plus(config.getTokenLifetime().toJavaDuration());
    jdbi.useTransaction(h -> {
      UserDao dao = new UserDao(h);
      dao.insertToken(Tokens.hash(token), user.id(), now, expires);
      audit.record(h, user, "LOGIN", "user", user.id(), null, null);
    });
    return new TokenGrant(token, expires, user.role(), user.displayName());
  }

  /**
   * Checks a signed-in user's own password ({@code POST /me/password}) with the same reservations, limits and
   * argon2 gate as {@link #login}, on the same keys: a wrong current password is a guess like a failed login, so
   * a stolen token adds no guesses to those the login form allows, and once the limit is reached even the right
   * password waits for the window (429 with Retry-After). Returns the stored hash that matched (for the caller's
   * re-check under lock); a wrong password -> 422 naming {@code field}.
   */
  public String verifyOwnPassword(AppUser user, String password, String field, String clientAddress) {
    java.util.concurrent.atomic.AtomicReference<String> hash = new java.util.concurrent.atomic.AtomicReference<>();
    boolean ok = throttledCheck(normalise(user.username()), clientAddress, password, () -> {
      hash.set(jdbi.withHandle(h -> new UserDao(h).passwordHash(user.id())));
      return hash.get();
    }, "密码错误次数过多 / too many wrong passwords");
    if (!ok) throw ApiException.invalid(field, "当前密码不正确 / the current password is wrong");
    return hash.get();
  }

  /**
   * Reserves one attempt against the username's and the address's limits before any hashing (refused -> 429 and
   * nothing hashed), then checks the password through the gate. Wrong: both reservations stay (they are the
   * failures). Right: the username's run of failures ends and the address gets its attempt back. Busy or a
   * database failure: no password was judged, so nothing counts.
   */
  private boolean throttledCheck(String username, String clientAddress, String password, java.util.function.Supplier<String> storedHash,
                                 String tooMany) {
    Instant now = clock.instant();
    Duration window = config.getFailedLoginWindow().toJavaDuration();
    RateLimiter.Outcome byUser = limiter.reserve(USER_KEY + username, config.getMaxFailedLogins(), window, now);
    if (!byUser.ok()) throw throttled(byUser.refused().get(), tooMany);
    RateLimiter.Outcome byAddress = limiter.reserve(ADDRESS_KEY + clientAddress, config.getMaxFailedLoginsPerAddress(), window, now);
    if (!byAddress.ok()) {
      limiter.release(byUser.reservation().get());
      throw throttled(byAddress.refused().get(), tooMany);
    }
    boolean ok;
    try {
      ok = hashing.verify(password, storedHash.get());
    } catch (RuntimeException e) {
      limiter.release(byUser.reservation().get());
      limiter.release(byAddress.reservation().get());
      throw e;
    }
    if (ok) {
      limiter.reset(USER_KEY + username);
      limiter.release(byAddress.reservation().get());
    }
    return ok;
  }

  private static final String USER_KEY = "login:user:";
  private static final String ADDRESS_KEY = "login:addr:";

  private static ApiException throttled(RateLimiter.Refused r, String what) {
    long seconds = r.seconds();
    String[] zhEn = what.split(" / ", 2);
    return new ApiException(429, "too-many-login-attempts", "尝试次数过多 Too many requests",
        zhEn[0] + "，请 " + seconds + " 秒后再试 / " + zhEn[1] + ", retry in " + seconds + " s", null)
        .header("Retry-After", Long.toString(seconds));
  }

  /** The gate in front of argon2 (for tests: how many checks ran at once at most). */
  public PasswordCheckGate passwordChecks() { return hashing; }

  public Optional<AppUser> authenticate(String token) {
    if (token == null || token.length() > 100) return Optional.empty();
    return jdbi.withHandle(h -> new UserDao(h).byTokenHash(Tokens.hash(token), clock.instant()));
  }

  public void logout(AppUser user, String token) {
    jdbi.useTransaction(h -> {
      if (new UserDao(h).revokeToken(Tokens.hash(token), clock.instant()) > 0) {
        audit.record(h, user, "LOGOUT", "user", user.id(), null, null);
      }
    });
  }

  public record NewUser(@Schema(requiredMode = REQUIRED) String username, @Schema(requiredMode = REQUIRED) String password,
                        @Schema(requiredMode = REQUIRED) String role, @Schema(requiredMode = REQUIRED) String displayName,
                        UUID institutionId, UUID doctorId, List<UUID> childPersonIds, String regionCode) {}

  public AppUser createUser(AppUser actor, NewUser in) {
    return jdbi.inTransaction(h -> createUser(h, actor, in));
  }

  /** Creates a user inside the caller's transaction (demo data: institutions and children are not committed yet). */
  public AppUser createUser(org.jdbi.v3.core.Handle h, AppUser actor, NewUser in) {
    String username = normalise(in.username());
    Checks c = new Checks();
    c.required(in.username(), "username");
    c.require(in.username() == null || username.matches("[a-z0-9._@-]{3,64}"), "username",
        "用户名为 3-64 个字母、数字或 ._@- / 3-64 letters, digits or ._@-");
    String pv = Passwords.policyViolation(in.password());
    c.require(pv == null, "password", pv);
    Role role = parseRole(in.role(), c);
    if (role == Role.INSTITUTION || role == Role.DOCTOR) {
      cn.donghe.rehab.registry.InstitutionService.requireDistrictAdmin(actor);
    }
    c.required(in.displayName(), "displayName");
    Text.check(c, in.displayName(), 100, "displayName");
    List<UUID> children = in.childPersonIds() == null ? List.of() : in.childPersonIds().stream().distinct().toList();
    if (role != null) checkRoleFields(c, role, in, children);
    c.throwIfAny();
    if (actor != null && !actor.isGlobalAdmin()) {
      String prefix = actor.regionPrefix();
      if (role == Role.ADMIN && (in.regionCode() == null || !in.regionCode().startsWith(prefix))) {
        throw ApiException.invalid("regionCode", "辖区管理员只能创建本辖区内的管理员 / a regional admin may only create admins within their region");
      }
    }
    UserDao dao = new UserDao(h);
    Checks refs = new Checks();
    // a regional admin may only link records of their own region; others look unknown (no existence leak)
    String scope = (actor == null ? "" : actor.regionPrefix()) + "%";
    refs.require(in.institutionId() == null || inScope(h, "SELECT count(*) FROM institutions WHERE id = :v AND region_code LIKE :s", in.institutionId(), scope),
        "institutionId", "机构不存在 / unknown institution");
    refs.require(in.doctorId() == null || inScope(h, "SELECT count(*) FROM doctors d JOIN institutions i ON i.id = d.institution_id "
        + "WHERE d.id = :v AND i.region_code LIKE :s", in.doctorId(), scope), "doctorId", "医生不存在 / unknown doctor");
    refs.require(in.regionCode() == null || exists(h, "regions", "code", in.regionCode()), "regionCode", "区划不存在 / unknown region");
    for (UUID child : children) {
      refs.require(inScope(h, "SELECT count(*) FROM persons WHERE id = :v AND region_code LIKE :s", child, scope), "childPersonIds",
          "人员不存在 / unknown person " + child);
    }
    refs.throwIfAny();
    if (dao.usernameTaken(username)) throw ApiException.conflict("duplicate-username", "用户名已存在 / username already taken").with("field", "username");
    AppUser u = new AppUser(Ids.newId(), username, role, Text.clean(in.displayName()), in.institutionId(), in.doctorId(), children, in.regionCode());
    dao.insert(u, Passwords.hash(in.password()), clock.instant());
    audit.record(h, actor == null ? cn.donghe.rehab.common.Actor.SYSTEM : actor, "CREATE", "user", u.id(), null, snapshot(u));
    return u;
  }

  private static void checkRoleFields(Checks c, Role role, NewUser in, List<UUID> children) {
    c.require(role != Role.INSTITUTION || in.institutionId() != null, "institutionId", "机构用户必须指定机构 / required for INSTITUTION");
    c.require(role != Role.DOCTOR || in.doctorId() != null, "doctorId", "医生用户必须指定医生 / required for DOCTOR");
    c.require(role != Role.GUARDIAN || !children.isEmpty(), "childPersonIds", "监护人必须至少关联一名儿童 / at least one child required for GUARDIAN");
    c.require(role == Role.ADMIN || in.regionCode() == null, "regionCode", "只有管理员可以限定辖区 / only ADMIN users carry a region");
    c.require(role == Role.INSTITUTION || in.institutionId() == null, "institutionId", "仅机构用户可指定 / only for INSTITUTION");
    c.require(role == Role.DOCTOR || in.doctorId() == null, "doctorId", "仅医生用户可指定 / only for DOCTOR");
    c.require(role == Role.GUARDIAN || children.isEmpty(), "childPersonIds", "仅监护人可指定 / only for GUARDIAN");
  }

  /** The users a viewer may see: everyone for a global admin, those tied to their region for a regional one. */
  public Page<AppUser> list(AppUser viewer, PageRequest page) {
    String prefix = viewer.regionPrefix();
    return jdbi.withHandle(h -> Page.of(new UserDao(h).list(page.after(), page.fetch(), prefix), page.limit(), AppUser::id));
  }

  public Optional<AppUser> find(UUID id) {
    return jdbi.withHandle(h -> new UserDao(h).byId(id));
  }

  private static boolean inScope(org.jdbi.v3.core.Handle h, String sql, Object value, String scope) {
    return h.createQuery(sql).bind("v", value).bind("s", scope).mapTo(Integer.class).one() > 0;
  }

  private static boolean exists(org.jdbi.v3.core.Handle h, String table, String column, Object value) {
    return h.createQuery("SELECT count(*) FROM " + table + " WHERE " + column + " = :v").bind("v", value).mapTo(Integer.class).one() > 0;
  }

  private static Role parseRole(String role, Checks c) {
    if (role == null) { c.required(null, "role"); return null; }
    try {
      return Role.valueOf(role);
    } catch (IllegalArgumentException e) {
      c.require(false, "role", "角色必须是 ADMIN、INSTITUTION、DOCTOR 或 GUARDIAN / role must be ADMIN, INSTITUTION, DOCTOR or GUARDIAN");
      return null;
    }
  }

  private static Map<String, Object> snapshot(AppUser u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", u.username());
    m.put("role", u.role());
    m.put("displayName", u.displayName());
    m.put("institutionId", u.institutionId());
    m.put("doctorId", u.doctorId());
    m.put("childPersonIds", u.childPersonIds());
    m.put("regionCode", u.regionCode());
    return m;
  }

  static String normalise(String username) {
    return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
  }
}
