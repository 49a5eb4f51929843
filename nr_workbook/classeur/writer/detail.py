"""Parc par catégorie: the inventory broken down by category of the Référentiel (table T_DETAIL) and a chart."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_LIGNE_TABLE = 4


def ecrire_detail(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_DETAIL
    nb_equipements = len(referentiel.load().equipements)
    n = nb_equipements + L.T_REFERENTIEL.lignes_vides  # one row per cell of L_CATEGORIES
    note = ("Répartition calculée en direct à partir de l'inventaire et des valeurs du Référentiel ; les "
            "catégories ajoutées dans les lignes libres du Référentiel apparaissent ici.")
    C.titre(ws, "Parc en service par catégorie", note, "A2:H2")
    lettres = {h: C.lettre(t, h) for h in t.entetes}
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE, vides=n)
    for i, r in enumerate(range(premiere, derniere + 1), start=1):
        for h in t.entetes:
            C.ecrire_formule(ws, f"{lettres[h]}{r}", F.detail(h, r, i, lettres))
    graphique = BarChart()
    graphique.type = "bar"
    graphique.grouping = "stacked"
    graphique.overlap = 100
    graphique.title = "Empreinte carbone annuelle par catégorie (kgCO2e/an)"
    graphique.y_axis.title = "kgCO2e/an"
    graphique.y_axis.delete = False
    graphique.x_axis.delete = False
    graphique.x_axis.scaling.orientation = "maxMin"
    col = t.entetes.index("Fabrication (kgCO2e/an)") + 1
    graphique.add_data(Reference(ws, min_col=col, max_col=col + 1, min_row=_LIGNE_TABLE,
                                 max_row=premiere + nb_equipements - 1), titles_from_data=True)
    graphique.set_categories(Reference(ws, min_col=1, min_row=premiere, max_row=premiere + nb_equipements - 1))
    graphique.x_axis.tickLblSkip = 1
    graphique.y_axis.numFmt = "#,##0"
    graphique.y_axis.majorGridlines = None
    graphique.gapWidth = 40
    graphique.legend.position = "b"
    graphique.height, graphique.width = 15, 24
    C.graphique(ws, graphique, f"A{derniere + 3}", "Barres empilées de l'empreinte carbone annuelle de chaque "
                "catégorie d'équipement en service : fabrication puis usage, en kgCO2e par an.")
    ws.freeze_panes = f"B{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")
    C.proteger(ws)
