#!/usr/bin/env bash
# Fault tests against a real PostgreSQL 15 server we control (a throw-away cluster on a free
# loopback port; Debian's postgresql-15 is installed with apt-get when missing) and the service jar:
#   (b) connection pool exhausted      -> 503 fast, no hang
#   (a) PostgreSQL stopped under load  -> 503 within 2 s, no partial writes, recovery <= 5 s without restart
#   (c) PostgreSQL SIGKILLed under load-> every write answered 2xx is there after crash recovery; ledgers sum
#   (d) SIGTERM to the service         -> no 5xx, in-flight requests finish
# The load driver is cn.donghe.rehab.faults.FaultDriver (test classes); the write load is chosen
# with FAULT_WRITE_KIND (default sessions = POST /api/v1/sessions charging the child aid of FAULT_CHILDREN (300) enrolled
# children, so the ledger checks cover hundreds of accounts and fail below FAULT_MIN_ACCOUNTS (200); persons = POST
# /api/v1/persons). Prints a summary table; exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/pg.sh
. scripts/lib/pg.sh
JAR=target/rehab-tracker.jar
[ -f "$JAR" ] || mvn -B -q -DskipTests package
[ -f target/test-classes/cn/donghe/rehab/faults/FaultDriver.class ] || mvn -B -q test-compile
started=$(date +%s)

work=$(mktemp -d /tmp/rehab-fault-tests.XXXXXX)
chmod 755 "$work"
service_pid=""
cleanup() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill -KILL "$service_pid" 2>/dev/null || true; fi
  pg_cluster_destroy "$work/pg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(free_port)
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
pg_cluster_create "$work/pg" "$port" "$password"
pg_cluster_start "$work/pg"
PGPASSWORD=$password psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE rehab"

export DATABASE_URL="jdbc:postgresql://127.0.0.1:$port/rehab" DATABASE_USER=postgres DATABASE_PASSWORD=$password
export HTTP_PORT HTTP_BIND=127.0.0.1 ADMIN_PORT REMINDERS_ENABLED=false DB_POOL_SIZE=${DB_POOL_SIZE:-4}
HTTP_PORT=$(free_port); ADMIN_PORT=$(free_port)
export ID_ENCRYPTION_KEYS="f1:$(head -c 32 /dev/urandom | base64)" ID_CURRENT_KEY_ID=f1 ID_LOOKUP_KEY="$(head -c 32 /dev/urandom | base64)"
export ID_KEY_FILE="$work/keys.properties"
admin_password="Fault-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"

echo "== PostgreSQL on 127.0.0.1:$port, service on 127.0.0.1:$HTTP_PORT (pool $DB_POOL_SIZE)"
USER_PASSWORD=$admin_password java -Xmx256m -jar "$JAR" create-user config.yml --username fault-admin --role ADMIN >"$work/create-user.log" 2>&1 \
  || { tail -30 "$work/create-user.log"; exit 1; }
java -Xmx512m -jar "$JAR" server config.yml >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null 2>&1 && break
  kill -0 "$service_pid" 2>/dev/null || { tail -40 "$work/service.log"; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$ADMIN_PORT/healthcheck" >/dev/null || { echo "service did not become healthy"; tail -40 "$work/service.log"; exit 1; }

set +e
BASE_URL="http://127.0.0.1:$HTTP_PORT" ADMIN_USER=fault-admin ADMIN_PASSWORD=$admin_password \
  JDBC_URL=$DATABASE_URL JDBC_USER=postgres JDBC_PASSWORD=$password POOL_SIZE=$DB_POOL_SIZE SERVICE_PID=$service_pid \
  FAULT_PG_STOP=". scripts/lib/pg.sh && pg_cluster_stop '$work/pg' fast" \
  FAULT_PG_START=". scripts/lib/pg.sh && pg_cluster_start '$work/pg'" \
  FAULT_PG_KILL=". scripts/lib/pg.sh && pg_cluster_kill '$work/pg'" \
  timeout 240 java -Xmx256m -cp "target/test-classes:$JAR" cn.donghe.rehab.faults.FaultDriver
rc=$?
set -e
service_rc=0
wait "$service_pid" 2>/dev/null || service_rc=$?
service_pid=""
echo "service exit status after SIGTERM: $service_rc (143 = ended by SIGTERM)"
if [ "$rc" != 0 ]; then
  echo "---- last lines of the service log"; tail -60 "$work/service.log"
fi
echo "request-log lines with a 5xx status other than 503: $(grep -cE '" 5(0[0-24-9]|[1-9][0-9]) ' "$work/service.log" || true)"
echo "fault-tests: $([ "$rc" = 0 ] && echo PASS || echo FAIL) ($(( $(date +%s) - started )) s)"
exit "$rc"
