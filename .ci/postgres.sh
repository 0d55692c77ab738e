# Sourced by .ci/run: a throwaway PostgreSQL cluster for the database tests.
#
# pg_start installs the distribution's server when no initdb is found (as root,
# with apt-get), creates a cluster in a temporary directory owned by a non-root
# user (initdb refuses root), starts it on a unix socket in that directory and
# on 127.0.0.1 with a free port, and exports
#   SHIRYO_TEST_PG         postgresql://shiryo@127.0.0.1:PORT/postgres
#   SHIRYO_TEST_PG_SOCKET  postgresql://shiryo@%2FSOCKET%2FDIR:PORT/postgres
# pg_stop stops it and removes the directory. When the server cannot be had, a
# notice is printed, nothing is exported, and the PostgreSQL tests skip.

pg_bin_dir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

# Run a command as the cluster's owner (root hands it to "nobody").
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  local bin
  if ! bin=$(pg_bin_dir); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "ci: installing PostgreSQL server"
      # Keep the package from starting a server of its own (no init system here).
      local policy=""
      if [ ! -e /usr/sbin/policy-rc.d ]; then
        policy=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
      fi
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
        || echo "ci: apt-get could not install postgresql"
      if [ -n "$policy" ]; then rm -f "$policy"; fi
    fi
    bin=$(pg_bin_dir) || { echo "ci: no PostgreSQL server; the PostgreSQL tests will skip"; return 0; }
  fi
  PG_DIR=$(mktemp -d /tmp/shiryo-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  mkdir -p "$PG_DIR/data" "$PG_DIR/sock"
  if [ "$(id -u)" = 0 ]; then chown -R nobody:nogroup "$PG_DIR"; fi
  if ! pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U shiryo --auth=trust --no-locale -E UTF8 >"$PG_DIR/initdb.log" 2>&1; then
    echo "ci: initdb failed; the PostgreSQL tests will skip"; cat "$PG_DIR/initdb.log"; return 0
  fi
  local port try
  for try in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    if pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
        -o "-k $PG_DIR/sock -h 127.0.0.1 -p $port -c fsync=off" start >/dev/null 2>&1; then
      export SHIRYO_TEST_PG="postgresql://shiryo@127.0.0.1:$port/postgres"
      export SHIRYO_TEST_PG_SOCKET="postgresql://shiryo@$(printf '%s' "$PG_DIR/sock" | sed 's|/|%2F|g'):$port/postgres"
      PG_BIN=$bin
      echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port and $PG_DIR/sock"
      return 0
    fi
  done
  echo "ci: PostgreSQL would not start; the PostgreSQL tests will skip"
  tail -5 "$PG_DIR/server.log" 2>/dev/null
  return 0
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    if [ -n "${PG_BIN:-}" ]; then
      pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
}
