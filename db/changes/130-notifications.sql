--liquibase formatted sql

--changeset rehab:130-notifications
-- Issue 21 / DESIGN section 14: the notification outbox. A notification row is written in the same transaction as the
-- change that causes it; event_key is unique (it names the event AND the recipient), so an event recorded twice, by a
-- retry or by two instances at once, is one row (INSERT ... ON CONFLICT DO NOTHING). The row is the IN_APP message.
CREATE TABLE notifications (
  id           uuid PRIMARY KEY,
  event_key    text NOT NULL CHECK (char_length(event_key) BETWEEN 1 AND 300),
  recipient_id uuid NOT NULL REFERENCES users (id),
  kind         text NOT NULL CHECK (kind ~ '^[A-Z_]{1,40}$'),
  params       jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL,
  read_at      timestamptz,
  CONSTRAINT notifications_event_key_once UNIQUE (event_key)
);
CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, id);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;

-- One delivery per notification and outside channel, written with the notification. The worker takes due PENDING rows
-- with FOR UPDATE SKIP LOCKED (so no two workers send the same row), retries with exponential backoff and after
-- max attempts marks the row DEAD (the dead-letter list an ADMIN sees and retries).
CREATE TABLE notification_deliveries (
  id              uuid PRIMARY KEY,
  notification_id uuid NOT NULL REFERENCES notifications (id),
  channel         text NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
  status          text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  last_error      text CHECK (char_length(last_error) <= 1000),
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  CONSTRAINT notification_deliveries_once UNIQUE (notification_id, channel),
  CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_deliveries_dead_idx ON notification_deliveries (id) WHERE status = 'DEAD';

-- Per-user preferences (PUT /me/notification-preferences): the e-mail address, the language of outside messages and
-- which outside channels the user wants. No row = zh-CN, no e-mail, webhook on.
CREATE TABLE notification_preferences (
  user_id    uuid PRIMARY KEY REFERENCES users (id),
  email      text CHECK (email ~ '^[^@\s]{1,64}@[^@\s]{1,190}$'),
  language   text NOT NULL CHECK (language IN ('zh-CN', 'en')),
  email_on   boolean NOT NULL,
  webhook_on boolean NOT NULL,
  updated_at timestamptz NOT NULL
);
