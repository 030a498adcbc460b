"""Where the workspace lives and how it is laid out: URL, engine, tables, transactions.

One SQLAlchemy Core :data:`METADATA` describes every table. The same tables work on SQLite
(the default: one file in the user's data folder) and PostgreSQL (a team running several
dashboard instances against one server).

SQLite is opened in WAL mode with a busy timeout, so two browser sessions (threads) or two
processes can import at once: readers never wait, and a writer waits up to
:data:`BUSY_TIMEOUT_MS` for the other writer instead of failing. Write transactions start with
``BEGIN IMMEDIATE`` (they take the write lock first, so they cannot dead-lock by upgrading a
read lock), and every write transaction first bumps ``meta.version``, the store's cheap
last-change marker. On PostgreSQL that first ``UPDATE`` takes the row lock that serialises
writers the same way.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url

from smo_metrics.errors import DataError, UsageError

ENV_URL: Final = "SMO_DB_URL"
ENV_DATA_DIR: Final = "SMO_DATA_DIR"
APP_DIR_NAME: Final = "smo-dashboard"
DB_FILE_NAME: Final = "workspace.db"
BUSY_TIMEOUT_MS: Final = 10_000
SCHEMA_VERSION: Final = 1  # layout of the tables below; bumped by a migration
_PG_LOCK_KEY: Final = 7_263_512_001  # advisory lock taken while creating the tables

METADATA = sa.MetaData()


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC ``datetime``.

    SQLite has no time-zone type: the value is stored as naive UTC there. A naive value given
    to the store is a programming mistake (we cannot know its zone).
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise UsageError(f"timestamps given to the store must be timezone-aware, not {value!r}")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


imports = sa.Table(
    "imports",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("imported_at", UTCDateTime, nullable=False),
    sa.Column("imported_by", sa.Text, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=True),
    sa.Column("summary", sa.Text, nullable=False),  # JSON: the tables found, warnings
    sa.Column("origin", sa.Text, nullable=True),  # where the import came from ("sample": the sample workspace)
    sqlite_autoincrement=True,  # never reuse the id of a deleted import
)

import_tables = sa.Table(
    "import_tables",
    METADATA,
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("account", sa.Text, nullable=True),
    sa.Column("rows", sa.BigInteger, nullable=False),
    sa.Column("rejected_rows", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),  # Parquet of Table.data
    sa.Column("rejected", sa.LargeBinary, nullable=False),  # Parquet of Table.rejected
)

settings = sa.Table(
    "settings",
    METADATA,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),  # JSON
)

plans = sa.Table(
    "plans",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("planned_at", UTCDateTime, nullable=False),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("account", sa.Text, nullable=True),
    sa.Column("post_type", sa.Text, nullable=True),
    sa.Column("caption", sa.Text, nullable=True),
    sa.Column("hashtags", sa.Text, nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("campaign", sa.Text, nullable=True),
    sa.Column("published_post_id", sa.Text, nullable=True),
    sa.Column("notes", sa.Text, nullable=True),
    sa.Column("origin", sa.Text, nullable=True),  # where the row came from ("sample": the sample workspace)
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

targets = sa.Table(
    "targets",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("metric", sa.String(64), nullable=False),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("period", sa.String(8), nullable=False),
    sa.Column("period_start", sa.Date, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("origin", sa.Text, nullable=True),  # where the row came from ("sample": the sample workspace)
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

ab_tests = sa.Table(
    "ab_tests",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("metric", sa.String(64), nullable=False),
    sa.Column("definition", sa.Text, nullable=False),  # JSON: arms with labels, counts or references
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

mappings = sa.Table(
    "mappings",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("definition", sa.Text, nullable=False),  # JSON: columns, header_row, date_format, decimal
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

meta = sa.Table(
    "meta",
    METADATA,
    sa.Column("key", sa.String(32), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

# Tables with an integer id the store hands out (restore keeps the ids).
ID_TABLES: Final = (imports, plans, targets, ab_tests, mappings)


def data_dir() -> Path:
    """The folder of the default workspace file.

    ``$SMO_DATA_DIR`` when set, else ``$XDG_DATA_HOME/smo-dashboard``, else
    ``~/.local/share/smo-dashboard``.
    """
    explicit = os.environ.get(ENV_DATA_DIR)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / APP_DIR_NAME


def resolve_url(url: str | None = None) -> str:
    """The database URL: ``url``, else ``$SMO_DB_URL``, else the SQLite file in :func:`data_dir`."""
    if url:
        return url
    env = os.environ.get(ENV_URL)
    if env:
        return env
    return f"sqlite:///{data_dir() / DB_FILE_NAME}"


def normalize_url(url: str) -> URL:
    """Parse ``url``; plain ``postgresql://`` and ``postgres://`` use the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise UsageError(f"not a database URL: {url!r} (expected sqlite:///PATH or postgresql://…)") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise UsageError(f"unsupported database {backend!r}: use sqlite:///PATH or postgresql://…")
    return parsed


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with the SQLite settings described in the module docstring.

    The folder of a SQLite file is created when missing.
    """
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return sa.create_engine(parsed, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin): the sqlite3 module's own
    # transaction handling does not begin a transaction for SELECT and cannot BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a power cut loses at most the last commit
    finally:
        cursor.close()


def _set_wal(cursor: Any) -> None:
    # Switching a new file to WAL needs an exclusive lock and SQLite does not wait for it through
    # the busy handler: when two processes open a new workspace at once, retry for a while.
    # (WAL is stored in the file: once one connection set it, the others find it set.)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_on_begin(conn: Connection) -> None:
    writing = conn.get_execution_options().get("smo_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: takes the write lock, bumps the version, commits or rolls back.

    Anything raised inside (including ``KeyboardInterrupt``) rolls the whole transaction back.
    """
    with engine.connect() as conn:
        conn.execution_options(smo_write=True)
        with conn.begin():
            bump_version(conn)
            yield conn


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction whose statements all see the same committed state."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def bump_version(conn: Connection) -> None:
    conn.execute(sa.update(meta).where(meta.c.key == "version").values(value=meta.c.value + 1))


def read_version(conn: Connection) -> int:
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "version")).scalar_one_or_none()
    return int(value or 0)


def ensure_schema(engine: Engine) -> None:
    """Create the tables and the version row when missing (safe when several processes race).

    Raises :class:`DataError` when the database was written by a newer layout than this code knows.
    """
    with engine.connect() as conn:
        found = _schema_version(conn)
    if found is None:
        with engine.connect() as conn:
            conn.execution_options(smo_write=True)
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
                METADATA.create_all(conn, checkfirst=True)
                have = {r[0] for r in conn.execute(sa.select(meta.c.key))}
                if "version" not in have:
                    conn.execute(sa.insert(meta).values(key="version", value=0))
                if "schema" not in have:
                    conn.execute(sa.insert(meta).values(key="schema", value=SCHEMA_VERSION))
        return
    if found > SCHEMA_VERSION:
        raise DataError(
            f"this workspace was written by a newer version of the dashboard (layout {found}; "
            f"this version reads layout {SCHEMA_VERSION}). Update the dashboard."
        )


def _schema_version(conn: Connection) -> int | None:
    with conn.begin():
        if not sa.inspect(conn).has_table("meta"):
            return None
        value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema")).scalar_one_or_none()
    return None if value is None else int(value)


def reset_id_sequences(conn: Connection) -> None:
    """After inserting explicit ids (restore), make PostgreSQL hand out ids above them.

    SQLite's AUTOINCREMENT counter follows explicit ids by itself.
    """
    if conn.dialect.name != "postgresql":
        return
    for table in ID_TABLES:
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def safe_url(url: str) -> str:
    """``url`` with the password hidden, for messages."""
    try:
        return normalize_url(url).render_as_string(hide_password=True)
    except UsageError:
        return "<invalid URL>"
