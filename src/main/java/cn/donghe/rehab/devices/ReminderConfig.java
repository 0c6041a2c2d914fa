package cn.donghe.rehab.devices;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Loan reminder schedule: offsets in days relative to the due date (negative = before, positive =
 * after), the local time the daily job runs, and the delivery channel.
 */
public class ReminderConfig {
  @NotNull private List<Integer> offsetsDays = new ArrayList<>(List.of(-7, -1, 1, 7));
  @NotNull private LocalTime runAt = LocalTime.of(8, 0);
  private boolean enabled = true;
  @NotNull private String channel = "log";

  @JsonProperty public List<Integer> getOffsetsDays() { return offsetsDays; }
  @JsonProperty public void setOffsetsDays(List<Integer> o) { this.offsetsDays = o; }
  @JsonProperty public LocalTime getRunAt() { return runAt; }
  @JsonProperty public void setRunAt(LocalTime t) { this.runAt = t; }
  @JsonProperty public boolean isEnabled() { return enabled; }
  @JsonProperty public void setEnabled(boolean e) { this.enabled = e; }
  @JsonProperty public String getChannel() { return channel; }
  @JsonProperty public void setChannel(String c) { this.channel = c; }
}
