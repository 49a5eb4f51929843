"""Engine of the levers' gains and of the footprint's trajectory with and without the plan.

A lever brings the gain of the scenario its « Scénario » cell names (`Allongement` or `PUE`, pre-filled from the
catalogue). Over the roadmap's horizon (the reference year and the next `ANNEES_BUDGET − 1`), the footprint without
the plan stays at today's `NR_EMPREINTE_TOTALE_KGCO2E_AN`; with the plan, each scenario's yearly gain is taken off
from the start year of the earliest retained fiche action whose lever brings it (a scenario counts once, however
many levers bring it). Same rules as `classeur/formulas/scenarios.py`, tied by tests through LibreOffice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, nombre
from nr_workbook.engine.feuille_de_route import lignes_fiches
from nr_workbook.engine.priorisation import leviers, quadrant_de
from nr_workbook.engine.scenarios import indicateurs_scenarios

GAINS = {"allongement": "NR_GAIN_ALLONGEMENT_KGCO2E_AN", "pue": "NR_GAIN_PUE_KGCO2E_AN"}


def gain(scenario: Any, gains: dict[str, Valeur]) -> Valeur:
    """The yearly gain a lever brings by its « Scénario » value (case-insensitive), None for none."""
    nom = GAINS.get(cle_texte(scenario) or "")
    return gains.get(nom) if nom else None


def gains_leviers(d: Donnees) -> list[Valeur]:
    """Per T_LEVIERS row, its « Gain (kgCO2e/an) »."""
    gains = indicateurs_scenarios(d)
    return [gain(r.get("Scénario"), gains) for r in leviers(d)]


def gains_matrice(d: Donnees) -> dict[str, list[Valeur]]:
    """Per quadrant, the gains beside the levers the Matrice sheet lists (same order as `priorisation.matrice`)."""
    gains = indicateurs_scenarios(d)
    out: dict[str, list[Valeur]] = {q: [] for q in L.QUADRANTS}
    for r in leviers(d):
        q = quadrant_de(r)
        if q:
            out[q].append(gain(r.get("Scénario"), gains))
    return out


def _annee(v: Any) -> int | None:
    if isinstance(v, dt.datetime | dt.date):
        return v.year
    return None


def debuts(d: Donnees) -> dict[str, int | None]:
    """Per scenario (`allongement`, `pue`), the start year of the earliest retained fiche whose lever brings it."""
    par_id = {cle_texte(r.get("ID")): cle_texte(r.get("Scénario")) for r in leviers(d) if cle_texte(r.get("ID"))}
    out: dict[str, int | None] = dict.fromkeys(GAINS)
    for f in lignes_fiches(d):
        scenario = par_id.get(cle_texte(f.get("ID")) or "")
        annee = _annee(f.get("Début"))
        if f.get("Levier retenu") == "Oui" and scenario in GAINS and annee is not None:
            out[scenario] = annee if out[scenario] is None else min(out[scenario], annee)
    return out


def trajectoire(d: Donnees, sorties: dict[str, Valeur]) -> list[dict[str, Valeur]]:
    """T_TRAJECTOIRE rows: year, footprint without and with the plan, the plan's gain that year."""
    annee0 = nombre(d.noms, "NR_ANNEE_REFERENCE")
    base = sorties.get("NR_EMPREINTE_TOTALE_KGCO2E_AN")
    depart = debuts(d)
    lignes = []
    for k in range(L.ANNEES_TRAJECTOIRE):
        annee = annee0 + k if annee0 is not None else None
        if annee is None or base is None:
            lignes.append({"Année": annee, "Sans le plan (kgCO2e)": None, "Avec le plan (kgCO2e)": None,
                           "Gain du plan (kgCO2e)": None})
            continue
        g = sum(float(sorties[GAINS[s]]) for s, debut in depart.items()
                if debut is not None and annee >= debut and isinstance(sorties.get(GAINS[s]), float))
        lignes.append({"Année": float(annee), "Sans le plan (kgCO2e)": base, "Avec le plan (kgCO2e)": base - g,
                       "Gain du plan (kgCO2e)": g})
    return lignes
