-- The SQL of one POST /api/v1/sessions with useChildAid=true, as the service issues it (captured with
-- log_statement=all; see docs/sessions.md): the bearer-token check of the auth filter, then in one
-- transaction the Idempotency-Key claim, the person/institution facts, the charge with its ledger entry,
-- the session insert and the audit insert. For pgbench -M prepared. The pool's validation query is not
-- sent per request (checkConnectionOnBorrow with Dropwizard's validationInterval of 30 s), so it is not here.
-- Values the service computes in Java (UUIDv7 ids, the body's SHA-256, the audit JSON) are made by the
-- server from a random number with the same sizes. One statement is extra: picking a random child that
-- holds this year's aid account from bench_children (a helper table scripts/bench.sh fills from the
-- sample; a primary-key read) together with the two ids.
-- Variables: -D tokenhash=<sha256 hex of a live token> -D actor=<its user id> -D inst=<its institution id>
--            -D nchildren=<rows of bench_children> -D year=<this year> -D today=<YYYY-MM-DD>
\set r random(1, 9000000000000000000)
\set k random(1, :nchildren)
SELECT person_id AS person,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5('s' || :r), 1, 20))::uuid AS sid,
       (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5('a' || :r), 1, 20))::uuid AS aid
  FROM bench_children WHERE n = :k \gset
SELECT u.id, u.username, u.role, u.display_name, u.institution_id, u.doctor_id, u.region_code,
       ARRAY(SELECT g.person_id FROM guardian_children g WHERE g.user_id = u.id ORDER BY g.person_id) AS children
  FROM auth_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = decode(:tokenhash, 'hex') AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled;
BEGIN;
INSERT INTO idempotency_keys (institution_id, key, request_hash, session_id, created_at)
VALUES (CAST(:inst AS uuid), 'pgbench-' || :r, sha256(convert_to('body' || :r, 'UTF8')), CAST(:sid AS uuid), now()) ON CONFLICT DO NOTHING;
SELECT p.birth_date, p.status, p.status_date, i.name, i.services, i.child_aid_designated
  FROM institutions i LEFT JOIN persons p ON p.id = CAST(:person AS uuid)
 WHERE i.id = CAST(:inst AS uuid);
SELECT id FROM aid_accounts WHERE person_id = CAST(:person AS uuid) AND year = :year FOR UPDATE;
WITH u AS (
  UPDATE aid_accounts a
     SET balance = a.balance - LEAST(o.balance, 120.00), updated_at = now()
    FROM (SELECT id, balance FROM aid_accounts WHERE person_id = CAST(:person AS uuid) AND year = :year FOR UPDATE) o
   WHERE a.id = o.id
  RETURNING a.id, o.balance AS balance_before, LEAST(o.balance, 120.00) AS charged, a.balance AS balance_after),
l AS (
  INSERT INTO aid_ledger (account_id, at, kind, amount, balance_after, session_id)
  SELECT id, now(), 'CHARGE', -charged, balance_after, CAST(:sid AS uuid) FROM u WHERE charged > 0)
SELECT id AS account, charged, balance_after FROM u \gset
INSERT INTO sessions (id, person_id, institution_id, service_type, date, duration_minutes, therapist, fee, use_child_aid,
  aid_account_id, aid_charged, self_pay, aid_balance_after, notes, plan_id, plan_revision, created_by, created_at)
VALUES (CAST(:sid AS uuid), CAST(:person AS uuid), CAST(:inst AS uuid), 'REHAB_TRAINING', CAST(:today AS date), 45, 'pgbench治疗师', 120.00, true,
  CAST(:account AS uuid), :charged, 120.00 - :charged, :balance_after, NULL, NULL, NULL, CAST(:actor AS uuid), now());
INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
VALUES (CAST(:aid AS uuid), now(), CAST(:actor AS uuid), 'INSTITUTION', 'CREATE', 'session', CAST(:sid AS uuid), md5(:r::text)::uuid::text,
  CAST(NULL AS jsonb), jsonb_build_object('id', CAST(:sid AS text), 'personId', CAST(:person AS text), 'institutionId', CAST(:inst AS text),
    'institutionName', '东河区康复中心1', 'serviceType', 'REHAB_TRAINING', 'date', CAST(:today AS text), 'durationMinutes', 45,
    'therapist', 'pgbench治疗师', 'fee', '120.00', 'useChildAid', true, 'notes', NULL, 'planId', NULL, 'planRevision', NULL,
    'aidAccountId', CAST(:account AS text), 'aidCharged', CAST(:charged AS text), 'selfPay', CAST(120.00 - CAST(:charged AS numeric) AS text),
    'aidBalanceAfter', CAST(:balance_after AS text), 'status', 'ACTIVE', 'createdAt', now(), 'voidedAt', NULL, 'voidReason', NULL));
COMMIT;
