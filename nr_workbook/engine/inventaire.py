"""Engine of the inventory: fleet indicators, footprint, PUE, DEEE, and the per-category breakdown (T_DETAIL).

Same meaning as `docs/contrat-classeur.md` and the very same rules as the formulas of `classeur/formulas/`
(tests recalculate the workbook in LibreOffice and compare).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, est_nombre, nb_agents, nombre, ratio


def _colonne(lignes: list[dict[str, Any]], entete: str) -> list[Any]:
    return [r.get(entete) for r in lignes]


def _nombres(valeurs: Iterable[Any]) -> np.ndarray:
    """Numeric values, NaN where the cell does not hold a number (as ISNUMBER sees it)."""
    return np.array([float(v) if est_nombre(v) else np.nan for v in valeurs], dtype=float)


def _egaux(valeurs: Iterable[Any], texte: str) -> np.ndarray:
    cible = texte.casefold()
    return np.array([cle_texte(v) == cible for v in valeurs], dtype=bool)


class _Referentiel:
    """Category defaults as SUMIF/COUNTIFS see them: case-insensitive match, numeric cells summed."""

    def __init__(self, lignes: list[dict[str, Any]]):
        self._sommes: dict[str, dict[str, float]] = {}
        self._salle: dict[str, bool] = {}
        self._familles: dict[str, set[str]] = {}
        self._codes_de: tuple = (None, None, None)  # (categories, row codes, keys) of the last lookup
        for row in lignes:
            cle = cle_texte(row.get("Catégorie"))
            if cle is None:
                continue
            if isinstance(row.get("Famille"), str):
                self._familles.setdefault(cle, set()).add(row["Famille"].casefold())
            sommes = self._sommes.setdefault(cle, {})
            for col in ("Poids unitaire (kg)", "Durée de vie (ans)", "Fabrication (kgCO2e)", "Conso (kWh/an)"):
                if est_nombre(row.get(col)):
                    sommes[col] = sommes.get(col, 0.0) + float(row[col])
            if cle_texte(row.get("Salle serveur")) == "oui":
                self._salle[cle] = True

    def _codes(self, categories: list[Any]) -> tuple[np.ndarray, list[str]]:
        """Each row's index among the distinct category keys (casefolded), computed once per list of categories:
        a 20,000-row inventory holds a few dozen categories, looked up once each."""
        if self._codes_de[0] is not categories:
            index: dict[Any, int] = {}
            codes = np.fromiter((index.setdefault(c if isinstance(c, str | type(None)) else repr(c), len(index))
                                 for c in categories), dtype=np.intp, count=len(categories))
            cles = [""] * len(index)
            for brut, i in index.items():
                cles[i] = brut.casefold() if isinstance(brut, str) else ""
            self._codes_de = (categories, codes, cles)
        return self._codes_de[1], self._codes_de[2]

    def _par_categorie(self, categories: list[Any], valeur, dtype) -> np.ndarray:  # noqa: ANN001
        codes, cles = self._codes(categories)
        return np.array([valeur(c) for c in cles], dtype=dtype)[codes] if len(codes) else np.array([], dtype=dtype)

    def defaut(self, categories: list[Any], col: str) -> np.ndarray:
        return self._par_categorie(categories, lambda c: self._sommes.get(c, {}).get(col, 0.0), float)

    def fabrication_annuelle(self, categories: list[Any]) -> np.ndarray:
        fab = self.defaut(categories, "Fabrication (kgCO2e)")
        duree = self.defaut(categories, "Durée de vie (ans)")
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(duree != 0, fab / np.where(duree != 0, duree, 1.0), 0.0)

    def famille(self, categories: list[Any], famille: str) -> np.ndarray:
        f = famille.casefold()
        return self._par_categorie(categories, lambda c: f in self._familles.get(c, ()), bool)

    def salle_serveur(self, categories: list[Any]) -> np.ndarray:
        return self._par_categorie(categories, lambda c: self._salle.get(c, False), bool)


def _quantite(inv: list[dict[str, Any]], statut: str) -> np.ndarray:
    q = _nombres(_colonne(inv, "Quantité"))
    q = np.where(q > 0, q, 0.0)  # negative and not a number count 0 (NaN > 0 is false)
    return np.where(_egaux(_colonne(inv, "Statut"), statut), q, 0.0)


def _effectif(inv: list[dict[str, Any]], ref: _Referentiel, categories: list[Any], col: str) -> np.ndarray:
    """The row's own value, else its category's default (`categories`: the inventory's column, one list for every
    lookup, so that its category codes are computed once)."""
    v = _nombres(_colonne(inv, col))
    return np.where(np.isnan(v), ref.defaut(categories, col), v)


# --- Small building blocks, shared by the engine and the spreadsheet functions (UDFs) ----------------------------
def pue(energie_totale: Iterable[Any], energie_it: Iterable[Any]) -> float | None:
    """Σ total / Σ IT over the rooms holding both numbers (ISO/IEC 30134-2); None when Σ IT is 0."""
    tot, it = _nombres(list(energie_totale)), _nombres(list(energie_it))
    ok = ~np.isnan(tot) & ~np.isnan(it)
    return ratio(float(tot[ok].sum()), float(it[ok].sum()))


def deee_bordereaux_t_an(annees: Iterable[Any], poids: Iterable[Any]) -> float | None:
    """Tonnes per year of the slips holding a year and a weight: Σ kg / years covered / 1000."""
    an, kg = _nombres(list(annees)), _nombres(list(poids))
    bord = ~np.isnan(an) & ~np.isnan(kg)
    if not bord.any():
        return None
    return float(kg[bord].sum()) / float(an[bord].max() - an[bord].min() + 1) / 1000


@dataclass
class _Parc:
    """Row-wise vectors of the inventory, as the array formulas see them."""

    categories: list[Any]
    reconditionne: list[Any]
    ref: _Referentiel
    qes: np.ndarray  # valid in-service quantity
    qref: np.ndarray  # valid retired quantity
    poids: np.ndarray  # effective unit weight
    conso: np.ndarray  # effective annual kWh
    annees: np.ndarray  # acquisition year (NaN when not a number)
    fabrication: np.ndarray  # manufacturing kgCO2e per year per unit
    pue: float | None
    pue_effectif: float  # the PUE the footprint applies: measured, else the default, else 1.75
    multiplicateur: np.ndarray  # PUE for server-room categories, else 1

    @classmethod
    def lire(cls, d: Donnees) -> _Parc:
        inv, salles = d.tables.get("T_INVENTAIRE") or [], d.tables.get("T_SALLES") or []
        ref = _Referentiel(d.tables.get("T_REFERENTIEL") or [])
        pue_salles = pue(_colonne(salles, "Énergie totale (kWh/an)"), _colonne(salles, "Énergie IT (kWh/an)"))
        pue_defaut = nombre(d.noms, "NR_PUE_DEFAUT")
        p = pue_salles if pue_salles is not None else (pue_defaut if pue_defaut is not None else 1.75)
        categories = _colonne(inv, "Catégorie")
        return cls(
            categories=categories, reconditionne=_colonne(inv, "Reconditionné"), ref=ref,
            qes=_quantite(inv, "En service"), qref=_quantite(inv, "Réformé"),
            poids=_effectif(inv, ref, categories, "Poids unitaire (kg)"),
            conso=_effectif(inv, ref, categories, "Conso (kWh/an)"),
            annees=_nombres(_colonne(inv, "Année d'acquisition")), fabrication=ref.fabrication_annuelle(categories),
            pue=pue_salles, pue_effectif=p, multiplicateur=np.where(ref.salle_serveur(categories), p, 1.0),
        )

    def age_moyen(self, masque: np.ndarray, annee_ref: float | None) -> float | None:
        if annee_ref is None:
            return None
        poids_age = np.where(masque & ~np.isnan(self.annees), self.qes, 0.0)
        return ratio(float((poids_age * (annee_ref - np.where(np.isnan(self.annees), 0.0, self.annees))).sum()),
                     float(poids_age.sum()))

    def usage(self, masque: np.ndarray, facteur: float | None) -> float | None:
        if facteur is None:
            return None
        return float(np.where(masque, self.qes * self.conso * self.multiplicateur, 0.0).sum()) * facteur


def lire_parc(d: Donnees) -> _Parc:
    """The inventory's row-wise vectors, read once per inputs (the indicators and the scenarios share them)."""
    tables = [d.tables.get(t) for t in ("T_INVENTAIRE", "T_SALLES", "T_REFERENTIEL")]  # None when absent
    cle = ("parc", *(x for t in tables for x in (id(t), len(t or ()))), d.noms.get("NR_PUE_DEFAUT"))
    memo = d.memo.get(cle)
    if memo is None or any(a is not b for a, b in zip(memo[0], tables, strict=True)):  # the lists held: ids theirs
        memo = d.memo[cle] = (tables, _Parc.lire(d))
    return memo[1]


def indicateurs_inventaire(d: Donnees) -> dict[str, Valeur]:
    noms = d.noms
    parc = lire_parc(d)
    deee, ref = d.tables.get("T_DEEE") or [], parc.ref
    agents = nb_agents(noms)
    qes, qref, poids, conso = parc.qes, parc.qref, parc.poids, parc.conso
    tout = np.ones(len(qes), dtype=bool)
    out: dict[str, Valeur] = {}

    nb = float(qes.sum())
    out["NR_NB_EQUIPEMENTS"] = nb
    out["NR_EQUIPEMENTS_PAR_AGENT"] = nb / agents if agents else None

    out["NR_AGE_MOYEN_ANS"] = parc.age_moyen(tout, nombre(noms, "NR_ANNEE_REFERENCE"))
    out["NR_PART_RECONDITIONNE"] = (
        float(np.where(_egaux(parc.reconditionne, "Oui"), qes, 0.0).sum()) / nb if nb > 0 else None
    )
    out["NR_POIDS_PARC_T"] = float((qes * poids).sum()) / 1000
    out["NR_CONSO_KWH_AN"] = float((qes * conso).sum())

    out["NR_PUE"] = parc.pue
    out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] = float((qes * parc.fabrication).sum())
    usage = out["NR_EMPREINTE_USAGE_KGCO2E_AN"] = parc.usage(tout, nombre(noms, "NR_FACTEUR_ELEC_KGCO2E_KWH"))
    total = out["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] + usage if usage is not None else None
    out["NR_EMPREINTE_TOTALE_KGCO2E_AN"] = total
    out["NR_EMPREINTE_KGCO2E_PAR_AGENT_AN"] = total / agents if total is not None and agents else None

    postes = float(np.where(ref.famille(parc.categories, L.FAMILLE_POSTE), qes, 0.0).sum())
    ecrans = float(np.where(ref.famille(parc.categories, L.FAMILLE_ECRAN), qes, 0.0).sum())
    out["NR_ECRANS_PAR_POSTE"] = ecrans / postes if postes > 0 else None

    d_an, d_poids = _nombres(_colonne(deee, "Année")), _nombres(_colonne(deee, "Poids (kg)"))
    bord = ~np.isnan(d_an) & ~np.isnan(d_poids)
    bordereaux = deee_bordereaux_t_an(_colonne(deee, "Année"), _colonne(deee, "Poids (kg)"))
    reemploi = np.zeros(len(deee), dtype=bool)
    for filiere in referentiel.load().filieres_reemploi():
        reemploi |= _egaux(_colonne(deee, "Filière"), filiere)
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
    parc = lire_parc(d)
    agents = nb_agents(d.noms)
    annee_ref = nombre(d.noms, "NR_ANNEE_REFERENCE")
    facteur = nombre(d.noms, "NR_FACTEUR_ELEC_KGCO2E_KWH")
    lignes = []
    for cat in _colonne(d.tables.get("T_REFERENTIEL") or [], "Catégorie"):
        if cat is None:
            continue
        m = _egaux(parc.categories, cat) if isinstance(cat, str) else np.array(
            [c == cat for c in parc.categories], dtype=bool)
        en_service = float(np.where(m, parc.qes, 0.0).sum())
        lignes.append({
            "Catégorie": cat,
            "En service": en_service,
            "Par agent": en_service / agents if agents else None,
            "Âge moyen (ans)": parc.age_moyen(m, annee_ref),
            "Poids (t)": float(np.where(m, parc.qes * parc.poids, 0.0).sum()) / 1000,
            "Conso (kWh/an)": float(np.where(m, parc.qes * parc.conso, 0.0).sum()),
            "Fabrication (kgCO2e/an)": float(np.where(m, parc.qes * parc.fabrication, 0.0).sum()),
            "Usage (kgCO2e/an)": parc.usage(m, facteur),
        })
    return lignes

