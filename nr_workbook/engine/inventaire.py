"""Engine of the inventory: fleet indicators, footprint, PUE, DEEE, and the per-category breakdown (T_DETAIL).

Same meaning as `docs/contrat-classeur.md` and the very same rules as the formulas of `classeur/formulas.py`
(tests recalculate the workbook in LibreOffice and compare).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, egaux, est_nombre, nb_agents, nombre, nombres, ratio


class _Referentiel:
    """Category defaults as SUMIF/COUNTIFS see them: case-insensitive match, numeric cells summed."""

    def __init__(self, df: pd.DataFrame):
        self._sommes: dict[str, dict[str, float]] = {}
        self._salle: dict[str, bool] = {}
        self._familles: dict[str, set[str]] = {}
        for _, row in df.iterrows():
            cle = cle_texte(row["Catégorie"])
            if cle is None:
                continue
            if isinstance(row["Famille"], str):
                self._familles.setdefault(cle, set()).add(row["Famille"].casefold())
            sommes = self._sommes.setdefault(cle, {})
            for col in ("Poids unitaire (kg)", "Durée de vie (ans)", "Fabrication (kgCO2e)", "Conso (kWh/an)"):
                if est_nombre(row[col]):
                    sommes[col] = sommes.get(col, 0.0) + float(row[col])
            if cle_texte(row["Salle serveur"]) == "oui":
                self._salle[cle] = True

    def defaut(self, categories: pd.Series, col: str) -> pd.Series:
        return pd.Series([self._sommes.get(cle_texte(c) or "", {}).get(col, 0.0) for c in categories],
                         index=categories.index, dtype=float)

    def fabrication_annuelle(self, categories: pd.Series) -> pd.Series:
        fab = self.defaut(categories, "Fabrication (kgCO2e)")
        duree = self.defaut(categories, "Durée de vie (ans)")
        with np.errstate(divide="ignore", invalid="ignore"):
            return (fab / duree).where(duree != 0, 0.0)

    def famille(self, categories: pd.Series, famille: str) -> pd.Series:
        f = famille.casefold()
        return pd.Series([f in self._familles.get(cle_texte(c) or "", ()) for c in categories],
                         index=categories.index, dtype=bool)

    def salle_serveur(self, categories: pd.Series) -> pd.Series:
        return pd.Series([self._salle.get(cle_texte(c) or "", False) for c in categories],
                         index=categories.index, dtype=bool)


def _quantite(inv: pd.DataFrame, statut: str) -> pd.Series:
    q = nombres(inv["Quantité"]).clip(lower=0).fillna(0.0)
    return q.where(egaux(inv["Statut"], statut), 0.0)


def _effectif(inv: pd.DataFrame, ref: _Referentiel, col: str) -> pd.Series:
    return nombres(inv[col]).fillna(ref.defaut(inv["Catégorie"], col))


# --- Small building blocks, shared by the engine and the spreadsheet functions (UDFs) ----------------------------
def pue(energie_totale: Iterable[Any], energie_it: Iterable[Any]) -> float | None:
    """Σ total / Σ IT over the rooms holding both numbers (ISO/IEC 30134-2); None when Σ IT is 0."""
    tot = pd.Series(list(energie_totale), dtype=object)
    it = pd.Series(list(energie_it), dtype=object)
    tot, it = nombres(tot), nombres(it)
    ok = tot.notna() & it.notna()
    return ratio(float(tot[ok].sum()), float(it[ok].sum()))


def deee_bordereaux_t_an(annees: Iterable[Any], poids: Iterable[Any]) -> float | None:
    """Tonnes per year of the slips holding a year and a weight: Σ kg / years covered / 1000."""
    an, kg = nombres(pd.Series(list(annees), dtype=object)), nombres(pd.Series(list(poids), dtype=object))
    bord = an.notna() & kg.notna()
    if not bord.any():
        return None
    return float(kg[bord].sum()) / float(an[bord].max() - an[bord].min() + 1) / 1000



@dataclass
class _Parc:
    """Row-wise vectors of the inventory, as the array formulas see them."""

    inv: pd.DataFrame
    ref: _Referentiel
    qes: pd.Series  # valid in-service quantity
    qref: pd.Series  # valid retired quantity
    poids: pd.Series  # effective unit weight
    conso: pd.Series  # effective annual kWh
    annees: pd.Series  # acquisition year (NaN when not a number)
    fabrication: pd.Series  # manufacturing kgCO2e per year per unit
    pue: float | None
    multiplicateur: pd.Series  # PUE for server-room categories, else 1

    @classmethod
    def lire(cls, d: Donnees) -> _Parc:
        inv, salles = d.table("T_INVENTAIRE"), d.table("T_SALLES")
        ref = _Referentiel(d.table("T_REFERENTIEL"))
        pue_salles = pue(salles["Énergie totale (kWh/an)"], salles["Énergie IT (kWh/an)"])
        pue_defaut = nombre(d.noms, "NR_PUE_DEFAUT")
        p = pue_salles if pue_salles is not None else (pue_defaut if pue_defaut is not None else 1.75)
        return cls(
            inv=inv, ref=ref, qes=_quantite(inv, "En service"), qref=_quantite(inv, "Réformé"),
            poids=_effectif(inv, ref, "Poids unitaire (kg)"), conso=_effectif(inv, ref, "Conso (kWh/an)"),
            annees=nombres(inv["Année d'acquisition"]), fabrication=ref.fabrication_annuelle(inv["Catégorie"]),
            pue=pue_salles, multiplicateur=ref.salle_serveur(inv["Catégorie"]).map({True: p, False: 1.0}).astype(float),
        )

    def age_moyen(self, masque: pd.Series, annee_ref: float | None) -> float | None:
        if annee_ref is None:
            return None
        poids_age = self.qes.where(masque & self.annees.notna(), 0.0)
        return ratio(float((poids_age * (annee_ref - self.annees.fillna(0))).sum()), float(poids_age.sum()))

    def usage(self, masque: pd.Series, facteur: float | None) -> float | None:
        if facteur is None:
            return None
        return float((self.qes * self.conso * self.multiplicateur).where(masque, 0.0).sum()) * facteur


def indicateurs_inventaire(d: Donnees) -> dict[str, Valeur]:
    noms = d.noms
    parc = _Parc.lire(d)
    inv, deee, ref = parc.inv, d.table("T_DEEE"), parc.ref
    agents = nb_agents(noms)
    qes, qref, poids, conso = parc.qes, parc.qref, parc.poids, parc.conso
    tout = pd.Series(True, index=inv.index, dtype=bool)
    out: dict[str, Valeur] = {}

    nb = float(qes.sum())
    out["NR_NB_EQUIPEMENTS"] = nb
    out["NR_EQUIPEMENTS_PAR_AGENT"] = nb / agents if agents else None

    out["NR_AGE_MOYEN_ANS"] = parc.age_moyen(tout, nombre(noms, "NR_ANNEE_REFERENCE"))
    out["NR_PART_RECONDITIONNE"] = (
        float(qes.where(egaux(inv["Reconditionné"], "Oui"), 0.0).sum()) / nb if nb > 0 else None
    )
    out["NR_POIDS_PARC_T"] = float((qes * poids).sum()) / 1000
    out["NR_CONSO_KWH_AN"] = float((qes * conso).sum())

    out["NR_PUE"] = parc.pue
    out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] = float((qes * parc.fabrication).sum())
    usage = out["NR_EMPREINTE_USAGE_KGCO2E_AN"] = parc.usage(tout, nombre(noms, "NR_FACTEUR_ELEC_KGCO2E_KWH"))
    total = out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] + usage if usage is not None else None
    out["NR_EMPREINTE_TOTALE_KGCO2E_AN"] = total
    out["NR_EMPREINTE_KGCO2E_PAR_AGENT_AN"] = total / agents if total is not None and agents else None

    postes = float(qes.where(ref.famille(inv["Catégorie"], L.FAMILLE_POSTE), 0.0).sum())
    ecrans = float(qes.where(ref.famille(inv["Catégorie"], L.FAMILLE_ECRAN), 0.0).sum())
    out["NR_ECRANS_PAR_POSTE"] = ecrans / postes if postes > 0 else None

    d_an, d_poids = nombres(deee["Année"]), nombres(deee["Poids (kg)"])
    bord = d_an.notna() & d_poids.notna()
    bordereaux = deee_bordereaux_t_an(deee["Année"], deee["Poids (kg)"])
    reemploi = pd.Series(False, index=deee.index, dtype=bool)
    for filiere in referentiel.load().filieres_reemploi():
        reemploi |= egaux(deee["Filière"], filiere)
    total_bord = float(d_poids[bord].sum())
    out["NR_PART_REEMPLOI_DEEE"] = float(d_poids[bord & reemploi].sum()) / total_bord if total_bord > 0 else None
    if bordereaux is not None:
        source, tonnes_an = "Bordereaux", bordereaux
    elif qref.sum() > 0:
        source = "Estimation"
        tonnes_an = float((qref * poids).sum()) / 1000
    else:
        source, tonnes_an = "", None
    out["NR_DEEE_SOURCE"] = source
    out["NR_DEEE_T_PAR_AGENT_AN"] = tonnes_an / agents if tonnes_an is not None and agents else None
    return out


def detail_par_categorie(d: Donnees) -> list[dict[str, Valeur]]:
    """T_DETAIL: one row per category of T_REFERENTIEL (in its order), as the sheet "Parc par catégorie" shows."""
    parc = _Parc.lire(d)
    agents = nb_agents(d.noms)
    annee_ref = nombre(d.noms, "NR_ANNEE_REFERENCE")
    facteur = nombre(d.noms, "NR_FACTEUR_ELEC_KGCO2E_KWH")
    lignes = []
    for cat in d.table("T_REFERENTIEL")["Catégorie"]:
        if cat is None:
            continue
        m = egaux(parc.inv["Catégorie"], cat) if isinstance(cat, str) else parc.inv["Catégorie"] == cat
        en_service = float(parc.qes.where(m, 0.0).sum())
        lignes.append({
            "Catégorie": cat,
            "En service": en_service,
            "Par agent": en_service / agents if agents else None,
            "Âge moyen (ans)": parc.age_moyen(m, annee_ref),
            "Poids (t)": float((parc.qes * parc.poids).where(m, 0.0).sum()) / 1000,
            "Conso (kWh/an)": float((parc.qes * parc.conso).where(m, 0.0).sum()),
            "Fabrication (kgCO2e/an)": float((parc.qes * parc.fabrication).where(m, 0.0).sum()),
            "Usage (kgCO2e/an)": parc.usage(m, facteur),
        })
    return lignes

