#!/usr/bin/env bash
# Runs a command with a PostgreSQL 15 server for the tests:
#
#   bash scripts/test.sh 'COMMAND' [ARGS...]      # e.g. bash scripts/test.sh 'vitest run packages/postgres'
#
# `pnpm test` calls it with the whole chain (package.json "test"). It runs
# scripts/postgres-for-tests.sh (which installs and starts Debian's PostgreSQL 15 when needed),
# exports the URL as SMART_TASK_TEST_DATABASE_URL, then runs COMMAND (ARGS, e.g. from
# `pnpm test -- ARGS`, are appended to it, as pnpm appends them to a script). A server this script
# started is stopped when it exits, pass or fail, so CI leaves nothing running; one that was already
# running is left alone. SMART_TASK_KEEP_POSTGRES=1 keeps it running. SMART_TASK_TEST_DATABASE_URL
# set beforehand (a server of your own) is used as it is: nothing is installed, started or stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -eq 0 ] || [ -z "$1" ]; then
  echo "usage: bash scripts/test.sh 'COMMAND' [ARGS...]" >&2
  exit 2
fi
command=$1
shift

started_file=$(mktemp) url_file=$(mktemp)
stop_if_started() {
  local status=$?
  trap - EXIT INT TERM
  if [ -s "$started_file" ] && [ "${SMART_TASK_KEEP_POSTGRES:-}" != 1 ]; then
    # Silent on success: the test command's last line stays the one of COMMAND (`N passed, N failed`).
    bash scripts/postgres-for-tests.sh --stop || echo "test.sh: warning: could not stop PostgreSQL" >&2
  fi
  rm -f "$started_file" "$url_file"
  exit "$status"
}
trap stop_if_started EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The URL through a file, not $(...): nothing the script starts can hold this script's pipe open.
SMART_TASK_POSTGRES_STARTED_FILE="$started_file" bash scripts/postgres-for-tests.sh >"$url_file"
SMART_TASK_TEST_DATABASE_URL=$(tail -n 1 "$url_file")
export SMART_TASK_TEST_DATABASE_URL

bash -c "$command"' "$@"' test.sh "$@"
