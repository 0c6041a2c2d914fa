package cn.donghe.rehab.notifications;

import java.time.Instant;
import java.util.UUID;

/** One notification's delivery to an outside channel (an ADMIN sees these in the dead-letter list). */
public record Delivery(UUID id, UUID notificationId, String eventKey, String kind, UUID recipientId, String channel, String status,
                       int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {}
