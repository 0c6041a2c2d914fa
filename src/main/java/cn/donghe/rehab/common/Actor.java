package cn.donghe.rehab.common;

import java.util.UUID;

/** Who does something, as recorded in audit events. */
public interface Actor {
  UUID actorId();
  String actorRole();

  Actor SYSTEM = new Actor() {
    @Override public UUID actorId() { return null; }
    @Override public String actorRole() { return "SYSTEM"; }
  };
}
