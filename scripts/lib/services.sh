# Shared by scripts/test and bench/run: installs what is missing (as root, with apt and npm) and starts
# throwaway services on free loopback ports. Source it; call the functions; they export the variables below.
#   ensure_debian_packages PKG...     apt-get install when a package is missing (root only)
#   ensure_node_tools                 npm ci in tests/tools (maildev, ajv, lighthouse)
#   start_postgres                    initdb + pg_ctl in a temp folder; exports ALLEANZA_TEST_PG (admin connection string),
#                                     ALLEANZA_PG_KILL and ALLEANZA_PG_START (commands to stop it like a crash and start it again)
#   start_maildev                     SMTP sink with a REST API; exports ALLEANZA_TEST_SMTP_PORT, ALLEANZA_TEST_MAILDEV
#   stop_services                     stops what was started (also on EXIT via trap)

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
SERVICES_DIR="${SERVICES_DIR:-$(mktemp -d /tmp/alleanza-services.XXXXXX)}"
APT_UPDATED=""

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != "0" ]; then
    echo "Mancano i pacchetti Debian: ${missing[*]} (installali come root: apt-get install ${missing[*]})" >&2
    return 1
  fi
  echo ">> apt-get install ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_node_tools() {
  if [ ! -f "$ROOT/tests/tools/node_modules/.install-stamp" ] || [ "$ROOT/tests/tools/package-lock.json" -nt "$ROOT/tests/tools/node_modules/.install-stamp" ]; then
    echo ">> npm ci (tests/tools)"
    (cd "$ROOT/tests/tools" && npm ci --no-audit --no-fund --loglevel=error) && touch "$ROOT/tests/tools/node_modules/.install-stamp"
  fi
}

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }; done
  command -v pg_ctl >/dev/null && dirname "$(command -v pg_ctl)"
}

start_postgres() {
  ensure_debian_packages postgresql
  local bin; bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "pg_ctl non trovato" >&2; return 1; }
  local data="$SERVICES_DIR/pg" port; port="$(free_port)"
  mkdir -p "$data"
  # initdb refuses to run as root: use the postgres system user when we are root.
  local run=()
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$SERVICES_DIR"; chmod 755 "$SERVICES_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # ALLEANZA_PG_OPTIONS: more server settings, after these (the last one of a name wins).
  local options="-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 ${ALLEANZA_PG_OPTIONS:-}"
  "${run[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/log" -w -o "$options" start >/dev/null
  PG_STOP="${run[*]} $bin/pg_ctl -D $data/db -m immediate stop"
  # For a test that restarts the cluster (scripts/multi-instance): a crash-like stop and the same start again.
  export ALLEANZA_PG_KILL="$PG_STOP" ALLEANZA_PG_START="${run[*]} $bin/pg_ctl -D $data/db -l $data/log -w -o '$options' start"
  export ALLEANZA_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres"
  echo ">> PostgreSQL su 127.0.0.1:$port"
}

start_maildev() {
  ensure_node_tools
  local smtp web; smtp="$(free_port)"; web="$(free_port)"
  "$ROOT/tests/tools/node_modules/.bin/maildev" --smtp "$smtp" --web "$web" --ip 127.0.0.1 --silent >"$SERVICES_DIR/maildev.log" 2>&1 &
  MAILDEV_PID=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$web/email" >/dev/null 2>&1 && break; sleep 0.2; done
  export ALLEANZA_TEST_SMTP_PORT="$smtp" ALLEANZA_TEST_MAILDEV="http://127.0.0.1:$web"
  echo ">> maildev: SMTP 127.0.0.1:$smtp, API $ALLEANZA_TEST_MAILDEV"
}

stop_services() {
  [ -n "${MAILDEV_PID:-}" ] && kill "$MAILDEV_PID" 2>/dev/null
  [ -n "${PG_STOP:-}" ] && $PG_STOP >/dev/null 2>&1
  MAILDEV_PID=""; PG_STOP=""
  rm -rf "$SERVICES_DIR" 2>/dev/null || true
}
trap stop_services EXIT
