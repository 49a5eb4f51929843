"""The footprint and the plan's gain in everyday equivalents: a block of the Indicateurs sheet (three equivalents
per figure, ADEME's caution beside them) and the editable table of equivalents on the Référentiel sheet."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.contract import layout as L
from nr_workbook.engine.equivalences import lignes_reference

_ENTETES = ("Indicateur", "Valeur", "Unité", "Équivalent (ordre de grandeur)", "État")


def ecrire_bloc(ws: Worksheet, ligne: int) -> int:
    """The block « En équivalents » of the Indicateurs sheet from `ligne`; returns its last row."""
    wb = ws.parent
    formules = F.sorties()
    C.section(ws, ligne, "En équivalents : ce que représentent ces kgCO2e (ADEME Impact CO2)", 5)
    ligne += 1
    ws.cell(ligne, 1, referentiel.load().equivalences.mise_en_garde).style = S.NOTE
    ws.cell(ligne, 1).alignment = Alignment(wrap_text=True, vertical="top")
    C.fusionner(ws, start_row=ligne, start_column=1, end_row=ligne, end_column=5)
    ws.row_dimensions[ligne].height = 30
    ligne += 1
    for i, h in enumerate(_ENTETES, start=1):
        ws.cell(ligne, i, h).style = S.entete(wb)
    for figure, prefixe, libelle in L.FIGURES_EQUIVALENCES:
        ligne += 1
        source = L.NOMS_PAR_NOM[figure]
        ws.cell(ligne, 1, libelle).style = S.LIBELLE
        C.ecrire_formule(ws, f"B{ligne}", F.Formule(F.valeur_reference(figure), False))
        ws[f"B{ligne}"].style = S.resultat(wb, source.format)
        ws.cell(ligne, 3, source.unite).style = S.fixe(wb)
        ws.cell(ligne, 4, "soit, chaque année, environ :").style = S.fixe(wb)
        ws.cell(ligne, 5, f'=IF(B{ligne}="","Données manquantes","")').style = S.fixe(wb)
        for k in range(1, L.NB_EQUIVALENTS + 1):
            ligne += 1
            nombre, objet = L.NOMS_PAR_NOM[f"{prefixe}_{k}"], L.NOMS_PAR_NOM[f"{prefixe}_{k}_OBJET"]
            ws.cell(ligne, 1, f"    ≈ équivalent {k}").style = S.LIBELLE
            C.ecrire_formule(ws, f"B{ligne}", formules[nombre.nom])
            ws[f"B{ligne}"].style = S.resultat(wb, nombre.format)
            C.nommer(ws, nombre.nom, f"B{ligne}")
            ws.cell(ligne, 3, nombre.unite).style = S.fixe(wb)
            C.ecrire_formule(ws, f"D{ligne}", formules[objet.nom])
            ws[f"D{ligne}"].style = S.resultat(wb)
            ws[f"D{ligne}"].alignment = Alignment(horizontal="left", vertical="center")
            C.nommer(ws, objet.nom, f"D{ligne}")
            ws.cell(ligne, 5, "").style = S.fixe(wb)
    return ligne


def ecrire_table(ws: Worksheet, ligne: int) -> int:
    """T_EQUIVALENCES on the Référentiel sheet from `ligne`, pre-filled with Impact CO2's items; returns the last
    row written."""
    C.section(ws, ligne, "Équivalents pour les élus : kgCO2e par objet ou geste et tranches (ADEME Impact CO2)", 9)
    _, derniere = C.table(ws, L.T_EQUIVALENCES, ligne + 1, lignes_reference())
    ws.cell(derniere + 1, 1, "Les indicateurs montrent, pour chaque valeur, les trois premières lignes de sa tranche "
                             "(au-delà de … jusqu'à …, vide : sans limite). Modifiez, ajoutez ou réordonnez les "
                             "lignes : les équivalents se recalculent.").style = S.NOTE
    return derniere + 1
