"""Fixtures of the browser tests: the dashboard served by ``streamlit run`` and Debian's Chromium.

``server`` starts ``streamlit run app.py`` from the repository on a free port of 127.0.0.1 with
``SMO_DATA_DIR`` set to a new, empty folder, so the app loads the sample workspace itself (the
first-start path a newcomer sees), and stops it when the module's tests end. ``browser`` drives
``/usr/bin/chromium`` (Debian's package, installed by ``./test.sh`` when it runs as root) through
Playwright; Playwright's own downloaded browsers are never used. Without Chromium or Playwright
the tests skip with the reason.

Screenshots of every page go to ``SMO_SCREENSHOT_DIR`` when it is set (kept), otherwise to a
folder under pytest's temporary directory (pytest keeps the last three runs); the folder is
printed at the end of the run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Exactly these flags: no sandbox (containers, root), no GPU, and nothing that reaches the internet.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 1000}
# The first start loads the sample workspace (about 30 s on a laptop): the server answers its
# health check at once, the first page waits for the load.
SERVER_START_TIMEOUT = 60.0
BROWSER_SKIP_ENV = "SMO_BROWSER_SKIP"  # set by test.sh when it could not install Chromium
SCREENSHOT_ENV = "SMO_SCREENSHOT_DIR"
PLAYWRIGHT_MISSING = "Playwright is not installed (requirements-dev.txt; ./test.sh installs it into .venv)"
_SCREENSHOTS = pytest.StashKey[Path]()


@dataclass(frozen=True)
class Server:
    """A running dashboard: its base URL and the file its output goes to."""

    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[Any]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def _chromium_skip_reason() -> str | None:
    if CHROMIUM.exists():
        return None
    why = os.environ.get(BROWSER_SKIP_ENV)
    if why:
        return f"Chromium not available: {why}"
    return (
        f"Chromium not available: {CHROMIUM} is missing (./test.sh installs Debian's chromium "
        "and chromium-driver when run as root on Debian)"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    """``streamlit run app.py`` on a free port of 127.0.0.1, on a new (empty) workspace folder."""
    skip = _chromium_skip_reason()
    if skip:  # no browser: do not spend time starting a server nobody visits
        pytest.skip(skip)
    pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING)
    folder = tmp_path_factory.mktemp("browser-server")
    workspace = folder / "workspace"
    workspace.mkdir()
    log = folder / "server.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, SMO_DATA_DIR=str(workspace))
    env.pop("SMO_DB_URL", None)  # the workspace is the new folder, never a configured database
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        # Other work may edit the sources while the tests run: the server must not react to it.
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode}:\n{Server(url, log).log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit did not answer {url}/_stcore/health within {SERVER_START_TIMEOUT:.0f} s:\n"
                    f"{Server(url, log).log_tail()}"
                )
            time.sleep(0.25)
        yield Server(url, log)
    finally:
        _stop(process)


@pytest.fixture(scope="module")
def browser(server) -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright (closed when the module's tests end)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser) -> Iterator[Any]:
    """A new browser tab (own cookies, so its own Streamlit session) at a desktop size."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-US", timezone_id="Asia/Jakarta")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir(request, tmp_path_factory) -> Path:
    """Where the page screenshots go (printed at the end of the run)."""
    chosen = os.environ.get(SCREENSHOT_ENV)
    if chosen:
        folder = Path(chosen).expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("browser-screenshots")
    request.config.stash[_SCREENSHOTS] = folder
    return folder


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    folder = config.stash.get(_SCREENSHOTS, None)
    if folder is not None:
        kept = "" if os.environ.get(SCREENSHOT_ENV) else f" (set {SCREENSHOT_ENV} to keep them elsewhere)"
        terminalreporter.write_line(f"browser tests: page screenshots in {folder}{kept}")
