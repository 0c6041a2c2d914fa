--liquibase formatted sql

--changeset rehab:170-periods
-- DESIGN section 10: months YYYY-MM are OPEN until the district federation closes them. A month without a row is
-- OPEN; a row is written the first time a month is closed and kept (status back to OPEN) when it is reopened.
-- Owned by the periods feature (PeriodDao). Writers and close/reopen serialise on an advisory lock per month
-- (shared for writers, exclusive for close/reopen; see PeriodService), not on this row, so no row is needed to lock.
CREATE TABLE periods (
  period     char(7) PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status     text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
  closed_at  timestamptz,
  closed_by  uuid REFERENCES users (id),
  note       text CHECK (char_length(note) <= 500),
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL AND closed_by IS NOT NULL))
);

--changeset rehab:170-report-snapshots-final
-- A snapshot of a year whose twelve months were all CLOSED when it was taken is final (DESIGN section 10).
ALTER TABLE report_snapshots ADD COLUMN final boolean NOT NULL DEFAULT false;
