#!/usr/bin/env bash
# Backs up the service's database with pg_dump (custom format) to a timestamped file.
#   scripts/backup.sh                 -> $BACKUP_DIR/rehab-<UTC timestamp>.dump  (BACKUP_DIR default: backups/)
# Database: DATABASE_URL (JDBC URL), DATABASE_USER, DATABASE_PASSWORD; unset = the embedded default
# 127.0.0.1:${EMBEDDED_PG_PORT:-54329}/rehab as user postgres. Prints the path of the backup.
# The ID-number keys are NOT in the database: back them up separately (see docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/pg.sh
. scripts/lib/pg.sh
pg_client_tools
pg_env_from_jdbc "$(pg_default_url)"
dir=${BACKUP_DIR:-backups}
mkdir -p "$dir"
chmod 700 "$dir" 2>/dev/null || true
file="$dir/$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
tmp="$file.partial"
trap 'rm -f "$tmp"' EXIT
umask 077
pg_dump --format=custom --compress=6 --no-password --file="$tmp" "$PGDATABASE"
pg_restore --list "$tmp" >/dev/null   # the archive is readable
mv "$tmp" "$file"
echo "$file"
