package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.Actor;
import cn.donghe.rehab.registry.RegionCodes;
import java.security.Principal;
import java.util.List;
import java.util.UUID;

/** The authenticated caller. */
public record AppUser(UUID id, String username, Role role, String displayName, UUID institutionId,
                      UUID doctorId, List<UUID> childPersonIds, String regionCode) implements Principal, Actor {
  @Override public String getName() { return username; }
  @Override public UUID actorId() { return id; }
  @Override public String actorRole() { return role.name(); }

  public boolean is(Role r) { return role == r; }
  public boolean isAdmin() { return role == Role.ADMIN; }
  /** ADMIN without a region: sees the whole database. */
  public boolean isGlobalAdmin() { return role == Role.ADMIN && regionCode == null; }

  /** The code prefix this admin is limited to, or "" for everything. */
  public String regionPrefix() { return regionCode == null ? "" : RegionCodes.prefix(regionCode); }
}
