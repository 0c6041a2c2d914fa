--liquibase formatted sql

--changeset rehab:020-contracts-placeholder
SELECT 1;

--changeset rehab:020-contracts-indexes
-- Renewal worklist (expiringWithinDays): contracts not terminated, by their last day.
CREATE INDEX contracts_end_open_idx ON contracts (end_date) WHERE terminated_on IS NULL;
-- activeOn without doctor/person: which contracts were in force on a day.
CREATE INDEX contracts_active_range_idx ON contracts USING gist (active_range);

--changeset rehab:020-assessments
-- Yearly needs assessment: the denominators of the rehab and device indicators. region_code is the
-- person's region when assessed (indicators count a person in the region of their assessment).
CREATE TABLE assessments (
  person_id    uuid NOT NULL REFERENCES persons (id),
  year         smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  assessed_on  date NOT NULL,
  rehab_needs  text[] NOT NULL DEFAULT '{}' CHECK (
                 cardinality(rehab_needs) <= 6 AND rehab_needs <@ ARRAY['REHAB_MEDICAL', 'REHAB_TRAINING', 'DEVICE_SERVICE',
                   'PSYCHOLOGICAL_SUPPORT', 'REHAB_NURSING', 'HEALTH_EDUCATION']::text[]),
  device_needs text[] NOT NULL DEFAULT '{}' CHECK (
                 cardinality(device_needs) <= 20 AND array_to_string(device_needs, ',') ~ '^([A-Z0-9_-]{1,40}(,|$))*$'),
  region_code  varchar(12) NOT NULL REFERENCES regions (code),
  assessed_by  uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  needs_rehab  boolean GENERATED ALWAYS AS (cardinality(rehab_needs) > 0) STORED,
  needs_device boolean GENERATED ALWAYS AS (cardinality(device_needs) > 0) STORED,
  PRIMARY KEY (person_id, year),
  CHECK (assessed_on >= make_date(year, 1, 1) AND assessed_on <= make_date(year, 12, 31))
);
CREATE INDEX assessments_year_region_idx ON assessments (year, region_code varchar_pattern_ops) INCLUDE (person_id, needs_rehab, needs_device);
CREATE INDEX assessments_rehab_idx ON assessments (year, region_code varchar_pattern_ops, person_id) WHERE needs_rehab;
CREATE INDEX assessments_device_idx ON assessments (year, region_code varchar_pattern_ops, person_id) WHERE needs_device;
CREATE INDEX assessments_device_needs_idx ON assessments USING gin (device_needs);

--changeset rehab:020-plans splitStatements:false
-- 一人一案: a plan with an append-only revision history. plans.current_revision always names an
-- existing revision (deferred FK, so plan and first revision are inserted in one transaction).
CREATE TABLE plans (
  id               uuid PRIMARY KEY,
  person_id        uuid NOT NULL REFERENCES persons (id),
  status           text NOT NULL CHECK (status IN ('ACTIVE', 'CLOSED')),
  current_revision integer NOT NULL CHECK (current_revision >= 1),
  created_at       timestamptz NOT NULL,
  created_by       uuid REFERENCES users (id),
  updated_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  closed_by        uuid REFERENCES users (id),
  close_reason     text CHECK (char_length(close_reason) <= 500),
  CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX plans_one_active_per_person ON plans (person_id) WHERE status = 'ACTIVE';
CREATE INDEX plans_person_idx ON plans (person_id, created_at);

CREATE TABLE plan_revisions (
  plan_id     uuid NOT NULL REFERENCES plans (id),
  revision    integer NOT NULL CHECK (revision >= 1),
  content     jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  author_id   uuid REFERENCES users (id),
  author_role text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (plan_id, revision)
);
CREATE TRIGGER plan_revisions_append_only BEFORE UPDATE OR DELETE ON plan_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER plan_revisions_no_truncate BEFORE TRUNCATE ON plan_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE plans ADD CONSTRAINT plans_current_revision_fk FOREIGN KEY (id, current_revision)
  REFERENCES plan_revisions (plan_id, revision) DEFERRABLE INITIALLY DEFERRED;

-- Institutions named by the interventions of a plan's current revision: "INSTITUTION reads plans
-- whose interventions name it" is one index probe.
CREATE TABLE plan_institutions (
  institution_id uuid NOT NULL REFERENCES institutions (id),
  plan_id        uuid NOT NULL REFERENCES plans (id),
  PRIMARY KEY (institution_id, plan_id)
);
CREATE INDEX plan_institutions_plan_idx ON plan_institutions (plan_id);
