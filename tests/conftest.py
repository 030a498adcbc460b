"""Fixtures shared by the whole suite: the database URLs the store tests run against.

``store_url`` runs a test twice: on a SQLite file in the test's temporary folder, and on
PostgreSQL when ``SMO_TEST_PG_URL`` names a server (``./test.sh`` starts a throwaway one on
127.0.0.1). Each PostgreSQL test gets a schema of its own, dropped afterwards, so tests never
see each other's tables.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa

PG_URL_ENV = "SMO_TEST_PG_URL"


def _pg_skip_reason() -> str:
    why = os.environ.get("SMO_TEST_PG_SKIP")
    if why:
        return f"PostgreSQL not available: {why}"
    return f"PostgreSQL not available: {PG_URL_ENV} is not set (test.sh starts a server; run ./test.sh)"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A SQLite workspace file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'workspace.db'}"


@pytest.fixture
def pg_url_factory() -> Iterator[Callable[[], str]]:
    """Make PostgreSQL URLs, each with its tables in a fresh schema (all dropped afterwards)."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(_pg_skip_reason())
    url = sa.make_url(base)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    admin = sa.create_engine(url, poolclass=sa.NullPool)
    schemas: list[str] = []

    def new_url() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)

    try:
        yield new_url
    finally:
        with admin.begin() as conn:
            for schema in schemas:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_url(pg_url_factory) -> str:
    """A PostgreSQL URL whose tables live in a fresh schema (dropped after the test)."""
    return str(pg_url_factory())


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url_factory(request, tmp_path) -> Callable[[], str]:
    """Make URLs of new, empty workspaces, once per backend (SQLite files, PostgreSQL schemas)."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url_factory")  # type: ignore[no-any-return]
    count = itertools.count(1)
    return lambda: f"sqlite:///{tmp_path / f'workspace-{next(count)}.db'}"


@pytest.fixture
def store_url(store_url_factory) -> str:
    """The URL of an empty workspace, once per backend."""
    return str(store_url_factory())
