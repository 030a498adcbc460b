"""Frames through Parquet (the database) and typed CSV (backups) come back identical."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from smo_metrics.store import frames

# Any text, including what a CSV or a spreadsheet treats specially.
TEXT = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["", "'", "''", "=1+1", "-", "+", "@", '"', ",", "\n", "\r\n", "\r", "\t", " a ", "NA", "null"]),
)
FLOATS = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=True, width=64))
INTS = st.one_of(st.none(), st.integers(min_value=-(2**63), max_value=2**63 - 1))
STAMPS = st.one_of(
    st.none(),
    st.datetimes(
        min_value=pd.Timestamp("1700-01-01").to_pydatetime(), max_value=pd.Timestamp("2200-01-01").to_pydatetime()
    ),
)


@st.composite
def typed_frames(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 6))
    stamps = pd.to_datetime(pd.Series([draw(STAMPS) for _ in range(n)], dtype=object)).astype("datetime64[ns]")
    return pd.DataFrame(
        {
            "text": pd.array([draw(TEXT) for _ in range(n)], dtype="string[pyarrow]"),
            "number": pd.array([draw(FLOATS) for _ in range(n)], dtype="Float64"),
            "count": pd.array([draw(INTS) for _ in range(n)], dtype="Int64"),
            "flag": pd.array([draw(st.sampled_from([True, False, None])) for _ in range(n)], dtype="boolean"),
            "date": stamps,
            "utc": stamps.dt.tz_localize("UTC"),
            draw(
                st.text(min_size=1, max_size=8).filter(
                    lambda c: c not in {"text", "number", "count", "flag", "date", "utc"}
                )
            ): pd.array([draw(TEXT) for _ in range(n)], dtype="string[pyarrow]"),
        }
    )


@settings(max_examples=60, deadline=None)
@given(typed_frames())
def test_typed_csv_round_trip(frame):
    data, columns = frames.frame_to_csv(frame)
    pd.testing.assert_frame_equal(frames.frame_from_csv(data, columns), frame)


@settings(max_examples=30, deadline=None)
@given(typed_frames())
def test_parquet_round_trip(frame):
    pd.testing.assert_frame_equal(frames.from_parquet(frames.to_parquet(frame)), frame)


def test_object_columns_are_stored_as_text():
    frame = pd.DataFrame({"mixed": pd.Series(["a", None, "c"], dtype=object)})
    back = frames.from_parquet(frames.to_parquet(frame))
    assert str(back["mixed"].dtype) == "string" and back["mixed"].tolist()[0] == "a"


def test_odd_column_names_round_trip():
    names = ["a\nb", "c\r\nd", "=x", "'y", "", "with, comma", 'quo"te']
    frame = pd.DataFrame({n: pd.array(["v", None], dtype="string[pyarrow]") for n in names})
    data, columns = frames.frame_to_csv(frame)
    pd.testing.assert_frame_equal(frames.frame_from_csv(data, columns), frame)
