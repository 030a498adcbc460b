#!/usr/bin/env bash
# Set up the virtualenv with the development requirements and run every check:
# ruff lint, ruff format check, mypy on the library, then pytest. Arguments go to pytest,
# e.g. ./test.sh -k ingest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PYTHON="${PYTHON:-python3}"

CHROMIUM=/usr/bin/chromium # Debian's Chromium: the browser tests (tests/browser) drive this one

install_system_packages() {
  # Operating-system packages the tests need, installed with apt-get when missing:
  # Debian's postgresql (the store tests) and Debian's chromium and chromium-driver (the browser
  # tests of every page; Playwright's own browser downloads are never used). A test whose
  # package is still missing afterwards skips, saying why (SMO_TEST_PG_SKIP, SMO_BROWSER_SKIP).
  local missing=()
  if ! pg_bin_dir >/dev/null; then
    missing+=(postgresql)
  fi
  if [ ! -x "$CHROMIUM" ] || ! command -v chromedriver >/dev/null; then
    missing+=(chromium chromium-driver)
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "test.sh: ${missing[*]} not installed and apt-get cannot run here (not root or not Debian)." >&2
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
      echo "test.sh: the PostgreSQL store tests will be skipped. Install Debian's postgresql to run them." >&2
    fi
    if [ ! -x "$CHROMIUM" ]; then
      echo "test.sh: the browser tests will be skipped. Install Debian's chromium to run them." >&2
      export SMO_BROWSER_SKIP="$CHROMIUM is missing and test.sh could not install Debian's chromium (not root or not Debian)"
    fi
    return
  fi
  echo "test.sh: installing Debian's ${missing[*]} for the tests"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "test.sh: apt-get could not install ${missing[*]}: the tests that need them will be skipped." >&2
  fi
  if [ ! -x "$CHROMIUM" ]; then
    export SMO_BROWSER_SKIP="$CHROMIUM is missing: apt-get could not install Debian's chromium (see test.sh's output)"
  fi
}

pg_bin_dir() {
  # The newest PostgreSQL server binaries (Debian keeps them in /usr/lib/postgresql/<major>/bin).
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

PG_TMP=""
PG_AS=() # the command prefix that runs the server's programs as the postgres user (when root)

start_test_postgres() {
  # A throwaway PostgreSQL cluster on 127.0.0.1 for the store tests, stopped when test.sh ends.
  # Exports SMO_TEST_PG_URL; when no server can run, SMO_TEST_PG_SKIP says why (the tests skip).
  if [ -n "${SMO_TEST_PG_URL:-}" ]; then
    echo "test.sh: store tests use the PostgreSQL server given in SMO_TEST_PG_URL"
    return
  fi
  local bin port
  if ! bin=$(pg_bin_dir); then
    export SMO_TEST_PG_SKIP="PostgreSQL is not installed (test.sh installs Debian's postgresql when run as root)"
    return
  fi
  PG_TMP=$(mktemp -d /tmp/smo-test-pg.XXXXXX)
  trap stop_test_postgres EXIT
  trap 'exit 130' INT TERM # a signal ends the script through the EXIT trap above
  if [ "$(id -u)" -eq 0 ]; then
    # The server refuses to run as root: the cluster belongs to the postgres user.
    if ! id postgres >/dev/null 2>&1; then
      export SMO_TEST_PG_SKIP="running as root and there is no 'postgres' user to run the server as"
      return
    fi
    chown postgres: "$PG_TMP"
    PG_AS=(runuser -u postgres --)
  fi
  port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if ! ${PG_AS[@]+"${PG_AS[@]}"} "$bin/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --no-sync >"$PG_TMP/initdb.log" 2>&1 ||
    ! ${PG_AS[@]+"${PG_AS[@]}"} "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
      -o "-k $PG_TMP -h 127.0.0.1 -p $port -F" start >/dev/null ||
    ! ${PG_AS[@]+"${PG_AS[@]}"} "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres smo_test; then
    cat "$PG_TMP"/*.log >&2 2>/dev/null || true
    echo "test.sh: the PostgreSQL test server did not start (log above): its store tests will be skipped." >&2
    export SMO_TEST_PG_SKIP="the PostgreSQL test server did not start (see test.sh's output)"
    return
  fi
  export SMO_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/smo_test"
  echo "test.sh: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') test server on 127.0.0.1:$port"
}

stop_test_postgres() {
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
    if [ -f "$PG_TMP/data/postmaster.pid" ]; then
      ${PG_AS[@]+"${PG_AS[@]}"} "$(pg_bin_dir)/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TMP"
  fi
}

ensure_venv() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "test.sh: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" -V 2>&1 || echo 'missing'))." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "test.sh: creating .venv"
    "$PYTHON" -m venv .venv
  fi
}

install_requirements() {
  # requirements-dev.txt includes requirements.txt, so the stamp covers both files.
  local digest stamp
  digest=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
  stamp=".venv/.req-dev-$digest"
  if [ -e "$stamp" ]; then
    return
  fi
  echo "test.sh: installing requirements-dev.txt into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  find .venv -maxdepth 1 -name '.req-dev-*' -delete
  touch "$stamp"
}

step() {
  echo "== $*"
}

install_system_packages
ensure_venv
install_requirements
start_test_postgres

step "ruff check"
.venv/bin/ruff check .
step "ruff format --check"
.venv/bin/ruff format --check .
step "mypy smo_metrics"
.venv/bin/mypy smo_metrics
step "pytest"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests. The suite always has tests, so this is a failure" \
    "(check the arguments given to ./test.sh and the tests/ folder)." >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "test.sh: pytest failed (exit code $status)." >&2
  exit "$status"
fi
echo "test.sh: all checks passed (ruff check, ruff format, mypy, pytest)."
