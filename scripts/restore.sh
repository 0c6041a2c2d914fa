#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh database.
#   scripts/restore.sh [--force] <backup-file> [target JDBC URL]
# Target: the given URL, else DATABASE_URL, else the embedded default; user/password from
# DATABASE_USER/DATABASE_PASSWORD (or the URL). A missing database is created; an existing one that
# holds any table is refused unless --force, which drops and re-creates it (stop the service first).
# The restore runs in one transaction: it either completes or leaves an empty database.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/pg.sh
. scripts/lib/pg.sh
force=false
args=()
for a in "$@"; do
  case "$a" in --force) force=true;; -h|--help) sed -n '2,8p' "$0"; exit 0;; *) args+=("$a");; esac
done
[ "${#args[@]}" -ge 1 ] || { echo "usage: scripts/restore.sh [--force] <backup-file> [target JDBC URL]" >&2; exit 2; }
file=${args[0]}
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
pg_client_tools
pg_env_from_jdbc "${args[1]:-$(pg_default_url)}"
target=$PGDATABASE
[[ "$target" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "unsupported database name: $target" >&2; exit 2; }
pg_restore --list "$file" >/dev/null || { echo "$file is not a pg_dump custom-format archive" >&2; exit 2; }

exists=$(psql -X -q -t -A -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$target'")
if [ "$exists" = 1 ]; then
  tables=$(psql -X -q -t -A -d "$target" -c "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")
  if [ "$tables" != 0 ]; then
    if [ "$force" != true ]; then
      echo "refusing to restore: database $target on $PGHOST:$PGPORT is not empty ($tables tables); use --force to replace it" >&2
      exit 3
    fi
    echo "== --force: dropping database $target" >&2
    psql -X -q -d postgres -c "DROP DATABASE \"$target\" WITH (FORCE)"
    exists=""
  fi
fi
if [ "$exists" != 1 ]; then
  psql -X -q -d postgres -c "CREATE DATABASE \"$target\" ENCODING 'UTF8' TEMPLATE template0"
fi
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
echo "restored $file into $target on $PGHOST:$PGPORT"
