"""The territory's yearly legal obligations, over the members a consolidation read.

Décret 2023-266 (reuse of scrapped IT equipment) and loi AGEC art. 58 with décret 2021-254 (IT purchases from
reuse, donations or recycled materials) each define a rate as a numerator over a denominator. The territory's rate
is Σ numerators ÷ Σ denominators over the members of one year: a rate of the territory's devices and euros. The
average of the members' rates would weigh a commune of ten devices like a city of ten thousand. Each year's rate
is set against the texts' objective or minimum for that year (the package's reference data, the same figures the
template's Référentiel sheet starts from). The members that meet it are counted among those it concerns.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, est_nombre
from nr_workbook.engine.obligations import (
    comptes_achats,
    comptes_reforme,
    minima_reference,
    minimum_achats,
    objectif_reforme,
    objectifs_reference,
    taux,
)

ANNEE_INCONNUE = "non renseignée"
_COLONNES = (  # each column of the « Obligations » sheet with its number format
    ("Année", L.F_ANNEE), ("Collectivités", L.F_ENTIER), ("Réformés en stock au 1er janvier (B)", L.F_ENTIER),
    ("Orientés vers le réemploi (A)", L.F_ENTIER), ("Taux de réemploi du territoire (%)", L.F_DECIMAL1),
    ("Objectif du décret 2023-266 (%)", L.F_DECIMAL1), ("Collectivités ayant du matériel réformé", L.F_ENTIER),
    ("Collectivités à l'objectif", L.F_ENTIER), ("Achats informatiques (€ HT)", L.F_DECIMAL2),
    ("Dont réemploi, dons, matières recyclées (€ HT)", L.F_DECIMAL2), ("Part du territoire (%)", L.F_DECIMAL1),
    ("Minimum du décret 2021-254 (%)", L.F_DECIMAL1), ("Collectivités ayant des achats", L.F_ENTIER),
    ("Collectivités au minimum", L.F_ENTIER))
COLONNES = tuple(nom for nom, _ in _COLONNES)
FORMATS = dict(_COLONNES)
_TOLERANCE = 1e-9  # 50 % reached by 1 ÷ 2 × 100 is 50 % met


def comptes_membre(d: Donnees) -> dict[str, Any]:
    """One member's year and the numerators and denominators of its two rates."""
    annee = d.noms.get("NR_ANNEE_REFERENCE")
    a, b = comptes_reforme(d.tables.get("T_REFORME") or [])
    comptes, total = comptes_achats(d.tables.get("T_ACHATS") or [])
    return {"annee": int(annee) if est_nombre(annee) and float(annee).is_integer() else None,
            "reemploi": a, "stock": b, "achats_comptes": comptes, "achats_total": total}


def _atteint(compte: float, base: float, seuil: float | None) -> bool:
    t = taux(compte, base)
    return t is not None and seuil is not None and t >= seuil - _TOLERANCE


def obligations_territoire(membres: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per year of the members (`comptes_membre`), the years in order, an unknown year last."""
    objectifs, minima = objectifs_reference(), minima_reference()
    annees = sorted({m["annee"] for m in membres}, key=lambda a: (a is None, a or 0))
    lignes = []
    for annee in annees:
        du = [m for m in membres if m["annee"] == annee]
        objectif = objectif_reforme(objectifs, annee)
        minimum = minimum_achats(minima, L.TYPE_INFORMATIQUE, annee)
        a, b = sum(m["reemploi"] for m in du), sum(m["stock"] for m in du)
        comptes, total = sum(m["achats_comptes"] for m in du), sum(m["achats_total"] for m in du)
        reforme = [m for m in du if m["stock"] > 0]
        achats = [m for m in du if m["achats_total"] > 0]
        lignes.append(dict(zip(COLONNES, (
            ANNEE_INCONNUE if annee is None else annee, len(du), b, a, taux(a, b), objectif, len(reforme),
            None if objectif is None else sum(_atteint(m["reemploi"], m["stock"], objectif) for m in reforme),
            total, comptes, taux(comptes, total), minimum, len(achats),
            None if minimum is None else sum(_atteint(m["achats_comptes"], m["achats_total"], minimum)
                                             for m in achats)), strict=True)))
    return pd.DataFrame(lignes, columns=list(COLONNES))
