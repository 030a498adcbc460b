"""Reading an unrecognised file with a column mapping the user gives."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics.errors import DataError, UsageError
from smo_metrics.ingest import read_file, read_mapped
from tests.ingest._real import TODAY

SHEET = "Tanggal;Kanal;Tayang;Klik;Catatan\n01/03/2026;wa;1.200;15;promo\n02/03/2026;wa;980;-;\nxx;wa;10;1;salah\n"


def test_unknown_file_is_refused_with_its_columns() -> None:
    with pytest.raises(DataError) as err:
        read_file(SHEET.encode(), "whatsapp.csv", today=TODAY)
    msg = str(err.value)
    assert "Tanggal" in msg and "Tayang" in msg and "Accepted exports" in msg


def test_read_mapped_account_daily() -> None:
    res = read_mapped(
        SHEET.encode(),
        {"date": "Tanggal", "views": "Tayang", "clicks": "Klik"},
        kind="account_daily",
        platform="meta",
        account="kopi",
        name="whatsapp.csv",
        date_format="%d/%m/%Y",
        decimal=",",
    )
    (t,) = res.tables
    assert (t.kind, t.platform, t.account, t.rows) == ("account_daily", "meta", "kopi", 2)
    assert list(t.data["date"]) == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")]
    assert list(t.data["views"]) == [1200, 980]
    assert t.data["clicks"].iloc[0] == 15 and pd.isna(t.data["clicks"].iloc[1])
    assert t.unmapped_columns == ["Kanal", "Catatan"]
    assert list(t.rejected["line"]) == [4]


def test_read_mapped_posts_without_ids_gets_row_identities() -> None:
    text = "when,what,likes\n2026-03-01 19:00,Halo,5\n"
    (t,) = read_mapped(
        text.encode(),
        {"published_at": "when", "caption": "what", "likes": "likes"},
        kind="posts",
        platform="instagram",
        name="p.csv",
    ).tables
    assert t.data.loc[0, "post_id"] == "p.csv#1"
    assert t.data.loc[0, "published_at"] == pd.Timestamp("2026-03-01 12:00", tz="UTC")


def test_read_mapped_bad_calls_and_bad_files() -> None:
    with pytest.raises(UsageError):
        read_mapped(SHEET.encode(), {"nonsense": "Tanggal"}, kind="account_daily", platform="meta")
    with pytest.raises(DataError, match="does not have: Nope"):
        read_mapped(SHEET.encode(), {"date": "Nope"}, kind="account_daily", platform="meta", name="w.csv")


def test_guess_mapping_uses_column_names_and_known_spellings():
    from smo_metrics.ingest.mapped import guess_mapping

    headers = ["Tanggal", "published at", "Likes", "Komentar", "Jangkauan", "Notes", "Account"]
    guess = guess_mapping(headers, "posts")
    assert guess["published_at"] == "published at"
    assert guess["likes"] == "Likes"
    assert guess["reach"] == "Jangkauan"  # Meta's Indonesian header
    assert "account" not in guess and "Notes" not in guess.values()
    assert len(set(guess.values())) == len(guess)  # a header is used once
