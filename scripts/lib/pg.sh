# shellcheck shell=bash
# Helpers shared by backup.sh, restore.sh, backup-test.sh and fault-tests.sh (source this file).

# Installs a Debian package when a command is missing (needs root; apt-get on Debian 12).
pg_require() { # pg_require <command> <package>
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$(pg_bindir)/$1" ]; then
    if [ "$(id -u)" != 0 ]; then echo "$1 is missing; install the Debian package $2" >&2; return 1; fi
    echo "== installing $2 (for $1)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
  fi
}

# The directory of Debian's PostgreSQL 15 server binaries (pg_ctl, initdb, postgres).
pg_bindir() { echo "${PG_BINDIR:-/usr/lib/postgresql/15/bin}"; }

pg_client_tools() { pg_require pg_dump postgresql-client-15 && pg_require pg_restore postgresql-client-15 && pg_require psql postgresql-client-15; }

# Turns a JDBC URL (jdbc:postgresql://host:port/db?...) into PGHOST/PGPORT/PGDATABASE (and PGSSLMODE
# when given); user and password come from DATABASE_USER/DATABASE_PASSWORD or the URL's parameters.
pg_env_from_jdbc() { # pg_env_from_jdbc <jdbc-url>
  local url=$1 rest hostport query
  url=${url#jdbc:}
  case "$url" in
    postgresql://*) rest=${url#postgresql://};;
    postgres://*) rest=${url#postgres://};;
    *) echo "not a PostgreSQL JDBC URL: $1" >&2; return 1;;
  esac
  query=""
  case "$rest" in *\?*) query=${rest#*\?}; rest=${rest%%\?*};; esac
  hostport=${rest%%/*}
  PGDATABASE=${rest#*/}
  [ "$PGDATABASE" = "$rest" ] && PGDATABASE=postgres
  case "$hostport" in
    \[*\]:*) PGHOST=${hostport%]:*}; PGHOST=${PGHOST#[}; PGPORT=${hostport##*]:};;
    *:*) PGHOST=${hostport%%:*}; PGPORT=${hostport##*:};;
    *) PGHOST=$hostport; PGPORT=5432;;
  esac
  local kv k v
  IFS='&' read -r -a kvs <<<"$query"
  for kv in "${kvs[@]}"; do
    k=${kv%%=*}; v=${kv#*=}
    case "$k" in
      user) [ -z "${DATABASE_USER:-}" ] && PGUSER=$v;;
      password) [ -z "${DATABASE_PASSWORD:-}" ] && PGPASSWORD=$v;;
      sslmode) PGSSLMODE=$v; export PGSSLMODE;;
    esac
  done
  [ -n "${DATABASE_USER:-}" ] && PGUSER=$DATABASE_USER
  [ -n "${DATABASE_PASSWORD:-}" ] && PGPASSWORD=$DATABASE_PASSWORD
  PGUSER=${PGUSER:-postgres}
  export PGHOST PGPORT PGDATABASE PGUSER
  if [ -n "${PGPASSWORD:-}" ]; then export PGPASSWORD; fi
}

# The database the service uses: DATABASE_URL, else the embedded default (config.yml).
pg_default_url() { echo "${DATABASE_URL:-jdbc:postgresql://127.0.0.1:${EMBEDDED_PG_PORT:-54329}/rehab}"; }

# A free TCP port on 127.0.0.1.
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2; return 1
}

# Runs a command as the postgres user when we are root (initdb and postgres refuse root).
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A throw-away PostgreSQL 15 cluster in $1 listening on 127.0.0.1:$2 with password $3 for user postgres.
pg_cluster_create() { # pg_cluster_create <dir> <port> <password>
  local dir=$1 port=$2 password=$3
  pg_require "$(pg_bindir)/initdb" postgresql-15
  mkdir -p "$dir"
  printf '%s\n' "$password" >"$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
  chmod 700 "$dir"
  as_pg "$(pg_bindir)/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$dir/pwfile" >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 100
timezone = 'UTC'
CONF
}

pg_cluster_start() { as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 start >/dev/null; }
pg_cluster_stop() { as_pg "$(pg_bindir)/pg_ctl" -D "$1/data" -m "${2:-fast}" -w -t 30 stop >/dev/null; }

# Simulated crash: SIGKILL to the postmaster and all its children (by pid, nothing else).
pg_cluster_kill() {
  local pid
  pid=$(head -1 "$1/data/postmaster.pid" 2>/dev/null) || return 0
  # shellcheck disable=SC2046
  kill -KILL "$pid" $(pgrep -P "$pid") 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

# Stops (or, failing that, kills) the cluster and removes its directory.
pg_cluster_destroy() {
  [ -d "$1" ] || return 0
  pg_cluster_stop "$1" immediate 2>/dev/null || pg_cluster_kill "$1"
  rm -rf "$1"
}
