"""The canonical data model."""

from __future__ import annotations

import pandas as pd
import pytest

from smo_metrics import schema
from smo_metrics.errors import UsageError


def test_every_kind_has_key_and_date_columns_in_its_model() -> None:
    for kind in schema.KINDS:
        cols = schema.columns(kind)
        assert {"platform", "account"} <= set(cols)
        assert set(schema.NATURAL_KEYS[kind]) <= set(cols)
        assert schema.DATE_COLUMN[kind] in cols


def test_conform_orders_types_and_keeps_extra_columns() -> None:
    frame = pd.DataFrame({"Extra": [1], "likes": [3], "post_id": ["9"]})
    out = schema.conform("posts", frame)
    assert list(out.columns[: len(schema.columns("posts"))]) == list(schema.columns("posts"))
    assert out.columns[-1] == "Extra"
    assert str(out["likes"].dtype) == "Float64" and out["reach"].isna().all()
    assert str(out["published_at"].dtype) == "datetime64[ns, UTC]"


def test_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        schema.columns("tweets")
