#!/usr/bin/env bash
# Runs the whole test suite (unit, integration on a real PostgreSQL, contract, browser).
# Uses a throw-away embedded PostgreSQL unless TEST_DATABASE_URL points at a server.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B verify "$@"
