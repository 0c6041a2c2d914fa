package cn.donghe.rehab.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Token lifetime and login throttling: at most {@code maxFailedLogins} consecutive failures per username and
 * {@code maxFailedLoginsPerAddress} failures per client address within {@code failedLoginWindow} (sliding);
 * at most {@code maxConcurrentPasswordChecks} argon2 checks at once (0 = one per available processor), with
 * up to {@code passwordCheckQueue} more waiting at most {@code passwordCheckWait}; beyond that 503.
 */
public class AuthConfig {
  @NotNull private Duration tokenLifetime = Duration.hours(12);
  @Min(1) @Max(10) private int maxFailedLogins = 10;
  @NotNull private Duration failedLoginWindow = Duration.minutes(15);
  @Min(1) private int maxFailedLoginsPerAddress = 30;
  @Min(0) @Max(64) private int maxConcurrentPasswordChecks = 0;
  @Min(0) @Max(1000) private int passwordCheckQueue = 16;
  @NotNull private Duration passwordCheckWait = Duration.seconds(30);
  /** How often expired/revoked tokens and stale throttle rows are deleted (0 = never). */
  @NotNull private Duration purgeEvery = Duration.hours(1);

  @JsonProperty public Duration getTokenLifetime() { return tokenLifetime; }
  @JsonProperty public void setTokenLifetime(Duration d) { this.tokenLifetime = d; }
  @JsonProperty public int getMaxFailedLogins() { return maxFailedLogins; }
  @JsonProperty public void setMaxFailedLogins(int n) { this.maxFailedLogins = n; }
  @JsonProperty public Duration getFailedLoginWindow() { return failedLoginWindow; }
  @JsonProperty public void setFailedLoginWindow(Duration d) { this.failedLoginWindow = d; }
  @JsonProperty public int getMaxFailedLoginsPerAddress() { return maxFailedLoginsPerAddress; }
  @JsonProperty public void setMaxFailedLoginsPerAddress(int n) { this.maxFailedLoginsPerAddress = n; }
  @JsonProperty public int getMaxConcurrentPasswordChecks() { return maxConcurrentPasswordChecks; }
  @JsonProperty public void setMaxConcurrentPasswordChecks(int n) { this.maxConcurrentPasswordChecks = n; }
  @JsonProperty public int getPasswordCheckQueue() { return passwordCheckQueue; }
  @JsonProperty public void setPasswordCheckQueue(int n) { this.passwordCheckQueue = n; }
  @JsonProperty public Duration getPasswordCheckWait() { return passwordCheckWait; }
  @JsonProperty public void setPasswordCheckWait(Duration d) { this.passwordCheckWait = d; }

  /** The number of argon2 checks allowed at once: the configured number, or one per processor (at least 2). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public int concurrentPasswordChecks() {
    return maxConcurrentPasswordChecks > 0 ? maxConcurrentPasswordChecks : Math.max(2, Runtime.getRuntime().availableProcessors());
  }
  @JsonProperty public Duration getPurgeEvery() { return purgeEvery; }
  @JsonProperty public void setPurgeEvery(Duration d) { this.purgeEvery = d; }
}
