package cn.donghe.rehab.notifications;

import java.util.UUID;

/** One message handed to an outside channel: rendered in the recipient's language, with the event key. */
record OutgoingMessage(UUID deliveryId, String eventKey, String kind, UUID recipientId, String email, String language,
                       String subject, String text) {}
