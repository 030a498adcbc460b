"""Two writers at once: two browser sessions (threads) and two dashboard instances (processes)."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import sqlalchemy as sa

from smo_metrics.store import content_hash, open_store
from tests.store._exports import TODAY, instagram_csv

FILES_PER_WRITER = 6


def _files(writer: int) -> list[bytes]:
    """Distinct exports: writer w, file i holds post w-i-a (and w-i-b) with likes 10*w + i."""
    return [
        instagram_csv(
            [(f"{writer}-{i}-a", 100, 10 * writer + i), (f"{writer}-{i}-b", 100, 1)], account=f"brand{writer}"
        )
        for i in range(FILES_PER_WRITER)
    ]


def import_all(url: str, writer: int, barrier: threading.Barrier | None = None) -> list[tuple[str, int | None]]:
    """Open the store at ``url`` and import writer ``writer``'s files (a process entry point too)."""
    store = open_store(url)
    try:
        if barrier is not None:
            barrier.wait(timeout=30)
        out = []
        for i, data in enumerate(_files(writer)):
            r = store.import_file(data, f"w{writer}-{i}.csv", today=TODAY)
            out.append((r.status, r.import_id))
        return out
    finally:
        store.close()


def _check_everything_is_there(url: str, writers: list[int], results: list[list[tuple[str, int | None]]]) -> None:
    statuses = [s for res in results for s, _ in res]
    ids = [i for res in results for _, i in res]
    assert statuses == ["imported"] * (len(writers) * FILES_PER_WRITER)
    assert len(set(ids)) == len(ids)  # nothing stored twice under one id
    store = open_store(url)
    try:
        imports = store.imports()
        assert sorted(imports["id"].tolist()) == sorted(ids)
        expected_hashes = {content_hash(d) for w in writers for d in _files(w)}
        assert set(imports["content_hash"]) == expected_hashes
        posts = store.load()["posts"]
        assert len(posts) == 2 * len(writers) * FILES_PER_WRITER
        likes = dict(zip(posts["post_id"], posts["likes"], strict=True))
        for w in writers:
            for i in range(FILES_PER_WRITER):
                assert likes[f"{w}-{i}-a"] == 10 * w + i
        assert store.version() == len(writers) * FILES_PER_WRITER  # one bump per import, none lost
        with store.engine.connect() as conn:
            from smo_metrics.store import db

            n_tables = conn.execute(sa.select(sa.func.count()).select_from(db.import_tables)).scalar_one()
        assert n_tables == len(writers) * FILES_PER_WRITER
    finally:
        store.close()


def test_two_sessions_import_at_once(store_url):
    open_store(store_url).close()  # the tables exist before the race (as in the app)
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(import_all, store_url, w, barrier) for w in (1, 2)]
        results = [f.result(timeout=120) for f in futures]
    _check_everything_is_there(store_url, [1, 2], results)


def test_two_dashboard_instances_create_and_import_at_once(store_url):
    # Separate processes, each creating the tables if needed, then importing.
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(import_all, store_url, w) for w in (3, 4)]
        results = [f.result(timeout=180) for f in futures]
    _check_everything_is_there(store_url, [3, 4], results)


def test_the_same_file_imported_by_two_sessions_at_once_is_stored_once(store_url):
    open_store(store_url).close()
    data = instagram_csv([("111", 50, 5)])
    barrier = threading.Barrier(4)

    def one() -> tuple[str, int | None]:
        store = open_store(store_url)
        try:
            barrier.wait(timeout=30)
            r = store.import_file(data, "same.csv", today=TODAY)
            return r.status, r.import_id
        finally:
            store.close()

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: one(), range(4)))
    assert sorted(s for s, _ in results) == ["duplicate", "duplicate", "duplicate", "imported"]
    assert len({i for _, i in results}) == 1
    store = open_store(store_url)
    try:
        assert len(store.imports()) == 1
    finally:
        store.close()


def test_a_writer_waits_for_another_writers_transaction(sqlite_url):
    store = open_store(sqlite_url)
    other = sa.create_engine(sqlite_url, connect_args={"isolation_level": None})
    try:
        with other.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # another session holds the write lock
            conn.exec_driver_sql("UPDATE meta SET value = value + 1 WHERE key = 'version'")
            with ThreadPoolExecutor(1) as pool:
                pending = pool.submit(store.import_file, instagram_csv([("111", 50, 5)]), "a.csv", None, None, TODAY)
                # Readers are not blocked by the writer (WAL): the committed state is visible.
                assert store.load(use_cache=False)["posts"].empty
                assert not pending.done()
                conn.exec_driver_sql("COMMIT")
                result = pending.result(timeout=30)
        assert result.status == "imported"
        assert store.version() == 2
    finally:
        other.dispose()
        store.close()
