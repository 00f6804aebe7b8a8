#!/usr/bin/env bash
# Load and a database restart: gunicorn (4 workers) on PostgreSQL and Redis, Locust driving the
# resident journey, PostgreSQL restarted in the middle, then every acknowledged write checked.
#
#   bench/load_fault/run.sh                 # a throw-away PostgreSQL cluster on port 5499 (default)
#   BENCH_PG=main bench/load_fault/run.sh   # the machine's own cluster (pg_ctlcluster … main restart)
#
# Only 127.0.0.1 is targeted. Figures land in bench/load_fault/results.json and README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/bench/load_fault
OUT=$HERE/out
DURATION=${BENCH_DURATION:-75}
RESTART_AFTER=${BENCH_RESTART_AFTER:-30}
USERS=${BENCH_USERS:-30}
PORT=${BENCH_PORT:-8123}
WORKERS=${GUNICORN_WORKERS:-4}
THREADS=${GUNICORN_THREADS:-4}
PG_MODE=${BENCH_PG:-private}
PG_VERSION=$(ls /etc/postgresql | sort -n | tail -1)
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
PRIVATE_PORT=${BENCH_PG_PORT:-5499}
PRIVATE_DATA=${BENCH_PG_DATA:-/tmp/bench_load_pg}
DATABASE=bench_load

rm -rf "$OUT" && mkdir -p "$OUT"
GUNICORN_PID=""

as_postgres() { runuser -u postgres -- "$@"; }

cleanup() {
  if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  if [ "$PG_MODE" = private ] && [ -f "$PRIVATE_DATA/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_DATA" -m fast -w stop >/dev/null || true
  fi
}
trap cleanup EXIT

echo "== set-up"
make -s setup >/dev/null
test -x "$HERE/.venv/bin/locust" || {
  python3 -m venv "$HERE/.venv"
  "$HERE/.venv/bin/pip" install --quiet --disable-pip-version-check "locust>=2.30,<3" "psycopg[binary]>=3.1,<4"
}
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
redis-cli -h 127.0.0.1 -n 11 flushdb >/dev/null

if [ "$PG_MODE" = private ]; then
  rm -rf "$PRIVATE_DATA" && mkdir -p "$PRIVATE_DATA" && chown postgres: "$PRIVATE_DATA"
  as_postgres "$PG_BIN/initdb" -D "$PRIVATE_DATA" -A trust -U postgres >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_DATA" -l "$PRIVATE_DATA/server.log" -w \
    -o "-p $PRIVATE_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200" start >/dev/null
  PG_HOST_PORT=127.0.0.1:$PRIVATE_PORT; PG_USER=postgres
  restart_postgres() { as_postgres "$PG_BIN/pg_ctl" -D "$PRIVATE_DATA" -m fast -w restart >/dev/null; }
else
  pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
  PG_HOST_PORT=127.0.0.1:5432; PG_USER=root
  restart_postgres() { pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart; }
fi
psql "postgresql://$PG_USER@$PG_HOST_PORT/postgres" -q -c "DROP DATABASE IF EXISTS $DATABASE" -c "CREATE DATABASE $DATABASE"

export DATABASE_URL="postgresql+psycopg://$PG_USER@$PG_HOST_PORT/$DATABASE"
export PARTICIPATION_ENV=production
SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(48))")
export SECRET_KEY
export SESSION_COOKIE_SECURE=0           # plain HTTP on 127.0.0.1
export PUBLIC_URL=http://127.0.0.1       # links in mails; the only host the app answers to
export MAIL_BACKEND=smtp                 # mails wait in the outbox; nothing is sent
export REDIS_URL=redis://127.0.0.1:6379/11
export LOGIN_RATE_LIMIT="100000 per minute" SUBMIT_RATE_LIMIT="100000 per minute"
export PGCONNECT_TIMEOUT=3               # a connection attempt to a restarting server gives up fast
export BENCH_RESIDENTS=${BENCH_RESIDENTS:-40}

.venv/bin/participation db upgrade >/dev/null 2>&1
.venv/bin/participation demo load >/dev/null
.venv/bin/python "$HERE/seed.py" "$BENCH_RESIDENTS"

echo "== gunicorn: $WORKERS workers × $THREADS threads on 127.0.0.1:$PORT"
GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_WORKERS=$WORKERS GUNICORN_THREADS=$THREADS \
  .venv/bin/gunicorn -c gunicorn.conf.py "participation:create_app()" >"$OUT/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

echo "== locust: $USERS people for ${DURATION}s; PostgreSQL restarts after ${RESTART_AFTER}s"
ACK_FILE=$OUT/acks.tsv REQUEST_LOG=$OUT/requests.tsv \
  "$HERE/.venv/bin/locust" -f "$HERE/locustfile.py" --headless -u "$USERS" -r "$USERS" -t "${DURATION}s" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/locust" --only-summary --stop-timeout 5 >"$OUT/locust.log" 2>&1 &
LOCUST_PID=$!
sleep "$RESTART_AFTER"
STARTED=$(date +%s.%N)
restart_postgres
until pg_isready -h "${PG_HOST_PORT%:*}" -p "${PG_HOST_PORT#*:}" -q; do sleep 0.1; done
READY=$(date +%s.%N)
echo "   PostgreSQL restarted in $(python3 -c "print(round($READY - $STARTED, 1))") s"
wait "$LOCUST_PID" || true

cat >"$OUT/restart.json" <<JSON
{"started": $STARTED, "ready": $READY, "mode": "$PG_MODE",
 "setup": {"workers": $WORKERS, "threads": $THREADS, "users": $USERS, "duration_s": $DURATION,
           "restart_after_s": $RESTART_AFTER}}
JSON

echo "== check"
"$HERE/.venv/bin/python" "$HERE/check.py"
