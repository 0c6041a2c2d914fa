package cn.donghe.rehab.auth;

import cn.donghe.rehab.common.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the argon2 checks of logins (19 MiB and ~tens of ms of CPU each): {@code permits} run at once,
 * up to {@code queue} more wait at most {@code wait}; anything beyond is refused at once with 503 and
 * {@code Retry-After: 1}, so a flood of logins costs neither memory nor a pile of blocked threads.
 */
public final class PasswordCheckGate {
  private final Semaphore permits;
  private final int size;
  private final int limit;
  private final Duration wait;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  PasswordCheckGate(int permits, int queue, Duration wait) {
    this.size = permits;
    this.permits = new Semaphore(permits, true);
    this.limit = permits + queue;
    this.wait = wait;
  }

  boolean verify(String password, String hash) {
    if (admitted.incrementAndGet() > limit) {
      admitted.decrementAndGet();
      throw busy();
    }
    try {
      if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) throw busy();
      try {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        return Passwords.verify(password, hash);
      } finally {
        running.decrementAndGet();
        permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      admitted.decrementAndGet();
    }
  }

  /** The most checks that ran at the same time since start (or since {@link #resetPeak()}). */
  public int peak() { return peak.get(); }

  public void resetPeak() { peak.set(running.get()); }

  /** How many checks may run at once. */
  public int permits() { return size; }

  private static ApiException busy() {
    return new ApiException(503, "login-busy", "服务暂不可用 Service unavailable",
        "登录请求过多，请稍后再试 / too many logins in progress, retry shortly", null).header("Retry-After", "1");
  }
}
