--liquibase formatted sql

--changeset rehab:205-person-ratings splitStatements:false
-- Issue 20 item 1 (DESIGN section 13): disability ratings (残疾评定) with their history. Owned by the registry
-- (RatingDao). A person's rating in force on a day is the row with the latest effective_date on or before that day;
-- persons.category/grade/certificate_* mirror the latest row (future effective dates are refused, so the latest row is
-- the one in force today). Every person gets a first row at registration (reason REGISTERED, effective from birth), so
-- the history is never empty. The certificate number is not stored again: it is the ID number plus the category
-- and grade digits, so the masked form (which keeps those digits) is all a history row needs. Append-only.
CREATE TABLE person_ratings (
  id                 uuid PRIMARY KEY,
  person_id          uuid        NOT NULL REFERENCES persons (id),
  category           text        NOT NULL CHECK (category IN ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')),
  grade              smallint    CHECK (grade BETWEEN 1 AND 4),
  certificate_masked text        CHECK (certificate_masked IS NULL OR certificate_masked ~ '^[0-9]{6}\*{12}[1-7][1-4]$'),
  effective_date     date        NOT NULL,
  reason             text        NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
  created_at         timestamptz NOT NULL,
  created_by         uuid        REFERENCES users (id),
  UNIQUE (person_id, effective_date),
  CHECK (certificate_masked IS NULL OR grade IS NOT NULL)
);
CREATE TRIGGER person_ratings_append_only BEFORE UPDATE OR DELETE ON person_ratings
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER person_ratings_no_truncate BEFORE TRUNCATE ON person_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The rating at registration, for every way a person row is inserted (single, CSV import, demo bulk load).
CREATE FUNCTION person_rating_at_registration() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_ratings (id, person_id, category, grade, certificate_masked, effective_date, reason, created_at)
  VALUES (gen_random_uuid(), NEW.id, NEW.category, NEW.grade, NEW.certificate_masked, NEW.birth_date, 'REGISTERED', NEW.created_at);
  RETURN NULL;
END
$$;
CREATE TRIGGER persons_first_rating AFTER INSERT ON persons
  FOR EACH ROW EXECUTE FUNCTION person_rating_at_registration();

INSERT INTO person_ratings (id, person_id, category, grade, certificate_masked, effective_date, reason, created_at)
SELECT gen_random_uuid(), id, category, grade, certificate_masked, birth_date, 'REGISTERED', created_at FROM persons;

-- The category and grade in force on a day (fallback: the given values, for rows loaded with triggers disabled).
CREATE FUNCTION rating_category_on(p_person uuid, p_day date, p_fallback text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT r.category FROM person_ratings r WHERE r.person_id = p_person AND r.effective_date <= p_day
                    ORDER BY r.effective_date DESC LIMIT 1), p_fallback)
$$;
CREATE FUNCTION rating_grade_on(p_person uuid, p_day date, p_fallback smallint) RETURNS smallint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN x.found THEN x.grade ELSE p_fallback END
    FROM (SELECT true AS found, r.grade FROM person_ratings r WHERE r.person_id = p_person AND r.effective_date <= p_day
           ORDER BY r.effective_date DESC LIMIT 1) x
   RIGHT JOIN (SELECT 1) one ON true
$$;

-- An indicator year's facts count the person under the rating in force on 31 December of that year (for the current
-- year that is the rating in force today). A BEFORE trigger, so the counters' AFTER trigger sees the right group.
CREATE FUNCTION report_fact_rating() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT category, grade INTO r FROM person_ratings
   WHERE person_id = NEW.person_id AND effective_date <= make_date(NEW.year, 12, 31)
   ORDER BY effective_date DESC LIMIT 1;
  IF FOUND THEN
    NEW.category := r.category;
    NEW.grade := r.grade;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER report_facts_rating BEFORE INSERT OR UPDATE OF category, grade ON report_facts
  FOR EACH ROW EXECUTE FUNCTION report_fact_rating();

-- A new rating (also one dated back, which leaves persons unchanged) regroups that person's facts.
CREATE FUNCTION person_rating_regroup_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_facts SET category = category, grade = grade WHERE person_id = NEW.person_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER person_ratings_regroup AFTER INSERT ON person_ratings
  FOR EACH ROW EXECUTE FUNCTION person_rating_regroup_facts();
