#!/usr/bin/env bash
# Chromium for the browser tests of examples/web, from Debian 12's own `chromium` package (never a
# browser download: playwright-core drives this binary). Idempotent: installs the package only when
# /usr/bin/chromium is missing, and prints the path of the binary as the last line on stdout
# (progress and apt's output go to stderr):
#
#   /usr/bin/chromium
#
# Needs root (or password-less sudo) to install. When SMART_TASK_CHROMIUM names an executable
# already (a browser of your own), it does nothing and prints that path.
#
#   bash scripts/chromium-for-tests.sh          # ensure chromium, print its path
set -euo pipefail

readonly CHROMIUM=/usr/bin/chromium
exec 3>&1 1>&2

say() { printf 'chromium-for-tests: %s\n' "$*" >&2; }
die() { printf 'chromium-for-tests: error: %s\n' "$*" >&2; exit 1; }

if [ -n "${SMART_TASK_CHROMIUM:-}" ]; then
  [ -x "$SMART_TASK_CHROMIUM" ] || die "SMART_TASK_CHROMIUM=$SMART_TASK_CHROMIUM is not an executable"
  say "using SMART_TASK_CHROMIUM from the environment (nothing installed)"
  printf '%s\n' "$SMART_TASK_CHROMIUM" >&3
  exit 0
fi

if [ ! -x "$CHROMIUM" ]; then
  priv=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      priv=(sudo -n)
    else
      die "$CHROMIUM is missing and installing it needs root: sudo apt-get install -y chromium (or set SMART_TASK_CHROMIUM)"
    fi
  fi
  say "installing Debian's chromium package (about a minute, ~480 MB)"
  "${priv[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${priv[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  [ -x "$CHROMIUM" ] || die "apt-get installed chromium, but $CHROMIUM is not there"
fi

say "$("$CHROMIUM" --version 2>/dev/null || echo chromium)"
printf '%s\n' "$CHROMIUM" >&3
