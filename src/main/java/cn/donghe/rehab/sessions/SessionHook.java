package cn.donghe.rehab.sessions;

import cn.donghe.rehab.auth.AppUser;
import org.jdbi.v3.core.Handle;

/**
 * Runs in the transaction that logs a session, so that what follows from it (a referral completed) commits or rolls
 * back with it. Lets a later feature react without sessions depending on it.
 */
@FunctionalInterface
public interface SessionHook {
  void logged(Handle h, AppUser actor, Session session);
}
