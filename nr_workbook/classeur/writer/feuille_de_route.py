"""Feuille de route (step 4.3): totals, the T_FICHES summary with a month-by-month Gantt, and fiche sheets.

The template holds an empty T_FICHES; `nr-workbook fiches` adds one fiche sheet per retained lever and one
T_FICHES row pointing at it (see classeur/fiches.py).
"""

from __future__ import annotations

from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.placement_fiche import DERNIERE_COLONNE, LARGEURS, PlanFiche
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

LIGNE_FICHES = 10  # header row of T_FICHES
MOIS = 24  # Gantt length in months
LIGNES_GANTT = 120  # rows covered by the Gantt's conditional format
LIGNES_RESERVEES = 40  # rows below T_FICHES styled and unlocked for the fiches to come
BLEU_GANTT = "8EA9DB"


def colonne_gantt() -> int:
    return len(L.T_FICHES.colonnes) + 2  # one empty column between the table and the Gantt


def ecrire_feuille_de_route(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    t = L.T_FICHES
    note = ("Une ligne par fiche action. Lancez « nr-workbook fiches CLASSEUR.xlsx » (ou le bouton du complément) "
            "pour créer la fiche de chaque levier retenu ; les valeurs saisies dans les fiches remontent ici et "
            "dans le planning.")
    C.titre(ws, "Feuille de route numérique responsable", note, "A2:K3")
    ws.row_dimensions[2].height = 26
    formules = F.sorties()
    for i, nom in enumerate(L.SORTIES_FICHES):
        r = 5 + i
        ws.cell(r, 1, f"{nom.libelle} ({nom.unite})").style = S.LIBELLE
        C.ecrire_formule(ws, f"B{r}", formules[nom.nom])
        ws[f"B{r}"].style = S.resultat(wb, nom.format)
        C.nommer(ws, nom.nom, f"B{r}")
        ws.cell(r, 3, nom.definition).style = S.NOTE
        C.fusionner(ws, start_row=r, start_column=3, end_row=r, end_column=11)
    C.table(ws, t, LIGNE_FICHES, vides=1, calcul_ouvert=True)
    premiere = LIGNE_FICHES + 1
    for r in range(premiere + 1, premiere + LIGNES_RESERVEES):  # where T_FICHES grows: same look, unlocked
        for i, c in enumerate(t.colonnes, start=1):
            ws.cell(r, i).style = S.calcul_ouvert(wb, c.format)
    C.message(ws, f"A{premiere}:{get_column_letter(len(t.colonnes))}{premiere + LIGNES_RESERVEES - 1}",
              "Rempli par « fiches »", "Lignes écrites par la commande fiches (ou le bouton du complément) : une par "
              "fiche action, reprise de sa feuille. Saisissez dans la feuille de la fiche.")
    debut, fin = C.lettre(t, "Début"), C.lettre(t, "Fin")
    ws.conditional_formatting.add(
        f"{debut}{premiere}:{fin}{premiere + LIGNES_GANTT}",
        S.alerte(f'AND(ISNUMBER(${debut}{premiere}),ISNUMBER(${fin}{premiere}),${fin}{premiere}<${debut}{premiere})',
                 L.F_DATE))
    retenu = C.lettre(t, "Levier retenu")
    ws.conditional_formatting.add(
        f"A{premiere}:{retenu}{premiere + LIGNES_GANTT}",
        FormulaRule(formula=[f'AND($A{premiere}<>"",${retenu}{premiere}="Non")'],
                    font=Font(color="595959", strike=True)))
    _gantt(ws, premiere, debut, fin)
    ws.freeze_panes = f"C{premiere}"
    C.impression(ws, paysage=True, titres=f"{LIGNE_FICHES}:{LIGNE_FICHES}")
    C.proteger(ws)


def _gantt(ws: Worksheet, premiere: int, debut: str, fin: str) -> None:
    """Month columns whose first-day dates derive from the earliest start (else the start date, else January of the
    reference year; empty without any of them: no volatile TODAY())."""
    wb = ws.parent
    c0 = colonne_gantt()
    entete = LIGNE_FICHES
    premier_mois = (f'=IF(COUNT({L.T_FICHES.ref("Début")})>0,DATE(YEAR(MIN({L.T_FICHES.ref("Début")})),'
                    f'MONTH(MIN({L.T_FICHES.ref("Début")})),1),IF(ISNUMBER(NR_DATE_DEBUT),'
                    'DATE(YEAR(NR_DATE_DEBUT),MONTH(NR_DATE_DEBUT),1),IF(ISNUMBER(NR_ANNEE_REFERENCE),'
                    'DATE(NR_ANNEE_REFERENCE,1,1),"")))')
    ws.cell(entete - 1, c0, "Planning mois par mois (d'après les dates de début et de fin des fiches)").style = S.NOTE
    C.fusionner(ws, start_row=entete - 1, start_column=c0, end_row=entete - 1, end_column=c0 + 11)
    for k in range(MOIS):
        col = c0 + k
        lettre = get_column_letter(col)
        cell = ws.cell(entete, col)
        if k == 0:
            cell.value = premier_mois
        else:
            precedent = get_column_letter(col - 1)
            cell.value = (f"=IF(ISNUMBER({precedent}{entete}),"
                          f'DATE(YEAR({precedent}{entete}),MONTH({precedent}{entete})+1,1),"")')
        cell.style = S.entete(wb)
        cell.number_format = "mmm yy"
        cell.alignment = Alignment(text_rotation=90, horizontal="center", vertical="center")
        ws.column_dimensions[lettre].width = 4
    premiere_col, derniere_col = get_column_letter(c0), get_column_letter(c0 + MOIS - 1)
    plage = f"{premiere_col}{premiere}:{derniere_col}{premiere + LIGNES_GANTT}"
    regle = (f"AND(ISNUMBER(${debut}{premiere}),ISNUMBER(${fin}{premiere}),{premiere_col}${entete}<=${fin}{premiere},"
             f"DATE(YEAR({premiere_col}${entete}),MONTH({premiere_col}${entete})+1,0)>=${debut}{premiere})")
    ws.conditional_formatting.add(plage, FormulaRule(formula=[regle], **S.fond(BLEU_GANTT)))
    ws.row_dimensions[entete].height = 44


# --- Fiche action sheets ----------------------------------------------------------------------------------------
def nom_feuille(id_levier: str) -> str:
    return (L.PREFIXE_FICHE + id_levier)[:31]


def ecrire_fiche(ws: Worksheet, plan: PlanFiche) -> dict[str, str]:
    """Render a fiche action plan with openpyxl; returns its FA_* field name -> absolute cell ("$B$5")."""
    wb = ws.parent
    ws["A1"] = plan.titre
    ws["A1"].style = S.TITRE
    ws["A2"].style = S.saisie(wb)  # FA_ETAT: written by the fiches command and the ribbon action (unlocked)
    ws["A2"].font = Font(name="Calibri", size=11, bold=True, color=S.ROUGE_TEXTE)
    ws["A2"].fill = PatternFill(fill_type=None)
    C.fusionner(ws, "A2:E2")
    C.message(ws, "A2", "État de la fiche", "Écrit par la commande fiches quand le levier n'est plus retenu.")
    for ligne, texte in plan.sections:
        C.section(ws, ligne, texte, DERNIERE_COLONNE)
    for champ in plan.champs:
        ws.cell(champ.ligne, 1, champ.libelle).style = S.LIBELLE
        cell = ws.cell(champ.ligne, 2)
        C.ecrire(cell, champ.valeur)
        cell.style = S.saisie(wb, champ.format) if champ.saisie else S.fixe(wb, champ.format)
        if champ.large:
            C.fusionner(ws, start_row=champ.ligne, start_column=2, end_row=champ.ligne, end_column=DERNIERE_COLONNE)
        if champ.hauteur:
            ws.row_dimensions[champ.ligne].height = champ.hauteur
        C.valider(ws, champ.saisie, cell.coordinate)
    ws.cell(plan.ligne_budget, 1, "Budget total (€ HT)").style = S.LIBELLE
    budget = ws.cell(plan.ligne_budget, 2)
    C.ecrire_formule(ws, budget.coordinate, F.Formule(plan.formule_budget))
    budget.style = S.resultat(wb, L.F_ENTIER)
    ws.cell(plan.ligne_budget, 3, "Somme du budget détaillé ci-dessous.").style = S.NOTE
    ws.cell(plan.ligne_gain, 1, "Gain estimé (kgCO2e/an)").style = S.LIBELLE
    gain = ws.cell(plan.ligne_gain, 2)
    C.ecrire_formule(ws, gain.coordinate, F.Formule(plan.formule_gain, False))
    gain.style = S.resultat(wb, L.F_ENTIER)
    ws.cell(plan.ligne_gain, 3, "Gain du levier chiffré dans la feuille Scénarios (vide s'il n'en apporte "
                                "pas).").style = S.NOTE
    for nom, cellule in plan.cellules.items():
        ws.defined_names[nom] = DefinedName(nom, attr_text=C.absolu(ws, cellule.replace("$", "")))
    debut, fin = (plan.cellules[n].replace("$", "") for n in ("FA_DEBUT", "FA_FIN"))
    ws.conditional_formatting.add(fin, S.alerte(f"AND(ISNUMBER({debut}),ISNUMBER({fin}),{fin}<{debut})", L.F_DATE))
    alerte, formule = plan.alerte_dates
    ws[alerte] = formule
    ws[alerte].style = S.NOTE
    for t in plan.tables:
        C.section(ws, t.ligne_titre, t.titre, DERNIERE_COLONNE)
        C.table(ws, t.spec, t.ligne_entete, t.lignes)
    for col, w in LARGEURS.items():
        ws.column_dimensions[col].width = w
    ws.sheet_properties.tabColor = "2F5597"
    C.impression(ws)
    C.proteger(ws)
    return plan.cellules


def valeurs_initiales(ligne_levier: dict, lv: Any) -> dict[str, Any]:
    """Pre-filled fields of a new fiche, from the lever's T_LEVIERS row and its catalogue entry (dates: the user's)."""
    return {
        "FA_ID": ligne_levier.get("ID"), "FA_DIMENSION": ligne_levier.get("Dimension"),
        "FA_LEVIER": ligne_levier.get("Levier"), "FA_PRIORITE": ligne_levier.get("Priorité"),
        "FA_DIFFICULTE": ligne_levier.get("Difficulté"),
        "FA_RESULTATS": (lv.description if lv else ligne_levier.get("Description")),
        "FA_STATUT": "À venir",
        "FA_PERIMETRE_DSI": "Oui", "FA_PERIMETRE_SERVICES": "Oui", "FA_PERIMETRE_TOUS": "Non",
        "FA_PERIMETRE_TERRITOIRE": "Non",
    }
