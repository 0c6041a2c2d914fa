package cn.donghe.rehab;

import cn.donghe.rehab.auth.AuthConfig;
import cn.donghe.rehab.common.CryptoConfig;
import cn.donghe.rehab.db.DatabaseConfig;
import cn.donghe.rehab.devices.ReminderConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validated configuration; every deployment value comes from config.yml with environment overrides. */
public class RehabConfiguration extends Configuration {
  @Valid @NotNull private DatabaseConfig database = new DatabaseConfig();
  @Valid @NotNull private AuthConfig auth = new AuthConfig();
  @Valid @NotNull private CryptoConfig crypto = new CryptoConfig();
  @Valid @NotNull private ReminderConfig reminders = new ReminderConfig();
  /** The notification outbox's worker and outside channels (e-mail, webhook); channels off unless configured. */
  @Valid @NotNull private cn.donghe.rehab.notifications.NotificationConfig notifications = new cn.donghe.rehab.notifications.NotificationConfig();
  /** Late-entry window and per-session fee cap of POST /sessions. */
  @Valid @NotNull private cn.donghe.rehab.sessions.SessionConfig sessions = new cn.donghe.rehab.sessions.SessionConfig();
  /** How long to keep serving (health check already failing) after SIGTERM before connectors close. */
  @NotNull private io.dropwizard.util.Duration shutdownDelay = io.dropwizard.util.Duration.seconds(2);
  @NotNull private ZoneId zone = ZoneId.of("Asia/Shanghai");
  /** Reverse proxies whose X-Forwarded-Proto/-For are believed (TRUSTED_PROXIES; addresses or CIDR blocks; default none). */
  @NotNull private String trustedProxies = "";
  /** Background purges of expired Idempotency-Keys and look-up grants (HOUSEKEEPING; tests turn them off and run them directly). */
  private boolean housekeeping = true;
  /** Indicator targets in percent, by indicator code. */
  @NotNull private Map<String, BigDecimal> targets = new LinkedHashMap<>(Map.of(
      "REHAB_SERVICE_RATE", new BigDecimal("90"),
      "DEVICE_FITTING_RATE", new BigDecimal("90"),
      "DOCTOR_CONTRACT_RATE", new BigDecimal("100"),
      "PLAN_ADHERENCE", new BigDecimal("80")));

  @JsonProperty public DatabaseConfig getDatabase() { return database; }
  @JsonProperty public void setDatabase(DatabaseConfig database) { this.database = database; }
  @JsonProperty public AuthConfig getAuth() { return auth; }
  @JsonProperty public void setAuth(AuthConfig auth) { this.auth = auth; }
  @JsonProperty public CryptoConfig getCrypto() { return crypto; }
  @JsonProperty public void setCrypto(CryptoConfig crypto) { this.crypto = crypto; }
  @JsonProperty public ReminderConfig getReminders() { return reminders; }
  @JsonProperty public void setReminders(ReminderConfig reminders) { this.reminders = reminders; }
  @JsonProperty public cn.donghe.rehab.notifications.NotificationConfig getNotifications() { return notifications; }
  @JsonProperty public void setNotifications(cn.donghe.rehab.notifications.NotificationConfig n) { this.notifications = n; }
  @JsonProperty public io.dropwizard.util.Duration getShutdownDelay() { return shutdownDelay; }
  @JsonProperty public void setShutdownDelay(io.dropwizard.util.Duration d) { this.shutdownDelay = d; }
  @JsonProperty public String getTrustedProxies() { return trustedProxies; }
  @JsonProperty public void setTrustedProxies(String t) { this.trustedProxies = t == null ? "" : t.trim(); }

  /** Refuses start-up when TRUSTED_PROXIES holds something that is not an address or CIDR block. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  @io.dropwizard.validation.ValidationMethod(message = "trustedProxies (TRUSTED_PROXIES) must be comma-separated IP addresses or CIDR blocks")
  public boolean isTrustedProxiesValid() {
    try {
      cn.donghe.rehab.common.TrustedProxies.parse(trustedProxies);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @JsonProperty public boolean isHousekeeping() { return housekeeping; }
  @JsonProperty public void setHousekeeping(boolean h) { this.housekeeping = h; }
  @JsonProperty public ZoneId getZone() { return zone; }
  @JsonProperty public void setZone(ZoneId zone) { this.zone = zone; }
  @JsonProperty public Map<String, BigDecimal> getTargets() { return targets; }
  @JsonProperty public cn.donghe.rehab.sessions.SessionConfig getSessions() { return sessions; }
  @JsonProperty public void setSessions(cn.donghe.rehab.sessions.SessionConfig s) { this.sessions = s; }
  @JsonProperty public void setTargets(Map<String, BigDecimal> targets) { this.targets = targets; }
}
