"""Step 4.1: the lever catalogue (T_LEVIERS, provider levers in orange) and the value × feasibility matrix."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L
from nr_workbook.referentiel.models import Levier

_LIGNE_TABLE = 9
_CALCULEES = ("Pris en compte", "Quadrant", "Niveau constaté", "Suggéré par le diagnostic", "Gain (kgCO2e/an)")
_CATALOGUE = ("ID", "Dimension", "Levier", "Cible", "Priorité", "Difficulté", "Description", "Exemples d'actions",
              "Indicateurs suggérés", "Questions liées")
ORANGE_PRESTATAIRE = "F8CBAD"
GRIS = "D9D9D9"


def ligne_levier(lv: Levier) -> dict:
    ref = referentiel.load()
    return {
        "ID": lv.id, "Dimension": ref.dimension(lv.dimension).libelle, "Levier": lv.levier, "Cible": lv.cible,
        "Présélection": "Non", "Retenu": "Non", "Priorité": lv.priorite, "Difficulté": lv.difficulte,
        "Description": lv.description, "Exemples d'actions": "\n".join(f"• {a}" for a in lv.actions),
        "Indicateurs suggérés": "\n".join(f"• {i}" for i in lv.indicateurs),
        "Questions liées": ", ".join(lv.questions), "Scénario": lv.scenario,
    }


def ecrire_leviers(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    t = L.T_LEVIERS
    ref = referentiel.load()
    note = (f"Présélectionnez les leviers pertinents, notez leur valeur et leur faisabilité de 1 à 4 (la matrice "
            f"se remplit), puis retenez-en {L.LEVIERS_MIN} à {L.LEVIERS_MAX} répartis sur les 7 dimensions. "
            "La colonne « Suggéré par le diagnostic » reprend le niveau le plus faible des questions liées.")
    C.titre(ws, "Étape 4.1 – Sélectionner les leviers", note, "A2:O3")
    ws.row_dimensions[2].height = 28
    C.champ(ws, 5, L.NOMS_PAR_NOM["NR_PRESTATAIRE_EMBARQUE"], "Oui", col_valeur=3,
            aide="Non : prestataire peu coopératif ou peu mobilisable ; seuls les leviers internes sont priorisés.")
    C.fusionner(ws, "A5:B5")
    C.fusionner(ws, "D5:O5")
    legende = ws.cell(6, 1, "Levier destiné au prestataire SI")
    legende.style = S.TEXTE
    legende.fill = PatternFill("solid", fgColor=ORANGE_PRESTATAIRE)
    grise = ws.cell(6, 3, "Levier écarté (prestataire non embarqué)")
    grise.style = S.TEXTE
    grise.fill = PatternFill("solid", fgColor=GRIS)
    grise.font = Font(name="Calibri", size=10, color="404040", strike=True)
    C.fusionner(ws, "A6:B6")
    C.fusionner(ws, "C6:E6")

    lignes = [ligne_levier(lv) for lv in ref.leviers]
    lettres = {h: C.lettre(t, h) for h in t.entetes}
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE, lignes, fixes=_CATALOGUE)
    # calculated cells: array formulas where needed; spare rows: the catalogue columns become inputs
    for r in range(premiere, derniere + 1):
        for h in _CALCULEES:
            C.ecrire_formule(ws, f"{lettres[h]}{r}", F.levier_ligne(h, r, lettres))
        ws.row_dimensions[r].height = 40
    for r in range(premiere + len(lignes), derniere + 1):
        for h in ("ID", "Dimension", "Levier", "Cible", "Priorité", "Difficulté", "Description", "Questions liées"):
            ws[f"{lettres[h]}{r}"].style = S.saisie(wb, L.F_TEXTE if h != "Cible" else None)
        ws.row_dimensions[r].height = 18
    cible_libre = f"{lettres['Cible']}{premiere + len(lignes)}:{lettres['Cible']}{derniere}"
    C.valider(ws, L.Saisie("liste", L.CIBLES), cible_libre)
    for h in ("ID", "Dimension", "Levier", "Priorité", "Difficulté", "Description", "Questions liées"):
        C.valider(ws, None, f"{lettres[h]}{premiere + len(lignes)}:{lettres[h]}{derniere}", saisie_libre=True)

    plage = f"A{premiere}:{lettres['Questions liées']}{derniere}"
    cible = f"${lettres['Cible']}{premiere}"
    ws.conditional_formatting.add(plage, FormulaRule(
        formula=[f'AND({cible}="Prestataire",NR_PRESTATAIRE_EMBARQUE="Non")'],
        fill=PatternFill("solid", bgColor=GRIS), font=Font(color="404040", strike=True), stopIfTrue=True))
    ws.conditional_formatting.add(
        f"A{premiere}:{lettres['Levier']}{derniere}",
        FormulaRule(formula=[f'{cible}="Prestataire"'], **S.fond(ORANGE_PRESTATAIRE)))
    retenu = f"${lettres['Retenu']}{premiere}"
    ws.conditional_formatting.add(f"{lettres['Retenu']}{premiere}:{lettres['Retenu']}{derniere}", FormulaRule(
        formula=[f'{retenu}="Oui"'], fill=PatternFill("solid", bgColor=S.VERT), font=Font(bold=True)))
    sug = f"{lettres['Suggéré par le diagnostic']}{premiere}"
    ws.conditional_formatting.add(f"{lettres['Suggéré par le diagnostic']}{premiere}:"
                                  f"{lettres['Suggéré par le diagnostic']}{derniere}",
                                  FormulaRule(formula=[f'LEFT({sug},3)="Oui"'],
                                              font=Font(bold=True, color=S.ROUGE_TEXTE)))
    ws.freeze_panes = f"D{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")
    ws.print_area = f"A1:{lettres['Difficulté']}{derniere}"
    C.proteger(ws)


_CASES = 20  # levers listed per quadrant


def ecrire_matrice(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    ref = referentiel.load()
    note = ("Leviers présélectionnés selon leur valeur et leur faisabilité (notes de 1 à 4, « élevée » à partir de "
            "3). ✔ : levier retenu. À côté de chaque levier, son gain chiffré (feuille Scénarios) quand il en a un. "
            "Mise à jour en direct depuis la feuille Leviers.")
    C.titre(ws, "Matrice Valeur × Faisabilité", note, "A2:E2")
    for col, w in zip("ABCDE", (24, 54, 16, 54, 16), strict=True):
        ws.column_dimensions[col].width = w

    ws["A4"] = "Leviers retenus"
    ws["A4"].style = S.LIBELLE
    ws["B4"] = "=NR_NB_LEVIERS_RETENUS"
    ws["B4"].style = S.resultat(wb, L.F_ENTIER)
    ws["C4"] = (f'=IF(NR_NB_LEVIERS_RETENUS<{L.LEVIERS_MIN},"⚠ Moins de {L.LEVIERS_MIN} leviers retenus : '
                f'l\'ANCT recommande {L.LEVIERS_MIN} à {L.LEVIERS_MAX} leviers.",IF(NR_NB_LEVIERS_RETENUS>'
                f'{L.LEVIERS_MAX},"⚠ Plus de {L.LEVIERS_MAX} leviers retenus : resserrez la sélection.",'
                f'"✔ Nombre de leviers conforme à la recommandation ({L.LEVIERS_MIN} à {L.LEVIERS_MAX})."))')
    ws["C4"].style = S.TEXTE
    sans_levier = "&".join(f'IF(C{8 + i}=0,"{d.libelle} ; ","")' for i, d in enumerate(ref.dimensions))
    ws["C5"] = (f'=IF({sans_levier}="","✔ Chaque dimension a au moins un levier retenu.",'
                f'"⚠ Aucun levier retenu pour : "&{sans_levier})')
    ws["C5"].style = S.TEXTE
    for cell in ("C4", "C5"):
        ws.conditional_formatting.add(cell, FormulaRule(formula=[f'LEFT({cell},1)="⚠"'],
                                                        fill=PatternFill("solid", bgColor=S.ROUGE),
                                                        font=Font(color=S.ROUGE_TEXTE, bold=True)))
        ws.conditional_formatting.add(cell, FormulaRule(formula=[f'LEFT({cell},1)="✔"'],
                                                        **S.fond(S.VERT)))
    ws.row_dimensions[5].height = 30
    C.fusionner(ws, "C4:E4")
    C.fusionner(ws, "C5:E5")

    ws["A7"], ws["B7"], ws["C7"] = "Code", "Dimension", "Leviers retenus"
    for c in ("A7", "B7", "C7"):
        ws[c].style = S.entete(wb)
    for i, d in enumerate(ref.dimensions):
        r = 8 + i
        ws[f"A{r}"], ws[f"B{r}"] = d.code, d.libelle
        ws[f"A{r}"].style = ws[f"B{r}"].style = S.fixe(wb)
        C.ecrire_formule(ws, f"C{r}", F.Formule(F.retenus_dimension(d.code)))
        ws[f"C{r}"].style = S.calcul(wb, L.F_ENTIER)
    fin_dims = 8 + len(ref.dimensions) - 1
    ws.conditional_formatting.add(f"C8:C{fin_dims}", FormulaRule(formula=["C8=0"],
                                                                 **S.fond(S.ORANGE)))

    haut = fin_dims + 2
    for col, texte in ((2, "Faisabilité élevée (3 – 4)"), (4, "Faisabilité faible (1 – 2)")):
        ws.cell(haut, col, texte).style = S.entete(wb)
        ws.cell(haut, col + 1, "Gain (kgCO2e/an)").style = S.entete(wb)
    blocs = ((haut + 1, "Valeur élevée (3 – 4)", (L.QUADRANTS[0], L.QUADRANTS[1]), ("E2EFDA", "FFF2CC")),
             (haut + 3 + _CASES, "Valeur faible (1 – 2)", (L.QUADRANTS[2], L.QUADRANTS[3]), ("DDEBF7", "F2F2F2")))
    for ligne, libelle, quadrants, couleurs in blocs:
        ws.cell(ligne, 1, libelle).style = S.entete(wb)
        C.fusionner(ws, start_row=ligne, start_column=1, end_row=ligne + _CASES, end_column=1)
        for col, (q, couleur) in zip((2, 4), zip(quadrants, couleurs, strict=True), strict=True):
            titre = ws.cell(ligne, col)
            C.ecrire_formule(ws, titre.coordinate, F.Formule(f'="{q} ("&{F.quadrant_compte(q)[1:]}&")"'))
            titre.style = S.SECTION
            titre.fill = PatternFill("solid", fgColor=couleur)
            ws.cell(ligne, col + 1).fill = PatternFill("solid", fgColor=couleur)
            for k in range(1, _CASES + 1):
                cell = ws.cell(ligne + k, col)
                C.ecrire_formule(ws, cell.coordinate, F.quadrant_entree(q, k))
                cell.style = S.calcul(wb)
                cell.fill = PatternFill("solid", fgColor=couleur)
                gain = ws.cell(ligne + k, col + 1)
                C.ecrire_formule(ws, gain.coordinate, F.gain_entree(q, k))
                gain.style = S.calcul(wb, L.F_ENTIER)
                gain.fill = PatternFill("solid", fgColor=couleur)
                ws.row_dimensions[ligne + k].height = 25
            premiere_case = ws.cell(ligne + 1, col).coordinate
            ws.conditional_formatting.add(
                f"{premiere_case}:{ws.cell(ligne + _CASES, col).coordinate}",
                FormulaRule(formula=[f'LEFT({premiere_case},1)="✔"'], font=Font(bold=True, color="000000")))
    C.impression(ws)
    C.proteger(ws)
