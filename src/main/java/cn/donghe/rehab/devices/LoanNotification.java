package cn.donghe.rehab.devices;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A loan reminder: step {@code offsetDays} relative to {@code dueDate} (negative = before due, positive =
 * overdue). {@code deliveredAt} is set once the channel has sent it (the table is the outbox).
 */
public record LoanNotification(UUID id, UUID loanId, UUID personId, int offsetDays, LocalDate dueDate, LocalDate stepDate,
                               String kind, String message, String channel, Instant createdAt, Instant deliveredAt) {}
