#!/usr/bin/env bash
# A PostgreSQL 15 server for the tests, from Debian 12's own packages. Idempotent: installs the
# package only when it is missing, creates the `15 main` cluster only when it is missing, starts it
# only when it is down, waits until it accepts connections on 127.0.0.1, sets the password of the
# `postgres` role, and prints the URL as the last line on stdout (progress and errors go to stderr):
#
#   postgres://postgres:postgres@127.0.0.1:5432/postgres
#
# Needs root (or password-less sudo, or sudo at a terminal). When SMART_TASK_TEST_DATABASE_URL is
# already set (a server of your own), it does nothing and prints that URL.
#
#   bash scripts/postgres-for-tests.sh          # ensure the server, print its URL
#   bash scripts/postgres-for-tests.sh --stop   # stop the cluster (silent; used by scripts/test.sh)
#
# When SMART_TASK_POSTGRES_STARTED_FILE names a file, "started" is written to it if the cluster was
# not running when this script began (it is then this run's to stop: see scripts/test.sh).
set -euo pipefail

readonly PG_VERSION=15 PG_CLUSTER=main PG_PACKAGE=postgresql-15 WAIT_SECONDS=60

# Only the URL goes to the real stdout (fd 3); everything else, apt and dpkg included, to stderr.
# Whatever may start the server (apt's postinst, pg_ctlcluster) runs with fd 3 closed: a postmaster
# holding it open would keep `$(bash scripts/postgres-for-tests.sh)` waiting for ever.
exec 3>&1 1>&2

say() { printf 'postgres-for-tests: %s\n' "$*" >&2; }
die() { printf 'postgres-for-tests: error: %s\n' "$*" >&2; exit 1; }

if [ -n "${SMART_TASK_TEST_DATABASE_URL:-}" ] && [ "${1:-}" != --stop ]; then
  say "using SMART_TASK_TEST_DATABASE_URL from the environment (nothing installed or started)"
  printf '%s\n' "$SMART_TASK_TEST_DATABASE_URL" >&3
  exit 0
fi

url_for() { printf 'postgres://postgres:postgres@127.0.0.1:%s/postgres' "$1"; }

# --- privileges: root, or sudo without a password, or sudo at a terminal -------------------------
priv=() # prefix for commands that need root
postgres_user=() # prefix for commands run as the `postgres` user
if [ "$(id -u)" -eq 0 ]; then
  postgres_user=(runuser -u postgres --)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  priv=(sudo -n) postgres_user=(sudo -n -u postgres --)
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ] && [ "${1:-}" != --stop ] \
  && say "root is needed to install/start PostgreSQL $PG_VERSION: asking sudo" && sudo -v; then
  priv=(sudo -n) postgres_user=(sudo -n -u postgres --)
else
  [ "${1:-}" = --stop ] && die "stopping the cluster needs root: sudo pg_ctlcluster $PG_VERSION $PG_CLUSTER stop"
  # No way to act as root. A server that already answers with the expected password is enough.
  if command -v psql >/dev/null 2>&1 \
    && PGCONNECT_TIMEOUT=5 psql -X -A -t -q "$(url_for 5432)" -c 'select 1' >/dev/null 2>&1; then
    say "not root, but a server already answers on 127.0.0.1:5432"
    printf '%s\n' "$(url_for 5432)" >&3
    exit 0
  fi
  cat >&2 <<EOF
postgres-for-tests: error: the tests need a PostgreSQL server, and this script needs root to install
and start one (it is not root, and sudo is missing or asks for a password it cannot get here).
Either run as root (or with sudo):
    sudo bash scripts/postgres-for-tests.sh
which installs Debian's PostgreSQL $PG_VERSION if needed, starts it and prints its URL, then run the
tests again; or point the tests at a server of your own:
    SMART_TASK_TEST_DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DATABASE pnpm test
EOF
  exit 1
fi

cluster_exists() { [ -d "/etc/postgresql/$PG_VERSION/$PG_CLUSTER" ]; }
cluster_running() {
  command -v pg_ctlcluster >/dev/null 2>&1 && cluster_exists \
    && "${priv[@]}" pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1
}

if [ "${1:-}" = --stop ]; then
  if cluster_running; then
    "${priv[@]}" pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop
  fi
  exit 0
fi
[ $# -eq 0 ] || die "unknown argument '$1' (usage: postgres-for-tests.sh [--stop])"

if ! cluster_running && [ -n "${SMART_TASK_POSTGRES_STARTED_FILE:-}" ]; then
  echo started >"$SMART_TASK_POSTGRES_STARTED_FILE"
fi

# --- install the Debian package when it is missing ------------------------------------------------
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]; then
  command -v apt-get >/dev/null 2>&1 \
    || die "PostgreSQL $PG_VERSION is not installed and there is no apt-get (this script expects Debian 12)"
  say "installing PostgreSQL $PG_VERSION from Debian's packages ($PG_PACKAGE; 1-2 minutes)"
  apt_log=$(mktemp)
  apt_env=(env DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true LC_ALL=C.UTF-8)
  apt_opts=(-qq -o DPkg::Lock::Timeout=180 -o Dpkg::Use-Pty=0)
  # apt's own errors reach stderr as they happen; its chatter goes to the log, shown on failure.
  if ! "${priv[@]}" "${apt_env[@]}" apt-get "${apt_opts[@]}" update >"$apt_log" 3>&- </dev/null \
    || ! "${priv[@]}" "${apt_env[@]}" apt-get "${apt_opts[@]}" install -y "$PG_PACKAGE" >"$apt_log" 3>&- </dev/null; then
    tail -n 40 "$apt_log" >&2
    rm -f "$apt_log"
    die "installing $PG_PACKAGE failed (see above)"
  fi
  rm -f "$apt_log"
  if [ ! -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ] || ! command -v pg_ctlcluster >/dev/null 2>&1; then
    die "$PG_PACKAGE was installed but /usr/lib/postgresql/$PG_VERSION/bin/postgres or pg_ctlcluster is missing"
  fi
fi

# --- create the cluster when it is missing (the package creates it on a fresh install) ------------
if ! cluster_exists; then
  say "creating the cluster $PG_VERSION/$PG_CLUSTER"
  "${priv[@]}" env LC_ALL=C.UTF-8 pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >/dev/null 3>&- </dev/null \
    || die "pg_createcluster $PG_VERSION $PG_CLUSTER failed"
fi

port=$("${priv[@]}" pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show port 2>/dev/null || echo 5432)
[[ $port =~ ^[0-9]+$ ]] || port=5432

# --- start it when it is down ---------------------------------------------------------------------
log_file=/var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log
if ! cluster_running; then
  say "starting the cluster $PG_VERSION/$PG_CLUSTER (port $port)"
  if ! "${priv[@]}" pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start 3>&- </dev/null; then
    "${priv[@]}" tail -n 20 "$log_file" >&2 2>/dev/null || true
    die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed (log: $log_file)"
  fi
fi

# --- wait until it accepts TCP connections on 127.0.0.1 -------------------------------------------
deadline=$((SECONDS + WAIT_SECONDS))
until pg_isready -q -h 127.0.0.1 -p "$port" -t 2; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    "${priv[@]}" tail -n 20 "$log_file" >&2 2>/dev/null || true
    die "PostgreSQL $PG_VERSION did not accept connections on 127.0.0.1:$port within ${WAIT_SECONDS}s (log: $log_file)"
  fi
  sleep 1
done

# --- password for TCP connections (127.0.0.1 uses scram-sha-256) ----------------------------------
(cd / && "${postgres_user[@]}" psql -X -q -p "$port" -v ON_ERROR_STOP=1 \
  -c "ALTER USER postgres PASSWORD 'postgres'") || die "could not set the password of the postgres role"

say "PostgreSQL $PG_VERSION is ready on 127.0.0.1:$port"
printf '%s\n' "$(url_for "$port")" >&3
