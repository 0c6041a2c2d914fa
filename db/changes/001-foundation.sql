--liquibase formatted sql

--changeset rehab:001-extensions
CREATE EXTENSION IF NOT EXISTS btree_gist;

--changeset rehab:001-append-only-function splitStatements:false
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

--changeset rehab:001-regions
CREATE TABLE regions (
  code        varchar(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  level       text NOT NULL CHECK (level IN ('DISTRICT', 'TOWN', 'COMMUNITY')),
  parent_code varchar(12) REFERENCES regions (code),
  CHECK ((level = 'DISTRICT') OR parent_code IS NOT NULL)
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

--changeset rehab:001-institutions
CREATE TABLE institutions (
  id                   uuid PRIMARY KEY,
  name                 text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  region_code          varchar(12) NOT NULL REFERENCES regions (code),
  services             text[] NOT NULL CHECK (cardinality(services) > 0 AND services <@ ARRAY['REHAB', 'DEVICE', 'PRIMARY_CARE']),
  child_aid_designated boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL
);
CREATE INDEX institutions_region_idx ON institutions (region_code varchar_pattern_ops);

CREATE TABLE doctors (
  id             uuid PRIMARY KEY,
  name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  license_no     text NOT NULL UNIQUE CHECK (char_length(license_no) BETWEEN 1 AND 50),
  created_at     timestamptz NOT NULL
);
CREATE INDEX doctors_institution_idx ON doctors (institution_id);

--changeset rehab:001-persons
-- ID and certificate numbers are stored encrypted (AES-GCM, key outside the database) with a keyed
-- hash (HMAC-SHA256) for lookups and uniqueness, and a masked form for display.
CREATE TABLE persons (
  id                 uuid PRIMARY KEY,
  name               text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  gender             char(1) NOT NULL CHECK (gender IN ('M', 'F')),
  birth_date         date NOT NULL,
  id_number_enc      bytea NOT NULL,
  id_number_hash     bytea NOT NULL UNIQUE,
  id_number_masked   text NOT NULL,
  certificate_enc    bytea,
  certificate_hash   bytea UNIQUE,
  certificate_masked text,
  category           text NOT NULL CHECK (category IN ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')),
  grade              smallint CHECK (grade BETWEEN 1 AND 4),
  autism             boolean NOT NULL DEFAULT false,
  region_code        varchar(12) NOT NULL REFERENCES regions (code),
  phone              text CHECK (char_length(phone) <= 30),
  guardian           jsonb,
  status             text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DECEASED', 'MOVED_OUT', 'CANCELLED')),
  status_date        date,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((certificate_enc IS NULL) = (certificate_hash IS NULL)),
  CHECK ((certificate_enc IS NULL) OR grade IS NOT NULL),
  CHECK (status = 'ACTIVE' OR status_date IS NOT NULL)
);
CREATE INDEX persons_region_idx ON persons (region_code varchar_pattern_ops, id);
CREATE INDEX persons_name_idx ON persons (name text_pattern_ops);
CREATE INDEX persons_category_idx ON persons (category, grade);

--changeset rehab:001-users
CREATE TABLE users (
  id             uuid PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._@-]{3,64}$'),
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('ADMIN', 'INSTITUTION', 'DOCTOR', 'GUARDIAN')),
  display_name   text NOT NULL,
  institution_id uuid REFERENCES institutions (id),
  doctor_id      uuid REFERENCES doctors (id),
  region_code    varchar(12) REFERENCES regions (code),
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL,
  CHECK ((role = 'INSTITUTION') = (institution_id IS NOT NULL)),
  CHECK ((role = 'DOCTOR') = (doctor_id IS NOT NULL)),
  CHECK (role = 'ADMIN' OR region_code IS NULL)
);

CREATE TABLE guardian_children (
  user_id   uuid NOT NULL REFERENCES users (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  PRIMARY KEY (user_id, person_id)
);
CREATE INDEX guardian_children_person_idx ON guardian_children (person_id);

CREATE TABLE auth_tokens (
  token_hash bytea PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);

CREATE TABLE login_throttle (
  username     text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL
);

--changeset rehab:001-audit splitStatements:false
CREATE TABLE audit_events (
  id         uuid PRIMARY KEY,
  at         timestamptz NOT NULL,
  actor_id   uuid,
  actor_role text NOT NULL,
  action     text NOT NULL,
  entity     text NOT NULL,
  entity_id  text,
  request_id text,
  before     jsonb,
  after      jsonb
);
CREATE INDEX audit_entity_idx ON audit_events (entity, entity_id, at);
CREATE INDEX audit_actor_idx ON audit_events (actor_id, at);
CREATE INDEX audit_at_idx ON audit_events (at);
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

--changeset rehab:001-contracts
-- Family-doctor contracts. active_range is the half-open range of days the contract is in force
-- (a termination on day D ends it before D); two ranges of one person may never overlap.
CREATE TABLE contracts (
  id                 uuid PRIMARY KEY,
  person_id          uuid NOT NULL REFERENCES persons (id),
  doctor_id          uuid NOT NULL REFERENCES doctors (id),
  start_date         date NOT NULL,
  end_date           date NOT NULL CHECK (end_date >= start_date),
  service_package    text NOT NULL CHECK (service_package IN ('BASIC', 'PERSONALIZED')),
  terminated_on      date,
  termination_reason text,
  created_at         timestamptz NOT NULL,
  active_range       daterange GENERATED ALWAYS AS (
                       daterange(start_date, GREATEST(start_date, LEAST(end_date + 1, COALESCE(terminated_on, end_date + 1))), '[)')) STORED,
  CONSTRAINT contracts_no_overlap EXCLUDE USING gist (person_id WITH =, active_range WITH &&)
);
CREATE INDEX contracts_doctor_idx ON contracts USING gist (doctor_id, active_range);
CREATE INDEX contracts_person_idx ON contracts (person_id, start_date);

--changeset rehab:001-app-meta
CREATE TABLE app_meta (
  key   text PRIMARY KEY,
  value text NOT NULL,
  at    timestamptz NOT NULL DEFAULT now()
);
