"""Engine of the scenarios (the quantified roadmap): what keeping the devices longer and a better PUE would save.

Same meaning as `docs/contrat-classeur.md` and the same rules as `classeur/formulas/scenarios.py` (tests recalculate
the workbook in LibreOffice and compare, and check both against the contract's definitions computed apart).
"""

from __future__ import annotations

import numpy as np

from nr_workbook.engine.donnees import Donnees, Valeur, nombre
from nr_workbook.engine.inventaire import lire_parc


def facteur_allongement(durees: np.ndarray, a: float) -> np.ndarray:
    """Per row, 1/L − 1/(L + a): the yearly share of the manufacturing no longer spent; 0 without a lifetime."""
    ok = durees > 0
    sur = np.where(ok, durees, 1.0)
    return np.where(ok, 1.0 / sur - 1.0 / (sur + a), 0.0)


def indicateurs_scenarios(d: Donnees, empreinte_totale: Valeur = None) -> dict[str, Valeur]:
    noms = d.noms
    parc = lire_parc(d)
    out: dict[str, Valeur] = {}
    a = nombre(noms, "NR_CIBLE_ALLONGEMENT_ANS")
    if a is not None and a >= 0:
        k = facteur_allongement(parc.ref.defaut(parc.categories, "Durée de vie (ans)"), a)
        fabrication = parc.ref.defaut(parc.categories, "Fabrication (kgCO2e)")
        out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] = float((parc.qes * fabrication * k).sum())
        out["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] = float((parc.qes * parc.poids * k).sum()) / 1000
    else:
        out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] = out["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] = None

    cible, facteur = nombre(noms, "NR_CIBLE_PUE"), nombre(noms, "NR_FACTEUR_ELEC_KGCO2E_KWH")
    kwh = None
    if cible is not None:
        p = parc.pue_effectif
        salle = parc.ref.salle_serveur(parc.categories)
        kwh = float(np.where(salle, parc.qes * parc.conso, 0.0).sum()) * (p - cible) if cible < p else 0.0
    out["NR_GAIN_PUE_KGCO2E_AN"] = kwh * facteur if kwh is not None and facteur is not None else None
    out["NR_GAIN_PUE_KWH_AN"] = kwh
    prix = nombre(noms, "NR_PRIX_ELEC_EUR_KWH")
    out["NR_GAIN_PUE_EUR_AN"] = kwh * prix if kwh is not None and prix is not None else None

    gains = [g for g in (out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"], out["NR_GAIN_PUE_KGCO2E_AN"]) if g is not None]
    total = out["NR_GAIN_TOTAL_KGCO2E_AN"] = float(sum(gains)) if gains else None
    out["NR_GAIN_PART_EMPREINTE"] = (total / empreinte_totale if total is not None
                                     and isinstance(empreinte_totale, float) and empreinte_totale != 0 else None)
    return out
