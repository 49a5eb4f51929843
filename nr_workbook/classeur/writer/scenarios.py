"""Scénarios: what the plan would change, in numbers — keeping the devices longer and a better PUE, their yearly
gains in kgCO2e, tonnes of waste, kWh and euros, against the fleet's footprint today (with a chart)."""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.formulas import scenarios as FS
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.classeur.writer.indicateurs import ecrire_sortie
from nr_workbook.contract import layout as L

_LARGEURS = {"A": 46, "B": 16, "C": 14, "D": 80}
_ENTETES = ("Gain par an", "Valeur", "Unité", "Calcul")


def ecrire_scenarios(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    ref = referentiel.load()
    note = ("Ce que la feuille de route changerait, chiffré avec l'inventaire, le référentiel et les salles "
            "serveurs de ce classeur. Changez les hypothèses (cellules « À saisir ») : les gains se recalculent "
            "aussitôt.")
    C.titre(ws, "Scénarios : les gains de la feuille de route", note, "A2:D3")
    ws.row_dimensions[2].height = 32

    C.section(ws, 5, "1. Hypothèses", 4)
    entrees = {n.nom: n for n in L.ENTREES_SCENARIOS}
    prix = ref.parametres.prix_elec_eur_kwh
    source = ref.sources[prix.source]
    valeurs = {"NR_CIBLE_ALLONGEMENT_ANS": L.ALLONGEMENT_DEFAUT, "NR_CIBLE_PUE": None,
               "NR_PRIX_ELEC_EUR_KWH": prix.valeur}
    aides = {
        "NR_CIBLE_ALLONGEMENT_ANS": "Années d'usage en plus pour chaque équipement en service (levier « Allonger "
                                    "la durée d'usage »).",
        "NR_CIBLE_PUE": "Vide : pas de scénario. Un PUE de 1,3 à 1,5 est à la portée d'une salle bien refroidie.",
        "NR_PRIX_ELEC_EUR_KWH": f"Source : {source.titre} ({source.annee}). {prix.commentaire}",
    }
    for r, nom in enumerate(entrees, start=6):
        C.champ(ws, r, entrees[nom], valeurs[nom], aide=aides[nom])
        C.fusionner(ws, f"C{r}:D{r}")
        ws.row_dimensions[r].height = 30
    ws["A9"] = "PUE actuel appliqué à l'empreinte"
    ws["A9"].style = S.LIBELLE
    ws["B9"] = '=IF(ISNUMBER(NR_PUE),NR_PUE,IF(ISNUMBER(NR_PUE_DEFAUT),NR_PUE_DEFAUT,1.75))'
    ws["B9"].style = S.resultat(wb, L.F_DECIMAL2)
    ws["C9"] = '=IF(ISNUMBER(NR_PUE),"mesuré (Salles serveurs)","par défaut (Référentiel)")'
    ws["C9"].style = S.NOTE

    C.section(ws, 11, "2. Gains par an", 4)
    for i, h in enumerate(_ENTETES, start=1):
        ws.cell(12, i, h).style = S.entete(wb)
    formules = F.sorties()
    ligne = 12
    for nom in L.SORTIES_SCENARIOS:
        ligne += 1
        ecrire_sortie(ws, ligne, nom, formules[nom.nom])

    ligne += 2
    C.section(ws, ligne, "3. Empreinte carbone annuelle du parc, avant et après les scénarios", 4)
    haut = ligne + 1
    ws.cell(haut, 1, "Empreinte").style = S.entete(wb)
    ws.cell(haut, 2, "kgCO2e/an").style = S.entete(wb)
    lignes = (("Aujourd'hui", '=IF(ISNUMBER(NR_EMPREINTE_TOTALE_KGCO2E_AN),NR_EMPREINTE_TOTALE_KGCO2E_AN,"")'),
              ("Avec les scénarios", '=IF(ISNUMBER(NR_EMPREINTE_TOTALE_KGCO2E_AN),NR_EMPREINTE_TOTALE_KGCO2E_AN'
                                     '-N(NR_GAIN_TOTAL_KGCO2E_AN),"")'))
    for k, (libelle, formule) in enumerate(lignes, start=1):
        ws.cell(haut + k, 1, libelle).style = S.LIBELLE
        ws.cell(haut + k, 2, formule).style = S.resultat(wb, L.F_ENTIER)
    graphique = BarChart()
    graphique.type = "col"
    graphique.title = "Empreinte carbone annuelle du parc (kgCO2e/an)"
    graphique.y_axis.scaling.min = 0
    graphique.y_axis.delete = graphique.x_axis.delete = False
    graphique.legend = None
    graphique.series.append(Series(Reference(ws, min_col=2, min_row=haut + 1, max_row=haut + 2), title="kgCO2e/an"))
    graphique.set_categories(Reference(ws, min_col=1, min_row=haut + 1, max_row=haut + 2))
    graphique.height, graphique.width = 8, 14
    C.graphique(ws, graphique, f"D{haut}", "Histogramme de l'empreinte carbone annuelle du parc aujourd'hui et avec "
                "les scénarios de la feuille (kgCO2e par an).")

    _trajectoire(ws, haut + 20)
    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"
    C.impression(ws, paysage=True)
    C.proteger(ws)


def _trajectoire(ws: Worksheet, ligne: int) -> None:
    """Section 4: the footprint year by year over the roadmap's horizon, without and with the plan, and its chart."""
    wb = ws.parent
    C.section(ws, ligne, f"4. Trajectoire sur {L.ANNEES_TRAJECTOIRE} ans : empreinte sans et avec le plan", 4)
    ws.cell(ligne + 1, 1, "Chaque gain compte à partir de l'année de début de la première fiche action retenue dont "
                          "le levier l'apporte (colonne « Scénario » de la feuille Leviers).").style = S.NOTE
    C.fusionner(ws, start_row=ligne + 1, start_column=1, end_row=ligne + 1, end_column=4)
    debuts = {}
    for i, (scenario, libelle) in enumerate((("Allongement", "Début de l'allongement dans le plan"),
                                             ("PUE", "Début du PUE visé dans le plan")), start=2):
        r = ligne + i
        ws.cell(r, 1, libelle).style = S.LIBELLE
        C.ecrire_formule(ws, f"B{r}", F.Formule(FS.debut_scenario(scenario)))
        ws[f"B{r}"].style = S.resultat(wb, L.F_ANNEE)
        ws.cell(r, 3, "Vide : aucune fiche action retenue et datée n'apporte ce gain.").style = S.NOTE
        C.fusionner(ws, f"C{r}:D{r}")
        debuts[scenario] = f"$B${r}"
    t = L.T_TRAJECTOIRE
    entete = ligne + 5
    premiere, derniere = C.table(ws, t, entete, vides=L.ANNEES_TRAJECTOIRE)
    lettres = {h: C.lettre(t, h) for h in t.entetes}
    for k in range(L.ANNEES_TRAJECTOIRE):
        r = premiere + k
        cellules = {h: f"{lettres[h]}{r}" for h in t.entetes}
        for h in t.entetes:
            C.ecrire_formule(ws, cellules[h], FS.trajectoire(h, k, cellules, debuts))
            ws[cellules[h]].style = S.calcul(wb, t.colonne(h).format)
    graphique = LineChart()
    graphique.title = "Empreinte carbone annuelle du parc, sans et avec le plan (kgCO2e)"
    graphique.y_axis.title = "kgCO2e/an"
    graphique.y_axis.scaling.min = 0
    graphique.y_axis.delete = graphique.x_axis.delete = False
    for h in ("Sans le plan (kgCO2e)", "Avec le plan (kgCO2e)"):
        col = t.entetes.index(h) + 1
        graphique.add_data(Reference(ws, min_col=col, min_row=entete, max_row=derniere), titles_from_data=True)
    graphique.set_categories(Reference(ws, min_col=1, min_row=premiere, max_row=derniere))
    # the two lines differ by more than their colour: markers of two shapes, one line dashed
    for serie, (symbole, tirets) in zip(graphique.series, (("circle", "dash"), ("triangle", None)), strict=True):
        serie.marker.symbol, serie.marker.size = symbole, 7
        serie.graphicalProperties.line.width = 28575
        if tirets:
            serie.graphicalProperties.line.dashStyle = tirets
    graphique.height, graphique.width = 8, 18
    C.graphique(ws, graphique, f"A{derniere + 2}", "Courbes de l'empreinte carbone annuelle du parc année par année, "
                "sans le plan (tirets, ronds) et avec le plan (trait plein, triangles), en kgCO2e.")
