"""Every input of a workbook of any released template version, read through that version's recorded layout.

Named input cells, the input columns of its tables (cells holding a formula are left out: they are the template's,
not the user's), its fiches actions, the sheets the user added, and the values typed anywhere else (outside names,
tables, formulas and the template's own labels): those have no place in any template and are kept as "non repris".
"""

from __future__ import annotations

import zipfile
from typing import Any
from xml.etree import ElementTree as ET

from openpyxl.utils import get_column_letter

from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.reader.structure import coordonnees
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.contract.migrations import NonRepris, Saisies, etapes, signature

_C = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}c"
_F = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}f"
RAISON_LIBRE = "valeur saisie hors des zones de saisie du modèle"
ID_FICHE = "{ID}"  # stands for the lever's identifier in the recorded labels of a fiche sheet


class ClasseurEtranger(FichierInvalide):
    """Not an nr_workbook workbook (no NR_VERSION_MODELE)."""


def formules(lecteur: LecteurBase, feuille: str) -> set[str]:
    """Cells of a sheet that hold a formula ("B5"), from the sheet's XML part (a file) or the open book."""
    cache = lecteur.__dict__.setdefault("_formules", {})
    if feuille not in cache:
        part = lecteur.structure.parties.get(feuille)  # none for an open book: no formula detection
        out: set[str] = set()
        if part:
            with zipfile.ZipFile(lecteur.chemin) as z, z.open(part) as f:
                for _, el in ET.iterparse(f):
                    if el.tag == _C:
                        if el.find(_F) is not None:
                            out.add(el.get("r"))
                        el.clear()
        cache[feuille] = out
    return cache[feuille]


def _occupees(lecteur: LecteurBase, feuille: str, tables: set[str] | None = None) -> set[tuple[int, int]]:
    """(row, column) of the sheet's named cells and of its tables (`tables`: only these; None: every table)."""
    s = lecteur.structure
    out = {coordonnees(c) for f, c in s.noms.values() if f == feuille}
    out |= {coordonnees(c) for c in s.noms_locaux.get(feuille, {}).values()}
    for nom, (p, _) in s.tables.items():
        if p.feuille == feuille and (tables is None or nom in tables):
            out |= {(r, c) for r in range(p.ligne1, p.ligne2 + 1) for c in range(p.col1, p.col2 + 1)}
    return out


def cellules_libres(lecteur: LecteurBase, feuille: str, tables: set[str] | None = None) -> dict[str, Any]:
    """Non-empty cells outside names, tables and formulas: "B5" -> value."""
    occupees = _occupees(lecteur, feuille, tables)
    avec_formule = formules(lecteur, feuille)
    out = {}
    for i, ligne in enumerate(lecteur.grille(feuille), start=1):
        for j, v in enumerate(ligne, start=1):
            if v in (None, "") or (i, j) in occupees:
                continue
            coord = f"{get_column_letter(j)}{i}"
            if coord not in avec_formule:
                out[coord] = v
    return out


def texte_libelle(v: Any) -> str:
    """How a label is recorded and compared (a number or a date as its text)."""
    return str(v).strip()


def est_fiche(lecteur: LecteurBase, feuille: str) -> bool:
    return "FA_ID" in lecteur.structure.noms_locaux.get(feuille, {})


def lire_saisies(lecteur: LecteurBase) -> Saisies:
    """The inputs of a workbook of any released version (raises VersionInconnue, ClasseurEtranger)."""
    version = lecteur.nom("NR_VERSION_MODELE")
    if version is None:
        raise ClasseurEtranger(f"{lecteur.chemin.name} n'est pas un classeur nr_workbook (NR_VERSION_MODELE absent).")
    etapes(str(version).strip())  # an unknown or newer version: a French message saying which
    sig = signature(str(version).strip())
    s = Saisies(version=str(version).strip())
    st = lecteur.structure
    for nom in sig["entrees"]:
        if nom != "NR_VERSION_MODELE" and nom in st.noms:
            s.noms[nom] = lecteur.nom(nom)
            s.lieux[nom] = st.noms[nom]
    tables_connues = set(sig["tables"]) & set(st.tables)
    for nom in tables_connues:
        t = sig["tables"][nom]
        if not set(t["colonnes"]) <= set(t["calculees"]):
            _lire_table(lecteur, s, nom, set(t["calculees"]))
    for feuille in st.feuilles:
        if est_fiche(lecteur, feuille):
            s.fiches.append(_lire_fiche(lecteur, feuille))
            ident = str(s.fiches[-1].get("FA_ID") or "")
            libelles = {x.replace(ID_FICHE, ident) for x in sig.get("libelles_fiche", [])}
            _libres(lecteur, s, feuille, libelles, None)
        elif feuille in sig["feuilles"]:
            _libres(lecteur, s, feuille, set(sig.get("libelles", {}).get(feuille, [])), tables_connues)
        else:
            s.feuilles_ajoutees[feuille] = lecteur.grille(feuille)
    return s


def _lire_table(lecteur: LecteurBase, s: Saisies, nom: str, calculees: set[str]) -> None:
    plage, entetes = lecteur.structure.tables[nom]
    avec_formule = formules(lecteur, plage.feuille)
    s.feuilles_tables[nom] = plage.feuille
    s.colonnes_tables[nom] = {h: get_column_letter(plage.col1 + j) for j, h in enumerate(entetes)}
    lignes = []
    for r in lecteur.table(nom) or []:
        ligne = {h: v for h, v in r.items() if h != "_ligne" and h not in calculees
                 and f"{s.colonnes_tables[nom][h]}{r['_ligne']}" not in avec_formule}
        if any(v is not None for v in ligne.values()):
            lignes.append({**ligne, "_ligne": r["_ligne"]})
    s.tables[nom] = lignes


def _lire_fiche(lecteur: LecteurBase, feuille: str) -> dict[str, Any]:
    noms = lecteur.structure.noms_locaux[feuille]
    avec_formule = formules(lecteur, feuille)
    fiche: dict[str, Any] = {"_feuille": feuille}
    fiche.update({nom: lecteur.cellule(feuille, c) for nom, c in noms.items()
                  if c.replace("$", "") not in avec_formule})
    fiche["_lieux"] = {nom: c.replace("$", "") for nom, c in noms.items()}
    ident = str(fiche.get("FA_ID") or "")
    for cle, t in L.tables_fiche(ident).items():
        if t.nom in lecteur.structure.tables:
            plage, entetes = lecteur.structure.tables[t.nom]
            fiche[cle] = [{h: v for h, v in r.items()} for r in lecteur.table(t.nom) or []]
            fiche["_colonnes_" + cle] = {h: get_column_letter(plage.col1 + j) for j, h in enumerate(entetes)}
        else:
            fiche[cle] = []
    return fiche


def _libres(lecteur: LecteurBase, s: Saisies, feuille: str, libelles: set[str], tables: set[str] | None) -> None:
    for coord, v in cellules_libres(lecteur, feuille, tables).items():
        if texte_libelle(v) not in libelles:
            s.non_repris.append(NonRepris(feuille, coord, v, RAISON_LIBRE))
