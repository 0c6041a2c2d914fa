#!/usr/bin/env bash
# Builds the jar if needed, loads the demo data on the first run, and starts the service.
# With no DATABASE_URL it runs on an embedded PostgreSQL whose data lives under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/rehab-tracker.jar
if [ ! -f "$JAR" ] || [ -n "$(find src db pom.xml -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "== building $JAR"
  mvn -B -q -DskipTests package
fi
mkdir -p data
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
if [ "${DEMO_DATA:-true}" != "false" ]; then
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" demo-data config.yml
fi
echo "== starting: http://127.0.0.1:${HTTP_PORT:-8080}/  (API http://127.0.0.1:${HTTP_PORT:-8080}/api/v1, docs /api/docs, health http://127.0.0.1:${ADMIN_PORT:-8081}/healthcheck)"
# shellcheck disable=SC2086
exec java $JAVA_OPTS -jar "$JAR" server config.yml
