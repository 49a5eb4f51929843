"""The yearly legal obligations computed as the workbook's formulas do (`classeur/formulas/obligations.py`):
the reuse rate of scrapped IT equipment (décret 2023-266) and the share of IT purchases from reuse, donations or
recycled materials (loi AGEC art. 58, décret 2021-254), with the texts' objective and minimum for the year.

The objective and the minima are read from the workbook's reference tables (T_OBJECTIFS_REFORME,
T_MINIMA_ACHATS, editable on the Référentiel sheet); a program that gives no such table gets the reference data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, est_nombre, nombre

_REEMPLOI = {d.casefold() for d in L.DESTINATIONS_REEMPLOI}


def _n(v: Any) -> float:
    return float(v) if est_nombre(v) else 0.0


def _q(v: Any) -> float:
    """A quantity as the formulas take it: a positive number, else 0."""
    return max(_n(v), 0.0)


def age_reforme(ligne: Mapping[str, Any]) -> float | None:
    """Age at scrapping: Année de réforme − Année d'acquisition, when both are numbers."""
    acquisition, reforme = ligne.get("Année d'acquisition"), ligne.get("Année de réforme")
    return float(reforme) - float(acquisition) if est_nombre(acquisition) and est_nombre(reforme) else None


def dans_le_decret(ligne: Mapping[str, Any]) -> bool:
    """At most ten years old when scrapped (devices of more than ten years are left out; an unknown age too)."""
    age = age_reforme(ligne)
    return age is not None and 0 <= age <= L.AGE_MAX_REFORME


def vers_le_reemploi(ligne: Mapping[str, Any]) -> bool:
    """Counted in A: sent to reuse or reutilisation, with the taker's commitment, at most ten years old."""
    return (cle_texte(ligne.get("Destination")) in _REEMPLOI and cle_texte(ligne.get("Engagement du repreneur"))
            == "oui" and dans_le_decret(ligne))


def en_stock_au_1er_janvier(ligne: Mapping[str, Any]) -> bool:
    """Counted in B: in stock on 1 January, at most ten years old."""
    return cle_texte(ligne.get("Présent au 1er janvier")) == "oui" and dans_le_decret(ligne)


def comptes_reforme(lignes: Iterable[Mapping[str, Any]]) -> tuple[float, float]:
    """(A, B) of décret 2023-266 art. 3: equipment sent to reuse with the taker's commitment, equipment in stock on
    1 January, both at most ten years old (a consolidation sums them over its members)."""
    lignes = list(lignes)
    a = sum(_q(r.get("Quantité")) for r in lignes if vers_le_reemploi(r))
    b = sum(_q(r.get("Quantité")) for r in lignes if en_stock_au_1er_janvier(r))
    return a, b


def taux(compte: float, base: float) -> float | None:
    """compte ÷ base × 100; None when the base is not positive."""
    return compte / base * 100 if base > 0 else None


def taux_reemploi_reforme(lignes: Iterable[Mapping[str, Any]]) -> float | None:
    """A / B × 100 (décret 2023-266 art. 3); None when B = 0."""
    return taux(*comptes_reforme(lignes))


def comptes_achats(lignes: Iterable[Mapping[str, Any]], type_produit: str = L.TYPE_INFORMATIQUE
                   ) -> tuple[float, float]:
    """(reuse and reutilisation + donations + recycled materials, total) in € HT over the rows of one product type
    (loi AGEC art. 58; a consolidation sums them over its members)."""
    cle = type_produit.casefold()
    dans = [r for r in lignes if cle_texte(r.get("Type de produit")) == cle]
    total = sum(_n(r.get("Montant total (€ HT)")) for r in dans)
    comptes = sum(_n(r.get(m)) for r in dans for m in L.MONTANTS_ACHATS)
    return comptes, total


def part_achats(lignes: Iterable[Mapping[str, Any]], type_produit: str = L.TYPE_INFORMATIQUE) -> float | None:
    """(Reuse and reutilisation + donations + recycled materials) ÷ total × 100 over the rows of one product
    type; None when the total is not positive."""
    return taux(*comptes_achats(lignes, type_produit))


def part_ligne(ligne: Mapping[str, Any]) -> float | None:
    """T_ACHATS[Part comptée (%)] of one row: its counted amounts ÷ its total × 100 (None unless the total > 0)."""
    total = ligne.get("Montant total (€ HT)")
    if not est_nombre(total) or total <= 0:
        return None
    return sum(_n(ligne.get(m)) for m in L.MONTANTS_ACHATS) / float(total) * 100


def objectifs_reference() -> list[dict[str, Any]]:
    """The reference data's yearly objectives of décret 2023-266, as rows of T_OBJECTIFS_REFORME."""
    return [{"Année": o.annee, "Objectif (%)": o.taux} for o in referentiel.load().obligations.objectifs_reforme]


def minima_reference() -> list[dict[str, Any]]:
    """The reference data's minima of décret 2021-254, as rows of T_MINIMA_ACHATS."""
    return [{"Type de produit": m.type_produit, "Depuis": m.depuis, "Jusqu'à": m.jusqu_a, "Minimum (%)": m.minimum}
            for m in referentiel.load().obligations.minima_achats]


def _objectifs(d: Donnees) -> list[Mapping[str, Any]]:
    lignes = d.tables.get("T_OBJECTIFS_REFORME")
    return objectifs_reference() if lignes is None else lignes


def _minima(d: Donnees) -> list[Mapping[str, Any]]:
    lignes = d.tables.get("T_MINIMA_ACHATS")
    return minima_reference() if lignes is None else lignes


def _en_vigueur(ligne: Mapping[str, Any], annee: float, debut: str, fin: str | None = None) -> bool:
    """The row's period holds `annee`: from « debut » (a number) to « fin » (included; empty: no end)."""
    v = ligne.get(debut)
    if not est_nombre(v) or float(v) > annee:
        return False
    f = ligne.get(fin) if fin else None
    return f in (None, "") or (est_nombre(f) and float(f) >= annee)


def _derniere(lignes: list[Mapping[str, Any]], debut: str, valeur: str) -> float | None:
    """Σ `valeur` over the rows of the latest « debut » (SUMIFS on the latest year, as the formula does)."""
    if not lignes:
        return None
    derniere = max(float(m[debut]) for m in lignes)
    return sum(_n(m.get(valeur)) for m in lignes if float(m[debut]) == derniere)


def objectif_reforme(objectifs: Iterable[Mapping[str, Any]], annee: float | None) -> float | None:
    """The objective of the latest year not after `annee`."""
    if annee is None:
        return None
    return _derniere([o for o in objectifs if _en_vigueur(o, annee, "Année")], "Année", "Objectif (%)")


def minimum_achats(minima: Iterable[Mapping[str, Any]], type_produit: Any, annee: float | None) -> float | None:
    """The minimum of the product type in force in `annee` (from « Depuis » to « Jusqu'à »), the latest one."""
    cle = cle_texte(type_produit)
    if annee is None or cle is None:
        return None
    return _derniere([m for m in minima if cle_texte(m.get("Type de produit")) == cle
                      and _en_vigueur(m, annee, "Depuis", "Jusqu'à")], "Depuis", "Minimum (%)")


def indicateurs_obligations(d: Donnees) -> dict[str, Valeur]:
    annee = nombre(d.noms, "NR_ANNEE_REFERENCE")
    return {
        "NR_TAUX_REEMPLOI_REFORME": taux_reemploi_reforme(d.tables.get("T_REFORME") or []),
        "NR_OBJECTIF_REEMPLOI_REFORME": objectif_reforme(_objectifs(d), annee),
        "NR_PART_ACHATS_REEMPLOI_INFO": part_achats(d.tables.get("T_ACHATS") or []),
        "NR_MINIMUM_ACHATS_REEMPLOI_INFO": minimum_achats(_minima(d), L.TYPE_INFORMATIQUE, annee),
    }
