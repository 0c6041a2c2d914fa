--liquibase formatted sql

--changeset rehab:030-sessions-placeholder
SELECT 1;

--changeset rehab:030-aid-standards
-- Child rehab aid standards (残疾儿童康复救助标准), one row per year plus one amount per aid category.
-- Years 2022..2030 ship with the plan's standard; later years are created with the same standard on
-- first use by the service (see docs/readme/sessions.md).
CREATE TABLE aid_standards (
  year       smallint PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  min_age    smallint NOT NULL CHECK (min_age BETWEEN 0 AND 17),
  max_age    smallint NOT NULL CHECK (max_age BETWEEN 0 AND 17),
  updated_at timestamptz NOT NULL,
  CHECK (min_age <= max_age)
);
CREATE TABLE aid_standard_amounts (
  year     smallint NOT NULL REFERENCES aid_standards (year),
  category text NOT NULL CHECK (category IN ('PHYSICAL', 'INTELLECTUAL', 'AUTISM', 'HEARING', 'LOW_VISION')),
  amount   numeric(14,2) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (year, category)
);
INSERT INTO aid_standards (year, min_age, max_age, updated_at)
  SELECT y, 0, 10, now() FROM generate_series(2022, 2030) AS y;
INSERT INTO aid_standard_amounts (year, category, amount)
  SELECT y, c.category, c.amount FROM generate_series(2022, 2030) AS y
  CROSS JOIN (VALUES ('PHYSICAL', 20000.00), ('INTELLECTUAL', 20000.00), ('AUTISM', 20000.00),
                     ('HEARING', 24000.00), ('LOW_VISION', 5000.00)) AS c (category, amount);

--changeset rehab:030-aid-accounts
-- One account per child and year. balance never goes below zero (the CHECK is the last line of
-- defence behind the conditional update); spent = budget - balance.
CREATE TABLE aid_accounts (
  id         uuid PRIMARY KEY,
  person_id  uuid NOT NULL REFERENCES persons (id),
  year       smallint NOT NULL,
  category   text NOT NULL,
  budget     numeric(14,2) NOT NULL CHECK (budget >= 0),
  balance    numeric(14,2) NOT NULL CHECK (balance >= 0),
  consent    jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT aid_accounts_balance_within_budget CHECK (balance <= budget),
  CONSTRAINT aid_accounts_one_per_year UNIQUE (person_id, year),
  FOREIGN KEY (year, category) REFERENCES aid_standard_amounts (year, category)
);
CREATE INDEX aid_accounts_year_category_idx ON aid_accounts (year, category);

--changeset rehab:030-sessions
-- Rehab sessions. Money columns are fixed at creation (aid_charged + self_pay = fee); a void only
-- sets voided_at/voided_by/void_reason. plan_id/plan_revision point at the plans feature's tables,
-- validated by the service (no FK: those tables belong to another changelog).
CREATE TABLE sessions (
  id                uuid PRIMARY KEY,
  person_id         uuid NOT NULL REFERENCES persons (id),
  institution_id    uuid NOT NULL REFERENCES institutions (id),
  service_type      text NOT NULL CHECK (service_type IN ('REHAB_MEDICAL', 'REHAB_TRAINING', 'DEVICE_SERVICE',
                      'PSYCHOLOGICAL_SUPPORT', 'REHAB_NURSING', 'HEALTH_EDUCATION')),
  date              date NOT NULL,
  duration_minutes  smallint NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
  therapist         text NOT NULL CHECK (char_length(therapist) BETWEEN 1 AND 100),
  fee               numeric(14,2) NOT NULL CHECK (fee >= 0),
  use_child_aid     boolean NOT NULL,
  aid_account_id    uuid REFERENCES aid_accounts (id),
  aid_charged       numeric(14,2) NOT NULL CHECK (aid_charged >= 0),
  self_pay          numeric(14,2) NOT NULL CHECK (self_pay >= 0),
  aid_balance_after numeric(14,2) CHECK (aid_balance_after >= 0),
  notes             text CHECK (char_length(notes) <= 1000),
  plan_id           uuid,
  plan_revision     integer CHECK (plan_revision >= 1),
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL,
  voided_at         timestamptz,
  voided_by         uuid REFERENCES users (id),
  void_reason       text CHECK (char_length(void_reason) <= 500),
  CONSTRAINT sessions_split_adds_up CHECK (aid_charged + self_pay = fee),
  CONSTRAINT sessions_aid_needs_account CHECK (aid_charged = 0 OR aid_account_id IS NOT NULL),
  CONSTRAINT sessions_account_only_with_aid CHECK (use_child_aid OR aid_account_id IS NULL),
  CONSTRAINT sessions_void_has_reason CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  CONSTRAINT sessions_revision_needs_plan CHECK (plan_revision IS NULL OR plan_id IS NOT NULL)
);
CREATE INDEX sessions_person_date_idx ON sessions (person_id, date);
CREATE INDEX sessions_institution_date_idx ON sessions (institution_id, date);
-- The rehab indicator asks "does this person have a non-voided session in year Y": an index-only probe.
CREATE INDEX sessions_counted_idx ON sessions (person_id, date) WHERE voided_at IS NULL;

--changeset rehab:030-aid-ledger splitStatements:false
-- The aid ledger: append-only; the sum of an account's amounts always equals its balance.
-- amount is signed: CHARGE and ADJUSTMENT negative, BUDGET/TOP_UP/REVERSAL positive.
CREATE TABLE aid_ledger (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    uuid NOT NULL REFERENCES aid_accounts (id),
  at            timestamptz NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('BUDGET', 'CHARGE', 'REVERSAL', 'TOP_UP', 'ADJUSTMENT')),
  amount        numeric(14,2) NOT NULL,
  balance_after numeric(14,2) NOT NULL CHECK (balance_after >= 0),
  -- deferred: the charge entry is written in the same transaction just before its session row
  session_id    uuid REFERENCES sessions (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT aid_ledger_session_kinds CHECK ((kind IN ('CHARGE', 'REVERSAL')) = (session_id IS NOT NULL)),
  CONSTRAINT aid_ledger_sign CHECK (CASE kind WHEN 'CHARGE' THEN amount < 0 WHEN 'ADJUSTMENT' THEN amount < 0
                                              WHEN 'BUDGET' THEN amount >= 0 ELSE amount > 0 END)
);
CREATE INDEX aid_ledger_account_idx ON aid_ledger (account_id, id);
CREATE UNIQUE INDEX aid_ledger_one_charge_per_session ON aid_ledger (session_id) WHERE kind = 'CHARGE';
CREATE UNIQUE INDEX aid_ledger_one_reversal_per_session ON aid_ledger (session_id) WHERE kind = 'REVERSAL';
CREATE TRIGGER aid_ledger_append_only BEFORE UPDATE OR DELETE ON aid_ledger
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER aid_ledger_no_truncate BEFORE TRUNCATE ON aid_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

--changeset rehab:030-idempotency-keys
-- Idempotency-Key of POST /sessions, unique per institution, kept at least 24 hours (purged after 48).
-- The row is written first in the session's transaction, so a concurrent duplicate waits on it.
CREATE TABLE idempotency_keys (
  institution_id uuid NOT NULL REFERENCES institutions (id),
  key            text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 200),
  request_hash   bytea NOT NULL,
  session_id     uuid NOT NULL REFERENCES sessions (id) DEFERRABLE INITIALLY DEFERRED,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (institution_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
