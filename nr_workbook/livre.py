"""Read an open workbook through the xlwings `Book` API (classic add-in, xlwings Lite, xlwings Server).

`LecteurLivre` offers what `reader.Lecteur` offers for a file (structure, coordinates, engine input, cached
output values), so the engine and the checker run unchanged on a workbook open in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from nr_workbook import layout as L
from nr_workbook.engine import Donnees
from nr_workbook.structure import Plage, Structure, _cellule

_DATE0 = dt.datetime(1899, 12, 30)


class _Chemin:
    """Stands for a file path in messages (the book's name)."""

    def __init__(self, nom: str):
        self.name = nom


def _valeur(v: Any) -> Any:
    if v == "" or v is None:
        return None
    return v


def _plage(feuille: str, adresse: str) -> Plage:
    a, _, b = adresse.replace("$", "").partition(":")
    (l1, c1), (l2, c2) = _cellule(a), _cellule(b or a)
    return Plage(feuille, l1, c1, l2, c2)


class LecteurLivre:
    def __init__(self, book):
        self.book = book
        self.chemin = _Chemin(book.name)
        self.structure = Structure()
        self._grilles: dict[str, list[list[Any]]] = {}
        for sheet in book.sheets:
            self.structure.feuilles.append(sheet.name)
            for t in sheet.tables:
                plage = _plage(sheet.name, t.range.address)
                entetes = [str(h) for h in (t.header_row_range.value or [])]
                self.structure.tables[t.name] = (plage, entetes)
        for n in book.names:
            ref = n.refers_to or ""
            m = re.match(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$", ref)
            if not m:
                continue
            feuille = (m.group(1) or "").replace("''", "'") or m.group(2)
            cell = f"{m.group(3)}{m.group(4)}"
            nom = n.name
            if "!" in nom:  # sheet-scoped: "'Fiche X'!FA_ID"
                portee, _, local = nom.rpartition("!")
                self.structure.noms_locaux.setdefault(portee.strip("'").replace("''", "'"), {})[local] = cell
            else:
                self.structure.noms[nom] = (feuille, cell)

    def grille(self, feuille: str) -> list[list[Any]]:
        if feuille not in self._grilles:
            valeurs = self.book.sheets[feuille].used_range.value
            if not isinstance(valeurs, list):
                valeurs = [[valeurs]]
            elif valeurs and not isinstance(valeurs[0], list):
                valeurs = [valeurs]
            self._grilles[feuille] = valeurs
        return self._grilles[feuille]

    def cellule(self, feuille: str, coord: str) -> Any:
        r, c = _cellule(coord)
        g = self.grille(feuille)
        if r - 1 < len(g) and c - 1 < len(g[r - 1]):
            return _valeur(g[r - 1][c - 1])
        return None

    def nom(self, nom: str) -> Any:
        ref = self.structure.noms.get(nom)
        return self.cellule(*ref) if ref else None

    def table(self, nom: str) -> list[dict[str, Any]] | None:
        if nom not in self.structure.tables:
            return None
        plage, entetes = self.structure.tables[nom]
        lignes = []
        for r in range(plage.ligne1 + 1, plage.ligne2 + 1):
            valeurs = [self.cellule(plage.feuille, f"{_lettre(c)}{r}") for c in range(plage.col1, plage.col2 + 1)]
            if any(v is not None for v in valeurs):
                lignes.append({**dict(zip(entetes, valeurs, strict=False)), "_ligne": r})
        return lignes

    def coord(self, table: str, entete: str, ligne: int) -> str:
        plage, entetes = self.structure.tables[table]
        return f"{_lettre(plage.col1 + entetes.index(entete))}{ligne}"

    def fiches(self) -> list[dict[str, Any]]:
        out = []
        for feuille in self.structure.feuilles:
            noms = self.structure.noms_locaux.get(feuille, {})
            if "FA_ID" not in noms:
                continue
            fiche: dict[str, Any] = {"_feuille": feuille}
            fiche.update({nom: self.cellule(feuille, cell) for nom, cell in noms.items()})
            for cle, t in L.tables_fiche(str(fiche["FA_ID"] or "")).items():
                fiche[cle] = self.table(t.nom) or []
            out.append(fiche)
        return out

    def donnees(self) -> Donnees:
        noms = {n.nom: self.nom(n.nom) for n in L.ENTREES}
        tables = {t.nom: self.table(t.nom) or [] for t in L.TABLES}
        return Donnees(noms=noms, tables=tables, fiches=self.fiches())

    def valeurs_sorties(self) -> dict[str, Any]:
        return {n.nom: self.nom(n.nom) for n in L.SORTIES}


def _lettre(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)
