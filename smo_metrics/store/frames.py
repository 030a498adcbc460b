"""Frames to bytes and back: Parquet inside the database, typed CSV inside backups.

Parquet keeps every pandas dtype (``Float64``, ``string``, ``Int64``, ``boolean``, naive and
UTC timestamps) through pyarrow's pandas metadata, and encodes a million rows in well under a
second, so a table is stored as one blob and never row by row.

CSV is what the issue asks for in backups; it has no types, so :func:`frame_to_csv` returns the
dtype of every column for the backup's manifest and :func:`frame_from_csv` rebuilds exactly
those dtypes. The CSV is written by pyarrow with every non-missing value quoted, so an empty
text (``""``) and a missing one (an empty, unquoted field) stay distinct, and commas, quotes and
line breaks inside a value survive. Text that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading ``'``,
as is text that already starts with ``'``; reading removes exactly one leading ``'`` again, so
every text round-trips unchanged.
"""

from __future__ import annotations

import io
from typing import Any, Final

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from smo_metrics.errors import DataError

_FORMULA_START: Final = r"^[=+\-@\t\r']"
_ARROW_TEXT: Final[Any] = pd.StringDtype("pyarrow")  # its __from_arrow__ is not in the stubs
_TEXT_DTYPES: Final = ("string", "str", "object")
_MASKED: Final[dict[str, Any]] = {
    "Float64": (pa.float64(), pd.Float64Dtype()),
    "Float32": (pa.float32(), pd.Float32Dtype()),
    "Int64": (pa.int64(), pd.Int64Dtype()),
    "Int32": (pa.int32(), pd.Int32Dtype()),
    "boolean": (pa.bool_(), pd.BooleanDtype()),
}
_NUMPY: Final[dict[str, Any]] = {
    "float64": pa.float64(),
    "float32": pa.float32(),
    "int64": pa.int64(),
    "int32": pa.int32(),
    "bool": pa.bool_(),
}


def storable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with object columns as text (Parquet cannot store mixed Python objects)."""
    obj = [c for c in frame.columns if frame[c].dtype == object]
    if not obj:
        return frame
    return frame.assign(**{c: frame[c].astype("string[pyarrow]") for c in obj})


def to_parquet(frame: pd.DataFrame) -> bytes:
    """The frame (columns and dtypes; not the index) as Parquet bytes."""
    buf = io.BytesIO()
    table = pa.Table.from_pandas(storable(frame), preserve_index=False)
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def from_parquet(blob: bytes) -> pd.DataFrame:
    """The frame :func:`to_parquet` stored, with the same dtypes."""
    return pq.read_table(pa.BufferReader(blob)).to_pandas()


def frame_to_csv(frame: pd.DataFrame) -> tuple[bytes, list[dict[str, str]]]:
    """``frame`` as CSV bytes, and ``[{"name", "dtype"}]`` for the manifest."""
    frame = storable(frame)
    columns = [{"name": str(c), "dtype": str(frame[c].dtype)} for c in frame.columns]
    escaped = {
        c: _escape_text(frame[c]) for c in frame.columns if str(frame[c].dtype) in _TEXT_DTYPES or _is_text(frame[c])
    }
    table = pa.Table.from_pandas(frame.assign(**escaped) if escaped else frame, preserve_index=False)
    header = [_escape_name(c["name"]) for c in columns]
    table = table.rename_columns(header)
    buf = io.BytesIO()
    pa_csv.write_csv(table, buf, pa_csv.WriteOptions(quoting_style="all_valid"))
    return buf.getvalue(), columns


def frame_from_csv(data: bytes, columns: list[dict[str, str]], where: str = "backup") -> pd.DataFrame:
    """Read CSV written by :func:`frame_to_csv` back with the manifest's dtypes."""
    names = [c["name"] for c in columns]
    if not names:
        return pd.DataFrame()
    keys = [f"c{i}" for i in range(len(names))]  # positional: names may repeat or be odd
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(column_names=keys, skip_rows=1, block_size=16 << 20),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={k: pa.string() for k in keys},
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise DataError(f"{where}: the CSV cannot be read ({exc}).") from None
    out: dict[str, pd.Series] = {}
    for key, col in zip(keys, columns, strict=True):
        try:
            out[key] = _column(table.column(key), col["dtype"])
        except (pa.ArrowInvalid, ValueError, TypeError) as exc:
            raise DataError(f"{where}: column {col['name']!r} does not hold {col['dtype']} values ({exc}).") from None
    frame = pd.DataFrame(out)
    frame.columns = pd.Index(names)
    return frame


def _is_text(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype)


def _escape_text(s: pd.Series) -> pd.Series:
    text = s.astype("string[pyarrow]")
    risky = text.str.contains(_FORMULA_START, regex=True).fillna(False)
    return text.mask(risky, "'" + text)


def _escape_name(name: str) -> str:
    # The header is for people reading the file; restore takes the names from the manifest.
    # No line break in it: pyarrow skips the header line by line, not record by record.
    name = name.replace("\r", " ").replace("\n", " ")
    return "'" + name if name[:1] in ("=", "+", "-", "@", "\t", "'") else name


def _column(arr: pa.ChunkedArray, dtype: str) -> pd.Series:
    if dtype in _TEXT_DTYPES:
        unescaped = pc.if_else(pc.starts_with(arr, "'"), pc.utf8_slice_codeunits(arr, 1), arr)
        if dtype == "string":
            return pd.Series(_ARROW_TEXT.__from_arrow__(unescaped))
        text = pd.Series(_ARROW_TEXT.__from_arrow__(unescaped))
        return text.astype("str") if dtype == "str" else text.astype(object).where(text.notna(), None)
    if dtype in _MASKED:
        arrow_type, pandas_dtype = _MASKED[dtype]
        return pd.Series(pandas_dtype.__from_arrow__(pc.cast(arr, arrow_type)))
    if dtype in _NUMPY:
        return pd.Series(pc.cast(arr, _NUMPY[dtype]).to_pandas(), dtype=dtype)
    if dtype.startswith("datetime64["):
        unit_tz = dtype[len("datetime64[") : -1].split(", ", 1)
        tz = unit_tz[1] if len(unit_tz) > 1 else None
        stamps = pc.cast(arr, pa.timestamp("ns", tz=tz))
        return pd.Series(stamps.to_pandas()).astype(pd.api.types.pandas_dtype(dtype))
    raise ValueError(f"unsupported dtype {dtype!r}")
