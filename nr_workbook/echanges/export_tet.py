"""Export the roadmap to the action-plan import layout of Territoires en Transitions (ADEME).

Layout, as the platform's importer reads it (incubateur-ademe/territoires-en-transitions, backend
`import-plan.service.ts`): the data sheet is the one whose A2 is "Axe (x)"; row 2 holds these headers in this
order; data start on row 4. One row per fiche action whose lever is retained, under its dimension as "Axe".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from nr_workbook.classeur.writer.cells import ecrire
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, est_nombre
from nr_workbook.engine.feuille_de_route import budget, leviers_retenus

COLONNES = (
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de la fiche action", "Descriptif",
    "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote", "Moyens humains et techniques",
    "Partenaires", "Direction ou service pilote", "Personne pilote", "Élu·e référent·e", "Participation Citoyenne",
    "Financements", "Financeur 1", "Montant € HT", "Financeur 2", "Montant € HT", "Financeur 3", "Montant € HT",
    "Budget prévisionnel total € HT", "Statut", "Niveau de priorité", "Date de début", "Date de fin",
    "Action en amélioration continue", "Calendrier", "Actions liées", "Fiches des plans liées", "Notes",
    "Etapes de la fiche action", "Documents et liens",
)
LIGNE_ENTETES, PREMIERE_LIGNE = 2, 4


def _texte(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, float):
        return f"{v:,.0f}".replace(",", "\u202f") if v.is_integer() else f"{v:.2f}".replace(".", ",")
    return str(v)


def _financeurs(fiche: dict) -> list[tuple[str, float]]:
    montants: dict[str, float] = defaultdict(float)
    for r in fiche.get("budget", []):
        if r.get("Financeur") and est_nombre(r.get("Montant (€ HT)")):
            montants[str(r["Financeur"])] += float(r["Montant (€ HT)"])
    return sorted(montants.items(), key=lambda x: -x[1])[:3]


def ligne(d: Donnees, fiche: dict) -> list[Any]:
    """One import row for a fiche action."""
    instances = ", ".join(str(g["Instance"]) for g in d.tables.get("T_GOUVERNANCE") or [] if g.get("Instance"))
    objectifs = "\n".join(f"{k['Indicateur']} : cible {_texte(k.get('Cible')) or 'à définir'}"
                          for k in fiche.get("indicateurs", []) if k.get("Indicateur"))
    moyens = " ; ".join(t for t in (
        f"{_texte(fiche.get('FA_ETP'))} ETP" if est_nombre(fiche.get("FA_ETP")) else "",
        f"{_texte(fiche.get('FA_JH'))} jours-homme" if est_nombre(fiche.get("FA_JH")) else "") if t)
    financements = "\n".join(
        f"{_texte(r.get('Année'))} : {r.get('Nature') or 'nature non précisée'}, "
        f"{r.get('Section') or 'section non précisée'}, {_texte(r.get('Montant (€ HT)'))} € HT"
        for r in fiche.get("budget", []) if est_nombre(r.get("Montant (€ HT)")))
    financeurs = _financeurs(fiche)
    colonnes_financeurs: list[Any] = []
    for i in range(3):
        colonnes_financeurs += list(financeurs[i]) if i < len(financeurs) else [None, None]
    etapes = "\n".join(
        f"{a['Action']}" + (f" ({a['Qui ?']}" if a.get("Qui ?") else "")
        + (f", {_texte(a.get('Échéance'))}" if a.get("Échéance") and a.get("Qui ?") else "")
        + (")" if a.get("Qui ?") else "")
        for a in fiche.get("actions", []) if a.get("Action"))
    statut = fiche.get("FA_STATUT") if fiche.get("FA_STATUT") in L.STATUTS_FICHE else None
    perimetre = ", ".join(lib.split(" : ")[1] for nom, lib, *_ in L.CHAMPS_FICHE
                          if nom.startswith("FA_PERIMETRE_") and str(fiche.get(nom)).casefold() == "oui")
    notes = (f"Levier {fiche.get('FA_ID')} (feuille de route numérique responsable, boîte à outils ANCT). "
             f"Difficulté : {fiche.get('FA_DIFFICULTE') or '—'}. Périmètre : {perimetre or '—'}. "
             f"Prérequis : {fiche.get('FA_PREREQUIS') or '—'}.")
    debut, fin = fiche.get("FA_DEBUT"), fiche.get("FA_FIN")
    return [
        fiche.get("FA_DIMENSION"), None, None, fiche.get("FA_LEVIER"), fiche.get("FA_RESULTATS"), instances or None,
        objectifs or None, None, d.noms.get("NR_COLLECTIVITE"), moyens or None, fiche.get("FA_CONTRIBUTEURS"),
        fiche.get("FA_RESPONSABLE"), None, None, None, financements or None, *colonnes_financeurs,
        budget(fiche), statut, L.PRIORITES_TET.get(fiche.get("FA_PRIORITE") or ""),
        debut if isinstance(debut, (dt.date, dt.datetime)) else None,
        fin if isinstance(fin, (dt.date, dt.datetime)) else None,
        None, None, None, None, notes, etapes or None, None,
    ]


def exporter(d: Donnees, chemin: Path) -> int:
    """Write the import file; returns the number of fiches exported (those whose lever is retained)."""
    retenus = leviers_retenus(d)
    fiches = [f for f in d.fiches if retenus.get(str(f.get("FA_ID") or "").casefold(), False)]
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan d'action"
    ws["A1"] = f"Feuille de route numérique responsable – {d.noms.get('NR_COLLECTIVITE') or 'collectivité'}"
    ws["A1"].font = Font(bold=True, size=13)
    for j, h in enumerate(COLONNES, start=1):
        c = ws.cell(LIGNE_ENTETES, j, h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="6A6AF4")
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[c.column_letter].width = 22 if j > 3 else 26
    ws.cell(3, 4, "Champ obligatoire")
    ws.cell(3, 24, ", ".join(L.STATUTS_FICHE))
    ws.cell(3, 25, "Élevé, Moyen, Bas")
    for i, f in enumerate(fiches):
        for j, v in enumerate(ligne(d, f), start=1):
            c = ws.cell(PREMIERE_LIGNE + i, j)
            ecrire(c, v)
            if isinstance(v, (dt.date, dt.datetime)):
                c.number_format = "dd/mm/yyyy"
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"E{PREMIERE_LIGNE}"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    wb.save(chemin)
    return len(fiches)
