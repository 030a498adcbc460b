"""Every page of the dashboard in a real browser: served by ``streamlit run``, drawn by Chromium.

AppTest (tests/pages) runs the scripts without a browser; this module checks what a user gets:
the first start on an empty folder loads the sample workspace, every page opens by its URL path
with its title and without an exception box, the Indonesian URL shows Indonesian titles, and an
export uploaded on the Data page is read (and imported, when the page offers it). A full-page
screenshot of each page is saved (see conftest.py for where).

The tests share one server and run in file order: the first one pays for loading the sample.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from dashboard.pages import PAGES, TITLES

from .conftest import ROOT, Server

pytestmark = pytest.mark.browser

# Seconds a page may take to finish its script: the first visit loads the sample workspace.
FIRST_RUN_TIMEOUT = 120.0
RUN_TIMEOUT = 60.0
# The script counts as finished once the app reports "not running" this many checks in a row
# (a page may rerun itself right after a run, e.g. to write its filters into the URL).
IDLE_CHECKS = 3
CHECK_EVERY = 0.2

APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
SIDEBAR = '[data-testid="stSidebar"]'
EXCEPTION = '[data-testid="stException"]'
STATUS_WIDGET = '[data-testid="stStatusWidget"]'
SPINNER = '[data-testid="stSpinner"]'
PAGE_NOT_FOUND = "Page not found"

PAGE_KEYS = [key for key, _script, _icon in PAGES]
SAMPLE_BRAND = "Kopi Senja Nusantara"  # the sample workspace's brand (sample_data.install)

REAL_EXPORTS = ROOT.parent / "shared" / "real_exports"
SAMPLE_EXPORTS = ROOT / "sample_data" / "workspace" / "exports"


# --- helpers -----------------------------------------------------------------------------------


def wait_for_run(page: Any, timeout: float = RUN_TIMEOUT) -> None:
    """Wait until the browser is connected and the page's script has finished (and stays finished)."""
    deadline = time.monotonic() + timeout
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"]', timeout=timeout * 1000)
    idle = 0
    while idle < IDLE_CHECKS:
        app = page.locator(APP)
        running = (
            app.get_attribute("data-test-script-state") != "notRunning"
            or page.locator(STATUS_WIDGET).count() > 0
            or page.locator(SPINNER).count() > 0
        )
        idle = 0 if running else idle + 1
        if time.monotonic() > deadline:
            state = app.get_attribute("data-test-script-state")
            raise AssertionError(f"the page's script was still running after {timeout:.0f} s (state {state!r})")
        time.sleep(CHECK_EVERY)


def visit(page: Any, server: Server, path: str, timeout: float = RUN_TIMEOUT) -> None:
    page.goto(f"{server.url}/{path}", wait_until="domcontentloaded")
    wait_for_run(page, timeout)


def exceptions(page: Any) -> list[str]:
    """The text of every exception box on the page (Streamlit's traceback element)."""
    boxes = page.locator(EXCEPTION)
    return [boxes.nth(i).inner_text()[:1500] for i in range(boxes.count())]


def heading(page: Any) -> str:
    """The page's title: the first h1 of the main area."""
    h1 = page.locator(f"{MAIN} h1")
    if h1.count() == 0:
        return ""
    return str(h1.first.text_content() or "").strip()


def screenshot(page: Any, folder: Path, name: str) -> Path:
    """A full-page PNG of the tab.

    Streamlit scrolls its main area inside a fixed-height window, so a plain full-page shot ends
    at the window's bottom: the tab is made as tall as the content for the shot.
    """
    size = page.viewport_size
    height = page.evaluate(
        f"""() => Math.max(
            document.documentElement.scrollHeight,
            ...Array.from(document.querySelectorAll('{MAIN}, {SIDEBAR} > div')).map(e => e.scrollHeight))"""
    )
    path = folder / f"{name}.png"
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 16000))})
    try:
        time.sleep(0.5)  # charts redraw for the new size
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def check_page(page: Any, folder: Path, name: str, title: str) -> None:
    """Screenshot first (so a failing page is on file too), then: no exception, the right title."""
    shot = screenshot(page, folder, name)
    found = exceptions(page)
    assert not found, f"{name}: {len(found)} exception box(es) on the page ({shot}):\n" + "\n---\n".join(found)
    # Streamlit's own dialog when the URL path names no page (it then runs the default page instead).
    assert page.get_by_text(PAGE_NOT_FOUND).count() == 0, f"{name}: Streamlit says {PAGE_NOT_FOUND!r} ({shot})"
    assert heading(page) == title, f"{name}: the page's title is {heading(page)!r}, expected {title!r} ({shot})"


# --- the first start -----------------------------------------------------------------------------


def test_first_start_loads_the_sample_workspace(server, page, screenshot_dir) -> None:
    """The server starts on an empty folder: the first visit loads the sample and shows the default page."""
    visit(page, server, "", timeout=FIRST_RUN_TIMEOUT)
    check_page(page, screenshot_dir, "00-first-start", TITLES["overview"]["en"])
    sidebar = page.locator(SIDEBAR).inner_text()
    assert SAMPLE_BRAND in sidebar, f"the sidebar does not name the sample brand:\n{sidebar[:1000]}"


# --- every page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_page_opens_by_its_url(server, page, screenshot_dir, key) -> None:
    # The default page (Overview) lives at "/": Streamlit does not use its url_path.
    visit(page, server, "" if key == "overview" else key)
    number = PAGE_KEYS.index(key) + 1
    check_page(page, screenshot_dir, f"{number:02d}-{key}", TITLES[key]["en"])


def test_indonesian_url_shows_indonesian_titles(server, page, screenshot_dir) -> None:
    """The overview (the app's root URL) in Indonesian: its title and every navigation label."""
    visit(page, server, "?lang=ID")
    check_page(page, screenshot_dir, "10-overview-id", TITLES["overview"]["id"])
    navigation = page.locator(SIDEBAR).inner_text()
    missing = [TITLES[key]["id"] for key in PAGE_KEYS if TITLES[key]["id"] not in navigation]
    assert not missing, f"the sidebar's navigation lacks the Indonesian titles {missing}"


# --- uploading on the Data page ------------------------------------------------------------------
# To follow the Data page: the button that imports the uploaded files, and what the page shows
# after an import (the test ids of st.success and st.toast).
IMPORT_BUTTON = re.compile(r"^\s*(import|impor)\b", re.IGNORECASE)
IMPORT_SUCCESS = '[data-testid="stAlertContentSuccess"], [data-testid="stToast"]'
# Any message at all (success, info, warning, error box, or toast).
ANY_MESSAGE = '[data-testid="stAlertContainer"], [data-testid="stToast"]'


@dataclass(frozen=True)
class Upload:
    label: str
    path: Path
    expect_import_success: bool  # False: the file is already in the workspace (a duplicate)


UPLOADS = [
    # A real TikTok Studio export (2.5 kB), not in the workspace: the import must succeed.
    Upload("real-tiktok-content", REAL_EXPORTS / "tiktok" / "Content.csv", expect_import_success=True),
    # A file of the sample workspace itself: always present; importing it again is a duplicate.
    Upload("sample-meta-reach", SAMPLE_EXPORTS / "meta_insights" / "Reach.csv", expect_import_success=False),
]


@pytest.mark.parametrize("upload", UPLOADS, ids=[u.label for u in UPLOADS])
def test_data_page_reads_an_uploaded_export(server, page, screenshot_dir, upload) -> None:
    if not upload.path.exists():
        where = upload.path.relative_to(ROOT.parent) if upload.path.is_relative_to(ROOT.parent) else upload.path
        pytest.skip(f"{where} is absent on this machine (the real exports live in ../shared beside the repository)")
    visit(page, server, "data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(upload.path))
    main = page.locator(MAIN)
    # The upload reaches the server, then the page reruns with the file.
    main.get_by_text(upload.path.name).first.wait_for(timeout=RUN_TIMEOUT * 1000)
    time.sleep(0.5)
    wait_for_run(page)
    check_page(page, screenshot_dir, f"20-data-upload-{upload.label}", TITLES["data"]["en"])
    assert upload.path.name in main.inner_text()

    button = main.get_by_role("button", name=IMPORT_BUTTON)
    if button.count() == 0:
        return  # the page only reads the file (no import step)
    if not upload.expect_import_success:
        # Already in the workspace: the page says so, and importing (when it allows it) changes nothing.
        assert page.locator(ANY_MESSAGE).count() > 0, "no message about a file already in the workspace"
        if button.first.is_disabled():
            return
    else:
        assert button.first.is_enabled(), "the import button is disabled for a new, valid export"
    button.first.click()
    time.sleep(0.5)
    wait_for_run(page)
    check_page(page, screenshot_dir, f"21-data-import-{upload.label}", TITLES["data"]["en"])
    if upload.expect_import_success:
        assert page.locator(IMPORT_SUCCESS).count() > 0, "no success message after importing the file"
    else:
        assert page.locator(ANY_MESSAGE).count() > 0, "no message after importing a file already in the workspace"
