"""Export the roadmap to the plan import of Territoires en Transitions (ADEME), as TeT's own parser reads it.

The labels, rows and enumerations come from `formats/tet.yaml` (the parser's, in its order); one row per fiche
action whose lever is retained, under its dimension as axis. Every value has the type the parser's schema takes:
text as text (lists comma-separated), amounts and budget as numbers, dates as dates, status and priority from its
enumerations, titles within its length limit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.writer.cells import ecrire
from nr_workbook.contract import layout as L
from nr_workbook.echanges.formats import import_tet
from nr_workbook.engine.donnees import Donnees, est_nombre
from nr_workbook.engine.feuille_de_route import budget, leviers_retenus

ONGLET = "Plan d'action"
_AIDES = {"titre": "Champ obligatoire (300 caractères au plus)", "statut": "Liste : {statuts}",
          "priorite": "Liste : {priorites}", "budget": "Nombre (€ HT)", "date_debut": "Date", "date_fin": "Date"}


def _texte(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (dt.date, dt.datetime)):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, float):
        return f"{v:,.0f}".replace(",", "\u202f") if v.is_integer() else f"{v:.2f}".replace(".", ",")
    return str(v)


def _ou_rien(texte: str) -> str | None:
    texte = texte.strip()
    return texte or None


def _element(v: Any) -> str:
    """One item of a TeT list column: its commas would split it into several."""
    return _texte(v).replace(",", " –").strip()


def _financeurs(fiche: dict) -> list[tuple[str, float]]:
    montants: dict[str, float] = defaultdict(float)
    for r in fiche.get("budget", []):
        if r.get("Financeur") and est_nombre(r.get("Montant (€ HT)")):
            montants[_element(r["Financeur"])] += float(r["Montant (€ HT)"])
    return sorted(montants.items(), key=lambda x: -x[1])[:3]


def _descriptif(fiche: dict) -> str | None:
    etapes = "\n".join(
        f"- {a['Action']}" + (f" ({a['Qui ?']}" if a.get("Qui ?") else "")
        + (f", {_texte(a.get('Échéance'))}" if a.get("Échéance") and a.get("Qui ?") else "")
        + (")" if a.get("Qui ?") else "")
        for a in fiche.get("actions", []) if a.get("Action"))
    perimetre = ", ".join(lib.split(" : ")[1] for nom, lib, *_ in L.CHAMPS_FICHE
                          if nom.startswith("FA_PERIMETRE_") and str(fiche.get(nom)).casefold() == "oui")
    notes = (f"Levier {fiche.get('FA_ID')} (feuille de route numérique responsable, boîte à outils ANCT). "
             f"Difficulté : {fiche.get('FA_DIFFICULTE') or '—'}. Périmètre : {perimetre or '—'}. "
             f"Prérequis : {fiche.get('FA_PREREQUIS') or '—'}.")
    parties = [_texte(fiche.get("FA_RESULTATS")), f"Étapes :\n{etapes}" if etapes else "", notes]
    return _ou_rien("\n\n".join(p for p in parties if p))


def valeurs(d: Donnees, fiche: dict) -> dict[str, Any]:
    """One import row for a fiche action, keyed like tet.yaml's columns."""
    tet = import_tet()
    instances = ", ".join(_element(g["Instance"]) for g in d.tables.get("T_GOUVERNANCE") or [] if g.get("Instance"))
    objectifs = "\n".join(f"{k['Indicateur']} : cible {_texte(k.get('Cible')) or 'à définir'}"
                          for k in fiche.get("indicateurs", []) if k.get("Indicateur"))
    moyens = " ; ".join(t for t in (
        f"{_texte(fiche.get('FA_ETP'))} ETP" if est_nombre(fiche.get("FA_ETP")) else "",
        f"{_texte(fiche.get('FA_JH'))} jours-homme" if est_nombre(fiche.get("FA_JH")) else "") if t)
    financements = "\n".join(
        f"{_texte(r.get('Année'))} : {r.get('Nature') or 'nature non précisée'}, "
        f"{r.get('Section') or 'section non précisée'}, {_texte(r.get('Montant (€ HT)'))} € HT"
        for r in fiche.get("budget", []) if est_nombre(r.get("Montant (€ HT)")))
    titre = _texte(fiche.get("FA_LEVIER") or fiche.get("FA_ID")).strip()
    if len(titre) > tet.titre_max:
        titre = titre[: tet.titre_max - 1] + "…"
    debut, fin = fiche.get("FA_DEBUT"), fiche.get("FA_FIN")
    dates = isinstance(debut, (dt.date, dt.datetime)), isinstance(fin, (dt.date, dt.datetime))
    if all(dates) and fin < debut:  # TeT refuses a plan holding an action that ends before it starts
        debut = fin = None
        dates = (False, False)
    total = budget(fiche)
    ligne: dict[str, Any] = {
        "axe": _ou_rien(_texte(fiche.get("FA_DIMENSION"))), "titre": titre, "descriptif": _descriptif(fiche),
        "instances": _ou_rien(instances), "objectifs": _ou_rien(objectifs),
        "structures": _ou_rien(_element(d.noms.get("NR_COLLECTIVITE"))), "moyens": _ou_rien(moyens),
        "partenaires": _ou_rien(_texte(fiche.get("FA_CONTRIBUTEURS"))),
        "services": _ou_rien(_element(fiche.get("FA_RESPONSABLE"))), "financements": _ou_rien(financements),
        "referents": _ou_rien(_texte(fiche.get("FA_ELU"))),  # TeT's list: a comma separates two élus
        "budget": total if 0 <= total <= tet.budget_max else None,
        "statut": fiche.get("FA_STATUT") if fiche.get("FA_STATUT") in tet.statuts else None,
        "priorite": L.PRIORITES_TET.get(fiche.get("FA_PRIORITE") or ""),
        "date_debut": debut if dates[0] else None, "date_fin": fin if dates[1] else None,
    }
    for i, (nom, montant) in enumerate(_financeurs(fiche), start=1):
        ligne[f"financeur_{i}"], ligne[f"montant_{i}"] = nom, montant
    return ligne


def exporter(d: Donnees, chemin: Path) -> int:
    """Write the import file; returns the number of fiches exported (those whose lever is retained)."""
    tet = import_tet()
    retenus = leviers_retenus(d)
    fiches = [f for f in d.fiches if retenus.get(str(f.get("FA_ID") or "").casefold(), False)]
    wb = Workbook()
    nom = d.noms.get("NR_COLLECTIVITE")
    wb.properties.title = "Plan d'action numérique responsable – import Territoires en Transitions" + (
        f" – {nom}" if isinstance(nom, str) and nom.strip() else "")
    ws = wb.active
    ws.title = ONGLET
    ws["A1"] = f"Feuille de route numérique responsable – {d.noms.get('NR_COLLECTIVITE') or 'collectivité'}"
    ws["A1"].font = Font(bold=True, size=13)
    cles = list(tet.colonnes)
    for j, cle in enumerate(cles, start=1):
        c = ws.cell(tet.ligne_entetes, j, tet.colonnes[cle])
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="000091")  # white on blue France: 16:1
        c.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[c.column_letter].width = 22 if j > 3 else 26
        aide = _AIDES.get(cle)
        if aide:
            ws.cell(tet.ligne_entetes + 1, j, aide.format(statuts=", ".join(tet.statuts),
                                                          priorites=", ".join(tet.priorites)))
    for i, f in enumerate(fiches):
        ligne = valeurs(d, f)
        for j, cle in enumerate(cles, start=1):
            v = ligne.get(cle)
            c = ws.cell(tet.premiere_ligne + i, j)
            ecrire(c, v)
            if isinstance(v, (dt.date, dt.datetime)):
                c.number_format = "dd/mm/yyyy"
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"E{tet.premiere_ligne}"
    chemin.parent.mkdir(parents=True, exist_ok=True)
    enregistrer(wb, chemin)
    return len(fiches)
