"""Engine of the yearly follow-up (Suivi sheet): each indicator against the previous year, the last six years of the
key ones, each fiche's status and progress against the previous year. Same rules as the T_EVOLUTION, T_TENDANCE
and T_SUIVI_FICHES formulas (`classeur/formulas/suivi.py`); values missing on either side give "" (None here).
"""

from __future__ import annotations

from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, est_nombre, nombre
from nr_workbook.engine.feuille_de_route import lignes_fiches


def valeur_historique(d: Donnees, annee: float, code: str) -> float | None:
    """Sum of the numeric values T_HISTORIQUE holds for (year, indicator); None when it holds none."""
    valeurs = [float(r["Valeur"]) for r in d.tables.get(L.T_HISTORIQUE.nom) or []
               if est_nombre(r.get("Année")) and r["Année"] == annee and est_nombre(r.get("Valeur"))
               and cle_texte(r.get("Indicateur")) == code.casefold()]
    return sum(valeurs) if valeurs else None


def _numerique(v: Any) -> float | None:
    return float(v) if est_nombre(v) else None


def evolution(d: Donnees, valeurs: dict[str, Valeur]) -> list[dict[str, Any]]:
    """T_EVOLUTION: one row per followed indicator (N-1 from the history, N live, difference, change)."""
    ref = nombre(d.noms, "NR_ANNEE_REFERENCE")
    lignes = []
    for n in L.INDICATEURS_SUIVIS:
        avant = valeur_historique(d, ref - 1, n.nom) if ref is not None else None
        maintenant = _numerique(valeurs.get(n.nom))
        ecart = maintenant - avant if avant is not None and maintenant is not None else None
        lignes.append({"Indicateur": n.libelle, "Unité": n.unite, "Code": n.nom, "N-1": avant, "N": maintenant,
                       "Écart": ecart, "Évolution": ecart / abs(avant) if ecart is not None and avant else None})
    return lignes


def tendance(d: Donnees, valeurs: dict[str, Valeur]) -> list[dict[str, Any]]:
    """T_TENDANCE: the last six years up to the reference year (history, then the live value of year N)."""
    ref = nombre(d.noms, "NR_ANNEE_REFERENCE")
    lignes = []
    for k in range(L.ANNEES_TENDANCE):
        annee = ref - (L.ANNEES_TENDANCE - 1) + k if ref is not None else None
        ligne: dict[str, Any] = {"Année": annee}
        for code, entete in L.TENDANCE:
            if annee is None:
                ligne[entete] = None
            elif k == L.ANNEES_TENDANCE - 1:
                ligne[entete] = _numerique(valeurs.get(code))
            else:
                ligne[entete] = valeur_historique(d, annee, code)
        lignes.append(ligne)
    return lignes


def _fiche_historique(d: Donnees, annee: float | None, ident: Any) -> dict[str, Any] | None:
    """The first T_HISTORIQUE_FICHES row of (year, fiche ID), as MATCH finds it."""
    if annee is None or cle_texte(ident) is None:
        return None
    for r in d.tables.get(L.T_HISTORIQUE_FICHES.nom) or []:
        if est_nombre(r.get("Année")) and r["Année"] == annee and cle_texte(r.get("ID")) == cle_texte(ident):
            return r
    return None


def suivi_fiches(d: Donnees) -> list[dict[str, Any]]:
    """T_SUIVI_FICHES: the first 40 T_FICHES rows, status and progress in N-1 and N."""
    ref = nombre(d.noms, "NR_ANNEE_REFERENCE")
    fiches = lignes_fiches(d)
    lignes = []
    for k in range(L.LIGNES_SUIVI_FICHES):
        if k >= len(fiches) or fiches[k]["ID"] in (None, ""):
            lignes.append({h: None for h in L.T_SUIVI_FICHES.entetes})
            continue
        f = fiches[k]
        avant = _fiche_historique(d, ref - 1 if ref is not None else None, f["ID"]) or {}
        lignes.append({
            "ID": f["ID"], "Levier": f["Levier"] if f["Levier"] not in (None, "") else None,
            "Statut N-1": avant.get("Statut") if avant.get("Statut") not in (None, "") else None,
            "Statut N": f["Statut"] if f["Statut"] not in (None, "") else None,
            "Avancement N-1": _numerique(avant.get("Avancement")), "Avancement N": f["Avancement"],
        })
    return lignes
