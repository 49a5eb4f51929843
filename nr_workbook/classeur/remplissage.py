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

from nr_workbook.classeur.enregistrement import enregistrer
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
    enregistrer(wb, cible)
    return cible


def _etendre_formats(ws, table: str, debut: int, fin: int) -> None:
    """Data validations and conditional formats that covered a table's data rows cover its new rows too."""
    from openpyxl.formatting.formatting import ConditionalFormattingList
    from openpyxl.worksheet.cell_range import CellRange

    zone = CellRange(table)
    premiere = zone.min_row + 1

    def ajout(p) -> str | None:
        if p.issubset(zone) and p.min_row == premiere:
            return f"{get_column_letter(p.min_col)}{debut}:{get_column_letter(p.max_col)}{fin}"
        return None

    for dv in ws.data_validations.dataValidation:
        for p in list(dv.sqref.ranges):
            if (nouvelle := ajout(p)) is not None:
                dv.sqref.add(nouvelle)
    formats = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        plages = [p.coord for p in cf.sqref.ranges]
        plages += [n for p in cf.sqref.ranges if (n := ajout(p)) is not None]
        for regle in cf.rules:
            formats.add(" ".join(plages), regle)
    ws.conditional_formatting = formats


def ajouter_lignes(wb: Workbook, nom: str, lignes: Sequence[Mapping[str, Any]], remplacer: bool = False) -> int:
    """Append rows under the last filled row of a table (or in place of all its rows with `remplacer`), growing it
    as Excel does: styles, per-row formulas, validations and conditional formats follow. Returns the number of
    rows that were filled before (0 with `remplacer`)."""
    from openpyxl.formula.translate import Translator

    ws, t = _table(wb, nom)
    c1, r1, c2, r2 = range_boundaries(t.ref)
    entetes = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    calculees = {j for j in range(c2 - c1 + 1) if isinstance(ws.cell(r1 + 1, c1 + j).value, str)
                 and str(ws.cell(r1 + 1, c1 + j).value).startswith("=")}
    saisies = [j for j in range(c2 - c1 + 1) if j not in calculees]
    remplies = [r for r in range(r1 + 1, r2 + 1) if any(ws.cell(r, c1 + j).value not in (None, "") for j in saisies)]
    if remplacer:
        for r in remplies:
            for j in saisies:
                ws.cell(r, c1 + j).value = None
        remplies = []
    depart = (max(remplies) if remplies else r1) + 1
    derniere = max(r2, depart + len(lignes) - 1)
    modele = r2 if r2 > r1 else r1
    for r in range(r2 + 1, derniere + 1):
        for j in range(c2 - c1 + 1):
            source, cible = ws.cell(modele, c1 + j), ws.cell(r, c1 + j)
            cible._style = source._style
            if j in calculees and isinstance(source.value, str):
                cible.value = Translator(source.value, origin=source.coordinate).translate_formula(cible.coordinate)
    for i, ligne in enumerate(lignes):
        inconnues = set(ligne) - set(entetes)
        if inconnues:
            raise KeyError(f"{nom} : colonnes inconnues {sorted(inconnues)}")
        for entete, valeur in ligne.items():
            ecrire(ws.cell(depart + i, c1 + entetes.index(entete)), valeur)
    if derniere != r2:
        ancienne = t.ref
        t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{derniere}"
        if t.autoFilter is not None:
            t.autoFilter.ref = t.ref
        _etendre_formats(ws, ancienne, r2 + 1, derniere)
    return len(remplies)
