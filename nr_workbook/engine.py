"""The Python engine: every contract output computed from a workbook's input data.

It follows the meaning of `workbook-contract.md` and the very same rules as `formulas.py` (tests recalculate the
workbook in LibreOffice and compare): a cell counts as a number only when it holds one (text such as "12" does not,
as with Excel's ISNUMBER), text comparisons ignore case, a value the inputs do not allow is None (the workbook
shows an empty string).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from nr_workbook import layout as L
from nr_workbook import refdata

Valeur = float | str | None


@dataclass
class Donnees:
    """What a workbook holds, as read through the contract: named input cells and table rows (raw values)."""

    noms: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fiches: list[dict[str, Any]] = field(default_factory=list)  # fiche action sheets: FA_* fields and tables

    def table(self, nom: str) -> pd.DataFrame:
        entetes = L.TABLES_PAR_NOM[nom].entetes
        rows = self.tables.get(nom) or []
        df = pd.DataFrame.from_records(rows, columns=list(entetes)) if rows else pd.DataFrame(columns=list(entetes))
        return df.astype(object).where(df.notna(), None)


def est_nombre(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and math.isfinite(v)


def _nombres(s: pd.Series) -> pd.Series:
    """Numeric values, NaN where the cell does not hold a number."""
    return pd.Series([float(v) if est_nombre(v) else np.nan for v in s], index=s.index, dtype=float)


def _texte(v: Any) -> str | None:
    return v.casefold() if isinstance(v, str) else None


def _egal(s: pd.Series, texte: str) -> pd.Series:
    cible = texte.casefold()
    return pd.Series([_texte(v) == cible for v in s], index=s.index, dtype=bool)


def _nombre(noms: Mapping[str, Any], nom: str) -> float | None:
    v = noms.get(nom)
    return float(v) if est_nombre(v) else None


def _agents(noms: Mapping[str, Any]) -> float | None:
    n = _nombre(noms, "NR_NB_AGENTS")
    return n if n is not None and n > 0 else None


class _Referentiel:
    """Category defaults as SUMIF/COUNTIFS see them: case-insensitive match, numeric cells summed."""

    def __init__(self, df: pd.DataFrame):
        self._sommes: dict[str, dict[str, float]] = {}
        self._salle: dict[str, bool] = {}
        self._familles: dict[str, set[str]] = {}
        for _, row in df.iterrows():
            cle = _texte(row["Catégorie"])
            if cle is None:
                continue
            if isinstance(row["Famille"], str):
                self._familles.setdefault(cle, set()).add(row["Famille"].casefold())
            sommes = self._sommes.setdefault(cle, {})
            for col in ("Poids unitaire (kg)", "Durée de vie (ans)", "Fabrication (kgCO2e)", "Conso (kWh/an)"):
                if est_nombre(row[col]):
                    sommes[col] = sommes.get(col, 0.0) + float(row[col])
            if _texte(row["Salle serveur"]) == "oui":
                self._salle[cle] = True

    def defaut(self, categories: pd.Series, col: str) -> pd.Series:
        return pd.Series([self._sommes.get(_texte(c) or "", {}).get(col, 0.0) for c in categories],
                         index=categories.index, dtype=float)

    def fabrication_annuelle(self, categories: pd.Series) -> pd.Series:
        fab = self.defaut(categories, "Fabrication (kgCO2e)")
        duree = self.defaut(categories, "Durée de vie (ans)")
        with np.errstate(divide="ignore", invalid="ignore"):
            return (fab / duree).where(duree != 0, 0.0)

    def famille(self, categories: pd.Series, famille: str) -> pd.Series:
        f = famille.casefold()
        return pd.Series([f in self._familles.get(_texte(c) or "", ()) for c in categories],
                         index=categories.index, dtype=bool)

    def salle_serveur(self, categories: pd.Series) -> pd.Series:
        return pd.Series([self._salle.get(_texte(c) or "", False) for c in categories],
                         index=categories.index, dtype=bool)


def _quantite(inv: pd.DataFrame, statut: str) -> pd.Series:
    q = _nombres(inv["Quantité"]).clip(lower=0).fillna(0.0)
    return q.where(_egal(inv["Statut"], statut), 0.0)


def _effectif(inv: pd.DataFrame, ref: _Referentiel, col: str) -> pd.Series:
    return _nombres(inv[col]).fillna(ref.defaut(inv["Catégorie"], col))


def _ratio(num: float, den: float) -> float | None:
    return num / den if den != 0 else None


# --- Small building blocks, shared by the engine and the spreadsheet functions (UDFs) ----------------------------
def pue(energie_totale: Iterable[Any], energie_it: Iterable[Any]) -> float | None:
    """Σ total / Σ IT over the rooms holding both numbers (ISO/IEC 30134-2); None when Σ IT is 0."""
    tot = pd.Series(list(energie_totale), dtype=object)
    it = pd.Series(list(energie_it), dtype=object)
    tot, it = _nombres(tot), _nombres(it)
    ok = tot.notna() & it.notna()
    return _ratio(float(tot[ok].sum()), float(it[ok].sum()))


def deee_bordereaux_t_an(annees: Iterable[Any], poids: Iterable[Any]) -> float | None:
    """Tonnes per year of the slips holding a year and a weight: Σ kg / years covered / 1000."""
    an, kg = _nombres(pd.Series(list(annees), dtype=object)), _nombres(pd.Series(list(poids), dtype=object))
    bord = an.notna() & kg.notna()
    if not bord.any():
        return None
    return float(kg[bord].sum()) / float(an[bord].max() - an[bord].min() + 1) / 1000


def score_niveaux(niveaux: Iterable[Any]) -> float | None:
    """Mean answered level (numbers from 0 to 3) / 3 × 100; None when nothing is answered."""
    vals = [float(n) for n in niveaux if _niveau_valide(n)]
    return sum(vals) / len(vals) / 3 * 100 if vals else None


def moyenne(valeurs: Iterable[Any]) -> float | None:
    """Mean of the values that are numbers (Excel's AVERAGE over references)."""
    vals = [float(v) for v in valeurs if est_nombre(v)]
    return sum(vals) / len(vals) if vals else None


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
        pue_defaut = _nombre(d.noms, "NR_PUE_DEFAUT")
        p = pue_salles if pue_salles is not None else (pue_defaut if pue_defaut is not None else 1.75)
        return cls(
            inv=inv, ref=ref, qes=_quantite(inv, "En service"), qref=_quantite(inv, "Réformé"),
            poids=_effectif(inv, ref, "Poids unitaire (kg)"), conso=_effectif(inv, ref, "Conso (kWh/an)"),
            annees=_nombres(inv["Année d'acquisition"]), fabrication=ref.fabrication_annuelle(inv["Catégorie"]),
            pue=pue_salles, multiplicateur=ref.salle_serveur(inv["Catégorie"]).map({True: p, False: 1.0}).astype(float),
        )

    def age_moyen(self, masque: pd.Series, annee_ref: float | None) -> float | None:
        if annee_ref is None:
            return None
        poids_age = self.qes.where(masque & self.annees.notna(), 0.0)
        return _ratio(float((poids_age * (annee_ref - self.annees.fillna(0))).sum()), float(poids_age.sum()))

    def usage(self, masque: pd.Series, facteur: float | None) -> float | None:
        if facteur is None:
            return None
        return float((self.qes * self.conso * self.multiplicateur).where(masque, 0.0).sum()) * facteur


def indicateurs_inventaire(d: Donnees) -> dict[str, Valeur]:
    noms = d.noms
    parc = _Parc.lire(d)
    inv, deee, ref = parc.inv, d.table("T_DEEE"), parc.ref
    agents = _agents(noms)
    qes, qref, poids, conso = parc.qes, parc.qref, parc.poids, parc.conso
    tout = pd.Series(True, index=inv.index, dtype=bool)
    out: dict[str, Valeur] = {}

    nb = float(qes.sum())
    out["NR_NB_EQUIPEMENTS"] = nb
    out["NR_EQUIPEMENTS_PAR_AGENT"] = nb / agents if agents else None

    out["NR_AGE_MOYEN_ANS"] = parc.age_moyen(tout, _nombre(noms, "NR_ANNEE_REFERENCE"))
    out["NR_PART_RECONDITIONNE"] = (
        float(qes.where(_egal(inv["Reconditionné"], "Oui"), 0.0).sum()) / nb if nb > 0 else None
    )
    out["NR_POIDS_PARC_T"] = float((qes * poids).sum()) / 1000
    out["NR_CONSO_KWH_AN"] = float((qes * conso).sum())

    out["NR_PUE"] = parc.pue
    out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] = float((qes * parc.fabrication).sum())
    usage = out["NR_EMPREINTE_USAGE_KGCO2E_AN"] = parc.usage(tout, _nombre(noms, "NR_FACTEUR_ELEC_KGCO2E_KWH"))
    total = out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] + usage if usage is not None else None
    out["NR_EMPREINTE_TOTALE_KGCO2E_AN"] = total
    out["NR_EMPREINTE_KGCO2E_PAR_AGENT_AN"] = total / agents if total is not None and agents else None

    postes = float(qes.where(ref.famille(inv["Catégorie"], L.FAMILLE_POSTE), 0.0).sum())
    ecrans = float(qes.where(ref.famille(inv["Catégorie"], L.FAMILLE_ECRAN), 0.0).sum())
    out["NR_ECRANS_PAR_POSTE"] = ecrans / postes if postes > 0 else None

    d_an, d_poids = _nombres(deee["Année"]), _nombres(deee["Poids (kg)"])
    bord = d_an.notna() & d_poids.notna()
    bordereaux = deee_bordereaux_t_an(deee["Année"], deee["Poids (kg)"])
    reemploi = pd.Series(False, index=deee.index, dtype=bool)
    for filiere in refdata.load().filieres_reemploi():
        reemploi |= _egal(deee["Filière"], filiere)
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
    agents = _agents(d.noms)
    annee_ref = _nombre(d.noms, "NR_ANNEE_REFERENCE")
    facteur = _nombre(d.noms, "NR_FACTEUR_ELEC_KGCO2E_KWH")
    lignes = []
    for cat in d.table("T_REFERENTIEL")["Catégorie"]:
        if cat is None:
            continue
        m = _egal(parc.inv["Catégorie"], cat) if isinstance(cat, str) else parc.inv["Catégorie"] == cat
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


def _niveau_valide(v: Any) -> bool:
    return est_nombre(v) and 0 <= v <= 3


def niveau_maturite(score: float | None, niveaux: Iterable[tuple[Any, Any]]) -> str | None:
    """Label of the highest threshold not above the score (Excel's LOOKUP on sorted thresholds)."""
    if score is None:
        return None
    score = float(f"{score:.15g}")  # Excel and LibreOffice compare numbers on 15 significant digits
    retenu = None
    for seuil, libelle in niveaux:
        if est_nombre(seuil) and seuil <= score:
            retenu = libelle
    return retenu


def indicateurs_maturite(d: Donnees) -> dict[str, Valeur]:
    mat = d.table("T_MATURITE")
    ids = [_texte(v) for v in mat["ID"]]
    est_question = [v is not None and str(v).strip(" ") != "" if isinstance(v, str) else v is not None
                    for v in mat["ID"]]
    niveaux = list(mat["Niveau"])
    out: dict[str, Valeur] = {}
    scores: list[float] = []
    for nom in L.SCORES_DIMENSIONS:
        prefixe = nom.extra["dimension"].casefold() + "-"
        score = score_niveaux(n for i, n in zip(ids, niveaux, strict=True) if i is not None and i.startswith(prefixe))
        out[nom.nom] = score
        if score is not None:
            scores.append(score)
    out["NR_SCORE_GLOBAL"] = moyenne(scores)
    seuils = d.tables.get("T_NIVEAUX") or [{"Seuil": n.seuil, "Niveau": n.libelle}
                                            for n in refdata.load().niveaux_maturite]
    out["NR_NIVEAU_MATURITE"] = niveau_maturite(out["NR_SCORE_GLOBAL"],
                                                ((r.get("Seuil"), r.get("Niveau")) for r in seuils))
    nb_questions = sum(est_question)
    repondues = sum(1 for q, n in zip(est_question, niveaux, strict=True) if q and _niveau_valide(n))
    out["NR_TAUX_COMPLETUDE"] = repondues / nb_questions if nb_questions else None
    return out


def indicateurs_prerequis(d: Donnees) -> dict[str, Valeur]:
    noms = [v for v in d.table("T_REFERENTS")["Nom"]]
    n = sum(1 for v in noms if (v.strip(" ") != "" if isinstance(v, str) else v is not None))
    return {"NR_NB_REFERENTS": float(n)}


def indicateurs(d: Donnees) -> dict[str, Valeur]:
    """Every output name of the layout, in layout order."""
    from nr_workbook.feuille_de_route import indicateurs_fiches
    from nr_workbook.priorisation import indicateurs_leviers

    calc = {**indicateurs_inventaire(d), **indicateurs_maturite(d), **indicateurs_leviers(d),
            **indicateurs_fiches(d), **indicateurs_prerequis(d)}
    return {n.nom: calc[n.nom] for n in L.SORTIES}
