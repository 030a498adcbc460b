"""Error types: bad data (the user's file) versus bad calls (the programmer's mistake).

A :class:`DataError` is what a user sees when a file cannot be read. Its message says what
was found and what would have been accepted; it never carries a traceback to the UI.
A :class:`UsageError` is a programming mistake (an unknown kind, a bad argument) and is
allowed to surface as a normal exception in tests and logs.
"""

from __future__ import annotations


class SmoError(Exception):
    """Base class of every error this library raises on purpose."""


class DataError(SmoError):
    """The user's file cannot be read as any export we know.

    Parameters
    ----------
    message
        One or two sentences for the user: what we found, what we expected.
    file
        The file name (not a path on the server), when known.
    problems
        Further specific problems, one string each (line, column, value).
    """

    def __init__(self, message: str, file: str | None = None, problems: list[str] | None = None):
        self.message = message
        self.file = file
        self.problems = list(problems or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.file}: {self.message}" if self.file else self.message
        if self.problems:
            shown = self.problems[:10]
            more = len(self.problems) - len(shown)
            tail = "\n".join(f"  - {p}" for p in shown)
            if more > 0:
                tail += f"\n  - … and {more} more"
            return f"{head}\n{tail}"
        return head


class UsageError(SmoError, ValueError):
    """The library was called wrongly (a programming mistake, not the user's file)."""
