--liquibase formatted sql

--changeset rehab:050-reports-placeholder
SELECT 1;

--changeset rehab:050-report-activity
-- Indicator facts, kept exact INSIDE the writing transactions by the triggers below (no cache, no job):
-- report_activity counts, per person and calendar year, the non-voided sessions, the fittings delivered and the
-- loans started. A session write costs one small upsert of its own person's row (never a shared counter row).
-- Narrow, no secondary index and fillfactor 80, so the per-session update is a HOT update.
CREATE TABLE report_activity (
  person_id uuid     NOT NULL REFERENCES persons (id),
  year      smallint NOT NULL,
  sessions  integer  NOT NULL DEFAULT 0 CHECK (sessions >= 0),
  fittings  integer  NOT NULL DEFAULT 0 CHECK (fittings >= 0),
  loans     integer  NOT NULL DEFAULT 0 CHECK (loans >= 0),
  PRIMARY KEY (person_id, year)
) WITH (fillfactor = 80);

--changeset rehab:050-report-facts
-- One row per needs assessment (person, year): the dimensions an indicator is grouped by (the assessment's region,
-- the person's category and grade), whether the person left before the year (gone_on = status_date of a person who
-- is no longer ACTIVE), the needs, and whether they were served. The served flags change only when a person's
-- count goes 0 <-> 1, so this table is rarely written and the covering index below answers the report with an
-- index-only scan.
CREATE TABLE report_facts (
  person_id     uuid        NOT NULL REFERENCES persons (id),
  year          smallint    NOT NULL,
  region_code   varchar(12) NOT NULL,
  category      text        NOT NULL,
  grade         smallint,
  gone_on       date,
  needs_rehab   boolean     NOT NULL,
  needs_device  boolean     NOT NULL,
  rehab_served  boolean     NOT NULL,
  device_served boolean     NOT NULL,
  PRIMARY KEY (person_id, year)
);
-- region subtrees are code ranges (all codes are 12 digits): region_code BETWEEN '150202001000' AND '150202001999'
CREATE INDEX report_facts_year_region_idx ON report_facts (year, region_code)
  INCLUDE (category, grade, gone_on, needs_rehab, needs_device, rehab_served, device_served);
-- the worklists (persons needing but not served), paged by person id
CREATE INDEX report_facts_rehab_unserved_idx ON report_facts (year, person_id) INCLUDE (region_code, gone_on)
  WHERE needs_rehab AND NOT rehab_served;
CREATE INDEX report_facts_device_unserved_idx ON report_facts (year, person_id) INCLUDE (region_code, gone_on)
  WHERE needs_device AND NOT device_served;

--changeset rehab:050-report-person-index
-- DOCTOR_CONTRACT_RATE counts persons of a region subtree by status/category/grade: an index-only scan.
CREATE INDEX persons_report_idx ON persons (region_code) INCLUDE (id, status, status_date, category, grade);

--changeset rehab:050-report-bump splitStatements:false
-- Adds deltas to one person-year's activity and, when a count crosses zero, flips the served flag of the
-- person-year's fact row (if they have an assessment that year).
CREATE FUNCTION report_bump(p_person uuid, p_year smallint, d_sessions integer, d_fittings integer, d_loans integer)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r report_activity;
BEGIN
  IF d_sessions < 0 OR d_fittings < 0 OR d_loans < 0 THEN
    -- a removal: the row exists (a CHECK on an upsert's proposed row would refuse the negative insert)
    UPDATE report_activity SET sessions = sessions + d_sessions, fittings = fittings + d_fittings, loans = loans + d_loans
     WHERE person_id = p_person AND year = p_year
    RETURNING * INTO r;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'report_activity has no row for person % year %: run reports_rebuild_facts()', p_person, p_year;
    END IF;
  ELSE
    INSERT INTO report_activity AS a (person_id, year, sessions, fittings, loans)
    VALUES (p_person, p_year, d_sessions, d_fittings, d_loans)
    ON CONFLICT (person_id, year) DO UPDATE
      SET sessions = a.sessions + d_sessions, fittings = a.fittings + d_fittings, loans = a.loans + d_loans
    RETURNING * INTO r;
  END IF;
  IF ((r.sessions - d_sessions = 0) <> (r.sessions = 0))
     OR ((r.fittings + r.loans - d_fittings - d_loans = 0) <> (r.fittings + r.loans = 0)) THEN
    UPDATE report_facts SET rehab_served = r.sessions > 0, device_served = r.fittings + r.loans > 0
     WHERE person_id = p_person AND year = p_year;
  END IF;
END
$$;

--changeset rehab:050-report-triggers splitStatements:false
CREATE FUNCTION report_on_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.voided_at IS NULL THEN
    PERFORM report_bump(OLD.person_id, extract(year FROM OLD.date)::smallint, -1, 0, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.voided_at IS NULL THEN
    PERFORM report_bump(NEW.person_id, extract(year FROM NEW.date)::smallint, 1, 0, 0);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER sessions_report_insert_delete AFTER INSERT OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION report_on_session();
CREATE TRIGGER sessions_report_update AFTER UPDATE OF voided_at, date, person_id ON sessions
  FOR EACH ROW WHEN ((OLD.voided_at IS NULL) <> (NEW.voided_at IS NULL) OR OLD.date <> NEW.date OR OLD.person_id <> NEW.person_id)
  EXECUTE FUNCTION report_on_session();

CREATE FUNCTION report_on_fitting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.delivered_on IS NOT NULL THEN
    PERFORM report_bump(OLD.person_id, extract(year FROM OLD.delivered_on)::smallint, 0, -1, 0);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.delivered_on IS NOT NULL THEN
    PERFORM report_bump(NEW.person_id, extract(year FROM NEW.delivered_on)::smallint, 0, 1, 0);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER fittings_report_insert_delete AFTER INSERT OR DELETE ON fittings
  FOR EACH ROW EXECUTE FUNCTION report_on_fitting();
CREATE TRIGGER fittings_report_update AFTER UPDATE OF delivered_on, person_id ON fittings
  FOR EACH ROW WHEN (OLD.delivered_on IS DISTINCT FROM NEW.delivered_on OR OLD.person_id <> NEW.person_id)
  EXECUTE FUNCTION report_on_fitting();

CREATE FUNCTION report_on_loan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM report_bump(OLD.person_id, extract(year FROM OLD.start_date)::smallint, 0, 0, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM report_bump(NEW.person_id, extract(year FROM NEW.start_date)::smallint, 0, 0, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER loans_report_insert_delete AFTER INSERT OR DELETE ON loans
  FOR EACH ROW EXECUTE FUNCTION report_on_loan();
CREATE TRIGGER loans_report_update AFTER UPDATE OF start_date, person_id ON loans
  FOR EACH ROW WHEN (OLD.start_date <> NEW.start_date OR OLD.person_id <> NEW.person_id)
  EXECUTE FUNCTION report_on_loan();

-- An assessment (re)defines its fact row. The person row is read FOR SHARE and the activity row is created or
-- locked, so a concurrent person update or first session cannot slip between the read and the write.
CREATE FUNCTION report_on_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p   record;
  act report_activity;
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.person_id <> NEW.person_id OR OLD.year <> NEW.year)) THEN
    DELETE FROM report_facts WHERE person_id = OLD.person_id AND year = OLD.year;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  SELECT category, grade, CASE WHEN status <> 'ACTIVE' THEN status_date END AS gone_on INTO p
    FROM persons WHERE id = NEW.person_id FOR SHARE;
  INSERT INTO report_activity AS a (person_id, year) VALUES (NEW.person_id, NEW.year)
  ON CONFLICT (person_id, year) DO UPDATE SET sessions = a.sessions
  RETURNING * INTO act;
  INSERT INTO report_facts (person_id, year, region_code, category, grade, gone_on, needs_rehab, needs_device, rehab_served, device_served)
  VALUES (NEW.person_id, NEW.year, NEW.region_code, p.category, p.grade, p.gone_on, NEW.needs_rehab, NEW.needs_device,
          act.sessions > 0, act.fittings + act.loans > 0)
  ON CONFLICT (person_id, year) DO UPDATE SET region_code = EXCLUDED.region_code, category = EXCLUDED.category,
    grade = EXCLUDED.grade, gone_on = EXCLUDED.gone_on, needs_rehab = EXCLUDED.needs_rehab, needs_device = EXCLUDED.needs_device,
    rehab_served = EXCLUDED.rehab_served, device_served = EXCLUDED.device_served;
  RETURN NULL;
END
$$;
CREATE TRIGGER assessments_report_insert_delete AFTER INSERT OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION report_on_assessment();
CREATE TRIGGER assessments_report_update AFTER UPDATE OF person_id, year, region_code, rehab_needs, device_needs ON assessments
  FOR EACH ROW EXECUTE FUNCTION report_on_assessment();

CREATE FUNCTION report_on_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_facts SET category = NEW.category, grade = NEW.grade,
         gone_on = CASE WHEN NEW.status <> 'ACTIVE' THEN NEW.status_date END
   WHERE person_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_report_update AFTER UPDATE OF category, grade, status, status_date ON persons
  FOR EACH ROW WHEN (OLD.category <> NEW.category OR OLD.grade IS DISTINCT FROM NEW.grade OR OLD.status <> NEW.status
                     OR OLD.status_date IS DISTINCT FROM NEW.status_date)
  EXECUTE FUNCTION report_on_person();

--changeset rehab:050-report-rebuild splitStatements:false
-- Recomputes report_activity and report_facts from scratch, for bulk loaders that COPY with triggers disabled
-- (ALTER TABLE ... DISABLE TRIGGER USER, load, ENABLE, then SELECT * FROM reports_rebuild_facts()), or to verify
-- the triggers. Writers of the source tables wait meanwhile (SHARE locks), so the result is exact.
CREATE FUNCTION reports_rebuild_facts() RETURNS TABLE (activity_rows bigint, fact_rows bigint) LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE persons, assessments, sessions, fittings, loans IN SHARE MODE;
  LOCK TABLE report_activity, report_facts IN ACCESS EXCLUSIVE MODE;
  TRUNCATE report_facts, report_activity;
  INSERT INTO report_activity (person_id, year, sessions, fittings, loans)
  SELECT person_id, y, sum(s), sum(f), sum(l) FROM (
      SELECT person_id, extract(year FROM date)::smallint AS y, count(*) AS s, 0 AS f, 0 AS l
        FROM sessions WHERE voided_at IS NULL GROUP BY 1, 2
      UNION ALL
      SELECT person_id, extract(year FROM delivered_on)::smallint, 0, count(*), 0
        FROM fittings WHERE delivered_on IS NOT NULL GROUP BY 1, 2
      UNION ALL
      SELECT person_id, extract(year FROM start_date)::smallint, 0, 0, count(*) FROM loans GROUP BY 1, 2
      UNION ALL
      SELECT person_id, year, 0, 0, 0 FROM assessments) AS x
  GROUP BY person_id, y;
  INSERT INTO report_facts (person_id, year, region_code, category, grade, gone_on, needs_rehab, needs_device, rehab_served, device_served)
  SELECT a.person_id, a.year, a.region_code, p.category, p.grade, CASE WHEN p.status <> 'ACTIVE' THEN p.status_date END,
         a.needs_rehab, a.needs_device, act.sessions > 0, act.fittings + act.loans > 0
    FROM assessments a
    JOIN persons p ON p.id = a.person_id
    JOIN report_activity act ON act.person_id = a.person_id AND act.year = a.year;
  ANALYZE report_activity;
  ANALYZE report_facts;
  RETURN QUERY SELECT (SELECT count(*) FROM report_activity), (SELECT count(*) FROM report_facts);
END
$$;
-- facts for rows that existed before this changeset
SELECT * FROM reports_rebuild_facts();

--changeset rehab:050-report-snapshots splitStatements:false
-- Published indicator reports, frozen: parameters, definition versions, every figure and the SHA-256 of the
-- numerator and denominator person sets per indicator. Append-only.
CREATE TABLE report_snapshots (
  id           uuid PRIMARY KEY,
  year         smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  region_code  varchar(12) REFERENCES regions (code),
  scope_prefix text        NOT NULL,
  as_of        date        NOT NULL,
  group_by     text,
  report       jsonb       NOT NULL CHECK (jsonb_typeof(report) = 'object'),
  hashes       jsonb       NOT NULL CHECK (jsonb_typeof(hashes) = 'object'),
  created_at   timestamptz NOT NULL,
  created_by   uuid REFERENCES users (id)
);
CREATE INDEX report_snapshots_region_idx ON report_snapshots (scope_prefix text_pattern_ops, id);
CREATE TRIGGER report_snapshots_append_only BEFORE UPDATE OR DELETE ON report_snapshots
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER report_snapshots_no_truncate BEFORE TRUNCATE ON report_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

--changeset rehab:050-report-counts splitStatements:false
-- Per-group counters, so a report over a whole province reads a few thousand rows instead of a million.
-- Each counted thing is added at three levels of its region (1 = district, 2 = town, 3 = its own community code);
-- a report reads the coarsest level that still answers its region and grouping. Kept exact inside the writing
-- transactions by triggers; rows are locked in level order 1, 2, 3, so two writers never deadlock on them.
-- grade 0 stands for "no grade" (a key column cannot be NULL).
CREATE FUNCTION report_level_code(code varchar, lvl integer) RETURNS varchar
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lvl WHEN 1 THEN substr(code, 1, 6) || '000000' WHEN 2 THEN substr(code, 1, 9) || '000' ELSE code END
$$;

-- The rehab and device rates: report_facts rows counted in the year (gone_on IS NULL OR gone_on >= 1 January).
CREATE TABLE report_fact_counts (
  level       smallint    NOT NULL CHECK (level BETWEEN 1 AND 3),
  year        smallint    NOT NULL,
  region_code varchar(12) NOT NULL,
  category    text        NOT NULL,
  grade       smallint    NOT NULL,
  rehab_n     integer     NOT NULL DEFAULT 0,
  rehab_d     integer     NOT NULL DEFAULT 0,
  device_n    integer     NOT NULL DEFAULT 0,
  device_d    integer     NOT NULL DEFAULT 0,
  PRIMARY KEY (level, year, region_code, category, grade)
) WITH (fillfactor = 70);

CREATE FUNCTION report_fact_counts_add(p_year smallint, p_region varchar, p_category text, p_grade smallint,
                                       rn integer, rd integer, dn integer, dd integer)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rn = 0 AND rd = 0 AND dn = 0 AND dd = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_fact_counts AS c (level, year, region_code, category, grade, rehab_n, rehab_d, device_n, device_d)
  SELECT l, p_year, report_level_code(p_region, l), p_category, coalesce(p_grade, 0), rn, rd, dn, dd
    FROM generate_series(1, 3) AS l ORDER BY l
  ON CONFLICT (level, year, region_code, category, grade) DO UPDATE
    SET rehab_n = c.rehab_n + EXCLUDED.rehab_n, rehab_d = c.rehab_d + EXCLUDED.rehab_d,
        device_n = c.device_n + EXCLUDED.device_n, device_d = c.device_d + EXCLUDED.device_d;
END
$$;

CREATE FUNCTION report_on_fact() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o integer[] := ARRAY[0, 0, 0, 0];
  n integer[] := ARRAY[0, 0, 0, 0];
BEGIN
  IF TG_OP <> 'INSERT' AND (OLD.gone_on IS NULL OR OLD.gone_on >= make_date(OLD.year, 1, 1)) THEN
    o := ARRAY[(OLD.needs_rehab AND OLD.rehab_served)::int, OLD.needs_rehab::int,
               (OLD.needs_device AND OLD.device_served)::int, OLD.needs_device::int];
  END IF;
  IF TG_OP <> 'DELETE' AND (NEW.gone_on IS NULL OR NEW.gone_on >= make_date(NEW.year, 1, 1)) THEN
    n := ARRAY[(NEW.needs_rehab AND NEW.rehab_served)::int, NEW.needs_rehab::int,
               (NEW.needs_device AND NEW.device_served)::int, NEW.needs_device::int];
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.year = NEW.year AND OLD.region_code = NEW.region_code AND OLD.category = NEW.category
     AND OLD.grade IS NOT DISTINCT FROM NEW.grade THEN
    PERFORM report_fact_counts_add(NEW.year, NEW.region_code, NEW.category, NEW.grade, n[1] - o[1], n[2] - o[2], n[3] - o[3], n[4] - o[4]);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM report_fact_counts_add(OLD.year, OLD.region_code, OLD.category, OLD.grade, -o[1], -o[2], -o[3], -o[4]);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM report_fact_counts_add(NEW.year, NEW.region_code, NEW.category, NEW.grade, n[1], n[2], n[3], n[4]);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER report_facts_counts AFTER INSERT OR UPDATE OR DELETE ON report_facts
  FOR EACH ROW EXECUTE FUNCTION report_on_fact();

-- The contract rate as of one day (report_contract_day.day, the service moves it to today): ACTIVE persons per
-- group, and of them those with a contract in force on that day. Writers of persons and contracts hold a shared
-- advisory lock; moving the day takes it exclusively, so it never interleaves with a counter update.
CREATE TABLE report_contract_day (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  day date    NOT NULL
);
CREATE TABLE report_contract_counts (
  level       smallint    NOT NULL CHECK (level BETWEEN 1 AND 3),
  region_code varchar(12) NOT NULL,
  category    text        NOT NULL,
  grade       smallint    NOT NULL,
  persons     integer     NOT NULL DEFAULT 0,
  signed      integer     NOT NULL DEFAULT 0,
  PRIMARY KEY (level, region_code, category, grade)
) WITH (fillfactor = 70);
-- persons who left, for the few of them still counted on a day before they left (status_date > the day)
CREATE INDEX persons_gone_idx ON persons (status_date) INCLUDE (region_code, category, grade) WHERE status <> 'ACTIVE';

CREATE FUNCTION report_counts_lock_key() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 5020501::bigint $$;

CREATE FUNCTION report_contract_counts_add(p_region varchar, p_category text, p_grade smallint, dp integer, ds integer)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF dp = 0 AND ds = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_contract_counts AS c (level, region_code, category, grade, persons, signed)
  SELECT l, report_level_code(p_region, l), p_category, coalesce(p_grade, 0), dp, ds
    FROM generate_series(1, 3) AS l ORDER BY l
  ON CONFLICT (level, region_code, category, grade) DO UPDATE
    SET persons = c.persons + EXCLUDED.persons, signed = c.signed + EXCLUDED.signed;
END
$$;

-- Whether the person has a contract in force on the counters' day (the caller holds the shared lock).
CREATE FUNCTION report_signed_on_day(p_person uuid) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT count(*)::int FROM contracts c, report_contract_day d WHERE c.person_id = p_person AND c.active_range @> d.day
$$;

CREATE FUNCTION report_on_person_contracts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(report_counts_lock_key());
  IF TG_OP <> 'INSERT' AND OLD.status = 'ACTIVE' THEN
    PERFORM report_contract_counts_add(OLD.region_code, OLD.category, OLD.grade, -1, -report_signed_on_day(OLD.id));
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'ACTIVE' THEN
    PERFORM report_contract_counts_add(NEW.region_code, NEW.category, NEW.grade, 1, report_signed_on_day(NEW.id));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_contract_counts_insert_delete AFTER INSERT OR DELETE ON persons
  FOR EACH ROW EXECUTE FUNCTION report_on_person_contracts();
CREATE TRIGGER persons_contract_counts_update AFTER UPDATE OF region_code, category, grade, status ON persons
  FOR EACH ROW WHEN (OLD.region_code <> NEW.region_code OR OLD.category <> NEW.category OR OLD.grade IS DISTINCT FROM NEW.grade
                     OR (OLD.status = 'ACTIVE') <> (NEW.status = 'ACTIVE'))
  EXECUTE FUNCTION report_on_person_contracts();

-- A contract counts for its person's group when it is in force on the day. The person row is read FOR SHARE, so a
-- concurrent change of the person's group or status waits (or is seen), and the count lands in the right group.
CREATE FUNCTION report_on_contract() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d    date;
  p    record;
  was  integer := 0;
  now_ integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(report_counts_lock_key());
  SELECT day INTO d FROM report_contract_day;
  IF TG_OP <> 'INSERT' AND OLD.active_range @> d THEN was := 1; END IF;
  IF TG_OP <> 'DELETE' AND NEW.active_range @> d THEN now_ := 1; END IF;
  IF TG_OP = 'UPDATE' AND OLD.person_id <> NEW.person_id THEN
    IF was = 1 THEN
      SELECT region_code, category, grade, status INTO p FROM persons WHERE id = OLD.person_id FOR SHARE;
      IF p.status = 'ACTIVE' THEN PERFORM report_contract_counts_add(p.region_code, p.category, p.grade, 0, -1); END IF;
    END IF;
    was := 0;
  END IF;
  IF now_ <> was THEN
    SELECT region_code, category, grade, status INTO p FROM persons
     WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END FOR SHARE;
    IF p.status = 'ACTIVE' THEN PERFORM report_contract_counts_add(p.region_code, p.category, p.grade, 0, now_ - was); END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER contracts_report_counts_insert_delete AFTER INSERT OR DELETE ON contracts
  FOR EACH ROW EXECUTE FUNCTION report_on_contract();
CREATE TRIGGER contracts_report_counts_update AFTER UPDATE OF person_id, start_date, end_date, terminated_on ON contracts
  FOR EACH ROW EXECUTE FUNCTION report_on_contract();

-- Recomputes the contract counters for a day (the service calls it when the day changes; cost: one pass over the
-- persons and the contracts in force). Waits for running writers of persons and contracts, then excludes them.
CREATE FUNCTION report_contract_counts_rebuild(p_day date) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(report_counts_lock_key());
  INSERT INTO report_contract_day (one, day) VALUES (true, p_day) ON CONFLICT (one) DO UPDATE SET day = EXCLUDED.day;
  DELETE FROM report_contract_counts;
  INSERT INTO report_contract_counts (level, region_code, category, grade, persons, signed)
  SELECT l, report_level_code(p.region_code, l), p.category, coalesce(p.grade, 0), count(*), count(c.person_id)
    FROM persons p
    LEFT JOIN contracts c ON c.person_id = p.id AND c.active_range @> p_day
    CROSS JOIN generate_series(1, 3) AS l
   WHERE p.status = 'ACTIVE'
   GROUP BY 1, 2, 3, 4;
  RETURN (SELECT count(*) FROM report_contract_counts);
END
$$;

-- The rehab/device counters from report_facts (called by reports_rebuild_facts and below).
CREATE FUNCTION report_fact_counts_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_facts IN SHARE MODE;
  DELETE FROM report_fact_counts;
  INSERT INTO report_fact_counts (level, year, region_code, category, grade, rehab_n, rehab_d, device_n, device_d)
  SELECT l, f.year, report_level_code(f.region_code, l), f.category, coalesce(f.grade, 0),
         count(*) FILTER (WHERE f.needs_rehab AND f.rehab_served), count(*) FILTER (WHERE f.needs_rehab),
         count(*) FILTER (WHERE f.needs_device AND f.device_served), count(*) FILTER (WHERE f.needs_device)
    FROM report_facts f CROSS JOIN generate_series(1, 3) AS l
   WHERE f.gone_on IS NULL OR f.gone_on >= make_date(f.year, 1, 1)
   GROUP BY 1, 2, 3, 4, 5;
  RETURN (SELECT count(*) FROM report_fact_counts);
END
$$;

-- reports_rebuild_facts() now also rebuilds both kinds of counters, so bulk loaders that COPY persons and contracts
-- with their triggers disabled get exact counters too: the original function (renamed) refills the facts with the fact
-- trigger off, then each counter table is computed in one pass.
ALTER FUNCTION reports_rebuild_facts() RENAME TO report_rebuild_facts_only;
CREATE FUNCTION reports_rebuild_facts() RETURNS TABLE (activity_rows bigint, fact_rows bigint) LANGUAGE plpgsql AS $$
BEGIN
  -- the inner function's locks first, in its order (writers lock persons before report_facts)
  LOCK TABLE persons, assessments, sessions, fittings, loans IN SHARE MODE;
  LOCK TABLE report_activity, report_facts, report_fact_counts IN ACCESS EXCLUSIVE MODE;
  ALTER TABLE report_facts DISABLE TRIGGER report_facts_counts;
  RETURN QUERY SELECT * FROM report_rebuild_facts_only();
  ALTER TABLE report_facts ENABLE TRIGGER report_facts_counts;
  PERFORM report_fact_counts_rebuild();
  PERFORM report_contract_counts_rebuild(coalesce((SELECT day FROM report_contract_day), CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date)));
  ANALYZE report_fact_counts;
END
$$;
SELECT report_fact_counts_rebuild();
SELECT report_contract_counts_rebuild(CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date));

--changeset rehab:050-report-person-id-index
-- CHILD_AID_UTILISATION joins this year's aid accounts (children only, a few percent of the persons) to their
-- persons: with this covering index that is an index-only probe per account instead of a pass over all persons.
CREATE INDEX persons_id_report_idx ON persons (id) INCLUDE (region_code, category, grade, status, status_date);
