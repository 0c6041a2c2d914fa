package cn.donghe.rehab.notifications;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The outbox worker and the outside channels. A channel is off unless configured: e-mail needs {@code SMTP_HOST},
 * the webhook {@code WEBHOOK_URL} (and its secret). IN_APP is always on.
 */
public class NotificationConfig {
  private boolean workerEnabled = true;
  @NotNull private Duration pollInterval = Duration.seconds(10);
  @Min(1) @Max(50) private int maxAttempts = 6;
  @NotNull private Duration firstRetryAfter = Duration.seconds(30);
  @NotNull private Duration maxRetryAfter = Duration.hours(1);
  /** The health check degrades when an undelivered message is older than this. */
  @NotNull private Duration stuckAfter = Duration.minutes(30);
  @Valid @NotNull private Smtp smtp = new Smtp();
  @Valid @NotNull private Webhook webhook = new Webhook();

  @JsonProperty public boolean isWorkerEnabled() { return workerEnabled; }
  @JsonProperty public void setWorkerEnabled(boolean b) { this.workerEnabled = b; }
  @JsonProperty public Duration getPollInterval() { return pollInterval; }
  @JsonProperty public void setPollInterval(Duration d) { this.pollInterval = d; }
  @JsonProperty public int getMaxAttempts() { return maxAttempts; }
  @JsonProperty public void setMaxAttempts(int n) { this.maxAttempts = n; }
  @JsonProperty public Duration getFirstRetryAfter() { return firstRetryAfter; }
  @JsonProperty public void setFirstRetryAfter(Duration d) { this.firstRetryAfter = d; }
  @JsonProperty public Duration getMaxRetryAfter() { return maxRetryAfter; }
  @JsonProperty public void setMaxRetryAfter(Duration d) { this.maxRetryAfter = d; }
  @JsonProperty public Duration getStuckAfter() { return stuckAfter; }
  @JsonProperty public void setStuckAfter(Duration d) { this.stuckAfter = d; }
  @JsonProperty public Smtp getSmtp() { return smtp; }
  @JsonProperty public void setSmtp(Smtp s) { this.smtp = s; }
  @JsonProperty public Webhook getWebhook() { return webhook; }
  @JsonProperty public void setWebhook(Webhook w) { this.webhook = w; }

  /** SMTP settings; empty host = e-mail off. */
  public static class Smtp {
    private String host = "";
    @Min(1) @Max(65535) private int port = 25;
    private String user = "";
    private String password = "";
    private String from = "";
    private boolean startTls = false;
    @NotNull private Duration timeout = Duration.seconds(10);

    public boolean isOn() { return host != null && !host.isBlank(); }
    @JsonProperty public String getHost() { return host; }
    @JsonProperty public void setHost(String h) { this.host = h; }
    @JsonProperty public int getPort() { return port; }
    @JsonProperty public void setPort(int p) { this.port = p; }
    @JsonProperty public String getUser() { return user; }
    @JsonProperty public void setUser(String u) { this.user = u; }
    @JsonProperty public void setPassword(String p) { this.password = p; }
    /** Not a JSON property: the password is never written back out. */
    public String password() { return password; }
    @JsonProperty public String getFrom() { return from; }
    @JsonProperty public void setFrom(String f) { this.from = f; }
    @JsonProperty public boolean isStartTls() { return startTls; }
    @JsonProperty public void setStartTls(boolean b) { this.startTls = b; }
    @JsonProperty public Duration getTimeout() { return timeout; }
    @JsonProperty public void setTimeout(Duration d) { this.timeout = d; }
    @Override public String toString() { return "Smtp[" + host + ":" + port + ", user=" + user + ", password=***]"; }
  }

  /** Webhook settings; empty URL = webhook off. The URL must be https, or http on a loopback address. */
  public static class Webhook {
    private String url = "";
    private String secret = "";
    @NotNull private Duration timeout = Duration.seconds(10);

    public boolean isOn() { return url != null && !url.isBlank(); }
    @JsonProperty public String getUrl() { return url; }
    @JsonProperty public void setUrl(String u) { this.url = u; }
    @JsonProperty public void setSecret(String s) { this.secret = s; }
    /** Not a JSON property: the secret is never written back out. */
    public String secret() { return secret; }
    @JsonProperty public Duration getTimeout() { return timeout; }
    @JsonProperty public void setTimeout(Duration d) { this.timeout = d; }
    @Override public String toString() { return "Webhook[" + url + ", secret=***]"; }
  }
}
