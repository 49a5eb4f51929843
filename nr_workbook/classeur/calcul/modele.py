"""What a formula evaluator needs of a workbook, taken from an openpyxl Workbook before it is saved: constant cells,
formula cells (text, array or not), tables with their columns, defined names (global and per sheet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook

from nr_workbook.classeur.calcul.valeurs import CODES, Erreur


@dataclass(frozen=True)
class TableModele:
    feuille: str
    l1: int
    c1: int
    l2: int
    c2: int
    colonnes: tuple[str, ...]
    entetes: int = 1
    totaux: int = 0


@dataclass
class Modele:
    feuilles: list[str] = field(default_factory=list)
    constantes: dict[str, dict[tuple[int, int], Any]] = field(default_factory=dict)  # sheet -> (row, col) -> value
    formules: dict[tuple[str, int, int], tuple[str, bool]] = field(default_factory=dict)  # -> (text, array)
    tables: dict[str, TableModele] = field(default_factory=dict)  # casefolded name
    noms: dict[str, str] = field(default_factory=dict)  # casefolded global name -> formula text
    noms_locaux: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, casefolded name) -> text
    etendue: dict[str, tuple[int, int]] = field(default_factory=dict)  # sheet -> (last row, last column)

    def poser(self, feuille: str, ligne: int, col: int, valeur: Any) -> None:
        """Set a constant cell (a program filling the workbook)."""
        self.constantes.setdefault(feuille, {})[(ligne, col)] = constante(valeur)
        self.formules.pop((feuille, ligne, col), None)
        r, c = self.etendue.get(feuille, (0, 0))
        self.etendue[feuille] = (max(r, ligne), max(c, col))


def constante(v: Any) -> Any:
    """A cell's value as the evaluator sees it: numbers as float, dates as serial numbers, error codes as errors."""
    if v is None or isinstance(v, (bool, str)):
        return CODES.get(v, v) if isinstance(v, str) and v[:1] == "#" and v in CODES else v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return float(to_excel(v))
    return str(v)


def depuis_openpyxl(wb: Workbook) -> Modele:
    m = Modele()
    for ws in wb.worksheets:
        nom = ws.title
        m.feuilles.append(nom)
        consts: dict[tuple[int, int], Any] = {}
        derniere_ligne = derniere_col = 0
        for (r, c), cell in ws._cells.items():
            v = cell.value
            if v is None:
                continue
            derniere_ligne, derniere_col = max(derniere_ligne, r), max(derniere_col, c)
            if cell.data_type == "f":
                texte = getattr(v, "text", v)
                m.formules[(nom, r, c)] = (str(texte), hasattr(v, "text"))
            elif cell.data_type == "e":
                consts[(r, c)] = CODES.get(str(v), Erreur(str(v)))
            else:
                consts[(r, c)] = constante(v)
        m.constantes[nom] = consts
        m.etendue[nom] = (derniere_ligne, derniere_col)
        for t in ws.tables.values():
            c1, l1, c2, l2 = range_boundaries(t.ref)
            colonnes = tuple(tc.name for tc in t.tableColumns)
            if not colonnes:  # openpyxl names a new table's columns from its header row when saving
                colonnes = tuple(str(ws.cell(l1, c).value) for c in range(c1, c2 + 1))
            m.tables[t.displayName.casefold()] = TableModele(nom, l1, c1, l2, c2, colonnes,
                                                             t.headerRowCount if t.headerRowCount is not None else 1,
                                                             t.totalsRowCount or 0)
        for n, dn in ws.defined_names.items():
            m.noms_locaux[(nom, n.casefold())] = dn.attr_text
    for n, dn in wb.defined_names.items():
        if dn.localSheetId is not None:
            m.noms_locaux[(wb.worksheets[int(dn.localSheetId)].title, n.casefold())] = dn.attr_text
        else:
            m.noms[n.casefold()] = dn.attr_text
    return m
