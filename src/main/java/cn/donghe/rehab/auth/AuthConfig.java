package cn.donghe.rehab.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Token lifetime and login throttling. */
public class AuthConfig {
  @NotNull private Duration tokenLifetime = Duration.hours(12);
  @Min(1) @Max(10) private int maxFailedLogins = 10;
  @NotNull private Duration failedLoginWindow = Duration.minutes(15);
  /** How often expired/revoked tokens and stale throttle rows are deleted (0 = never). */
  @NotNull private Duration purgeEvery = Duration.hours(1);

  @JsonProperty public Duration getTokenLifetime() { return tokenLifetime; }
  @JsonProperty public void setTokenLifetime(Duration d) { this.tokenLifetime = d; }
  @JsonProperty public int getMaxFailedLogins() { return maxFailedLogins; }
  @JsonProperty public void setMaxFailedLogins(int n) { this.maxFailedLogins = n; }
  @JsonProperty public Duration getFailedLoginWindow() { return failedLoginWindow; }
  @JsonProperty public void setFailedLoginWindow(Duration d) { this.failedLoginWindow = d; }
  @JsonProperty public Duration getPurgeEvery() { return purgeEvery; }
  @JsonProperty public void setPurgeEvery(Duration d) { this.purgeEvery = d; }
}
