"""Reading a workbook through the contract, over any source of sheet grids (a file, or a book open in Excel).

Subclasses provide `structure` (where names and tables sit) and `grille(feuille)` (the sheet's values from A1).
"""

from __future__ import annotations

from typing import Any

from nr_workbook.classeur.reader.structure import Structure, coordonnees
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees


def _valeur(v: Any) -> Any:
    return None if v == "" else v


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
        """Rows of a table keyed by header (rows entirely empty are skipped); None when the table is absent."""
        if nom not in self.structure.tables:
            return None
        plage, entetes = self.structure.tables[nom]
        g = self.grille(plage.feuille)
        lignes = []
        for r in range(plage.ligne1, plage.ligne2):  # skip the header row
            src = g[r] if r < len(g) else []
            valeurs = [_valeur(src[c]) if c < len(src) else None for c in range(plage.col1 - 1, plage.col2)]
            if any(v is not None for v in valeurs):
                lignes.append({**dict(zip(entetes, valeurs, strict=True)), "_ligne": r + 1})
        return lignes

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
        """The engine's input: every input name and every contract table (with their row numbers), the fiches."""
        noms = {n.nom: self.nom(n.nom) for n in L.ENTREES}
        tables = {t.nom: self.table(t.nom) or [] for t in L.TABLES}
        return Donnees(noms=noms, tables=tables, fiches=self.fiches())

    def valeurs_sorties(self) -> dict[str, Any]:
        """Cached formula results (for tests after a LibreOffice recalculation, never for the engine)."""
        return {n.nom: self.nom(n.nom) for n in L.SORTIES}
