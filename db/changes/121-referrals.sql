--liquibase formatted sql

--changeset rehab:121-referrals
-- Issue 19 item 2 (DESIGN section 12): a family doctor (or an ADMIN) refers a person to an institution for a
-- service. PENDING -> ACCEPTED | DECLINED | CANCELLED; ACCEPTED -> COMPLETED by the first non-voided session of
-- that service type by that institution dated on or after acceptance (in the session's transaction).
-- An ACCEPTED (or COMPLETED) referral gives the institution reach to the person (PersonScope.REACH) and to the
-- child's aid accounts (AidDao.INSTITUTION_MAY_READ). Owned by the referrals feature (ReferralDao).
CREATE TABLE referrals (
  id                 uuid PRIMARY KEY,
  person_id          uuid NOT NULL REFERENCES persons (id),
  from_doctor_id     uuid REFERENCES doctors (id),
  to_institution_id  uuid NOT NULL REFERENCES institutions (id),
  service_type       text NOT NULL CHECK (service_type IN ('REHAB_MEDICAL', 'REHAB_TRAINING', 'DEVICE_SERVICE',
                       'PSYCHOLOGICAL_SUPPORT', 'REHAB_NURSING', 'HEALTH_EDUCATION')),
  reason             text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
  plan_id            uuid,
  status             text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'COMPLETED')),
  referred_on        date NOT NULL,
  created_by         uuid NOT NULL REFERENCES users (id),
  created_at         timestamptz NOT NULL,
  accepted_on        date,
  appointment_on     date,
  declined_reason    text CHECK (char_length(declined_reason) BETWEEN 1 AND 1000),
  completed_on       date,
  completed_by_session uuid REFERENCES sessions (id),
  updated_at         timestamptz NOT NULL,
  CHECK ((status IN ('ACCEPTED', 'COMPLETED')) = (accepted_on IS NOT NULL)),
  CHECK ((status = 'COMPLETED') = (completed_by_session IS NOT NULL)),
  CHECK ((status = 'DECLINED') = (declined_reason IS NOT NULL))
);
CREATE INDEX referrals_incoming_idx ON referrals (to_institution_id, status, id);
CREATE INDEX referrals_outgoing_idx ON referrals (from_doctor_id, status, id);
CREATE INDEX referrals_person_idx ON referrals (person_id);
-- the reach probe and the completion probe: (person, institution) among accepted/completed referrals
CREATE INDEX referrals_reach_idx ON referrals (person_id, to_institution_id) WHERE status IN ('ACCEPTED', 'COMPLETED');
