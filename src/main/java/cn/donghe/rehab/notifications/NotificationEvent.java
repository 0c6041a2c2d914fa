package cn.donghe.rehab.notifications;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something a user is told about. {@code eventKey} names the event (e.g. {@code loan:<id>:due:2026-03-20:-7});
 * the outbox appends the recipient, so the stored key is unique per event and person, and it travels in every
 * outside message so receivers can drop repeats. {@code params} fill the texts {@code notification.<kind>.*}.
 */
public record NotificationEvent(String eventKey, Kind kind, UUID recipientId, Map<String, String> params) {
  public NotificationEvent {
    Objects.requireNonNull(eventKey);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(recipientId);
    params = Map.copyOf(params);
  }

  /** The events of DESIGN section 14 the service raises so far. */
  public enum Kind { LOAN_DUE_SOON, LOAN_DUE_TODAY, LOAN_OVERDUE, INSTITUTION_LOAN_OVERDUE, TEST }
}
