"""Fill a generated workbook through the contract only (defined names and table headers), as any program may.

Tables grow when more rows are given than the template holds (the table's range is extended, like Excel does).
Text is always written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.table import Table

from nr_workbook.classeur.writer.cells import ecrire


def _table(wb: Workbook, nom: str) -> tuple[Any, Table]:
    for ws in wb.worksheets:
        if nom in ws.tables:
            return ws, ws.tables[nom]
    raise KeyError(f"table {nom} absente du classeur")


def remplir_nom(wb: Workbook, nom: str, valeur: Any) -> None:
    dn = wb.defined_names[nom]
    ((feuille, coord),) = list(dn.destinations)
    ecrire(wb[feuille][coord.replace("$", "")], valeur)


def remplir_table(wb: Workbook, nom: str, lignes: Sequence[Mapping[str, Any]]) -> None:
    """Write rows from the table's first data row on (keys are headers; unknown keys are an error)."""
    ws, t = _table(wb, nom)
    c1, r1, c2, r2 = range_boundaries(t.ref)
    entetes = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    for i, ligne in enumerate(lignes):
        inconnues = set(ligne) - set(entetes)
        if inconnues:
            raise KeyError(f"{nom} : colonnes inconnues {sorted(inconnues)}")
        for entete, valeur in ligne.items():
            ecrire(ws.cell(r1 + 1 + i, c1 + entetes.index(entete)), valeur)
    derniere = max(r2, r1 + len(lignes))
    if derniere != r2:
        t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{derniere}"
        if t.autoFilter is not None:
            t.autoFilter.ref = t.ref


def remplir(source: Path, cible: Path, noms: Mapping[str, Any] | None = None,
            tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> Path:
    wb = load_workbook(source)
    for nom, valeur in (noms or {}).items():
        remplir_nom(wb, nom, valeur)
    for nom, lignes in (tables or {}).items():
        remplir_table(wb, nom, lignes)
    wb.save(cible)
    return cible
