"""Engine of steps 4.2–4.3: fiches actions read from their sheets, the T_FICHES summary and the roadmap totals.

Same rules as the T_FICHES formulas and the NR_NB_FICHES / NR_BUDGET_TOTAL_EUR / NR_ETP_TOTAL outputs.
"""

from __future__ import annotations

from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, est_nombre
from nr_workbook.engine.priorisation import leviers

# What the indicators read of each fiche (`lignes_fiches`, `budget`, `avancement`): these fields, these tables.
CHAMPS_LUS = ("FA_ID", "FA_LEVIER", "FA_RESPONSABLE", "FA_DEBUT", "FA_FIN", "FA_ETP", "FA_PRIORITE", "FA_STATUT",
              "FA_DIMENSION")
TABLES_FICHE_LUES = ("actions", "budget")


def _cle(v: Any) -> str | None:
    return v.casefold() if isinstance(v, str) else None


def leviers_retenus(d: Donnees) -> dict[str, bool]:
    """ID (case-folded) -> retained and taken into account, for the first T_LEVIERS row of each ID (MATCH)."""
    out: dict[str, bool] = {}
    for r in leviers(d):
        cle = _cle(r.get("ID"))
        if cle and cle not in out:
            out[cle] = r["Pris en compte"] == "Oui" and _cle(r.get("Retenu")) == "oui"
    return out


def budget(fiche: dict) -> float:
    return float(sum(r["Montant (€ HT)"] for r in fiche.get("budget", []) if est_nombre(r.get("Montant (€ HT)"))))


def avancement(fiche: dict) -> float | None:
    """Share of a fiche's actions marked done (Fait = Oui) among those named; None without any action."""
    actions = [r for r in fiche.get("actions", []) if r.get("Action") not in (None, "")]
    if not actions:
        return None
    return sum(1 for r in actions if _cle(r.get("Fait")) == "oui") / len(actions)


def lignes_fiches(d: Donnees) -> list[dict[str, Any]]:
    """T_FICHES rows, one per fiche sheet, as their formulas show them."""
    retenus = leviers_retenus(d)
    lignes = []
    for f in d.fiches:
        etp = f.get("FA_ETP")
        lignes.append({
            "ID": f.get("FA_ID"), "Levier": f.get("FA_LEVIER"), "Responsable": f.get("FA_RESPONSABLE"),
            "Début": f.get("FA_DEBUT"), "Fin": f.get("FA_FIN"), "Budget (€)": budget(f),
            "ETP": float(etp) if est_nombre(etp) else None, "Priorité": f.get("FA_PRIORITE"),
            "Statut": f.get("FA_STATUT"), "Avancement": avancement(f), "Dimension": f.get("FA_DIMENSION"),
            "Levier retenu": "Oui" if retenus.get(_cle(f.get("FA_ID")) or "", False) else "Non",
        })
    return lignes


def indicateurs_fiches(d: Donnees) -> dict[str, Valeur]:
    retenues = [r for r in lignes_fiches(d) if r["Levier retenu"] == "Oui" and r["ID"] not in (None, "")]
    return {
        "NR_NB_FICHES": float(len(retenues)),
        "NR_BUDGET_TOTAL_EUR": float(sum(r["Budget (€)"] for r in retenues)),
        "NR_ETP_TOTAL": float(sum(r["ETP"] for r in retenues if r["ETP"] is not None)),
    }


def budget_annuel(d: Donnees) -> list[dict[str, Any]]:
    """T_BUDGET_ANNUEL: per year from the reference year, amounts by nature, section and in total (no year and
    nothing counted without a reference year)."""
    ref = d.noms.get("NR_ANNEE_REFERENCE")
    debut = ref if est_nombre(ref) else None
    retenus = {_cle(r["ID"]) for r in lignes_fiches(d) if r["Levier retenu"] == "Oui"}
    lignes = []
    for k in range(L.ANNEES_BUDGET):
        annee = None if debut is None else debut + k
        ligne: dict[str, Any] = {"Année": None if annee is None else float(annee)}
        for col in (*L.NATURES_BUDGET, *L.SECTIONS_BUDGET, "Total"):
            total = 0.0
            for f in d.fiches:
                if _cle(f.get("FA_ID")) not in retenus:
                    continue
                for r in f.get("budget", []):
                    an, montant = r.get("Année"), r.get("Montant (€ HT)")
                    if not (est_nombre(an) and est_nombre(montant) and an == annee):
                        continue
                    if col in L.NATURES_BUDGET and _cle(r.get("Nature")) != col.casefold():
                        continue
                    if col in L.SECTIONS_BUDGET and _cle(r.get("Section")) != col.casefold():
                        continue
                    total += float(montant)
            ligne[col] = total
        lignes.append(ligne)
    return lignes
