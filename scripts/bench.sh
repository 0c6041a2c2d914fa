#!/usr/bin/env bash
# Benchmarks at district, city or province scale, side by side with PostgreSQL's own limit.
#
#   scripts/bench.sh [--scale district|city|province] [--duration 20s] [--out target/bench/results.json]
#                    [--warmup 30s] [--clients "1 4 16 64"] [--read-clients "1 16"] [--seed N] [--keep]
#
# Starts a FRESH throw-away PostgreSQL 15 cluster (Debian's postgresql-15, installed with apt-get when
# missing) on a free loopback port, loads synthetic districts with generate-scale-data (a test-scope
# tool, run with the jar and target/test-classes on the class path; migrates first), starts the service with -Xmx512m and measures the time to a healthy health check,
# runs pgbench with the SQL transaction of one write (the limit), then the same write through HTTP
# with wrk (Debian package) at each client count while sampling the service's RSS, then the reads.
# Prints a table and writes every figure to the JSON file. See docs/bench.md.
#
# Environment: WRITE_KIND=sessions (default; POST /api/v1/sessions with child aid) or persons selects
# scripts/bench/write-<kind>.lua and scripts/bench/pgbench-<kind>.sql; READS (default "lookup person
# balance", plus "report-all report-community" when the service answers GET /reports/indicators)
# selects the read benchmarks; REPORT_YEAR (default this year) the report's year.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/pg.sh
. scripts/lib/pg.sh

scale=district duration=20s warmup=30s out=target/bench/results.json seed=1 keep=false
clients="1 4 16 64" read_clients="1 16"
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --out) out=$2; shift 2;;
    --clients) clients=$2; shift 2;;
    --read-clients) read_clients=$2; shift 2;;
    --seed) seed=$2; shift 2;;
    --keep) keep=true; shift;;
    -h|--help) sed -n '2,17p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
case "$scale" in district|city|province) ;; *) echo "--scale must be district, city or province" >&2; exit 2;; esac
WRITE_KIND=${WRITE_KIND:-sessions}
READS=${READS:-}
[ -f "scripts/bench/write-$WRITE_KIND.lua" ] && [ -f "scripts/bench/pgbench-$WRITE_KIND.sql" ] \
  || { echo "no scripts/bench/write-$WRITE_KIND.lua or pgbench-$WRITE_KIND.sql" >&2; exit 2; }
secs=${duration%s}

JAR=target/rehab-tracker.jar
# the generator (cn.donghe.rehab.bench) lives in src/test/java, outside the production jar
BENCH_CP="$JAR:target/test-classes"
[ -f "$JAR" ] && [ -f target/test-classes/cn/donghe/rehab/bench/BenchApplication.class ] || mvn -B -q -DskipTests package
pg_require wrk wrk
pg_require pgbench postgresql-15
pg_require jq jq
pg_require /usr/bin/time time
started=$(date +%s)
work=$(mktemp -d /tmp/rehab-bench.XXXXXX)
chmod 755 "$work"
service_pid="" sampler_pid=""
cleanup() {
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then kill -TERM "$service_pid" 2>/dev/null; sleep 3; kill -KILL "$service_pid" 2>/dev/null || true; fi
  if [ "$keep" = true ]; then echo "kept $work (PostgreSQL stopped; restart: . scripts/lib/pg.sh; pg_cluster_start $work/pg; . $work/bench.env)"; pg_cluster_stop "$work/pg" 2>/dev/null || true; return; fi
  pg_cluster_destroy "$work/pg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*"; }

# ---- 1. a fresh PostgreSQL
pg_port=$(free_port)
pg_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
pg_cluster_create "$work/pg" "$pg_port" "$pg_password"
cat >>"$work/pg/data/postgresql.conf" <<CONF
max_connections = 200
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
CONF
pg_cluster_start "$work/pg"
export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=postgres PGPASSWORD=$pg_password PGDATABASE=rehab
psql -X -q -d postgres -c "CREATE DATABASE rehab"
psql -X -q -c "CREATE EXTENSION pg_stat_statements"
log "PostgreSQL $(psql -X -Atc 'SHOW server_version') on 127.0.0.1:$pg_port ($work)"

export DATABASE_URL="jdbc:postgresql://127.0.0.1:$pg_port/rehab" DATABASE_USER=postgres DATABASE_PASSWORD=$pg_password
export HTTP_BIND=127.0.0.1 REMINDERS_ENABLED=false ID_KEY_FILE="$work/keys.properties"
export ID_ENCRYPTION_KEYS="b1:$(head -c 32 /dev/urandom | base64)" ID_CURRENT_KEY_ID=b1 ID_LOOKUP_KEY="$(head -c 32 /dev/urandom | base64)"
export BENCH_PASSWORD="Bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
export APP_ZONE=${APP_ZONE:-Asia/Shanghai}
today=$(TZ=$APP_ZONE date +%F)
# with --keep: what it takes to restart the service against the kept data (for profiling)
printf 'export %q\n' "DATABASE_URL=$DATABASE_URL" "DATABASE_USER=$DATABASE_USER" "DATABASE_PASSWORD=$DATABASE_PASSWORD" \
  "ID_ENCRYPTION_KEYS=$ID_ENCRYPTION_KEYS" "ID_CURRENT_KEY_ID=$ID_CURRENT_KEY_ID" "ID_LOOKUP_KEY=$ID_LOOKUP_KEY" \
  "ID_KEY_FILE=$ID_KEY_FILE" "BENCH_PASSWORD=$BENCH_PASSWORD" "REMINDERS_ENABLED=false" >"$work/bench.env"

# ---- 2. scale data (the command migrates first)
log "generating $scale scale data"
gen_t0=$(date +%s.%N)
java -Xmx1g -cp "$BENCH_CP" cn.donghe.rehab.bench.BenchApplication generate-scale-data config.yml --scale "$scale" --seed "$seed" \
  --sample-dir "$work/samples" --stats-out "$work/generate.json" --bench-users >"$work/generate.log" 2>&1 \
  || { tail -40 "$work/generate.log"; exit 1; }
gen_wall=$(awk -v a="$gen_t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
grep -E '^(generating|  |scale data|created)' "$work/generate.log" || true
# pgbench's random child with this year's aid account (the same children the HTTP writes use)
psql -X -q -c "CREATE TABLE bench_children (n serial PRIMARY KEY, person_id uuid NOT NULL)"
cut -f2 "$work/samples/aid-accounts.tsv" | psql -X -q -c "\\copy bench_children (person_id) FROM STDIN"
nchildren=$(psql -X -Atc "SELECT count(*) FROM bench_children")
psql -X -q -c "VACUUM ANALYZE" >/dev/null

# ---- 3. the service: start-up time to healthy on the migrated database (first without, then with
# the Liquibase up-to-date check of the default configuration; the second instance is measured)
HTTP_PORT=$(free_port); ADMIN_PORT=$(free_port); export HTTP_PORT ADMIN_PORT
base="http://127.0.0.1:$HTTP_PORT"
start_service() { # start_service <log> [VAR=value...]; sets service_pid and startup_ms
  local logf=$1 t0; shift
  t0=$(date +%s%N)
  env "$@" java -Xmx512m -jar "$JAR" server config.yml >"$logf" 2>&1 &
  service_pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$ADMIN_PORT/healthcheck" 2>/dev/null; do
    kill -0 "$service_pid" 2>/dev/null || { tail -40 "$logf"; exit 1; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 120 ] || { echo "service not healthy after 120 s"; exit 1; }
    sleep 0.05
  done
  startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
start_service "$work/service-nomigrate.log" DB_MIGRATE_ON_START=false SHUTDOWN_DELAY=0s
startup_nomigrate_ms=$startup_ms
kill -TERM "$service_pid"; wait "$service_pid" 2>/dev/null || true
start_service "$work/service.log"
log "service healthy after $startup_ms ms ($startup_nomigrate_ms ms with DB_MIGRATE_ON_START=false); pid $service_pid, port $HTTP_PORT"

login() { curl -fs -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/v1/auth/token" | jq -r .token; }
admin_token=$(login bench-admin)
inst_token=$(login bench-inst)
# the session writes: one INSTITUTION user per child-aid designated institution (bench-aid-N), logged in first
: >"$work/tokens.txt"
while read -r u; do login "$u" >>"$work/tokens.txt"; done <"$work/samples/aid-users.txt"
write_token=$admin_token
case "$WRITE_KIND" in
  persons) ;;
  sessions) write_token=$(head -1 "$work/tokens.txt");;
  *) write_token=$inst_token;;
esac
read -r write_user write_inst < <(psql -X -At -F ' ' -c "SELECT u.id, coalesce(u.institution_id::text, '-') FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = decode('$(printf %s "$write_token" | sha256sum | cut -c1-64)', 'hex')")
# the reports, once the reports feature is in the build (a hook until then)
report_status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $admin_token" "$base/api/v1/reports/indicators?year=${REPORT_YEAR:-${today%%-*}}")
if [ -z "$READS" ]; then
  READS="lookup person balance"
  [ "$report_status" = 200 ] && READS="$READS report-all report-community"
fi
log "reports endpoint answers $report_status; reads: $READS"

# ---- 4. the limit: pgbench with the write's SQL transaction
threads_for() { if [ "$1" -lt 2 ]; then echo 1; else echo 2; fi; }
# CPU used per operation by the service, by PostgreSQL (postmaster, its live children and the reaped
# ones) and by the load tool: on a small machine all three share the cores, which bounds the ratio.
clk=$(getconf CLK_TCK)
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local pm s c
  pm=$(head -1 "$work/pg/data/postmaster.pid")
  s=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do s=$((s + $(proc_ticks "$c"))); done
  echo "$s"
}
jit_ticks() { # CPU of the service's JIT compiler threads (C1/C2), to tell warm-up from request work
  [ -n "$service_pid" ] || { echo 0; return; }
  cat /proc/"$service_pid"/task/*/stat 2>/dev/null | awk '/\(C[12] CompilerThre/ {s += $(NF-38) + $(NF-37)} END {print s + 0}'
}
cpu_begin() { cpu_svc0=$( [ -n "$service_pid" ] && proc_ticks "$service_pid" || echo 0); cpu_pg0=$(pg_ticks); cpu_jit0=$(jit_ticks); }
cpu_end() { # cpu_end <operations> <time -o file of the load tool> -> JSON {service, postgres, loadTool} ms per operation
  local svc pg tool jit
  svc=$(( $( [ -n "$service_pid" ] && proc_ticks "$service_pid" || echo 0) - cpu_svc0 ))
  jit=$(( $(jit_ticks) - cpu_jit0 ))
  pg=$(( $(pg_ticks) - cpu_pg0 ))
  tool=$(awk '{print ($1 + $2) * 100}' "$2" | tail -1)
  jq -n --argjson n "$1" --argjson svc "$svc" --argjson pg "$pg" --argjson tool "${tool:-0}" --argjson clk "$clk" --argjson jit "$jit" \
    'def per(t): if $n > 0 then (t / $clk * 1000 / $n * 1000 | round / 1000) else null end;
     {service:(if $svc > 0 then per($svc) else null end), serviceJit:(if $svc > 0 then per($jit) else null end),
      postgres:per($pg), loadTool:per($tool / 100 * $clk)}'
}
percentiles_us() { # percentiles (ms) of the 3rd column (microseconds) of pgbench per-transaction logs
  cat "$@" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
    if (NR == 0) { print "{\"p50Ms\":null,\"p95Ms\":null,\"p99Ms\":null}"; exit }
    printf "{\"p50Ms\":%.2f,\"p95Ms\":%.2f,\"p99Ms\":%.2f}", a[int(NR*0.50)+(NR*0.50>int(NR*0.50))]/1000, a[int(NR*0.95)+(NR*0.95>int(NR*0.95))]/1000, a[int(NR*0.99)+(NR*0.99>int(NR*0.99))]/1000 }'
}
top_statements() { # the statements with the most execution time since the last reset, as TSV
  psql -X -A -P footer=off -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 8" >"$1"
}
psql -X -q -c "SELECT pg_stat_statements_reset()" >/dev/null
for c in $clients; do
  log "pgbench $WRITE_KIND: $c clients, $duration"
  mkdir -p "$work/pgbench-$c"
  cpu_begin
  (cd "$work/pgbench-$c" && /usr/bin/time -f '%U %S' -o "$work/time-pgbench-$c" pgbench -n -M prepared -c "$c" -j "$(threads_for "$c")" -T "$secs" -l \
    -f "$OLDPWD/scripts/bench/pgbench-$WRITE_KIND.sql" -D tokenhash="$(printf %s "$write_token" | sha256sum | cut -c1-64)" \
    -D actor="$write_user" -D inst="$write_inst" -D nchildren="$nchildren" -D year="${today%%-*}" -D today="$today" rehab >"$work/pgbench-$c.txt" 2>&1) || { cat "$work/pgbench-$c.txt"; exit 1; }
  tps=$(awk '/^tps = /{print $3}' "$work/pgbench-$c.txt")
  n=$(awk '/actually processed/{print $NF}' "$work/pgbench-$c.txt")
  failed=$(awk '/number of failed transactions/{print $5}' "$work/pgbench-$c.txt")
  cpu=$(cpu_end "$n" "$work/time-pgbench-$c")
  jq -n --argjson c "$c" --argjson tps "$tps" --argjson n "$n" --argjson f "${failed:-0}" --argjson p "$(percentiles_us "$work/pgbench-$c"/pgbench_log.*)" \
    --argjson cpu "$cpu" '{clients:$c, transactions:$n, tps:($tps*10|round/10), failed:$f} + $p + {cpuMsPerOp:$cpu}' >"$work/result-pgbench-$c.json"
done
top_statements "$work/pgss-pgbench.tsv"

# ---- 5. HTTP write load with wrk at each client count, RSS sampled
run=0
wrk_run() { # wrk_run <lua> <clients> <token> <result-file> [duration]
  run=$((run + 1))
  cpu_begin
  BENCH_LUA_DIR=$PWD/scripts/bench BENCH_TOKEN=$3 BENCH_OUT=$4 BENCH_RUN=$run BENCH_SAMPLES=$work/samples \
    BENCH_TOKENS=$work/tokens.txt BENCH_DATE=$today BENCH_YEAR=${REPORT_YEAR:-${today%%-*}} \
    BENCH_COMMUNITIES=$work/samples/communities.txt \
    /usr/bin/time -f '%U %S' -o "$4.time" wrk -t "$(threads_for "$2")" -c "$2" -d "${5:-$duration}" --timeout 10s -s "scripts/bench/$1" "$base" >"$4.txt" 2>&1 \
    || { cat "$4.txt"; exit 1; }
  jq -e . "$4" >/dev/null || { echo "wrk wrote no result:"; cat "$4.txt"; exit 1; }
  local cpu
  cpu=$(cpu_end "$(jq .requests "$4")" "$4.time")
  jq --argjson cpu "$cpu" '. + {cpuMsPerOp:$cpu}' "$4" >"$4.tmp" && mv "$4.tmp" "$4"
}
rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$service_pid/status"; }
# JIT warm-up (not recorded): on a busy small machine C2 needs tens of seconds of traffic
log "warm-up: $WRITE_KIND writes, 16 clients, $warmup (not recorded)"
wrk_run "write-$WRITE_KIND.lua" 16 "$write_token" "$work/warmup.json" "$warmup"
psql -X -q -c "SELECT pg_stat_statements_reset()" >/dev/null
(max=0; while kill -0 "$service_pid" 2>/dev/null; do
   r=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$service_pid/status" 2>/dev/null || echo 0)
   [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$work/rss-max"
   sleep 0.2
 done) &
sampler_pid=$!
for c in $clients; do
  log "HTTP $WRITE_KIND writes: $c clients, $duration"
  wrk_run "write-$WRITE_KIND.lua" "$c" "$write_token" "$work/result-write-$c.json"
done
kill "$sampler_pid" 2>/dev/null || true; sampler_pid=""
rss_max_kb=$(cat "$work/rss-max" 2>/dev/null || echo 0)
hwm_kb=$(rss_kb VmHWM)
top_statements "$work/pgss-service.tsv"

# ---- 6. reads (INSTITUTION token). Add a read: a case here + scripts/bench/read-<name>.lua
# An institution reads only persons in its reach (DESIGN section 2, issue 15): give bench-inst a look-up grant
# (24 h, as POST /persons/lookup would) for the sampled persons the person read picks from, so that read measures
# an in-reach GET (the reach check is a handful of index probes; out of reach it would be a 404).
psql -X -q -c "CREATE TEMP TABLE bench_reach (person_id uuid)" \
  -c "\\copy bench_reach (person_id) FROM PROGRAM 'cut -f1 $work/samples/persons.tsv'" \
  -c "INSERT INTO institution_reach_grants (institution_id, person_id, granted_at, expires_at)
      SELECT DISTINCT u.institution_id, r.person_id, now(), now() + interval '1 day' FROM bench_reach r, users u
       WHERE u.username = 'bench-inst' ON CONFLICT DO NOTHING" >/dev/null
psql -X -q -c "SELECT pg_stat_statements_reset()" >/dev/null
for r in $READS; do
  case "$r" in
    lookup) lua=read-lookup.lua token=$inst_token;;   # POST /persons/lookup by certificate number
    person) lua=read-person.lua token=$inst_token;;   # GET /persons/{id}
    balance) lua=read-balance.lua token=$admin_token;; # GET /aid-accounts/{id} (balance and ledger)
    report-all) lua=read-report-all.lua token=$admin_token;;             # GET /reports/indicators?year= (whole data set)
    report-community) lua=read-report-community.lua token=$admin_token;; # ... &groupBy=COMMUNITY
    *) echo "unknown read benchmark $r" >&2; exit 2;;
  esac
  log "warm-up: read $r, 16 clients, $(( ${warmup%s} / 6 ))s (not recorded)"
  wrk_run "$lua" 16 "$token" "$work/warmup-read-$r.json" "$(( ${warmup%s} / 6 ))s"
  for c in $read_clients; do
    log "read $r: $c clients, $duration"
    wrk_run "$lua" "$c" "$token" "$work/result-read-$r-$c.json"
  done
done

top_statements "$work/pgss-reads.tsv"

# ---- 7. correctness checks. Add here: the indicator report equals a brute-force SQL count.
check() { checks=$(jq --arg k "$1" --argjson v "$2" '. + {($k): $v}' <<<"$checks"); }
checks="{}"
line=$(head -1 "$work/samples/persons.tsv")
found=$(curl -fs -H "Authorization: Bearer $inst_token" -H 'Content-Type: application/json' \
  -d "{\"certificateNo\":\"${line#*$'\t'}\"}" "$base/api/v1/persons/lookup" | jq -r .id)
check lookupByCertificateFindsThePerson "$([ "$found" = "${line%%$'\t'*}" ] && echo true || echo false)"
if [ "$WRITE_KIND" = persons ]; then
  # every 2xx answer is a row; a run may end with up to <clients> requests committed but not counted by wrk
  ok=$(cat "$work/warmup.json" "$work"/result-write-*.json | jq -s 'map(.requests - .errors.status4xx - .errors.status5xx) | add')
  rows=$(psql -X -Atc "SELECT count(*) FROM persons WHERE id_number_masked LIKE '159%'")
  slack=$(( 16 + $(echo "$clients" | tr ' ' '\n' | awk '{s += $1} END {print s}') ))
  check everyAcceptedWriteIsStored "$([ "$rows" -ge "$ok" ] && [ "$rows" -le $((ok + slack)) ] && echo true || echo false)"
  check acceptedWrites "$ok"; check storedWrites "$rows"
fi
if [ "$WRITE_KIND" = sessions ]; then
  ok=$(cat "$work/warmup.json" "$work"/result-write-*.json | jq -s 'map(.requests - .errors.status4xx - .errors.status5xx) | add')
  rows=$(psql -X -Atc "SELECT count(*) FROM sessions WHERE therapist = '压测治疗师'")
  slack=$(( 16 + $(echo "$clients" | tr ' ' '\n' | awk '{s += $1} END {print s}') ))
  check everyAcceptedWriteIsStored "$([ "$rows" -ge "$ok" ] && [ "$rows" -le $((ok + slack)) ] && echo true || echo false)"
  check acceptedWrites "$ok"; check storedWrites "$rows"
fi
# child aid money after all the writes (HTTP and pgbench): every balance is its ledger's sum, >= 0, and
# budget minus what its sessions charged
bad=$(psql -X -Atc "SELECT count(*) FROM aid_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS s FROM aid_ledger GROUP BY 1) l
  ON l.account_id = a.id LEFT JOIN (SELECT aid_account_id, sum(aid_charged) AS c FROM sessions WHERE aid_account_id IS NOT NULL GROUP BY 1) x
  ON x.aid_account_id = a.id WHERE a.balance < 0 OR a.balance IS DISTINCT FROM l.s OR a.balance <> a.budget - coalesce(x.c, 0)")
check aidBalancesEqualLedgerAndSessions "$([ "$bad" = 0 ] && echo true || echo false)"
if [[ " $READS " == *" report-"* ]]; then
  # the report equals a brute-force count over the same tables (REHAB_SERVICE_RATE, DEVICE_FITTING_RATE,
  # DOCTOR_CONTRACT_RATE; whole data set and per community)
  year=${REPORT_YEAR:-${today%%-*}}
  # (files, not arguments: the province answer by community is several MB)
  curl -fs -o "$work/report-community.json" -H "Authorization: Bearer $admin_token" "$base/api/v1/reports/indicators?year=$year&groupBy=COMMUNITY"
  asof=$today; [ "$year" -lt "${today%%-*}" ] && asof="$year-12-31"
  psql -X -At -c "$(sed -e "s/:year/$year/g" -e "s/:asof/$asof/g" scripts/bench/report-brute-force.sql)" >"$work/report-brute-force.json"
  check reportEqualsBruteForce "$(jq -n --slurpfile r "$work/report-community.json" --slurpfile b "$work/report-brute-force.json" '
    [$r[0].indicators[] | select(.code == "REHAB_SERVICE_RATE" or .code == "DEVICE_FITTING_RATE" or .code == "DOCTOR_CONTRACT_RATE")
      | {code, numerator, denominator, groups: ([.groups[] | select(.denominator > 0) | {key, numerator, denominator}] | sort_by(.key))}]
    | sort_by(.code) == ($b[0] | sort_by(.code) | map(.groups |= sort_by(.key)))')"
fi

# ---- 8. results: JSON + table
persons=$(psql -X -Atc "SELECT count(*) FROM persons")
machine=$(jq -n --argjson nproc "$(nproc)" --argjson mem "$(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo)" \
  --arg cpu "$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{nproc:$nproc, memoryMiB:$mem, cpu:$cpu, loadAverageAtEnd:$load}')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit+dirty"
tsv_json() { jq -R -s 'split("\n") | map(select(length > 0) | split("\t")) | .[1:] | map({calls:(.[0]|tonumber), totalMs:(.[1]|tonumber), meanMs:(.[2]|tonumber), query:.[3]})' "$1"; }
writes="[]" reads="[]"
for c in $clients; do
  writes=$(jq --slurpfile w "$work/result-write-$c.json" --slurpfile p "$work/result-pgbench-$c.json" --argjson c "$c" \
    '. + [{clients:$c, service:$w[0], pgbench:$p[0], ratio:(if $p[0].tps > 0 then ($w[0].rps / $p[0].tps * 1000 | round / 1000) else null end)}]' <<<"$writes")
done
for r in $READS; do for c in $read_clients; do
  reads=$(jq --slurpfile x "$work/result-read-$r-$c.json" --arg r "$r" --argjson c "$c" '. + [{read:$r, clients:$c} + $x[0]]' <<<"$reads")
done; done
mkdir -p "$(dirname "$out")"
jq -n --arg date "$(date -Iseconds)" --arg commit "$commit" --arg scale "$scale" --arg kind "$WRITE_KIND" --arg duration "$duration" \
  --argjson machine "$machine" --argjson persons "$persons" --slurpfile gen "$work/generate.json" --argjson genWall "$gen_wall" \
  --argjson startup "$startup_ms" --argjson startupNoMigrate "$startup_nomigrate_ms" --argjson rss "$rss_max_kb" --argjson hwm "${hwm_kb:-0}" --argjson writes "$writes" --argjson reads "$reads" --argjson checks "$checks" \
  --argjson pgssPgbench "$(tsv_json "$work/pgss-pgbench.tsv")" --argjson pgssService "$(tsv_json "$work/pgss-service.tsv")" --argjson pgssReads "$(tsv_json "$work/pgss-reads.tsv")" \
  --argjson total "$(( $(date +%s) - started ))" \
  '{date:$date, commit:$commit, scale:$scale, machine:$machine, durationPerRun:$duration, writeKind:$kind, persons:$persons,
    generate:($gen[0] + {wallSeconds:($genWall*10|round/10)}), startupToHealthyMs:$startup, startupToHealthyNoMigrateMs:$startupNoMigrate,
    memory:{heapMax:"512m", peakRssMiBDuringWrites:($rss/1024|round), vmHwmMiB:($hwm/1024|round)},
    writes:$writes, reads:$reads, checks:$checks,
    topStatements:{pgbench:$pgssPgbench, service:$pgssService, reads:$pgssReads}, benchSeconds:$total}' >"$out"

echo
echo "Benchmark ($scale scale, $persons persons, commit $commit, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf 'data generated in %.1f s; start-up to healthy %d ms (%d ms without the migration check)\n' "$gen_wall" "$startup_ms" "$startup_nomigrate_ms"
printf 'peak RSS during the write benchmark %d MiB (VmHWM %d MiB; -Xmx512m)\n' $((rss_max_kb / 1024)) $((${hwm_kb:-0} / 1024))
echo
printf '%-22s %7s %9s %8s %8s %8s %7s %7s  %s\n' "write ($WRITE_KIND)" clients "per s" p50ms p95ms p99ms errors ratio "CPU ms/op service+pg+tool"
cpu_fmt='(.cpuMsPerOp | "\(.service // "-")+\(.postgres)+\(.loadTool)" + (if (.serviceJit // 0) > 0 then " (JIT \(.serviceJit))" else "" end))'
jq -r '.writes[] | [("pgbench (the limit)"), .clients, .pgbench.tps, .pgbench.p50Ms, .pgbench.p95Ms, .pgbench.p99Ms, .pgbench.failed, "", (.pgbench | '"$cpu_fmt"')],
  [("HTTP service"), .clients, .service.rps, .service.p50Ms, .service.p95Ms, .service.p99Ms, .service.errors.total, .ratio, (.service | '"$cpu_fmt"')] | @tsv' "$out" \
  | awk -F'\t' '{printf "%-22s %7s %9s %8s %8s %8s %7s %7s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
echo
printf '%-22s %7s %9s %8s %8s %8s %7s %7s  %s\n' read clients "per s" p50ms p95ms p99ms errors "" "CPU ms/op service+pg+tool"
jq -r '.reads[] | [.read, .clients, .rps, .p50Ms, .p95Ms, .p99Ms, .errors.total, "", '"$cpu_fmt"'] | @tsv' "$out" \
  | awk -F'\t' '{printf "%-22s %7s %9s %8s %8s %8s %7s %7s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
echo
echo "checks: $(jq -c .checks "$out")"
echo "results: $out ($(( $(date +%s) - started )) s)"
errors=$(jq '[.writes[].service.errors.total, .reads[].errors.total] | add' "$out")
[ "$errors" = 0 ] || { echo "WARNING: $errors requests failed; first error: $(jq -r '[.writes[].service.firstError, .reads[].firstError] | map(select(. != "")) | first // ""' "$out")"; }
jq -e '[.checks[] | select(. == false)] | length == 0' "$out" >/dev/null || { echo "a correctness check FAILED"; exit 1; }
