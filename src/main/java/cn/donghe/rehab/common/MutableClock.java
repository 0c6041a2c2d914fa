package cn.donghe.rehab.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The application's clock. Production follows the system clock; tests may pin or shift it so that
 * "today" (in the configured zone) is under their control.
 */
public final class MutableClock extends Clock {
  private volatile Instant fixed;
  private final ZoneId zone;

  public MutableClock(ZoneId zone) { this.zone = zone; }

  @Override public ZoneId getZone() { return zone; }
  @Override public Clock withZone(ZoneId z) { return Clock.fixed(instant(), z); }
  @Override public Instant instant() { Instant f = fixed; return f != null ? f : Instant.now(); }

  public void set(Instant at) { this.fixed = at; }
  public void reset() { this.fixed = null; }
}
