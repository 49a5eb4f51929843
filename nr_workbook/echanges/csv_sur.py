"""CSV files that a spreadsheet opens safely: text cells a spreadsheet would run as a formula are neutralised.

OWASP's CSV-injection advice: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe, so Excel and LibreOffice show it as text instead of evaluating it (`=HYPERLINK(...)` typed as a
collectivité's name). Numbers are never touched, nor is text that is just a number ("-12,5"). Every CSV the package
writes goes through `ecrivain` (rows) or `tableau` (a pandas DataFrame).
"""

from __future__ import annotations

import csv
import re
from typing import IO, Any

import pandas as pd

DANGEREUX = ("=", "+", "-", "@", "\t", "\r")
_NOMBRE = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def neutraliser(v: Any) -> Any:
    """A text cell as it may safely be written to a CSV; any other value unchanged."""
    if isinstance(v, str) and v[:1] in DANGEREUX and not _NOMBRE.match(v):
        return "'" + v
    return v


class _Ecrivain:
    def __init__(self, f: IO[str], **options: Any):
        self._w = csv.writer(f, **options)
        self._cr = "\r" in options.get("lineterminator", "\r\n")

    def _cellule(self, v: Any) -> Any:
        v = neutraliser(v)
        if isinstance(v, str) and not self._cr and "\r" in v:  # a lone CR would split the row for readers
            v = v.replace("\r\n", "\n").replace("\r", "\n")
        return v

    def writerow(self, ligne) -> None:
        self._w.writerow([self._cellule(v) for v in ligne])

    def writerows(self, lignes) -> None:
        for ligne in lignes:
            self.writerow(ligne)


def ecrivain(f: IO[str], delimiter: str = ";", lineterminator: str = "\n") -> _Ecrivain:
    """A `csv.writer` whose text cells are neutralised."""
    return _Ecrivain(f, delimiter=delimiter, lineterminator=lineterminator)


def tableau(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose text cells are neutralised (for `DataFrame.to_csv`)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutraliser)
    return out
