"""Pilotage (steps 4.3 and 5): budget per year, governance, risks, key success factors, follow-up indicators."""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter, range_boundaries
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
LIGNES_RESERVEES = 5 * 40  # rows below T_BUDGET_FICHES styled and unlocked for the fiches to come

_SUIVI = L.SUIVI_PILOTAGE


def ecrire_pilotage(ws: Worksheet, ctx: Contexte) -> None:
    dem = referentiel.load().demarche
    note = ("Budget consolidé à partir des fiches actions (leviers retenus), gouvernance, risques et "
            "indicateurs de suivi à présenter au comité de pilotage (étape 5).")
    C.titre(ws, "Pilotage de la feuille de route", note, "A2:H3")

    C.section(ws, LIGNE_BUDGET - 1, "1. Budget par année (€ HT)", 8)
    premiere, _ = C.table(ws, L.T_BUDGET_ANNUEL, LIGNE_BUDGET, vides=L.ANNEES_BUDGET, calcul_ouvert=True)
    t = L.T_BUDGET_ANNUEL
    for k in range(L.ANNEES_BUDGET):
        r = premiere + k
        ws[f"A{r}"] = F.annee_budget(k)
        for h in t.entetes[1:]:
            C.ecrire_formule(ws, f"{C.lettre(t, h)}{r}", F.budget_annuel(h, f"$A{r}"))

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
    ligne = premiere + len(_SUIVI) + L.T_SUIVI.lignes_vides + 1
    C.section(ws, ligne, "6. Budget de chaque fiche par année (détail du tableau 1)", 8)
    premiere, _ = C.table(ws, L.T_BUDGET_FICHES, ligne + 1, vides=1, calcul_ouvert=True)
    for r in range(premiere + 1, premiere + LIGNES_RESERVEES):  # where T_BUDGET_FICHES grows: same look, unlocked
        for i, c in enumerate(L.T_BUDGET_FICHES.colonnes, start=1):
            ws.cell(r, i).style = S.calcul_ouvert(ws.parent, c.format)
    C.message(ws, f"A{premiere}:{get_column_letter(len(L.T_BUDGET_FICHES.colonnes))}{premiere + LIGNES_RESERVEES - 1}",
              "Rempli par « fiches »", "Budget de chaque fiche par année, calculé depuis la feuille de la fiche : "
              "saisissez les montants dans la fiche.")
    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    C.impression(ws, paysage=True)
    C.proteger(ws)


def ecrire_budget_fiches(wb: Workbook, fiches: list[tuple[str, str, str]]) -> None:
    """(Re)write T_BUDGET_FICHES: for each fiche (budget table, T_FICHES "ID" and "Levier retenu" cells), one row
    per year of T_BUDGET_ANNUEL. The table sits last on the sheet and grows downwards."""
    ws = wb[L.PILOTAGE]
    t = ws.tables[L.T_BUDGET_FICHES.nom]
    c1, r1, c2, r2 = range_boundaries(t.ref)
    spec = L.T_BUDGET_FICHES
    for r in range(r1 + 1, r2 + 1):
        for c in range(c1, c2 + 1):
            ws.cell(r, c).value = None
    r = r1
    for table, cellule_id, retenu in fiches:
        for k in range(L.ANNEES_BUDGET):
            r += 1
            annee = f"$A${LIGNE_BUDGET + 1 + k}"
            for i, h in enumerate(spec.entetes):
                cell = ws.cell(r, c1 + i)
                C.ecrire_formule(ws, cell.coordinate, F.budget_fiche_annee(h, table, cellule_id, retenu, annee))
                cell.style = S.calcul_ouvert(wb, spec.colonne(h).format)
    t.ref = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{max(r, r1 + 1)}"
    if t.autoFilter is not None:
        t.autoFilter.ref = t.ref


_FEUILLE = re.compile(r"'((?:[^']|'')+)'!")


def fiches_du_classeur(wb: Workbook) -> list[tuple[str, str, str]]:
    """(budget table, absolute "ID" and "Levier retenu" cells) of every T_FICHES row, read from its ID formula."""
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
            out.append((budget, C.absolu(ws, f"A{r}"), C.absolu(ws, f"{retenu}{r}")))
    return out
