#!/usr/bin/env bash
# Backup/restore test: a throw-away PostgreSQL 15 cluster (Debian's server, installed with apt-get
# when missing), the demo data loaded by the jar, scripts/backup.sh, scripts/restore.sh into a fresh
# database, then: every table's row count and content checksum match, every %ledger% table sums to
# its account balances (when such tables exist), and restoring over a non-empty database is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/pg.sh
. scripts/lib/pg.sh
JAR=target/rehab-tracker.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
[ -d target/test-classes/cn/donghe/rehab/faults ] || mvn -B -q test-compile
CP="target/test-classes:$JAR"

work=$(mktemp -d /tmp/rehab-backup-test.XXXXXX)
cleanup() { pg_cluster_destroy "$work/pg" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
chmod 755 "$work"
started=$(date +%s)

port=$(free_port)
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
pg_cluster_create "$work/pg" "$port" "$password"
pg_cluster_start "$work/pg"
export PGPASSWORD=$password DATABASE_USER=postgres DATABASE_PASSWORD=$password
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE rehab"
source_url="jdbc:postgresql://127.0.0.1:$port/rehab"
restored_url="jdbc:postgresql://127.0.0.1:$port/rehab_restored"

t=$(date +%s)
echo "== loading demo data into $source_url"
DATABASE_URL=$source_url ID_ENCRYPTION_KEYS="k1:$(head -c 32 /dev/urandom | base64)" ID_CURRENT_KEY_ID=k1 \
  ID_LOOKUP_KEY="$(head -c 32 /dev/urandom | base64)" ID_KEY_FILE="$work/keys.properties" REMINDERS_ENABLED=false \
  HTTP_PORT=$(free_port) ADMIN_PORT=$(free_port) \
  java -Xmx512m -jar "$JAR" demo-data config.yml >"$work/demo.log" 2>&1 || { tail -40 "$work/demo.log"; exit 1; }
echo "   done in $(( $(date +%s) - t )) s"

# a little synthetic data of our own on top, so the test means something whatever the demo set holds
# (numbers here are random bytes: the backup does not care what the ciphertext says)
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d rehab -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO regions (code, name, level, parent_code) VALUES ('150202000000', '东河区', 'DISTRICT', NULL) ON CONFLICT DO NOTHING;
INSERT INTO regions (code, name, level, parent_code) VALUES ('150202990000', '备份测试镇', 'TOWN', '150202000000') ON CONFLICT DO NOTHING;
INSERT INTO regions (code, name, level, parent_code) VALUES ('150202990001', '备份测试社区', 'COMMUNITY', '150202990000') ON CONFLICT DO NOTHING;
INSERT INTO institutions (id, name, region_code, services, child_aid_designated, created_at)
  VALUES (gen_random_uuid(), '备份测试康复中心', '150202990001', ARRAY['REHAB'], true, now());
INSERT INTO persons (id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, category, grade, region_code, guardian, created_at, updated_at)
  SELECT gen_random_uuid(), '备份测试' || i, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END, date '1960-01-01' + i,
         decode(md5('enc' || i), 'hex'), decode(md5('hash' || i || random()), 'hex'), '150202************',
         'PHYSICAL', 1 + i % 4, '150202990001', jsonb_build_object('name', '监护人' || i), now(), now()
  FROM generate_series(1, 200) i;
SQL

echo "== backup"
backup=$(BACKUP_DIR="$work/backups" DATABASE_URL=$source_url scripts/backup.sh)
echo "   $backup ($(stat -c %s "$backup") bytes)"
echo "== restore into rehab_restored"
scripts/restore.sh "$backup" "$restored_url"

fail=0
table_stats() { # table_stats <db>: "<table> <rows> <md5 of all rows>" per table
  local t
  for t in $(psql -X -q -t -A -h 127.0.0.1 -p "$port" -U postgres -d "$1" -c \
      "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"); do
    psql -X -q -t -A -F ' ' -h 127.0.0.1 -p "$port" -U postgres -d "$1" -c \
      "SELECT '$t', count(*), coalesce(md5(string_agg(x::text, E'\n' ORDER BY x::text)), '-') FROM public.$t x"
  done
}
table_stats rehab >"$work/source.txt"
table_stats rehab_restored >"$work/restored.txt"
printf '\n%-34s %10s %10s  %s\n' table source restored match
while read -r t n sum; do
  read -r _ n2 sum2 < <(grep "^$t " "$work/restored.txt" || echo "$t - -")
  ok=yes; if [ "$n" != "$n2" ] || [ "$sum" != "$sum2" ]; then ok=NO; fail=1; fi
  printf '%-34s %10s %10s  %s\n' "$t" "$n" "$n2" "$ok"
done <"$work/source.txt"
[ "$(wc -l <"$work/source.txt")" -gt 5 ] || { echo "too few tables in the source database"; fail=1; }
persons=$(grep '^persons ' "$work/source.txt" | cut -d' ' -f2)
[ "${persons:-0}" -ge 200 ] || { echo "expected at least 200 persons in the source database"; fail=1; }

echo; echo "== ledgers in the restored database"
java -cp "$CP" cn.donghe.rehab.faults.LedgerCheck "$restored_url" postgres "$password" || fail=1

echo; echo "== the ledger check itself catches a ledger that does not sum to its balance"
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE ledger_selftest"
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d ledger_selftest -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE accounts (id int PRIMARY KEY, balance numeric(14,2) NOT NULL);
CREATE TABLE account_ledger (id serial PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id), amount numeric(14,2) NOT NULL);
INSERT INTO accounts VALUES (1, 150.00), (2, 99.00);
INSERT INTO account_ledger (account_id, amount) VALUES (1, 200.00), (1, -50.00), (2, 100.00);
SQL
if java -cp "$CP" cn.donghe.rehab.faults.LedgerCheck "jdbc:postgresql://127.0.0.1:$port/ledger_selftest" postgres "$password"; then
  echo "   the mismatch was NOT detected"; fail=1
else
  echo "   mismatch detected (as it should be)"
fi

echo; echo "== restoring over a non-empty database must be refused"
set +e
scripts/restore.sh "$backup" "$restored_url" 2>"$work/refused.txt"; rc=$?
set -e
if [ "$rc" = 3 ]; then echo "   refused (exit 3): $(cat "$work/refused.txt")"; else echo "   NOT refused (exit $rc)"; fail=1; fi
scripts/restore.sh --force "$backup" "$restored_url" >/dev/null && echo "   --force replaces it" || fail=1

echo
if [ "$fail" = 0 ]; then echo "backup-test: PASS ($(( $(date +%s) - started )) s)"; else echo "backup-test: FAIL"; fi
exit "$fail"
