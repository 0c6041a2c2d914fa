--liquibase formatted sql

--changeset rehab:185-plan-reviews
-- DESIGN section 12: POST /plans/{id}/review records a review: a new plan revision (goals with their outcomes,
-- reviewDate moved on) and this row naming the revision, the day of the review and its notes. Owned by the plans
-- feature (PlanDao); append-only like the revisions.
CREATE TABLE plan_reviews (
  plan_id     uuid NOT NULL,
  revision    integer NOT NULL,
  reviewed_on date NOT NULL,
  notes       text CHECK (char_length(notes) <= 2000),
  reviewer_id uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (plan_id, revision),
  FOREIGN KEY (plan_id, revision) REFERENCES plan_revisions (plan_id, revision)
);
CREATE TRIGGER plan_reviews_append_only BEFORE UPDATE OR DELETE ON plan_reviews
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER plan_reviews_no_truncate BEFORE TRUNCATE ON plan_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
