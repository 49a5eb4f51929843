"""Pilotage (steps 4.3 and 5): budget per year, governance, risks, key success factors, follow-up indicators."""

from __future__ import annotations

import re

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_LARGEURS = {"A": 38, "B": 16, "C": 34, "D": 44, "E": 13, "F": 13, "G": 13, "H": 13}
LIGNE_BUDGET = 6

_SUIVI = L.SUIVI_PILOTAGE


def ecrire_pilotage(ws: Worksheet, ctx: Contexte) -> None:
    dem = referentiel.load().demarche
    note = ("Budget consolidé à partir des fiches actions (leviers retenus), gouvernance, risques et "
            "indicateurs de suivi à présenter au comité de pilotage (étape 5).")
    C.titre(ws, "Pilotage de la feuille de route", note, "A2:H3")

    C.section(ws, LIGNE_BUDGET - 1, "1. Budget par année (€ HT)", 8)
    premiere, _ = C.table(ws, L.T_BUDGET_ANNUEL, LIGNE_BUDGET, vides=L.ANNEES_BUDGET, calcul_ouvert=True)
    for k in range(L.ANNEES_BUDGET):
        ws[f"A{premiere + k}"] = F.annee_budget(k)
    ecrire_budget_annuel(ws.parent, [])

    ligne = premiere + L.ANNEES_BUDGET + 2
    blocs = (
        ("2. Gouvernance", L.T_GOUVERNANCE, [{"Instance": g.instance, "Fréquence": g.frequence,
                                              "Participants": g.participants, "Rôle": g.role}
                                             for g in dem.gouvernance]),
        ("3. Risques", L.T_RISQUES, [{"Risque": r.risque, "Probabilité": r.probabilite, "Impact": r.impact,
                                      "Mesure d'atténuation": r.attenuation} for r in dem.risques]),
        ("4. Facteurs clés de succès", L.T_FACTEURS, [{"Facteur clé de succès": f.facteur,
                                                       "Comment le garantir": f.comment}
                                                      for f in dem.facteurs_succes]),
    )
    for titre, table, lignes in blocs:
        C.section(ws, ligne, titre, 8)
        _, fin = C.table(ws, table, ligne + 1, lignes)
        for r in range(ligne + 2, fin + 1):
            ws.row_dimensions[r].height = 30
        ligne = fin + 2

    C.section(ws, ligne, "5. Indicateurs de suivi (valeur de référence issue du diagnostic)", 8)
    premiere, _ = C.table(ws, L.T_SUIVI, ligne + 1, [{"Indicateur": i, "Unité": u} for i, u, _ in _SUIVI])
    ref = C.lettre(L.T_SUIVI, "Valeur de référence")
    for k, (_, _, nom) in enumerate(_SUIVI):
        if nom:
            cell = ws[f"{ref}{premiere + k}"]
            cell.value = F.valeur_reference(nom)
            cell.style = S.calcul(ws.parent, L.F_DECIMAL2)
    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    C.impression(ws, paysage=True)
    C.proteger(ws)


def ecrire_budget_annuel(wb: Workbook, fiches: list[tuple[str, str]]) -> None:
    """(Re)write the T_BUDGET_ANNUEL formulas for the given fiches (budget table, "Levier retenu" cell)."""
    ws = wb[L.PILOTAGE]
    t = L.T_BUDGET_ANNUEL
    premiere = LIGNE_BUDGET + 1
    for k in range(L.ANNEES_BUDGET):
        r = premiere + k
        for h in t.entetes[1:]:
            C.ecrire_formule(ws, f"{C.lettre(t, h)}{r}", F.budget_annuel(h, f"$A{r}", fiches))


_FEUILLE = re.compile(r"'((?:[^']|'')+)'!")


def fiches_du_classeur(wb: Workbook) -> list[tuple[str, str]]:
    """(budget table, absolute "Levier retenu" cell) of every T_FICHES row, read from its ID formula."""
    ws = wb[L.FEUILLE_DE_ROUTE]
    t = ws.tables[L.T_FICHES.nom]
    debut, fin = (int(re.sub(r"[A-Z]", "", x)) for x in t.ref.split(":"))
    retenu = C.lettre(L.T_FICHES, "Levier retenu")
    out = []
    for r in range(debut + 1, fin + 1):
        formule = str(getattr(ws[f"A{r}"].value, "text", ws[f"A{r}"].value) or "")
        m = _FEUILLE.search(formule)
        if not m or m.group(1).replace("''", "'") not in wb.sheetnames:
            continue
        fiche = wb[m.group(1).replace("''", "'")]
        budget = next((n for n in fiche.tables if n.endswith("_BUDGET")), None)
        if budget:
            out.append((budget, f"{C.absolu(ws, f'{retenu}{r}')}"))
    return out
