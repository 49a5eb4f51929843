"""Template 1.2.0 → 1.3.0: the Scénarios sheet (the quantified roadmap) with its inputs NR_CIBLE_ALLONGEMENT_ANS,
NR_CIBLE_PUE and NR_PRIX_ELEC_EUR_KWH, and the yearly gains of keeping the devices longer and of a better PUE.

Every 1.2.0 input keeps its name, its table and its columns; the scenario inputs take their defaults (one more year
of use, no PUE target, the regulated electricity price); T_LEVIERS gains the columns « Scénario » (the catalogue's,
for its levers) and « Gain (kgCO2e/an) »; each fiche action shows its lever's gain (FA_GAIN); the Scénarios sheet
holds the trajectory T_TRAJECTOIRE.
"""

from __future__ import annotations

from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract.scenarios import ALLONGEMENT_DEFAUT


def appliquer(saisies: Any, journal: list[str]) -> None:
    ref = referentiel.load()
    saisies.noms.setdefault("NR_CIBLE_ALLONGEMENT_ANS", ALLONGEMENT_DEFAUT)
    saisies.noms.setdefault("NR_PRIX_ELEC_EUR_KWH", ref.parametres.prix_elec_eur_kwh.valeur)
    scenarios = {lv.id.casefold(): lv.scenario for lv in ref.leviers}
    for ligne in saisies.tables.get("T_LEVIERS") or []:  # catalogue levers bring their scenario, as in the template
        if "Scénario" not in ligne and isinstance(ligne.get("ID"), str):
            ligne["Scénario"] = scenarios.get(ligne["ID"].casefold())
    journal.append("  Scénarios : nouvelle feuille chiffrant les gains de la feuille de route et la trajectoire de "
                   "l'empreinte ; hypothèses par défaut (allongement d'un an, pas de PUE visé, prix de l'électricité "
                   "réglementé 2025).")
    journal.append("  Leviers : colonnes « Scénario » et « Gain (kgCO2e/an) » ; fiches actions : gain estimé.")
