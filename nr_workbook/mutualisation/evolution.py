"""The consolidation's « Évolution » sheet: each member's key indicators this year against its previous year in the
warehouse (empty when the warehouse holds no previous year for it)."""

from __future__ import annotations

import pandas as pd

from nr_workbook.contract import layout as L
from nr_workbook.mutualisation.consolidation import code_insee
from nr_workbook.mutualisation.historique import CLES

COURTS = {"NR_SCORE_GLOBAL": "Score global", "NR_EMPREINTE_KGCO2E_PAR_AGENT_AN": "kgCO2e par agent",
          "NR_EQUIPEMENTS_PAR_AGENT": "Équipements par agent", "NR_DEEE_T_PAR_AGENT_AN": "DEEE t/agent",
          "NR_PART_RECONDITIONNE": "Part reconditionnée", "NR_NB_LEVIERS_RETENUS": "Leviers retenus"}


def colonnes(nom: str) -> tuple[str, str, str]:
    court = COURTS[nom]
    return f"{court} N-1", f"{court} N", f"{court} écart"


def formats() -> dict[str, str]:
    """Number format of each column of the sheet."""
    out = {"Année": L.F_ANNEE}
    for nom in CLES:
        for c in colonnes(nom):
            out[c] = L.NOMS_PAR_NOM[nom].format
    return out


def evolution_adherents(lignes: pd.DataFrame, precedentes: pd.DataFrame) -> pd.DataFrame:
    """One row per consolidated member: identity, then for each key indicator N-1, N and the difference."""
    avant = {(r["code_insee"], int(r["annee"])): r for r in precedentes.to_dict("records")} if len(precedentes) else {}
    sortie = []
    for ligne in lignes.to_dict("records"):
        code, annee = code_insee(ligne.get("Code INSEE")), ligne.get("Année")
        cle = (code, int(annee) - 1) if isinstance(annee, (int, float)) and not pd.isna(annee) else None
        precedent = avant.get(cle, {}) if cle else {}
        out = {"Collectivité": ligne.get("Collectivité"), "Code INSEE": code or None,
               "Année": annee if cle else None}
        for nom in CLES:
            n1, n, ecart = colonnes(nom)
            v1, v = _nombre(precedent.get(nom)), _nombre(ligne.get(nom))
            out[n1], out[n], out[ecart] = v1, v, (v - v1 if v is not None and v1 is not None else None)
        sortie.append(out)
    entetes = ["Collectivité", "Code INSEE", "Année"] + [c for nom in CLES for c in colonnes(nom)]
    return pd.DataFrame(sortie, columns=entetes)


def _nombre(v) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and not pd.isna(v):
        return float(v)
    return None
