--liquibase formatted sql

--changeset rehab:190-session-insurance-paid
-- Issue 18 item 2 (sessions feature): basic medical insurance pays first. fee = insurance_paid + aid_charged + self_pay;
-- existing sessions had no insurance share (0).
ALTER TABLE sessions ADD COLUMN insurance_paid numeric(14,2) NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD CONSTRAINT sessions_insurance_within_fee CHECK (insurance_paid >= 0 AND insurance_paid <= fee);
ALTER TABLE sessions DROP CONSTRAINT sessions_split_adds_up;
ALTER TABLE sessions ADD CONSTRAINT sessions_split_adds_up CHECK (insurance_paid + aid_charged + self_pay = fee);

--changeset rehab:190-fee-schedules splitStatements:false
-- Issue 18 item 1 (childaid feature): the child-aid fee schedule (收费标准), per year, in versions. A version applies to
-- sessions dated on or after its effective_from (the latest such version wins; a later version number wins a tie).
-- Versions and their items are never changed or deleted (append-only), so a session's price can always be explained.
CREATE TABLE fee_schedule_versions (
  id             uuid PRIMARY KEY,
  year           smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version        integer NOT NULL CHECK (version >= 1),
  effective_from date NOT NULL,
  created_at     timestamptz NOT NULL,
  created_by     uuid REFERENCES users (id),
  CONSTRAINT fee_schedule_versions_unique UNIQUE (year, version),
  CONSTRAINT fee_schedule_versions_in_year CHECK (effective_from >= make_date(year, 1, 1) AND effective_from <= make_date(year, 12, 31))
);
CREATE INDEX fee_schedule_versions_lookup_idx ON fee_schedule_versions (year, effective_from DESC, version DESC);
CREATE TABLE fee_schedule_items (
  version_id   uuid NOT NULL REFERENCES fee_schedule_versions (id),
  service_type text NOT NULL CHECK (service_type IN ('REHAB_MEDICAL', 'REHAB_TRAINING', 'DEVICE_SERVICE',
                 'PSYCHOLOGICAL_SUPPORT', 'REHAB_NURSING', 'HEALTH_EDUCATION')),
  max_fee      numeric(14,2) NOT NULL CHECK (max_fee >= 0),
  PRIMARY KEY (version_id, service_type)
);
CREATE TRIGGER fee_schedule_versions_append_only BEFORE UPDATE OR DELETE ON fee_schedule_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER fee_schedule_items_append_only BEFORE UPDATE OR DELETE ON fee_schedule_items
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
-- The default schedule of the demo years (docs/settlement.md explains the amounts). HEALTH_EDUCATION is free public
-- education and is not paid by child aid.
INSERT INTO fee_schedule_versions (id, year, version, effective_from, created_at)
  SELECT gen_random_uuid(), y, 1, make_date(y, 1, 1), now() FROM generate_series(2022, 2030) AS y;
INSERT INTO fee_schedule_items (version_id, service_type, max_fee)
  SELECT v.id, c.service_type, c.max_fee FROM fee_schedule_versions v
  CROSS JOIN (VALUES ('REHAB_TRAINING', 5000.00), ('REHAB_MEDICAL', 3000.00), ('DEVICE_SERVICE', 2000.00),
                     ('PSYCHOLOGICAL_SUPPORT', 300.00), ('REHAB_NURSING', 300.00)) AS c (service_type, max_fee);

--changeset rehab:190-aid-ledger-settlement-refund
-- Issue 18 item 4 (childaid feature): a rejected settlement line gives the aid back to the child's account with a
-- SETTLEMENT_REFUND entry naming the session, at most once per session.
ALTER TABLE aid_ledger DROP CONSTRAINT aid_ledger_kind_check;
ALTER TABLE aid_ledger ADD CONSTRAINT aid_ledger_kind_check
  CHECK (kind IN ('BUDGET', 'CHARGE', 'REVERSAL', 'TOP_UP', 'ADJUSTMENT', 'SETTLEMENT_REFUND'));
ALTER TABLE aid_ledger DROP CONSTRAINT aid_ledger_session_kinds;
ALTER TABLE aid_ledger ADD CONSTRAINT aid_ledger_session_kinds
  CHECK ((kind IN ('CHARGE', 'REVERSAL', 'SETTLEMENT_REFUND')) = (session_id IS NOT NULL));
CREATE UNIQUE INDEX aid_ledger_one_refund_per_session ON aid_ledger (session_id) WHERE kind IN ('REVERSAL', 'SETTLEMENT_REFUND');
