"""The workspace store: every import, plan, target, A/B test and setting, in one database.

Open it with :func:`open_store`; see ``docs/STORE.md`` for the design and
:class:`~smo_metrics.store.workspace.Store` for the methods::

    from smo_metrics.store import open_store

    store = open_store()  # $SMO_DB_URL, else the SQLite file in the user's data folder
    result = store.import_file("Overview.csv", by="ayu@example.com")
    result.status  # "imported" | "duplicate" | "failed"
    tables = store.load()  # {kind: canonical DataFrame}, newest import wins per natural key
    store.version()  # grows with every write: the key for caching load()

The library never imports Streamlit: the app passes ``st.secrets["db_url"]`` to
:func:`open_store` when that secret exists.
"""

from __future__ import annotations

from sqlalchemy.exc import InterfaceError, OperationalError

from smo_metrics.errors import DataError
from smo_metrics.store.db import ENV_DATA_DIR, ENV_URL, create_engine, data_dir, ensure_schema, resolve_url, safe_url
from smo_metrics.store.records import DEFAULT_SETTINGS, PLAN_STATUSES
from smo_metrics.store.workspace import IMPORT_COLUMNS, ImportResult, Store, TableCount, content_hash

__all__ = [
    "DEFAULT_SETTINGS",
    "ENV_DATA_DIR",
    "ENV_URL",
    "IMPORT_COLUMNS",
    "PLAN_STATUSES",
    "ImportResult",
    "Store",
    "TableCount",
    "content_hash",
    "data_dir",
    "open_store",
    "resolve_url",
]


def open_store(url: str | None = None) -> Store:
    """Open (and create when new) the workspace at ``url``.

    Parameters
    ----------
    url
        A SQLAlchemy URL: ``sqlite:///PATH`` or ``postgresql://USER:PASSWORD@HOST/DB`` (the
        psycopg driver is used). Default: ``$SMO_DB_URL``, else
        ``sqlite:///<data dir>/workspace.db`` where the data dir is ``$SMO_DATA_DIR``, else
        ``$XDG_DATA_HOME/smo-dashboard``, else ``~/.local/share/smo-dashboard`` (created).

    Raises
    ------
    UsageError
        The URL is not a SQLite or PostgreSQL URL.
    DataError
        The database cannot be reached or opened, or was written by a newer version of the
        dashboard.
    """
    resolved = resolve_url(url)
    engine = create_engine(resolved)
    try:
        ensure_schema(engine)
    except (OperationalError, InterfaceError) as exc:
        engine.dispose()
        raise DataError(f"cannot open the workspace database {safe_url(resolved)}: {exc.orig or exc}") from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, resolved)
