"""Read an open workbook through the xlwings `Book` API (classic add-in, xlwings Lite, xlwings Server).

`LecteurLivre` offers what `fichier.Lecteur` offers for a file (structure, coordinates, engine input, cached
output values), so the engine and the checker run unchanged on a workbook open in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.reader.structure import Plage, Structure, coordonnees


class _Chemin:
    """Stands for a file path in messages (the book's name)."""

    def __init__(self, nom: str):
        self.name = nom


# What the xlwings Server protocol sends for a date (ISO 8601, "Z" or an offset) and for an error value
_DATE_ISO = re.compile(r"^-?\d{4,}-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12]\d)T(2[0-3]|[01]\d):[0-5]\d:[0-5]\d(\.\d+)?"
                       r"(Z|[+-](2[0-3]|[01]\d):[0-5]\d)?$")
_DEBUTS_SPECIAUX = frozenset("#-0123456789")  # what an error value or an ISO date starts with
_ERREURS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!"})


def _texte(v: str) -> Any:
    """A text cell of the protocol's JSON as xlwings' remote engine reads it: "" and errors are None, ISO a date."""
    if not v:
        return None
    premier = v[0]
    if premier == "#":
        return None if v in _ERREURS else v
    if (premier.isdigit() or premier == "-") and _DATE_ISO.match(v):
        return dt.datetime.fromisoformat(v[:-1] if v.endswith("Z") else v)
    return v


def propres(ligne: list[Any]) -> list[Any]:
    """A row of the protocol's JSON as xlwings reads it (see `_texte`; only a text that may be an error or a date
    goes through it: this runs on every cell of a recalculation)."""
    return [(None if not v else _texte(v) if v[0] in _DEBUTS_SPECIAUX else v) if type(v) is str else v
            for v in ligne]


def vide(v: Any) -> bool:
    """A value of the protocol's JSON that `propres` makes empty (None): nothing, "", an error value."""
    return v is None or v == "" or (type(v) is str and v in _ERREURS)


class _Grille(Sequence):
    """A sheet's JSON values, each row cleaned when first read (a recalculation reads a few hundred of them)."""

    def __init__(self, brutes: list[list[Any]]):
        self._brutes = brutes
        self._propres: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._brutes)

    def __getitem__(self, i):  # noqa: ANN001, ANN204
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._brutes)
        ligne = self._propres.get(i)
        if ligne is None:
            ligne = self._propres[i] = propres(self._brutes[i])
        return ligne


def _dans_la_plage_utilisee(donnees: dict) -> list[list[Any]]:
    """The values from A1 to the used range's last cell (what xlwings reads), from the sheet's JSON."""
    valeurs = donnees["values"]
    adresse = donnees.get("used_range_address")
    if not adresse:
        return valeurs
    fin = _plage("", adresse)
    if fin.ligne2 >= len(valeurs) and all(len(ligne) <= fin.col2 for ligne in valeurs[:1]):
        return valeurs
    return [ligne[:fin.col2] for ligne in valeurs[:fin.ligne2]]


def _json(sheet) -> dict | None:  # noqa: ANN001
    """The sheet's part of an xlwings Server payload (a remote book), None for a live Excel sheet."""
    api = getattr(getattr(sheet, "impl", None), "api", None)
    return api if isinstance(api, dict) and isinstance(api.get("values"), list) else None


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
        self._json: dict[str, dict] = {}
        for sheet in book.sheets:
            self.structure.feuilles.append(sheet.name)
            donnees = _json(sheet)
            if donnees is not None:  # a remote book: read its JSON directly, as xlwings would, without its per-cell
                self._json[sheet.name] = donnees  # conversion (4× faster on the server)
                for t in donnees.get("tables") or []:
                    plage = _plage(sheet.name, t["range_address"])
                    self.structure.tables[t["name"]] = (plage, self._entetes(sheet.name, t))
                continue
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

    def _entetes(self, feuille: str, table: dict) -> list[str]:
        if not table.get("show_headers", True) or not table.get("header_row_range_address"):
            return []
        p = _plage(feuille, table["header_row_range_address"])
        grille = self.grille(feuille)
        ligne = grille[p.ligne1 - 1] if p.ligne1 - 1 < len(grille) else []
        return [str(ligne[c - 1] if c - 1 < len(ligne) else None) for c in range(p.col1, p.col2 + 1)]

    def grille(self, feuille: str) -> list[list[Any]]:
        """The sheet's values from A1 to the last used cell."""
        if feuille not in self._grilles and feuille in self._json:
            self._grilles[feuille] = _Grille(_dans_la_plage_utilisee(self._json[feuille]))
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
