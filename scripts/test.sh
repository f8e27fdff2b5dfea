#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing:
# nats-server, chromium and chromedriver, node and npm, openssl, postgresql (Debian packages) and the npm
# packages of the Node and browser tests. Without arguments it then checks the getting-started page on its own
# (scripts/getting-started.sh); arguments go to Maven, for a part of the suite, and skip that check.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

missing=()
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v node >/dev/null || missing+=(nodejs npm)
command -v openssl >/dev/null || missing+=(openssl)
# the store tests start their own throwaway PostgreSQL servers with initdb and pg_ctl (PostgresServerExtension)
command -v pg_ctl >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages of the Node and browser tests (each directory with a package.json under src/test/node)
for dir in */src/test/node; do
  if [ -f "$dir/package.json" ]; then
    echo "Installing npm packages in $dir"
    if [ -f "$dir/package-lock.json" ]; then npm --prefix "$dir" ci --no-audit --no-fund --loglevel=error;
    else npm --prefix "$dir" install --no-audit --no-fund --loglevel=error; fi
  fi
done

./mvnw -B -ntp verify "$@"

# The whole suite (no arguments, as CI runs it) also follows docs/getting-started.md outside this build: it
# installs the starter into ~/.m2 as the page says and builds and tests a project made from the page alone,
# offline with what the build above fetched (about 20 s).
if [ $# -eq 0 ]; then
  ./scripts/getting-started.sh
fi
