"""The footprint and the plan's yearly gain in everyday equivalents (ADEME's Impact CO2), computed as the
workbook's formulas do (`classeur/formulas/equivalences.py`): the k-th equivalent of a figure is the k-th row of
T_EQUIVALENCES, in table order, whose band holds the figure (`contract/equivalences.py`).

The rows are read from the workbook's table (editable on the Référentiel sheet); a program that gives no such
table gets the reference data (`referentiel/equivalences.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, est_nombre

_DE, _A = "Tranche : au-delà de (kgCO2e)", "Tranche : jusqu'à (kgCO2e)"


def lignes_reference() -> list[dict[str, Any]]:
    """T_EQUIVALENCES as the template pre-fills it."""
    ref = referentiel.load()
    eq = ref.equivalences
    source = f"{ref.libelle_source(eq.source)}, licence {ref.sources[eq.source].licence}"
    return [{"Équivalent": e.libelle, "kgCO2e par unité": e.kgco2e, _DE: e.au_dela_de, _A: e.jusqu_a,
             "Identifiant Impact CO2": e.id, "Source": f"{e.url} ({source} : « {e.nom} »)"} for e in eq.equivalents]


def dans_la_tranche(ligne: Mapping[str, Any], valeur: float) -> bool:
    """The row speaks for `valeur`: a positive kgCO2e, a non-empty label, au-delà de (a number, else 0) < valeur
    ≤ jusqu'à (a number; empty: no bound; anything else: no band)."""
    kg, libelle, de, a = ligne.get("kgCO2e par unité"), ligne.get("Équivalent"), ligne.get(_DE), ligne.get(_A)
    if not (est_nombre(kg) and kg > 0) or libelle in (None, ""):
        return False
    if valeur <= (float(de) if est_nombre(de) else 0.0):
        return False
    return a in (None, "") or (est_nombre(a) and valeur <= float(a))


def equivalents(valeur: Valeur, lignes: Iterable[Mapping[str, Any]],
                nombre: int = L.NB_EQUIVALENTS) -> list[tuple[float, str]]:
    """Up to `nombre` equivalents of `valeur` (kgCO2e): (count, words), in table order; none unless valeur > 0."""
    if not est_nombre(valeur) or valeur <= 0:
        return []
    pris = [r for r in lignes if dans_la_tranche(r, float(valeur))][:nombre]
    return [(float(valeur) / float(r["kgCO2e par unité"]), _texte(r["Équivalent"])) for r in pris]


def _texte(v: Any) -> str:
    """The words as `INDEX(…)&""` gives them (a whole number without its decimal point)."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def indicateurs_equivalences(d: Donnees, figures: Mapping[str, Valeur]) -> dict[str, Valeur]:
    """NR_EQUIVALENT_… of each figure of L.FIGURES_EQUIVALENCES (its value in `figures`)."""
    lignes = d.tables.get("T_EQUIVALENCES")
    if lignes is None:
        lignes = lignes_reference()
    out: dict[str, Valeur] = {}
    for figure, prefixe, _ in L.FIGURES_EQUIVALENCES:
        trouves = equivalents(figures.get(figure), lignes)
        for k in range(1, L.NB_EQUIVALENTS + 1):
            nombre, mots = trouves[k - 1] if k <= len(trouves) else (None, None)
            out[f"{prefixe}_{k}"], out[f"{prefixe}_{k}_OBJET"] = nombre, mots
    return out
