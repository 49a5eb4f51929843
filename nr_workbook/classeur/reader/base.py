"""Reading a workbook through the contract, over any source of sheet grids (a file, or a book open in Excel).

Subclasses provide `structure` (where names and tables sit) and `grille(feuille)` (the sheet's values from A1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from functools import lru_cache
from operator import itemgetter
from typing import Any

from nr_workbook.classeur.reader.structure import Plage, Structure, coordonnees
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees


def _valeur(v: Any) -> Any:
    return None if v == "" else v


@lru_cache(maxsize=4096)
def _saisies(nom: str, entetes: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of a table's input columns among its headers (none for a table outside the contract)."""
    spec = L.TABLES_PAR_NOM.get(nom)
    if spec is None:
        return ()
    calculees = {c.entete for c in spec.colonnes if c.calculee}
    return tuple(j for j, h in enumerate(entetes) if h in spec.entetes and h not in calculees)


@lru_cache(maxsize=1024)
def _gardees(entetes: tuple[str, ...], omises: tuple[str, ...]) -> tuple[list[str], Any]:
    """The headers kept and a function taking their values from a row (C speed), the omitted ones left out."""
    positions = [j for j, h in enumerate(entetes) if h not in omises]
    cles = [entetes[j] for j in positions]
    if len(positions) == 1:
        j = positions[0]
        return cles, lambda valeurs: (valeurs[j],)
    return cles, itemgetter(*positions) if positions else (lambda valeurs: ())


def _vide(v: Any) -> bool:
    return v is None or v == ""


def lignes_table(nom: str, plage: Plage, entetes: list[str], segments: Iterable[list[Any]],
                 omises: tuple[str, ...] = (),
                 brutes: tuple[Callable[[Any], bool], Callable[[Iterable[Any]], list[Any]]] | None = None,
                 ) -> list[dict[str, Any]]:
    """A table's rows keyed by header, from its data rows' values (cleaned, in order from the row below the
    header): a row counts when one of its input columns holds something,
    or, in a table of computed columns only, when any cell does. Each row carries its Excel row number ("_ligne").
    The `omises` columns count for that rule but are left out of the rows (what the reader's user never reads).
    `brutes` = (vide, nettoyer): the values are not cleaned yet; the rule reads them as they will clean (`vide`),
    and only the values kept are cleaned (`nettoyer`)."""
    largeur = plage.col2 - plage.col1 + 1
    saisies = _saisies(nom, tuple(entetes))
    cles, prendre = _gardees(tuple(entetes), omises) if omises else (entetes, None)
    est_vide, nettoyer = brutes if brutes else (_vide, None)
    lignes = []
    for k, segment in enumerate(segments):  # (this loop runs on every cell of a recalculation: kept tight)
        n = len(segment)
        if saisies:
            for j in saisies:
                if j < n and not est_vide(segment[j]):
                    break
            else:
                continue
        elif all(est_vide(v) for v in segment):
            continue
        valeurs = segment if nettoyer else [None if v == "" else v for v in segment]
        if n < largeur:
            valeurs = [*valeurs, *([None] * (largeur - n))]
        if prendre is not None:
            valeurs = prendre(valeurs)
        ligne = dict(zip(cles, valeurs if nettoyer is None else nettoyer(valeurs), strict=True))
        ligne["_ligne"] = plage.ligne1 + k + 1
        lignes.append(ligne)
    return lignes


class TablesLues(MutableMapping):
    """The contract's tables of one workbook, each read from its sheet on first use: a consolidation that only
    needs the inventory and the answers never loads the sheets of the other tables."""

    def __init__(self, lecteur: LecteurBase):
        self._lecteur = lecteur
        self._lues: dict[str, list[dict[str, Any]]] = {}

    def __getitem__(self, nom: str) -> list[dict[str, Any]]:
        if nom not in self._lues:
            if nom not in L.TABLES_PAR_NOM:
                raise KeyError(nom)
            self._lues[nom] = self._lecteur.table(nom) or []
        return self._lues[nom]

    def __setitem__(self, nom: str, lignes: list[dict[str, Any]]) -> None:
        self._lues[nom] = lignes

    def __delitem__(self, nom: str) -> None:
        raise TypeError("les tables du contrat ne se suppriment pas")

    def __iter__(self) -> Iterator[str]:
        return iter([t.nom for t in L.TABLES] + [n for n in self._lues if n not in L.TABLES_PAR_NOM])

    def __len__(self) -> int:
        return len(list(iter(self)))


class LecteurBase:
    structure: Structure

    def grille(self, feuille: str) -> list[list[Any]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def cellule(self, feuille: str, coord: str) -> Any:
        r, c = coordonnees(coord)
        g = self.grille(feuille)
        if r - 1 < len(g) and c - 1 < len(g[r - 1]):
            return _valeur(g[r - 1][c - 1])
        return None

    def nom(self, nom: str) -> Any:
        ref = self.structure.noms.get(nom)
        return self.cellule(*ref) if ref else None

    def table(self, nom: str) -> list[dict[str, Any]] | None:
        """Rows of a table keyed by header; None when the table is absent. A row counts when one of its input columns
        holds something (the computed values a saved workbook carries in its spare rows make no row), or, in a
        table of computed columns only, when any cell does."""
        if nom not in self.structure.tables:
            return None
        plage, entetes = self.structure.tables[nom]
        g = self.grille(plage.feuille)
        return lignes_table(nom, plage, entetes, (g[r][plage.col1 - 1:plage.col2]
                                                  for r in range(plage.ligne1, min(plage.ligne2, len(g)))))

    def coord(self, table: str, entete: str, ligne: int) -> str:
        """Cell address of a table's column at an Excel row number."""
        from openpyxl.utils import get_column_letter

        plage, entetes = self.structure.tables[table]
        return f"{get_column_letter(plage.col1 + entetes.index(entete))}{ligne}"

    def fiches(self) -> list[dict[str, Any]]:
        """Fiche action sheets (those holding a sheet-scoped FA_ID), in sheet order: fields and tables."""
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
        """The engine's input: every input name and every contract table (with their row numbers, each read when
        first used), the fiches."""
        noms = {n.nom: self.nom(n.nom) for n in L.ENTREES}
        return Donnees(noms=noms, tables=TablesLues(self), fiches=self.fiches())

    def valeurs_sorties(self) -> dict[str, Any]:
        """Cached formula results (for tests after a LibreOffice recalculation, never for the engine)."""
        return {n.nom: self.nom(n.nom) for n in L.SORTIES}
