"""Read a workbook extract: only the cells an action declared it reads, as the Office.js ribbon sends them.

A ribbon action that only reads (Recalculer) declares a `Lecture`: the book-scoped names whose cells it reads, the
contract tables it reads, a pattern for the fiches' tables it reads, and the sheet-scoped names it reads (the
fiches' fields), and the columns whose wording it never reads. The ribbon's code sends just those: each name's cell
with its sheet and address, each table's range with its values (header row first, the empty rows at its end left
out, the unread wording marked filled or empty), every sheet's title in order. `LecteurExtrait` reads that extract
through the contract exactly as `LecteurLivre` reads a whole book (same row rule, same cell cleaning), holding only
the cells sent; a contract table outside the declaration is a programming error, raised loudly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any

from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError
from typing_extensions import TypedDict  # pydantic needs this one below Python 3.12

from nr_workbook.classeur.reader.base import LecteurBase, lignes_table
from nr_workbook.classeur.reader.livre import _Chemin, _plage, propres, vide
from nr_workbook.classeur.reader.structure import Plage, Structure
from nr_workbook.contract import layout as L

FORMAT_EXTRAIT = 1  # the value of "nr_extrait" in an extract's JSON (bumped if its shape ever changes)


@dataclass(frozen=True)
class Lecture:
    """What an action reads of a workbook, declared once (the ribbon's code sends exactly this)."""

    noms: tuple[str, ...]  # book-scoped names: each one's cell
    tables: tuple[str, ...]  # contract tables: each one's range, header row included
    motif_tables: str = ""  # and every table whose whole name matches this pattern (the fiches' tables)
    noms_locaux: tuple[str, ...] = ()  # and these sheet-scoped names' cells, on every sheet (the fiches' fields)
    # table -> columns whose text is not read: each cell is sent as marque(value), filled or empty, not its text
    textes_omis: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def json(self) -> dict[str, Any]:
        return {"noms": list(self.noms), "tables": list(self.tables), "motif_tables": self.motif_tables,
                "noms_locaux": list(self.noms_locaux), "textes_omis": {t: list(c) for t, c in self.textes_omis.items()}}

    def couvre(self, table: str) -> bool:
        return table in self.tables or bool(self.motif_tables and re.fullmatch(self.motif_tables, table))


def marque(v: Any) -> Any:
    """A cell whose text is not read, as sent (`nrMarque`): empty stays empty, an error value stays itself (the
    reader counts it empty), any other content is 1."""
    if v is None or v == "":
        return ""
    return v if isinstance(v, str) and v.startswith("#") else 1


class TableNonTransmise(LookupError):
    """The action read a contract table its `Lecture` does not declare: the declaration must name it."""


class ExtraitInvalide(ValueError):
    """An extract of the wrong shape; the message is French and names the part at fault."""


# Names and tables are validated as dictionaries (typed), not as model instances: twice as fast, and an extract
# carries a few hundred names (the fiches' fields).
_Texte = Annotated[str, Field(min_length=1, max_length=255)]
_Adresse = Annotated[str, Field(min_length=2, max_length=40)]
_Position = Annotated[int, Field(ge=0)]


class _Nom(TypedDict):
    __pydantic_config__ = ConfigDict(extra="ignore")  # type: ignore[misc]
    nom: _Texte
    feuille: _Position
    adresse: _Adresse
    valeur: SkipValidation[Any]


class _Table(TypedDict):
    __pydantic_config__ = ConfigDict(extra="ignore")  # type: ignore[misc]
    nom: _Texte
    feuille: _Position
    adresse: _Adresse
    valeurs: SkipValidation[list[Any]]  # rows of the range's width, checked by the reader (not cell by cell)


class _Extrait(BaseModel):
    model_config = ConfigDict(extra="ignore")
    nr_extrait: int
    classeur: str = ""
    feuilles: list[str] = Field(max_length=10_000)
    noms: list[_Nom] = []
    noms_locaux: list[_Nom] = []
    tables: list[_Table] = []


@lru_cache(maxsize=4096)  # the same template's addresses, request after request
def _plage_de(feuille: str, adresse: str) -> Plage:
    return _plage(feuille, adresse.split("!")[-1])


@lru_cache(maxsize=8192)
def _cellule_de(feuille: str, adresse: str) -> tuple[str, int, int]:
    """A name's cell: its coordinates ("B5"), row and column (1-based)."""
    p = _plage_de(feuille, adresse)
    return f"{get_column_letter(p.col1)}{p.ligne1}", p.ligne1, p.col1


def _rectangle(valeurs: list[Any], largeur: int) -> bool:
    """Every row a list of `largeur` values (maps at C speed: this runs on each row sent)."""
    return set(map(type, valeurs)) <= {list} and set(map(len, valeurs)) <= {largeur}


def _message(e: ValidationError) -> str:
    parties = sorted({".".join(str(x) for x in err["loc"]) or "corps" for err in e.errors()})
    suite = f" (et {len(parties) - 5} autre(s))" if len(parties) > 5 else ""
    return f"extrait du classeur mal formé : {', '.join(parties[:5])}{suite} manquant(s) ou invalide(s)."


class LecteurExtrait(LecteurBase):
    """The contract's reader over an extract; `position(nom)` gives where a name's cell is, to write back there."""

    def __init__(self, extrait: Any, lecture: Lecture):
        try:
            e = _Extrait.model_validate(extrait)
        except ValidationError as err:
            raise ExtraitInvalide(_message(err)) from err
        if e.nr_extrait != FORMAT_EXTRAIT:
            raise ExtraitInvalide(f"format d'extrait {e.nr_extrait} inconnu de ce serveur (attendu : "
                                  f"{FORMAT_EXTRAIT}) : rechargez le complément.")
        self.lecture = lecture
        self.chemin = _Chemin(e.classeur)
        self.structure = Structure(feuilles=list(e.feuilles))
        self._positions: dict[str, tuple[int, int, int]] = {}
        self._cellules: dict[tuple[str, str], Any] = {}  # (sheet, "B5") -> the named cell's value, cleaned
        noms, locaux = self.structure.noms, self.structure.noms_locaux
        for n in e.noms:
            feuille, cellule, ligne, colonne = self._cellule(n)
            noms[n["nom"]] = (feuille, cellule)
            self._positions[n["nom"]] = (n["feuille"], ligne, colonne)
        for n in e.noms_locaux:
            feuille, cellule, _, _ = self._cellule(n)
            locaux.setdefault(feuille, {})[n["nom"]] = cellule
        self._cellules = dict(zip(self._cellules, propres(list(self._cellules.values())), strict=True))  # cleaned
        self._rangees: dict[str, list[list[Any]]] = {}  # each table's values, header row first (cleaned when read)
        for t in e.tables:
            quoi = f"table « {t['nom']} »"
            plage = self._plage(self._feuille(t["feuille"], quoi), t["adresse"], quoi)
            largeur, valeurs = plage.col2 - plage.col1 + 1, t["valeurs"]
            if (not isinstance(valeurs, list) or len(valeurs) > plage.ligne2 - plage.ligne1 + 1
                    or not _rectangle(valeurs, largeur)):
                raise ExtraitInvalide(f"{quoi} : ses valeurs ne tiennent pas dans sa plage {t['adresse'][:40]}.")
            self.structure.tables[t["nom"]] = (plage, [str(h) for h in (valeurs[0] if valeurs else [])])
            self._rangees[t["nom"]] = valeurs

    def _feuille(self, i: int, quoi: str) -> str:
        if i >= len(self.structure.feuilles):
            raise ExtraitInvalide(f"{quoi} : feuille n° {i + 1} absente de l'extrait "
                                  f"({len(self.structure.feuilles)} feuille(s)).")
        return self.structure.feuilles[i]

    def _plage(self, feuille: str, adresse: str, quoi: str) -> Plage:
        try:
            return _plage_de(feuille, adresse)
        except ValueError as err:
            raise ExtraitInvalide(f"{quoi} : adresse « {adresse[:40]} » illisible.") from err

    def _cellule(self, n: _Nom) -> tuple[str, str, int, int]:
        """A name's sheet, cell, row and column; its value kept (cleaned with the others' once all are read: this
        runs for each of a few hundred names, and the messages are only built on error)."""
        feuilles, i = self.structure.feuilles, n["feuille"]
        feuille = feuilles[i] if i < len(feuilles) else self._feuille(i, f"nom « {n['nom']} »")
        try:
            cellule, ligne, colonne = _cellule_de(feuille, n["adresse"])
        except ValueError as err:
            raise ExtraitInvalide(f"nom « {n['nom']} » : adresse « {n['adresse'][:40]} » illisible.") from err
        self._cellules[feuille, cellule] = n["valeur"]
        return feuille, cellule, ligne, colonne

    def cellule(self, feuille: str, coord: str) -> Any:
        return self._cellules.get((feuille, coord))

    def grille(self, feuille: str) -> list[list[Any]]:
        """Not kept: an extract holds named cells (`cellule`) and tables (`table`), not whole sheets."""
        return []

    def table(self, nom: str) -> list[dict[str, Any]] | None:
        if nom in L.TABLES_PAR_NOM and not self.lecture.couvre(nom):
            raise TableNonTransmise(f"la table {nom} est lue mais n'est pas déclarée dans la lecture de l'action")
        if nom not in self.structure.tables:
            return None
        plage, entetes = self.structure.tables[nom]
        return lignes_table(nom, plage, entetes, self._rangees[nom][1:], omises=self.lecture.textes_omis.get(nom, ()),
                            brutes=(vide, propres))

    def position(self, nom: str) -> tuple[int, int, int] | None:
        """(0-based sheet position, 1-based row, 1-based column) of a book-scoped name's cell, if it was sent."""
        return self._positions.get(nom)
