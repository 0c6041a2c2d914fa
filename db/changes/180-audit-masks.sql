--liquibase formatted sql

--changeset rehab:180-audit-old-masks
-- Issue 15 item 3, the rest of it: 100-privacy-masks gave persons the new masks, but person snapshots written to
-- the audit trail before it (CREATE, import, UPDATE) still hold the old ones (150202********0026, certificate
-- ...002641), which with the birthDate beside them identify the number: one copy of a dump would reveal what the
-- encryption hides. They get the new masks (first 6 + 12 '*'; the certificate keeps its category and grade
-- digits). The trail is append-only for everyone (the trigger stops this owner role too), so the trigger is
-- switched off for this one statement inside the changeset's transaction, and the redaction itself is recorded
-- as an audit row (REDACT_OLD_MASKS with the number of rows) when there was anything to redact.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
WITH changed AS (
  UPDATE audit_events SET
    before = CASE WHEN before IS NULL OR jsonb_typeof(before) <> 'object' THEN before ELSE before
      || CASE WHEN before->>'idNumber' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx]$'
              THEN jsonb_build_object('idNumber', left(before->>'idNumber', 6) || repeat('*', 12)) ELSE '{}'::jsonb END
      || CASE WHEN before->>'certificateNo' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx][0-9]{2}$'
              THEN jsonb_build_object('certificateNo', left(before->>'certificateNo', 6) || repeat('*', 12) || right(before->>'certificateNo', 2))
              ELSE '{}'::jsonb END END,
    after = CASE WHEN after IS NULL OR jsonb_typeof(after) <> 'object' THEN after ELSE after
      || CASE WHEN after->>'idNumber' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx]$'
              THEN jsonb_build_object('idNumber', left(after->>'idNumber', 6) || repeat('*', 12)) ELSE '{}'::jsonb END
      || CASE WHEN after->>'certificateNo' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx][0-9]{2}$'
              THEN jsonb_build_object('certificateNo', left(after->>'certificateNo', 6) || repeat('*', 12) || right(after->>'certificateNo', 2))
              ELSE '{}'::jsonb END END
  WHERE entity = 'person' AND (
        (jsonb_typeof(before) = 'object' AND (before->>'idNumber' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx]$'
                                           OR before->>'certificateNo' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx][0-9]{2}$'))
     OR (jsonb_typeof(after) = 'object' AND (after->>'idNumber' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx]$'
                                          OR after->>'certificateNo' ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9Xx][0-9]{2}$')))
  RETURNING 1
)
INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
SELECT gen_random_uuid(), now(), NULL, 'SYSTEM', 'REDACT_OLD_MASKS', 'audit', NULL, NULL, NULL, jsonb_build_object('rows', count(*))
FROM changed HAVING count(*) > 0;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--rollback SELECT 1;
