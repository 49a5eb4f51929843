"""Suivi (yearly follow-up): every indicator against the previous year, six years of the key ones, each fiche's
status and progress against the previous year, and the history `nr-workbook nouvelle-annee` fills year after year."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.formatting.rule import DataBarRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur.formulas import suivi as FS
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_LARGEURS = {"A": 42, "B": 17, "C": 36, "D": 13, "E": 13, "F": 13, "G": 12}
LIGNE_EVOLUTION = 8  # header row of T_EVOLUTION
_COLONNES = 7
_SUR_UNE_LIGNE = Alignment(vertical="top", wrap_text=False)  # long labels cut at the next column, rows stay even


def _lettres(t: L.Table) -> dict[str, str]:
    return {h: get_column_letter(i + 1) for i, h in enumerate(t.entetes)}


def ecrire_suivi(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    note = ("Chaque année, « nr-workbook nouvelle-annee » prépare le classeur de l'année suivante et verse les "
            "valeurs de l'année écoulée dans l'historique (section 4) : ce tableau compare l'année N (année du "
            "diagnostic, sur l'Accueil) à l'année N-1. Des valeurs d'années antérieures peuvent aussi être saisies "
            "à la main dans l'historique.")
    C.titre(ws, "Suivi d'une année sur l'autre", note, "A2:G3")
    ws.row_dimensions[2].height = 30
    ws["A5"] = "Année N (année du diagnostic)"
    ws["A6"] = "Année N-1"
    for r, f in ((5, '=IF(ISNUMBER(NR_ANNEE_REFERENCE),NR_ANNEE_REFERENCE,"")'),
                 (6, '=IF(ISNUMBER(NR_ANNEE_REFERENCE),NR_ANNEE_REFERENCE-1,"")')):
        ws[f"A{r}"].style = S.LIBELLE
        ws[f"B{r}"] = f
        ws[f"B{r}"].style = S.resultat(wb, L.F_ANNEE)

    fin = _evolution(ws, LIGNE_EVOLUTION)
    fin = _tendance(ws, fin + 3)
    fin = _fiches(ws, fin + 3)
    _historique(ws, fin + 3)
    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"
    C.impression(ws, paysage=True)
    C.proteger(ws)


def _evolution(ws: Worksheet, entete: int) -> int:
    wb = ws.parent
    t = L.T_EVOLUTION
    C.section(ws, entete - 1, "1. Indicateurs : année N-1 et année N", _COLONNES)
    lignes = [{"Indicateur": n.libelle, "Unité": n.unite, "Code": n.nom} for n in L.INDICATEURS_SUIVIS]
    premiere, derniere = C.table(ws, t, entete, lignes, vides=0, fixes=("Indicateur", "Unité", "Code"))
    lettres = _lettres(t)
    for k, n in enumerate(L.INDICATEURS_SUIVIS):
        r = premiere + k
        ws[f"A{r}"].alignment = _SUR_UNE_LIGNE
        for h in ("N-1", "N", "Écart", "Évolution"):
            C.ecrire_formule(ws, f"{lettres[h]}{r}", FS.evolution(h, n.nom, r, lettres))
            ws[f"{lettres[h]}{r}"].style = S.calcul(wb, L.F_POURCENT if h == "Évolution" else n.format)
    scores = [k for k, n in enumerate(L.INDICATEURS_SUIVIS) if n.nom in {s.nom for s in L.SCORES_DIMENSIONS}]
    graphique = BarChart()
    graphique.type = "bar"
    graphique.title = "Scores de maturité par dimension (/100) : N-1 et N"
    graphique.y_axis.scaling.min, graphique.y_axis.scaling.max = 0, 100
    graphique.y_axis.delete = graphique.x_axis.delete = False
    graphique.x_axis.scaling.orientation = "maxMin"
    graphique.x_axis.tickLblSkip = 1
    premiere_score, derniere_score = premiere + scores[0], premiere + scores[-1]  # contiguous rows
    for h in ("N-1", "N"):
        col = t.entetes.index(h) + 1
        graphique.series.append(Series(Reference(ws, min_col=col, min_row=premiere_score, max_row=derniere_score),
                                       title=f"Année {h}"))
    graphique.set_categories(Reference(ws, min_col=1, min_row=premiere_score, max_row=derniere_score))
    graphique.height, graphique.width = 11, 18
    C.graphique(ws, graphique, f"I{entete}", "Barres du score de maturité de chaque dimension l'année précédente "
                "(N-1) et cette année (N), sur 100.")
    return derniere


def _tendance(ws: Worksheet, entete: int) -> int:
    wb = ws.parent
    t = L.T_TENDANCE
    C.section(ws, entete - 1, f"2. Les {L.ANNEES_TENDANCE} dernières années", _COLONNES)
    premiere, derniere = C.table(ws, t, entete, vides=L.ANNEES_TENDANCE)
    lettres = _lettres(t)
    for k in range(L.ANNEES_TENDANCE):
        r = premiere + k
        C.ecrire_formule(ws, f"A{r}", FS.annee_tendance(k))
        ws[f"A{r}"].style = S.calcul(wb, L.F_ANNEE)
        for code, h in L.TENDANCE:
            C.ecrire_formule(ws, f"{lettres[h]}{r}", FS.tendance(code, f"$A{r}", k == L.ANNEES_TENDANCE - 1))
            ws[f"{lettres[h]}{r}"].style = S.calcul(wb, L.NOMS_PAR_NOM[code].format)
    for i, (code, h) in enumerate(L.TENDANCE[:2]):
        graphique = BarChart()
        graphique.title = f"{L.NOMS_PAR_NOM[code].libelle} ({L.NOMS_PAR_NOM[code].unite})"
        graphique.legend = None
        graphique.y_axis.delete = graphique.x_axis.delete = False
        graphique.y_axis.scaling.min = 0
        if code == "NR_SCORE_GLOBAL":
            graphique.y_axis.scaling.max = 100
        col = t.entetes.index(h) + 1
        graphique.add_data(Reference(ws, min_col=col, min_row=entete, max_row=derniere), titles_from_data=True)
        graphique.set_categories(Reference(ws, min_col=1, min_row=premiere, max_row=derniere))
        graphique.height, graphique.width = 7, 10
        C.graphique(ws, graphique, f"I{entete - 1 + 15 * i}",
                    f"Histogramme de l'indicateur « {L.NOMS_PAR_NOM[code].libelle} » sur les "
                    f"{L.ANNEES_TENDANCE} dernières années ({L.NOMS_PAR_NOM[code].unite}).")
    return derniere


def _fiches(ws: Worksheet, entete: int) -> int:
    wb = ws.parent
    t = L.T_SUIVI_FICHES
    C.section(ws, entete - 1, "3. Fiches actions : statut et avancement, année N-1 et année N", _COLONNES)
    premiere, derniere = C.table(ws, t, entete, vides=L.LIGNES_SUIVI_FICHES)
    lettres = _lettres(t)
    for k in range(L.LIGNES_SUIVI_FICHES):
        r = premiere + k
        for h in t.entetes:
            C.ecrire_formule(ws, f"{lettres[h]}{r}", FS.suivi_fiche(h, k + 1, f"${lettres['ID']}{r}"))
            ws[f"{lettres[h]}{r}"].style = S.calcul(wb, t.colonne(h).format)
        ws[f"{lettres['Levier']}{r}"].alignment = _SUR_UNE_LIGNE
    for h in ("Avancement N-1", "Avancement N"):
        plage = f"{lettres[h]}{premiere}:{lettres[h]}{derniere}"
        ws.conditional_formatting.add(plage, DataBarRule(start_type="num", start_value=0, end_type="num",
                                                         end_value=1, color="5B9BD5"))
    return derniere


def _historique(ws: Worksheet, entete: int) -> None:
    C.section(ws, entete - 1, "4. Historique (complété chaque année par nr-workbook nouvelle-annee)", _COLONNES)
    C.table(ws, L.T_HISTORIQUE, entete)
    col = 9  # beside, right of the indicator tables (both grow downwards)
    C.table(ws, L.T_HISTORIQUE_FICHES, entete, col=col)
    for i, c in enumerate(L.T_HISTORIQUE_FICHES.colonnes):
        ws.column_dimensions[get_column_letter(col + i)].width = c.largeur
