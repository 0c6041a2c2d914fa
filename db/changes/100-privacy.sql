--liquibase formatted sql

--changeset rehab:100-privacy-rate-limits
-- Sliding-window rate limits (login per username and per client address, look-up misses per user).
-- One row per key; stamps holds the instants of the attempts still counted (at most the limit, pruned
-- on every reservation). Reserving is one INSERT .. ON CONFLICT DO UPDATE .. WHERE count < limit, so
-- concurrent requests cannot overshoot. Replaces login_throttle, which is no longer written.
CREATE TABLE rate_limits (
  key     text PRIMARY KEY CHECK (char_length(key) <= 200),
  stamps  timestamptz[] NOT NULL
);

--changeset rehab:100-privacy-masks
-- Issue 15 item 3: the old masks (150202********0026, certificate ...002641) kept the sequence and check
-- digits, which with birthDate identified the number. New masks: first 6 + 12 '*' for ID numbers; the
-- certificate keeps in addition its last two characters (category digit, grade digit), which are not part
-- of the ID number. Recomputed from the old masks (the plaintext is encrypted and not needed for this).
UPDATE persons SET id_number_masked = left(id_number_masked, 6) || repeat('*', 12)
  WHERE id_number_masked IS DISTINCT FROM left(id_number_masked, 6) || repeat('*', 12);
UPDATE persons SET certificate_masked = left(certificate_masked, 6) || repeat('*', 12) || right(certificate_masked, 2)
  WHERE certificate_masked IS NOT NULL
    AND certificate_masked IS DISTINCT FROM left(certificate_masked, 6) || repeat('*', 12) || right(certificate_masked, 2);
-- and a revealing mask can never be stored again
ALTER TABLE persons ADD CONSTRAINT persons_id_mask_hides CHECK (id_number_masked ~ '^[0-9]{6}\*{12}$');
ALTER TABLE persons ADD CONSTRAINT persons_certificate_mask_hides
  CHECK (certificate_masked IS NULL OR certificate_masked ~ '^[0-9]{6}\*{12}[1-7][1-4]$');
--rollback ALTER TABLE persons DROP CONSTRAINT persons_certificate_mask_hides; ALTER TABLE persons DROP CONSTRAINT persons_id_mask_hides;
