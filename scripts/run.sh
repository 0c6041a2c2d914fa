#!/usr/bin/env bash
# Builds the jar if needed, loads the demo data on the first run (never twice), starts the service
# and, once it answers, prints its URL and the demo logins.
# With no DATABASE_URL it runs on an embedded PostgreSQL whose data lives under data/ (kept between runs).
# Environment: HTTP_PORT (8080), ADMIN_PORT (8081), DEMO_DATA (true; "false" skips the demo data),
# DATABASE_URL/DATABASE_USER/DATABASE_PASSWORD, EMBEDDED_PG_DIR, EMBEDDED_PG_PORT, JAVA_OPTS.
# Without ID_ENCRYPTION_KEYS it opts in to the development key file (keys/id-number-keys.properties,
# mode 600, outside data/): ID_KEYS_DEV_FILE=true. A production start without keys is refused.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/rehab-tracker.jar
HTTP_PORT=${HTTP_PORT:-8080}
ADMIN_PORT=${ADMIN_PORT:-8081}
if [ ! -f "$JAR" ] || [ -n "$(find src db pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "== building $JAR"
  mvn -B -q -DskipTests package
fi
mkdir -p data
if [ -z "${ID_ENCRYPTION_KEYS:-}" ]; then export ID_KEYS_DEV_FILE=${ID_KEYS_DEV_FILE:-true}; fi
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}

LOGINS=""
if [ "${DEMO_DATA:-true}" != "false" ]; then
  echo "== demo data (loaded on the first run only)"
  DEMO_OUT=$(mktemp)
  # shellcheck disable=SC2086
  if ! java $JAVA_OPTS -jar "$JAR" demo-data config.yml 2>&1 | tee "$DEMO_OUT"; then
    REASON=$(grep -m1 'demo data NOT loaded' "$DEMO_OUT" || echo "demo data NOT loaded (see the lines above)")
    rm -f "$DEMO_OUT"
    echo "run.sh: $REASON" >&2
    echo "run.sh: not starting an empty district; fix the cause, or start without the demo: DEMO_DATA=false scripts/run.sh" >&2
    exit 1
  fi
  LOGINS=$(sed -n '/^Demo logins/,/^[^ D]/p' "$DEMO_OUT" | grep -E '^(Demo logins|  )' || true)
  rm -f "$DEMO_OUT"
fi

echo "== starting the service"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" server config.yml &
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" || true; exit 0' INT TERM

# wait until the admin port answers (bash's /dev/tcp: no curl needed), then show how to get in
for _ in $(seq 1 180); do
  if ! kill -0 "$PID" 2>/dev/null; then break; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$ADMIN_PORT") 2>/dev/null; then
    cat <<EOF

==================================================================================
 Rehab & assistive-device service tracker is running
   API     http://127.0.0.1:$HTTP_PORT/api/v1
   Docs    http://127.0.0.1:$HTTP_PORT/api/docs
   Health  http://127.0.0.1:$ADMIN_PORT/healthcheck
${LOGINS:+
$LOGINS
}
 Stop with Ctrl-C; the data is kept for the next run.
==================================================================================

EOF
    break
  fi
  sleep 1
done
wait "$PID"
