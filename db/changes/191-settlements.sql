--liquibase formatted sql

--changeset rehab:191-settlements splitStatements:false
-- Issue 18 item 4 (settlement feature): one statement per designated institution and closed month, one line per aid
-- charge. An APPROVED statement and its lines never change again (triggers); a session is in at most one statement.
CREATE TABLE settlements (
  id             uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institutions (id),
  period         char(7) NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status         text NOT NULL CHECK (status IN ('DRAFT', 'APPROVED')),
  created_at     timestamptz NOT NULL,
  created_by     uuid REFERENCES users (id),
  approved_at    timestamptz,
  approved_by    uuid REFERENCES users (id),
  CONSTRAINT settlements_one_per_month UNIQUE (institution_id, period),
  CONSTRAINT settlements_approval CHECK ((status = 'APPROVED') = (approved_at IS NOT NULL))
);
CREATE INDEX settlements_period_idx ON settlements (period, status);
CREATE TABLE settlement_lines (
  settlement_id  uuid NOT NULL REFERENCES settlements (id),
  session_id     uuid NOT NULL REFERENCES sessions (id),
  person_id      uuid NOT NULL REFERENCES persons (id),
  date           date NOT NULL,
  service_type   text NOT NULL,
  fee            numeric(14,2) NOT NULL CHECK (fee >= 0),
  insurance_paid numeric(14,2) NOT NULL CHECK (insurance_paid >= 0),
  aid_charged    numeric(14,2) NOT NULL CHECK (aid_charged > 0),
  status         text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED')),
  reason         text CHECK (char_length(reason) BETWEEN 1 AND 500),
  reviewed_at    timestamptz,
  reviewed_by    uuid REFERENCES users (id),
  PRIMARY KEY (settlement_id, session_id),
  CONSTRAINT settlement_lines_one_statement_per_session UNIQUE (session_id),
  CONSTRAINT settlement_lines_rejection_has_reason CHECK ((status = 'REJECTED') = (reason IS NOT NULL))
);
CREATE FUNCTION settlement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'settlements' THEN
    IF TG_OP = 'DELETE' OR OLD.status = 'APPROVED' THEN
      RAISE EXCEPTION 'settlement % is approved and cannot change', OLD.id USING ERRCODE = '55000';
    END IF;
  ELSIF (SELECT status FROM settlements WHERE id = OLD.settlement_id) = 'APPROVED' OR TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'lines of settlement % cannot change', OLD.settlement_id USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER settlements_frozen BEFORE UPDATE OR DELETE ON settlements FOR EACH ROW EXECUTE FUNCTION settlement_frozen();
CREATE TRIGGER settlement_lines_frozen BEFORE UPDATE OR DELETE ON settlement_lines FOR EACH ROW EXECUTE FUNCTION settlement_frozen();
