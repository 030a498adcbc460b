"""The ``store`` fixture: an empty workspace on each backend (see ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smo_metrics.store import Store, open_store


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.close()
