-- The SQL of one POST /api/v1/persons as the service issues it (PersonService.create, PersonDao,
-- AuditLog, and the bearer-token check of AuthService.authenticate before it), for pgbench -M prepared.
-- Values the service computes in Java (ciphertexts, HMAC hashes, UUIDv7, JSON) are made by the
-- server here from a random number; their sizes match. Variables: -D tokenhash=<sha256 hex of a live token> -D actor=<its user id>.
\set r random(1, 9000000000000000000)
\set c random(0, 114)
\set code 150202000000 + 1000 * ((:c % 14) + 1) + (:c / 14) + 1
SELECT u.id, u.username, u.role, u.display_name, u.institution_id, u.doctor_id, u.region_code,
       ARRAY(SELECT g.person_id FROM guardian_children g WHERE g.user_id = u.id ORDER BY g.person_id) AS children
  FROM auth_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = decode(:tokenhash, 'hex') AND t.revoked_at IS NULL AND t.expires_at > now() AND NOT u.disabled;
BEGIN;
SELECT level, (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5(:r::text), 1, 20))::uuid AS pid
  FROM regions WHERE code = CAST(:code AS varchar) \gset
SELECT id FROM persons WHERE id_number_hash = sha256(convert_to('i' || :r, 'UTF8'));
SELECT id FROM persons WHERE certificate_hash = sha256(convert_to('c' || :r, 'UTF8'));
INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, certificate_enc,
  certificate_hash, certificate_masked, category, grade, autism, region_code, phone, guardian, status, created_at, updated_at)
VALUES (CAST(:pid AS uuid), '压测人员', 'M', DATE '1980-01-01', decode(md5('a' || :r) || md5('b' || :r) || md5('c' || :r), 'hex'),
  sha256(convert_to('i' || :r, 'UTF8')), '150299************', decode(md5('d' || :r) || md5('e' || :r) || md5('f' || :r), 'hex'),
  sha256(convert_to('c' || :r, 'UTF8')), '150299************41', 'PHYSICAL', 4, false, CAST(:code AS varchar), '13800000000',
  CAST(NULL AS jsonb), 'ACTIVE', now(), now());
INSERT INTO audit_events (id, at, actor_id, actor_role, action, entity, entity_id, request_id, before, after)
VALUES ((lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || substr(md5('x' || :r), 1, 20))::uuid,
  now(), CAST(:actor AS uuid), 'ADMIN', 'CREATE', 'person', :pid, md5(:r::text),
  CAST(NULL AS jsonb), jsonb_build_object('id', CAST(:pid AS text), 'name', '压测人员', 'gender', 'M', 'birthDate', '1980-01-01',
    'idNumber', '150299************', 'certificateNo', '150299************41', 'category', 'PHYSICAL', 'grade', 4,
    'autism', false, 'regionCode', CAST(:code AS text), 'phone', '13800000000', 'guardian', NULL, 'status', 'ACTIVE',
    'statusDate', NULL, 'createdAt', now(), 'updatedAt', now()));
COMMIT;
