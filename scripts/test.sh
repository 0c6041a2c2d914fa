#!/usr/bin/env bash
# Runs the whole test suite (unit, integration on a real PostgreSQL, contract, browser), then the
# backup/restore test and the fault tests, which need the jar and a throw-away PostgreSQL 15 cluster
# (Debian's postgresql-15, installed with apt-get when missing). SKIP_SCRIPT_TESTS=true skips those two.
# Uses a throw-away embedded PostgreSQL unless TEST_DATABASE_URL points at a server.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify "$@"
if [ "${SKIP_SCRIPT_TESTS:-false}" = true ]; then exit 0; fi
# verify has packaged the jar; build it only if something removed it
[ -f target/rehab-tracker.jar ] || mvn -B -q -DskipTests package
echo "== backup/restore test"
bash scripts/backup-test.sh
echo "== fault tests"
bash scripts/fault-tests.sh
