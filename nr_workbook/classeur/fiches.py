"""`nr-workbook fiches`: one fiche action sheet per retained lever, in the user's own workbook.

Running it again keeps every value typed in the existing fiches (their sheets are never rewritten), adds fiches for
newly retained levers and marks, never deletes, the fiches whose lever is no longer retained. The file is backed
up first, then replaced atomically; a workbook holding parts that openpyxl would drop is refused rather than silently
damaged (`sauvegarde.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.placement_fiche import PlanFiche, placer
from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.sauvegarde import ClasseurRefuse, remplacer, sauvegarder, verifier_reecriture
from nr_workbook.classeur.writer.feuille_de_route import ecrire_fiche, nom_feuille, valeurs_initiales
from nr_workbook.classeur.writer.pilotage import ecrire_budget_fiches, fiches_du_classeur
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.engine.donnees import Donnees
from nr_workbook.engine.priorisation import leviers

ETAT_NON_RETENU = "⚠ Levier non retenu (constaté le {date}) : fiche conservée pour mémoire, hors des totaux."
ETAT_INCONNU = "⚠ Levier absent de la feuille Leviers : fiche conservée, hors des totaux."


@dataclass
class Plan:
    nouvelles: list[dict[str, Any]] = field(default_factory=list)  # T_LEVIERS rows needing a fiche
    a_marquer: dict[str, str] = field(default_factory=dict)  # sheet -> state text
    a_retablir: list[str] = field(default_factory=list)  # sheets whose lever is retained again
    conservees: list[str] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)


def planifier(d: Donnees, lecteur: LecteurBase | None = None) -> Plan:
    plan = Plan()
    existantes = {str(f.get("FA_ID") or "").casefold(): f for f in d.fiches}
    tous = {}
    vus: set[str] = set()
    for r in leviers(d):
        ident = r.get("ID")
        cle = str(ident).casefold() if ident not in (None, "") else ""
        if cle and cle not in tous:
            tous[cle] = r
        retenu = r["Pris en compte"] == "Oui" and isinstance(r.get("Retenu"), str) and r["Retenu"].casefold() == "oui"
        if not retenu:
            continue
        if not cle:
            plan.anomalies.append(_anomalie(lecteur, r, "levier-sans-id",
                                            "levier retenu sans identifiant : aucune fiche créée."))
            continue
        if cle in vus:
            plan.anomalies.append(_anomalie(lecteur, r, "levier-en-double",
                                            f"identifiant {ident} en double : une seule fiche est créée."))
            continue
        vus.add(cle)
        if cle in existantes:
            plan.conservees.append(existantes[cle]["_feuille"])
            if existantes[cle].get(L.FA_ETAT):
                plan.a_retablir.append(existantes[cle]["_feuille"])
        else:
            plan.nouvelles.append(r)
    aujourd_hui = dt.date.today().strftime("%d/%m/%Y")
    for cle, f in existantes.items():
        if cle not in vus:
            etat = ETAT_INCONNU if cle not in tous else ETAT_NON_RETENU.format(date=aujourd_hui)
            if f.get(L.FA_ETAT) != etat:
                plan.a_marquer[f["_feuille"]] = etat
    return plan


def _anomalie(lecteur: LecteurBase | None, r: dict, type_: str, message: str) -> Anomalie:
    cellule = lecteur.coord("T_LEVIERS", "ID", r["_ligne"]) if lecteur and "_ligne" in r else ""
    return Anomalie(type_, message, feuille=L.LEVIERS, cellule=cellule, gravite="avertissement")


def plan_de_fiche(ligne_levier: dict, lv: Any) -> PlanFiche:
    """The placement of a new fiche, pre-filled from its T_LEVIERS row and catalogue entry."""
    return placer(valeurs_initiales(ligne_levier, lv), list(lv.indicateurs) if lv else [],
                  list(lv.actions) if lv else [])


def _ligne_libre_t_fiches(wb: Workbook) -> int:
    ws = wb[L.FEUILLE_DE_ROUTE]
    t = ws.tables[L.T_FICHES.nom]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    for r in range(r1 + 1, r2 + 1):
        if ws.cell(r, c1).value in (None, ""):
            return r
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2 + 1}"
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref
    return r2 + 1


def position_fiches(wb: Workbook) -> int:
    """Sheet index after the last fiche (fiches follow the Feuille de route sheet)."""
    position = wb.sheetnames.index(L.FEUILLE_DE_ROUTE) + 1
    while position < len(wb.sheetnames) and wb.sheetnames[position].startswith(L.PREFIXE_FICHE):
        position += 1
    return position


def ajouter_fiche(wb: Workbook, plan: PlanFiche, position: int, etat: str | None = None) -> str:
    """Create one fiche sheet at `position` from its placement plan, with its T_FICHES summary row; returns its
    title. Call `ecrire_budget_fiches` once all fiches are added."""
    feuille_route = wb[L.FEUILLE_DE_ROUTE]
    lettres = {h: get_column_letter(i + 1) for i, h in enumerate(L.T_FICHES.entetes)}
    titre = _titre_unique(wb, nom_feuille(_nettoyer(plan.id_levier)))
    ws = wb.create_sheet(titre, position)
    cellules = ecrire_fiche(ws, plan)
    ligne = _ligne_libre_t_fiches(wb)
    for h in L.T_FICHES.entetes:
        feuille_route[f"{lettres[h]}{ligne}"] = F.fiche_ligne(h, titre, cellules, ligne, lettres,
                                                              L.tables_fiche(plan.id_levier)["actions"].nom)
    if etat:
        _etat(ws, etat)
    return titre


def appliquer(wb: Workbook, plan: Plan) -> list[str]:
    """Add, mark and restore fiche sheets; returns the titles of the sheets created."""
    catalogue = {lv.id: lv for lv in referentiel.load().leviers}
    position = position_fiches(wb)
    creees = []
    for r in plan.nouvelles:
        creees.append(ajouter_fiche(wb, plan_de_fiche(r, catalogue.get(str(r["ID"]))), position))
        position += 1
    for titre, etat in plan.a_marquer.items():
        _etat(wb[titre], etat)
    for titre in plan.a_retablir:
        _etat(wb[titre], None)
    if creees:
        ecrire_budget_fiches(wb, fiches_du_classeur(wb))
    return creees


def _etat(ws, texte: str | None) -> None:
    nom = ws.defined_names.get(L.FA_ETAT)
    ((_, coord),) = list(nom.destinations)
    ws[coord.replace("$", "")].value = texte
    ws.sheet_properties.tabColor = "A6A6A6" if texte else "2F5597"


def _nettoyer(ident: str) -> str:
    return re.sub(r"[\[\]:*?/\\']", "_", ident)


def _titre_unique(wb: Workbook, titre: str) -> str:
    base, n = titre, 2
    while titre in wb.sheetnames:
        suffixe = f" ({n})"
        titre = base[: 31 - len(suffixe)] + suffixe
        n += 1
    return titre


@dataclass
class Rapport:
    creees: list[str]
    plan: Plan
    sauvegarde: Path | None


def verifier_modifiable(chemin: Path) -> LecteurBase:
    from nr_workbook.classeur.reader.fichier import Lecteur  # python-calamine: not needed for an open book

    verifier_reecriture(chemin)
    lecteur = Lecteur(chemin)
    manquants = [t for t in (L.T_LEVIERS.nom, L.T_FICHES.nom) if t not in lecteur.structure.tables]
    if manquants:
        raise ClasseurRefuse(f"{chemin.name} ne contient pas {', '.join(manquants)} : classeur d'une version du modèle "
                             "antérieure à 1.1.0 ou qui n'est pas un classeur nr-workbook.")
    return lecteur


def generer_fiches(chemin: Path, sauvegarde: bool = True) -> Rapport:
    lecteur = verifier_modifiable(chemin)
    plan = planifier(lecteur.donnees(), lecteur)
    if not (plan.nouvelles or plan.a_marquer or plan.a_retablir):
        return Rapport([], plan, None)
    copie = sauvegarder(chemin) if sauvegarde else None
    wb = load_workbook(chemin)
    creees = appliquer(wb, plan)
    remplacer(wb, chemin)
    return Rapport(creees, plan, copie)
