#!/usr/bin/env bash
# Set up the virtualenv (first run, or after requirements.txt changes) and start the dashboard.
# Extra arguments go to `streamlit run`, e.g. ./run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PYTHON="${PYTHON:-python3}"

ensure_venv() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "run.sh: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" -V 2>&1 || echo 'missing'))." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    echo "run.sh: creating .venv"
    "$PYTHON" -m venv .venv
  fi
}

install_requirements() {
  local digest stamp
  digest=$(sha256sum requirements.txt | cut -d' ' -f1)
  stamp=".venv/.req-$digest"
  if [ -e "$stamp" ]; then
    return
  fi
  echo "run.sh: installing requirements.txt into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  # One stamp per requirements.txt content; stamps of older contents are dropped (test.sh's are .req-dev-*).
  find .venv -maxdepth 1 -name '.req-*' ! -name '.req-dev-*' -delete
  touch "$stamp"
}

ensure_venv
install_requirements
exec .venv/bin/streamlit run app.py "$@"
