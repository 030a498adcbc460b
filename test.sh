#!/usr/bin/env bash
# Set up the virtualenv with the development requirements and run every check:
# ruff lint, ruff format check, mypy on the library, then pytest. Arguments go to pytest,
# e.g. ./test.sh -k ingest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PYTHON="${PYTHON:-python3}"

install_system_packages() {
  # Operating-system packages the tests need, installed with apt-get when missing.
  # The suite needs none so far; the PostgreSQL server (store tests) and Debian's chromium and
  # chromium-driver (browser tests of every page) are added here by the issues that bring those tests.
  :
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
