"""Read an open workbook through the xlwings `Book` API (classic add-in, xlwings Lite, xlwings Server).

`LecteurLivre` offers what `fichier.Lecteur` offers for a file (structure, coordinates, engine input, cached
output values), so the engine and the checker run unchanged on a workbook open in Excel.
"""

from __future__ import annotations

import re
from typing import Any

from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.reader.structure import Plage, Structure, coordonnees


class _Chemin:
    """Stands for a file path in messages (the book's name)."""

    def __init__(self, nom: str):
        self.name = nom


def _plage(feuille: str, adresse: str) -> Plage:
    a, _, b = adresse.replace("$", "").partition(":")
    (l1, c1), (l2, c2) = coordonnees(a), coordonnees(b or a)
    return Plage(feuille, l1, c1, l2, c2)


class LecteurLivre(LecteurBase):
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
        """The sheet's values from A1 to the last used cell."""
        if feuille not in self._grilles:
            sheet = self.book.sheets[feuille]
            derniere = sheet.used_range.last_cell
            valeurs = sheet.range((1, 1), (derniere.row, derniere.column)).value
            if not isinstance(valeurs, list):
                valeurs = [[valeurs]]
            elif valeurs and not isinstance(valeurs[0], list):
                valeurs = [valeurs]
            self._grilles[feuille] = valeurs
        return self._grilles[feuille]
