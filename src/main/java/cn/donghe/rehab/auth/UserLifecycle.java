package cn.donghe.rehab.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import cn.donghe.rehab.common.ApiException;
import cn.donghe.rehab.common.AuditLog;
import cn.donghe.rehab.common.Checks;
import cn.donghe.rehab.common.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What happens to accounts after creation (DESIGN section 2, users): disable/enable, revoke all
 * tokens, change one's own password, replace a guardian's children. Every change writes its audit
 * row in the same transaction. A regional ADMIN reaches only users tied to their region subtree
 * (the same rule as the user list); anyone else is answered like an unknown id.
 */
public final class UserLifecycle {
  private final Jdbi jdbi;
  private final Clock clock;
  private final AuditLog audit;
  private final AuthService auth;

  public UserLifecycle(Jdbi jdbi, Clock clock, AuditLog audit, AuthService auth) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.audit = audit;
    this.auth = auth;
  }

  /** Disables (or enables) the account; a disabled user's tokens stop at once (they are revoked too). */
  public void setDisabled(AppUser admin, String rawId, boolean disabled) {
    UUID id = Ids.parseOrNotFound(rawId, "用户 user");
    jdbi.useTransaction(h -> {
      AppUser target = lockInReach(h, admin, id);
      if (disabled && target.id().equals(admin.id())) {
        throw ApiException.conflict("cannot-disable-self", "不能停用自己的账号 / you cannot disable your own account");
      }
      UserDao dao = new UserDao(h);
      boolean was = dao.disabled(id);
      if (was == disabled) return; // nothing to change, nothing to audit
      dao.setDisabled(id, disabled);
      int revoked = disabled ? revokeAll(h, id, null) : 0;
      audit.record(h, admin, disabled ? "DISABLE" : "ENABLE", "user", id, Map.of("disabled", was),
          disabled ? Map.of("disabled", true, "tokensRevoked", revoked) : Map.of("disabled", false));
    });
  }

  /** Revokes every live token of the user (they log in again). */
  public void revokeTokens(AppUser admin, String rawId) {
    UUID id = Ids.parseOrNotFound(rawId, "用户 user");
    jdbi.useTransaction(h -> {
      lockInReach(h, admin, id);
      int n = revokeAll(h, id, null);
      audit.record(h, admin, "REVOKE_TOKENS", "user", id, null, Map.of("tokensRevoked", n));
    });
  }

  /** {@code {"current","new"}}. */
  public record PasswordChange(
      @com.fasterxml.jackson.annotation.JsonProperty("current") @io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED) String current,
      @com.fasterxml.jackson.annotation.JsonProperty("new") @io.swagger.v3.oas.annotations.media.Schema(name = "new", requiredMode = REQUIRED)
      String newPassword) {}

  /**
   * Changes the caller's password: the current one must match, the new one follows the creation
   * policy; every other token of the caller is revoked (the one used for this request stays). A wrong current
   * password counts like a failed login ({@link AuthService#verifyOwnPassword}: 429 with Retry-After over the limit).
   */
  public void changePassword(AppUser user, String currentToken, PasswordChange in, String clientAddress) {
    Checks c = new Checks();
    c.required(in == null ? null : in.current(), "current");
    c.required(in == null ? null : in.newPassword(), "new");
    c.throwIfAny();
    String pv = Passwords.policyViolation(in.newPassword());
    if (pv != null) throw ApiException.invalid("new", pv);
    // throttled and gated like a login, argon2 outside the transaction; the row is re-checked under lock below
    String hash = auth.verifyOwnPassword(user, in.current(), "current", clientAddress);
    String newHash = Passwords.hash(in.newPassword());
    jdbi.useTransaction(h -> {
      UserDao dao = new UserDao(h);
      String now = dao.lockActivePasswordHash(user.id()).orElseThrow(() -> ApiException.notFound("用户 user"));
      if (!now.equals(hash)) throw ApiException.conflict("password-changed", "密码刚被修改，请重试 / the password was just changed, try again");
      dao.setPasswordHash(user.id(), newHash);
      int n = revokeAll(h, user.id(), Tokens.hash(currentToken));
      audit.record(h, user, "CHANGE_PASSWORD", "user", user.id(), null, Map.of("otherTokensRevoked", n));
    });
  }

  public record Children(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = REQUIRED) List<UUID> childPersonIds) {}

  /** Replaces a GUARDIAN's children (link and unlink); the guardian's reach changes with the next request. */
  public AppUser replaceChildren(AppUser admin, String rawId, Children in) {
    UUID id = Ids.parseOrNotFound(rawId, "用户 user");
    List<UUID> children = in == null || in.childPersonIds() == null ? null : in.childPersonIds().stream().distinct().toList();
    return jdbi.inTransaction(h -> {
      AppUser target = lockInReach(h, admin, id);
      Checks c = new Checks();
      c.require(target.role() == Role.GUARDIAN, "childPersonIds", "仅监护人可关联儿童 / only GUARDIAN users have children");
      c.required(children, "childPersonIds");
      c.require(children == null || !children.isEmpty() || target.role() != Role.GUARDIAN, "childPersonIds",
          "监护人必须至少关联一名儿童；不再需要的账号请停用 / at least one child; disable the account instead");
      c.throwIfAny();
      String scope = admin.regionPrefix() + "%";
      UserDao dao = new UserDao(h);
      java.util.Set<UUID> known = dao.personsWithin(children, scope);
      Checks refs = new Checks();
      for (UUID child : children) refs.require(known.contains(child), "childPersonIds", "人员不存在 / unknown person " + child);
      refs.throwIfAny();
      List<UUID> before = target.childPersonIds();
      dao.replaceChildren(id, children);
      audit.record(h, admin, "UPDATE_CHILDREN", "user", id, Map.of("childPersonIds", before), Map.of("childPersonIds", children));
      return new UserDao(h).byId(id).orElseThrow();
    });
  }

  /** The user, locked, if the admin may manage them; else 404 like an unknown id. */
  private static AppUser lockInReach(Handle h, AppUser admin, UUID id) {
    String prefix = admin.regionPrefix();
    Optional<UUID> found = new UserDao(h).lockInRegion(id, prefix);
    if (found.isEmpty()) throw ApiException.notFound("用户 user");
    return new UserDao(h).byId(id).orElseThrow(() -> ApiException.notFound("用户 user"));
  }

  private int revokeAll(Handle h, UUID userId, byte[] except) {
    return new UserDao(h).revokeLiveTokens(userId, except, clock.instant());
  }
}
