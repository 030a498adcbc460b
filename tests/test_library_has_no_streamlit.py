"""The library never imports Streamlit: pages draw, ``smo_metrics`` computes."""

import ast
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[1] / "smo_metrics"


def streamlit_import_lines(source: str) -> list[int]:
    """Line of every ``import streamlit...`` and ``from streamlit... import`` in the source."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        if any(m == "streamlit" or m.startswith("streamlit.") for m in modules):
            lines.append(node.lineno)
    return lines


def test_library_has_python_files():
    assert any(LIBRARY.rglob("*.py"))


def test_no_module_imports_streamlit():
    offenders = [
        f"{path.relative_to(LIBRARY.parent)}:{line}"
        for path in sorted(LIBRARY.rglob("*.py"))
        for line in streamlit_import_lines(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_detector_sees_both_import_forms():
    # The check itself: both spellings are caught, inside a function too; a look-alike name is not.
    source = (
        "import streamlit as st\n"
        "from streamlit.testing import v1\n"
        "import streamlit_extras\n"
        "def f():\n"
        "    import os, streamlit.components.v1\n"
        "from .streamlit import x\n"
    )
    assert streamlit_import_lines(source) == [1, 2, 5]
