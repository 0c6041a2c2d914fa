#!/usr/bin/env bash
# Runs the whole test suite (unit, integration on a real PostgreSQL, contract, browser).
# Uses a throw-away embedded PostgreSQL unless TEST_DATABASE_URL points at a server.
# The browser tests need Debian's chromium + chromium-driver: installed here when missing and we
# are root. Without them the browser tests are skipped with a loud banner, or fail when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing chromium and chromium-driver for the browser tests (Debian packages)" >&2
    # CJK fonts only make the screenshots readable; the tests do not depend on them.
    if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null); then
      echo "test.sh: WARNING: could not install chromium; browser tests will be SKIPPED (or FAIL under CI=true)" >&2
    fi
  else
    echo "test.sh: WARNING: /usr/bin/chromium or /usr/bin/chromedriver missing and not root; browser tests will be SKIPPED (or FAIL under CI=true)" >&2
  fi
fi

exec mvn -B verify "$@"
