package cn.donghe.rehab.notifications;

import java.time.Instant;
import java.util.UUID;

/** An in-app notification, its texts in the reader's language. */
public record InboxItem(UUID id, String eventKey, String kind, String title, String body, Instant createdAt, Instant readAt) {}
