--liquibase formatted sql

--changeset rehab:040-devices-placeholder
SELECT 1;

--changeset rehab:040-device-types
-- The subsidy catalogue (辅具补贴目录). Codes are referenced by assessments (device needs),
-- fittings, pool items and recycling intakes, so they never change once created.
CREATE TABLE device_types (
  code                varchar(40) PRIMARY KEY CHECK (code ~ '^[A-Z0-9_]{2,40}$'),
  name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  category            text NOT NULL CHECK (category IN ('MOBILITY', 'HEARING', 'VISION', 'DAILY_LIVING', 'COMMUNICATION', 'OTHER')),
  subsidy             numeric(14, 2) NOT NULL CHECK (subsidy >= 0),
  service_life_months integer NOT NULL CHECK (service_life_months BETWEEN 1 AND 600),
  rentable            boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL
);

--changeset rehab:040-device-items
-- The community rental pool. A serial number is unique per type among items still in use
-- (a refurbished item may come back under the serial of the retired one it replaces).
CREATE TABLE device_items (
  id               uuid PRIMARY KEY,
  device_type_code varchar(40) NOT NULL REFERENCES device_types (code),
  serial_no        text NOT NULL CHECK (char_length(serial_no) BETWEEN 1 AND 60),
  condition        text NOT NULL CHECK (condition IN ('NEW', 'GOOD', 'FAIR', 'POOR')),
  status           text NOT NULL CHECK (status IN ('AVAILABLE', 'ON_LOAN', 'IN_REPAIR', 'RETIRED')),
  institution_id   uuid NOT NULL REFERENCES institutions (id),
  refurbished      boolean NOT NULL DEFAULT false,
  reuse_count      integer NOT NULL DEFAULT 0 CHECK (reuse_count >= 0),
  retired_reason   text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX device_items_serial_uq ON device_items (device_type_code, serial_no) WHERE status <> 'RETIRED';
CREATE INDEX device_items_institution_idx ON device_items (institution_id, status, device_type_code);
CREATE INDEX device_items_available_idx ON device_items (device_type_code, refurbished) WHERE status = 'AVAILABLE';

--changeset rehab:040-fittings
-- Fittings (适配). A subsidised delivery occupies [delivered_on, subsidy_until) for its person and
-- device type; two such ranges may not overlap unless an ADMIN overrode the subsidy policy.
CREATE TABLE fittings (
  id                uuid PRIMARY KEY,
  person_id         uuid NOT NULL REFERENCES persons (id),
  device_type_code  varchar(40) NOT NULL REFERENCES device_types (code),
  institution_id    uuid REFERENCES institutions (id),
  status            text NOT NULL CHECK (status IN ('REQUESTED', 'ASSESSED', 'REJECTED', 'FITTED', 'FOLLOWED_UP', 'CANCELLED')),
  requested_on      date NOT NULL,
  assessed_on       date,
  suitable          boolean,
  assessment_notes  text CHECK (char_length(assessment_notes) <= 2000),
  delivered_on      date,
  serial_no         text CHECK (char_length(serial_no) <= 60),
  item_id           uuid REFERENCES device_items (id),
  subsidy           numeric(14, 2) CHECK (subsidy >= 0),
  subsidy_until     date,
  override_reason   text CHECK (char_length(override_reason) <= 500),
  override_by       uuid REFERENCES users (id),
  follow_up_on      date,
  follow_up_outcome text CHECK (follow_up_outcome IN ('IN_USE', 'NOT_USED', 'NEEDS_ADJUSTMENT')),
  follow_up_notes   text CHECK (char_length(follow_up_notes) <= 2000),
  cancelled_on      date,
  cancel_reason     text CHECK (char_length(cancel_reason) <= 500),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK ((status IN ('FITTED', 'FOLLOWED_UP')) = (delivered_on IS NOT NULL)),
  CHECK (delivered_on IS NULL OR (subsidy IS NOT NULL AND subsidy_until > delivered_on AND delivered_on >= requested_on)),
  CHECK ((status = 'FOLLOWED_UP') = (follow_up_on IS NOT NULL)),
  CHECK (status NOT IN ('ASSESSED', 'REJECTED') OR assessed_on IS NOT NULL),
  CHECK ((override_reason IS NULL) = (override_by IS NULL)),
  CONSTRAINT fittings_one_subsidy_per_service_life EXCLUDE USING gist (
    person_id WITH =, device_type_code WITH =, daterange(delivered_on, subsidy_until, '[)') WITH &&)
    WHERE (delivered_on IS NOT NULL AND subsidy > 0 AND override_reason IS NULL)
);
-- one pending request per person and device type
CREATE UNIQUE INDEX fittings_one_pending_uq ON fittings (person_id, device_type_code) WHERE status IN ('REQUESTED', 'ASSESSED');
CREATE INDEX fittings_person_delivered_idx ON fittings (person_id, delivered_on);
CREATE INDEX fittings_delivered_idx ON fittings (delivered_on);
CREATE INDEX fittings_person_type_idx ON fittings (person_id, device_type_code);
CREATE INDEX fittings_institution_idx ON fittings (institution_id, status, id);
CREATE INDEX fittings_status_idx ON fittings (status, id);

--changeset rehab:040-loans
-- An item is on at most one open loan: the partial unique index decides races between
-- concurrent loan requests (the conditional UPDATE of the item status gives the friendly 409).
CREATE TABLE loans (
  id               uuid PRIMARY KEY,
  item_id          uuid NOT NULL REFERENCES device_items (id),
  person_id        uuid NOT NULL REFERENCES persons (id),
  institution_id   uuid NOT NULL REFERENCES institutions (id),
  start_date       date NOT NULL,
  due_date         date NOT NULL,
  returned_on      date,
  return_condition text CHECK (return_condition IN ('NEW', 'GOOD', 'FAIR', 'POOR')),
  extensions       integer NOT NULL DEFAULT 0 CHECK (extensions >= 0),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK (due_date >= start_date),
  CHECK (returned_on IS NULL OR returned_on >= start_date),
  CHECK ((returned_on IS NULL) = (return_condition IS NULL))
);
CREATE UNIQUE INDEX loans_one_open_per_item_uq ON loans (item_id) WHERE returned_on IS NULL;
CREATE INDEX loans_person_start_idx ON loans (person_id, start_date);
CREATE INDEX loans_start_idx ON loans (start_date);
CREATE INDEX loans_item_idx ON loans (item_id, start_date);
CREATE INDEX loans_open_due_idx ON loans (due_date) WHERE returned_on IS NULL;
CREATE INDEX loans_institution_idx ON loans (institution_id, id);

--changeset rehab:040-loan-notifications
-- Loan reminders, also the outbox of the delivery channel (delivered_at). One row per loan,
-- due date and step: re-running the job never records a step twice, while an extension (new
-- due date) gets its own reminders.
CREATE TABLE loan_notifications (
  id           uuid PRIMARY KEY,
  loan_id      uuid NOT NULL REFERENCES loans (id),
  person_id    uuid NOT NULL REFERENCES persons (id),
  offset_days  integer NOT NULL,
  due_date     date NOT NULL,
  step_date    date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('DUE_SOON', 'DUE_TODAY', 'OVERDUE')),
  message      text NOT NULL,
  channel      text NOT NULL,
  created_at   timestamptz NOT NULL,
  delivered_at timestamptz,
  CONSTRAINT loan_notifications_once_per_step UNIQUE (loan_id, due_date, offset_days)
);
CREATE INDEX loan_notifications_person_idx ON loan_notifications (person_id, created_at);
CREATE INDEX loan_notifications_undelivered_idx ON loan_notifications (created_at) WHERE delivered_at IS NULL;

--changeset rehab:040-repairs
CREATE TABLE repairs (
  id             uuid PRIMARY KEY,
  item_id        uuid REFERENCES device_items (id),
  fitting_id     uuid REFERENCES fittings (id),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  loan_id        uuid REFERENCES loans (id),
  problem        text NOT NULL CHECK (char_length(problem) BETWEEN 1 AND 2000),
  status         text NOT NULL CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'UNREPAIRABLE')),
  cost           numeric(14, 2) CHECK (cost >= 0),
  notes          text CHECK (char_length(notes) <= 2000),
  opened_on      date NOT NULL,
  started_on     date,
  closed_on      date,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CHECK ((item_id IS NULL) <> (fitting_id IS NULL)),
  CHECK ((status IN ('DONE', 'UNREPAIRABLE')) = (closed_on IS NOT NULL)),
  CHECK (status <> 'DONE' OR cost IS NOT NULL)
);
CREATE UNIQUE INDEX repairs_one_open_per_item_uq ON repairs (item_id) WHERE status IN ('OPEN', 'IN_PROGRESS');
CREATE UNIQUE INDEX repairs_one_open_per_fitting_uq ON repairs (fitting_id) WHERE status IN ('OPEN', 'IN_PROGRESS');
CREATE INDEX repairs_item_idx ON repairs (item_id, id);
CREATE INDEX repairs_institution_idx ON repairs (institution_id, status, id);

--changeset rehab:040-recycling
CREATE TABLE recycling (
  id                uuid PRIMARY KEY,
  fitting_id        uuid REFERENCES fittings (id),
  source_item_id    uuid REFERENCES device_items (id),
  device_type_code  varchar(40) NOT NULL REFERENCES device_types (code),
  serial_no         text CHECK (char_length(serial_no) <= 60),
  condition         text NOT NULL CHECK (condition IN ('NEW', 'GOOD', 'FAIR', 'POOR')),
  institution_id    uuid NOT NULL REFERENCES institutions (id),
  status            text NOT NULL CHECK (status IN ('RECEIVED', 'REFURBISHED', 'SCRAPPED')),
  received_on       date NOT NULL,
  inspected_on      date,
  result_item_id    uuid REFERENCES device_items (id),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK ((status = 'RECEIVED') = (inspected_on IS NULL)),
  CHECK ((status = 'REFURBISHED') = (result_item_id IS NOT NULL))
);
CREATE UNIQUE INDEX recycling_once_per_fitting_uq ON recycling (fitting_id) WHERE fitting_id IS NOT NULL;
CREATE UNIQUE INDEX recycling_once_per_item_uq ON recycling (source_item_id) WHERE source_item_id IS NOT NULL;
CREATE INDEX recycling_institution_idx ON recycling (institution_id, status, id);
