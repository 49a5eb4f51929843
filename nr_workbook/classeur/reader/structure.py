"""Where a workbook's contract names and tables sit, whatever the source (a file, or a book open in Excel)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


@dataclass(frozen=True)
class Plage:
    feuille: str
    ligne1: int  # 1-based
    col1: int
    ligne2: int
    col2: int


@dataclass
class Structure:
    """Where the contract's names and tables sit in one workbook."""

    noms: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet, cell like "B5")
    noms_locaux: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet -> sheet-scoped name -> cell
    tables: dict[str, tuple[Plage, list[str]]] = field(default_factory=dict)  # name -> (range, headers)
    feuilles: list[str] = field(default_factory=list)
    parties: dict[str, str] = field(default_factory=dict)  # sheet -> zip part ("xl/worksheets/sheet1.xml")


def coordonnees(coord: str) -> tuple[int, int]:
    """1-based (row, column) of an A1 reference: "B5" gives (5, 2)."""
    m = _CELL.match(coord)
    if not m:
        raise ValueError(coord)
    return int(m.group(2)), column_index_from_string(m.group(1))


