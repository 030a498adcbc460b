"""Where the real platform exports live: ``../shared/real_exports`` beside the repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[3] / "shared" / "real_exports"
TODAY = dt.date(2026, 11, 22)


def real(relative: str) -> Path:
    """Path of a real export, or skip the test when ../shared is not beside the repository."""
    path = REAL / relative
    if not path.exists():
        pytest.skip(f"real export {relative} not found: ../shared/real_exports is absent on this machine")
    return path
