--liquibase formatted sql

--changeset rehab:095-institution-reach-grants
-- INSTITUTION reach (DESIGN section 2): a look-up by full number (POST /persons/lookup, card in hand) gives the
-- institution reach to that person for 24 hours. One row per institution and person; a new look-up moves
-- expires_at forward. The reach check is a primary-key probe (institution_id, person_id).
CREATE TABLE institution_reach_grants (
  institution_id uuid NOT NULL REFERENCES institutions (id),
  person_id      uuid NOT NULL REFERENCES persons (id),
  granted_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  granted_by     uuid REFERENCES users (id),
  PRIMARY KEY (institution_id, person_id),
  CHECK (expires_at > granted_at)
);
-- purging expired grants
CREATE INDEX institution_reach_grants_expires_idx ON institution_reach_grants (expires_at);

--changeset rehab:095-institution-reach-indexes
-- "served by the institution in the last 2 years" and "logged a non-voided session for the child in the account's
-- year" are index probes on (person, institution, date), not scans of the person's whole history.
CREATE INDEX sessions_reach_idx ON sessions (person_id, institution_id, date) WHERE voided_at IS NULL;
CREATE INDEX fittings_reach_idx ON fittings (person_id, institution_id) WHERE status <> 'CANCELLED';
CREATE INDEX loans_reach_idx ON loans (person_id, institution_id);
