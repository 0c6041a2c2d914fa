package cn.donghe.rehab.db;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** Healthy when a pooled connection answers a query within the pool's wait time. */
public class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public DatabaseHealthCheck(Jdbi jdbi) { this.jdbi = jdbi; }

  @Override protected Result check() {
    try {
      int one = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      return one == 1 ? Result.healthy() : Result.unhealthy("unexpected answer");
    } catch (RuntimeException e) {
      return Result.unhealthy("database unreachable: " + e.getClass().getSimpleName());
    }
  }
}
