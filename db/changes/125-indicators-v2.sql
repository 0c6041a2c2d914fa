--liquibase formatted sql

--changeset rehab:125-indicators-v2-columns
-- Need-matched counting (DESIGN section 8, definition version 2; issue 17 item 1). Version 1 stays computable
-- (definitionVersion=1 reproduces published figures), so both are kept side by side:
--   report_activity.rehab_matched  = non-voided sessions of the person-year whose service_type is among the rehab needs
--                                    of the person's assessment for that year;
--   report_activity.device_matched = fittings delivered + loans started in the year of a device type among its device needs;
--   report_facts.rehab_matched / device_matched = those counts > 0 (version 1 keeps rehab_served / device_served);
--   report_fact_counts.rehab_n2 / device_n2 = the version-2 numerators per group (rehab_d / device_d are shared).
-- Adding NOT NULL columns with a constant default does not rewrite the tables (PostgreSQL 11+).
ALTER TABLE report_activity
  ADD COLUMN rehab_matched  integer NOT NULL DEFAULT 0 CHECK (rehab_matched >= 0),
  ADD COLUMN device_matched integer NOT NULL DEFAULT 0 CHECK (device_matched >= 0);
ALTER TABLE report_facts
  ADD COLUMN rehab_matched  boolean NOT NULL DEFAULT false,
  ADD COLUMN device_matched boolean NOT NULL DEFAULT false;
ALTER TABLE report_fact_counts
  ADD COLUMN rehab_n2  integer NOT NULL DEFAULT 0,
  ADD COLUMN device_n2 integer NOT NULL DEFAULT 0;
-- the version-2 worklists and person-set hashes, paged by person id like the version-1 ones
CREATE INDEX report_facts_rehab_unmatched_idx ON report_facts (year, person_id) INCLUDE (region_code, gone_on)
  WHERE needs_rehab AND NOT rehab_matched;
CREATE INDEX report_facts_device_unmatched_idx ON report_facts (year, person_id) INCLUDE (region_code, gone_on)
  WHERE needs_device AND NOT device_matched;

--changeset rehab:125-indicators-v2-functions splitStatements:false
-- One person-year's activity changes by the given deltas; p_service / p_device name the service type or device type of
-- the session / fitting / loan, matched against the year's assessment. The activity row is locked FIRST and the needs
-- read after (a new statement, so a new snapshot): an assessment trigger that changed the needs holds the same row
-- lock while it recounts, so a session either waits and then sees the new needs, or is seen by the recount.
CREATE FUNCTION report_count(p_person uuid, p_year smallint, d_sessions integer, d_fittings integer, d_loans integer,
                             p_service text, p_device text)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r   report_activity;
  rm  integer := 0;
  dm  integer := 0;
BEGIN
  IF d_sessions < 0 OR d_fittings < 0 OR d_loans < 0 THEN
    PERFORM 1 FROM report_activity WHERE person_id = p_person AND year = p_year FOR UPDATE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'report_activity has no row for person % year %: run reports_rebuild_facts()', p_person, p_year;
    END IF;
  ELSE
    INSERT INTO report_activity AS a (person_id, year) VALUES (p_person, p_year)
    ON CONFLICT (person_id, year) DO UPDATE SET sessions = a.sessions;
  END IF;
  SELECT CASE WHEN p_service = ANY (x.rehab_needs) THEN d_sessions ELSE 0 END,
         CASE WHEN p_device = ANY (x.device_needs) THEN d_fittings + d_loans ELSE 0 END
    INTO rm, dm
    FROM assessments x WHERE x.person_id = p_person AND x.year = p_year;
  rm := coalesce(rm, 0);
  dm := coalesce(dm, 0);
  UPDATE report_activity SET sessions = sessions + d_sessions, fittings = fittings + d_fittings, loans = loans + d_loans,
         rehab_matched = rehab_matched + rm, device_matched = device_matched + dm
   WHERE person_id = p_person AND year = p_year
  RETURNING * INTO r;
  IF ((r.sessions - d_sessions = 0) <> (r.sessions = 0))
     OR ((r.fittings + r.loans - d_fittings - d_loans = 0) <> (r.fittings + r.loans = 0))
     OR ((r.rehab_matched - rm = 0) <> (r.rehab_matched = 0))
     OR ((r.device_matched - dm = 0) <> (r.device_matched = 0)) THEN
    UPDATE report_facts SET rehab_served = r.sessions > 0, device_served = r.fittings + r.loans > 0,
           rehab_matched = r.rehab_matched > 0, device_matched = r.device_matched > 0
     WHERE person_id = p_person AND year = p_year;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION report_on_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.voided_at IS NULL THEN
    PERFORM report_count(OLD.person_id, extract(year FROM OLD.date)::smallint, -1, 0, 0, OLD.service_type, NULL);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.voided_at IS NULL THEN
    PERFORM report_count(NEW.person_id, extract(year FROM NEW.date)::smallint, 1, 0, 0, NEW.service_type, NULL);
  END IF;
  RETURN NULL;
END
$$;
-- a change of a session's service type moves it between matched and unmatched
DROP TRIGGER sessions_report_update ON sessions;
CREATE TRIGGER sessions_report_update AFTER UPDATE OF voided_at, date, person_id, service_type ON sessions
  FOR EACH ROW WHEN ((OLD.voided_at IS NULL) <> (NEW.voided_at IS NULL) OR OLD.date <> NEW.date OR OLD.person_id <> NEW.person_id
                     OR OLD.service_type <> NEW.service_type)
  EXECUTE FUNCTION report_on_session();

CREATE OR REPLACE FUNCTION report_on_fitting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.delivered_on IS NOT NULL THEN
    PERFORM report_count(OLD.person_id, extract(year FROM OLD.delivered_on)::smallint, 0, -1, 0, NULL, OLD.device_type_code);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.delivered_on IS NOT NULL THEN
    PERFORM report_count(NEW.person_id, extract(year FROM NEW.delivered_on)::smallint, 0, 1, 0, NULL, NEW.device_type_code);
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER fittings_report_update ON fittings;
CREATE TRIGGER fittings_report_update AFTER UPDATE OF delivered_on, person_id, device_type_code ON fittings
  FOR EACH ROW WHEN (OLD.delivered_on IS DISTINCT FROM NEW.delivered_on OR OLD.person_id <> NEW.person_id
                     OR OLD.device_type_code <> NEW.device_type_code)
  EXECUTE FUNCTION report_on_fitting();

-- A loan's device type is its item's (device_items.device_type_code is never changed by the service).
CREATE OR REPLACE FUNCTION report_on_loan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM report_count(OLD.person_id, extract(year FROM OLD.start_date)::smallint, 0, 0, -1, NULL,
                         (SELECT device_type_code FROM device_items WHERE id = OLD.item_id));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM report_count(NEW.person_id, extract(year FROM NEW.start_date)::smallint, 0, 0, 1, NULL,
                         (SELECT device_type_code FROM device_items WHERE id = NEW.item_id));
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER loans_report_update ON loans;
CREATE TRIGGER loans_report_update AFTER UPDATE OF start_date, person_id, item_id ON loans
  FOR EACH ROW WHEN (OLD.start_date <> NEW.start_date OR OLD.person_id <> NEW.person_id OR OLD.item_id <> NEW.item_id)
  EXECUTE FUNCTION report_on_loan();

-- The matched counts of one person-year, recounted from the raw rows for the given needs (a few rows per person).
CREATE FUNCTION report_matched(p_person uuid, p_year smallint, p_rehab text[], p_device text[])
  RETURNS TABLE (rehab integer, device integer) LANGUAGE sql STABLE AS $$
  SELECT (SELECT count(*) FROM sessions s
           WHERE s.person_id = p_person AND s.voided_at IS NULL AND s.date BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
             AND s.service_type = ANY (p_rehab))::int,
         ((SELECT count(*) FROM fittings f
            WHERE f.person_id = p_person AND f.delivered_on BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
              AND f.device_type_code = ANY (p_device))
          + (SELECT count(*) FROM loans l JOIN device_items i ON i.id = l.item_id
              WHERE l.person_id = p_person AND l.start_date BETWEEN make_date(p_year, 1, 1) AND make_date(p_year, 12, 31)
                AND i.device_type_code = ANY (p_device)))::int
$$;

-- An assessment (re)defines its fact row, and a change of its needs re-evaluates the person: the matched counts are
-- recounted for the new needs while the activity row is locked (see report_count), so a session logged before the
-- needs changed counts exactly when its type is among the new needs.
CREATE OR REPLACE FUNCTION report_on_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p   record;
  act report_activity;
  m   record;
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.person_id <> NEW.person_id OR OLD.year <> NEW.year)) THEN
    DELETE FROM report_facts WHERE person_id = OLD.person_id AND year = OLD.year;
    -- without an assessment nothing matches
    UPDATE report_activity SET rehab_matched = 0, device_matched = 0 WHERE person_id = OLD.person_id AND year = OLD.year;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  SELECT category, grade, CASE WHEN status <> 'ACTIVE' THEN status_date END AS gone_on INTO p
    FROM persons WHERE id = NEW.person_id FOR SHARE;
  INSERT INTO report_activity AS a (person_id, year) VALUES (NEW.person_id, NEW.year)
  ON CONFLICT (person_id, year) DO UPDATE SET sessions = a.sessions;
  SELECT * INTO m FROM report_matched(NEW.person_id, NEW.year, NEW.rehab_needs, NEW.device_needs);
  UPDATE report_activity SET rehab_matched = m.rehab, device_matched = m.device
   WHERE person_id = NEW.person_id AND year = NEW.year
  RETURNING * INTO act;
  INSERT INTO report_facts (person_id, year, region_code, category, grade, gone_on, needs_rehab, needs_device, rehab_served, device_served,
                            rehab_matched, device_matched)
  VALUES (NEW.person_id, NEW.year, NEW.region_code, p.category, p.grade, p.gone_on, NEW.needs_rehab, NEW.needs_device,
          act.sessions > 0, act.fittings + act.loans > 0, act.rehab_matched > 0, act.device_matched > 0)
  ON CONFLICT (person_id, year) DO UPDATE SET region_code = EXCLUDED.region_code, category = EXCLUDED.category,
    grade = EXCLUDED.grade, gone_on = EXCLUDED.gone_on, needs_rehab = EXCLUDED.needs_rehab, needs_device = EXCLUDED.needs_device,
    rehab_served = EXCLUDED.rehab_served, device_served = EXCLUDED.device_served,
    rehab_matched = EXCLUDED.rehab_matched, device_matched = EXCLUDED.device_matched;
  RETURN NULL;
END
$$;

-- Per-group counters with both numerators.
CREATE FUNCTION report_fact_counts_add2(p_year smallint, p_region varchar, p_category text, p_grade smallint,
                                        rn integer, rd integer, dn integer, dd integer, rn2 integer, dn2 integer)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF rn = 0 AND rd = 0 AND dn = 0 AND dd = 0 AND rn2 = 0 AND dn2 = 0 THEN
    RETURN;
  END IF;
  INSERT INTO report_fact_counts AS c (level, year, region_code, category, grade, rehab_n, rehab_d, device_n, device_d, rehab_n2, device_n2)
  SELECT l, p_year, report_level_code(p_region, l), p_category, coalesce(p_grade, 0), rn, rd, dn, dd, rn2, dn2
    FROM generate_series(1, 3) AS l ORDER BY l
  ON CONFLICT (level, year, region_code, category, grade) DO UPDATE
    SET rehab_n = c.rehab_n + EXCLUDED.rehab_n, rehab_d = c.rehab_d + EXCLUDED.rehab_d,
        device_n = c.device_n + EXCLUDED.device_n, device_d = c.device_d + EXCLUDED.device_d,
        rehab_n2 = c.rehab_n2 + EXCLUDED.rehab_n2, device_n2 = c.device_n2 + EXCLUDED.device_n2;
END
$$;

CREATE OR REPLACE FUNCTION report_on_fact() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  o integer[] := ARRAY[0, 0, 0, 0, 0, 0];
  n integer[] := ARRAY[0, 0, 0, 0, 0, 0];
BEGIN
  IF TG_OP <> 'INSERT' AND (OLD.gone_on IS NULL OR OLD.gone_on >= make_date(OLD.year, 1, 1)) THEN
    o := ARRAY[(OLD.needs_rehab AND OLD.rehab_served)::int, OLD.needs_rehab::int,
               (OLD.needs_device AND OLD.device_served)::int, OLD.needs_device::int,
               (OLD.needs_rehab AND OLD.rehab_matched)::int, (OLD.needs_device AND OLD.device_matched)::int];
  END IF;
  IF TG_OP <> 'DELETE' AND (NEW.gone_on IS NULL OR NEW.gone_on >= make_date(NEW.year, 1, 1)) THEN
    n := ARRAY[(NEW.needs_rehab AND NEW.rehab_served)::int, NEW.needs_rehab::int,
               (NEW.needs_device AND NEW.device_served)::int, NEW.needs_device::int,
               (NEW.needs_rehab AND NEW.rehab_matched)::int, (NEW.needs_device AND NEW.device_matched)::int];
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.year = NEW.year AND OLD.region_code = NEW.region_code AND OLD.category = NEW.category
     AND OLD.grade IS NOT DISTINCT FROM NEW.grade THEN
    PERFORM report_fact_counts_add2(NEW.year, NEW.region_code, NEW.category, NEW.grade,
                                    n[1] - o[1], n[2] - o[2], n[3] - o[3], n[4] - o[4], n[5] - o[5], n[6] - o[6]);
  ELSE
    IF TG_OP <> 'INSERT' THEN
      PERFORM report_fact_counts_add2(OLD.year, OLD.region_code, OLD.category, OLD.grade, -o[1], -o[2], -o[3], -o[4], -o[5], -o[6]);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM report_fact_counts_add2(NEW.year, NEW.region_code, NEW.category, NEW.grade, n[1], n[2], n[3], n[4], n[5], n[6]);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION report_fact_counts_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE report_facts IN SHARE MODE;
  DELETE FROM report_fact_counts;
  INSERT INTO report_fact_counts (level, year, region_code, category, grade, rehab_n, rehab_d, device_n, device_d, rehab_n2, device_n2)
  SELECT l, f.year, report_level_code(f.region_code, l), f.category, coalesce(f.grade, 0),
         count(*) FILTER (WHERE f.needs_rehab AND f.rehab_served), count(*) FILTER (WHERE f.needs_rehab),
         count(*) FILTER (WHERE f.needs_device AND f.device_served), count(*) FILTER (WHERE f.needs_device),
         count(*) FILTER (WHERE f.needs_rehab AND f.rehab_matched), count(*) FILTER (WHERE f.needs_device AND f.device_matched)
    FROM report_facts f CROSS JOIN generate_series(1, 3) AS l
   WHERE f.gone_on IS NULL OR f.gone_on >= make_date(f.year, 1, 1)
   GROUP BY 1, 2, 3, 4, 5;
  RETURN (SELECT count(*) FROM report_fact_counts);
END
$$;

-- The facts from scratch (called by reports_rebuild_facts(), which keeps its locks and also rebuilds the counters).
CREATE OR REPLACE FUNCTION report_rebuild_facts_only() RETURNS TABLE (activity_rows bigint, fact_rows bigint) LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE persons, assessments, sessions, fittings, loans, device_items IN SHARE MODE;
  LOCK TABLE report_activity, report_facts IN ACCESS EXCLUSIVE MODE;
  TRUNCATE report_facts, report_activity;
  INSERT INTO report_activity (person_id, year, sessions, fittings, loans, rehab_matched, device_matched)
  SELECT x.person_id, x.y, sum(x.s), sum(x.f), sum(x.l), sum(x.rm), sum(x.dm) FROM (
      SELECT s.person_id, extract(year FROM s.date)::smallint AS y, count(*) AS s, 0 AS f, 0 AS l,
             count(*) FILTER (WHERE s.service_type = ANY (a.rehab_needs)) AS rm, 0 AS dm
        FROM sessions s
        LEFT JOIN assessments a ON a.person_id = s.person_id AND a.year = extract(year FROM s.date)
       WHERE s.voided_at IS NULL GROUP BY 1, 2
      UNION ALL
      SELECT f.person_id, extract(year FROM f.delivered_on)::smallint, 0, count(*), 0, 0,
             count(*) FILTER (WHERE f.device_type_code = ANY (a.device_needs))
        FROM fittings f
        LEFT JOIN assessments a ON a.person_id = f.person_id AND a.year = extract(year FROM f.delivered_on)
       WHERE f.delivered_on IS NOT NULL GROUP BY 1, 2
      UNION ALL
      SELECT l.person_id, extract(year FROM l.start_date)::smallint, 0, 0, count(*), 0,
             count(*) FILTER (WHERE i.device_type_code = ANY (a.device_needs))
        FROM loans l JOIN device_items i ON i.id = l.item_id
        LEFT JOIN assessments a ON a.person_id = l.person_id AND a.year = extract(year FROM l.start_date)
       GROUP BY 1, 2
      UNION ALL
      SELECT person_id, year, 0, 0, 0, 0, 0 FROM assessments) AS x
  GROUP BY x.person_id, x.y;
  INSERT INTO report_facts (person_id, year, region_code, category, grade, gone_on, needs_rehab, needs_device, rehab_served, device_served,
                            rehab_matched, device_matched)
  SELECT a.person_id, a.year, a.region_code, p.category, p.grade, CASE WHEN p.status <> 'ACTIVE' THEN p.status_date END,
         a.needs_rehab, a.needs_device, act.sessions > 0, act.fittings + act.loans > 0, act.rehab_matched > 0, act.device_matched > 0
    FROM assessments a
    JOIN persons p ON p.id = a.person_id
    JOIN report_activity act ON act.person_id = a.person_id AND act.year = a.year;
  ANALYZE report_activity;
  ANALYZE report_facts;
  RETURN QUERY SELECT (SELECT count(*) FROM report_activity), (SELECT count(*) FROM report_facts);
END
$$;

-- the old per-session function is replaced by report_count (nothing calls it any more)
DROP FUNCTION report_bump(uuid, smallint, integer, integer, integer);
DROP FUNCTION report_fact_counts_add(smallint, varchar, text, smallint, integer, integer, integer, integer);

-- matched counts and version-2 counters for the rows that exist already
SELECT * FROM reports_rebuild_facts();
