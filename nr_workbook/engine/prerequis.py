"""Engine of the prerequisites (step 1): the referents counted."""

from __future__ import annotations

from nr_workbook.engine.donnees import Donnees, Valeur


def indicateurs_prerequis(d: Donnees) -> dict[str, Valeur]:
    noms = d.colonne("T_REFERENTS", "Nom")
    n = sum(1 for v in noms if (v.strip(" ") != "" if isinstance(v, str) else v is not None))
    return {"NR_NB_REFERENTS": float(n)}

