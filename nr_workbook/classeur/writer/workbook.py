"""Assemble a diagnostic workbook from a context (path, collectivité, inventory) and save it."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.accueil import ecrire_accueil
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.classeur.writer.detail import ecrire_detail
from nr_workbook.classeur.writer.feuille_de_route import ecrire_feuille_de_route
from nr_workbook.classeur.writer.indicateurs import ecrire_indicateurs
from nr_workbook.classeur.writer.leviers import ecrire_leviers, ecrire_matrice
from nr_workbook.classeur.writer.maturite import ecrire_cotation, ecrire_entretien
from nr_workbook.classeur.writer.obligations import ecrire_achats, ecrire_reforme
from nr_workbook.classeur.writer.pilotage import ecrire_pilotage
from nr_workbook.classeur.writer.prerequis import ecrire_prerequis
from nr_workbook.classeur.writer.referentiel import ecrire_listes, ecrire_referentiel, ecrire_xlwings_conf
from nr_workbook.classeur.writer.saisie import ecrire_deee, ecrire_inventaire, ecrire_salles
from nr_workbook.classeur.writer.scenarios import ecrire_scenarios
from nr_workbook.classeur.writer.suivi import ecrire_suivi
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import ENTETES_FEUILLE, ligne_feuille
from nr_workbook.contract.version import VERSION_MODELE

# Order of writing: lists and reference first (names used by validations), then the rest.
_ECRIVAINS = {
    L.LISTES: ecrire_listes,
    L.REFERENTIEL: ecrire_referentiel,
    L.ACCUEIL: ecrire_accueil,
    L.PREREQUIS: ecrire_prerequis,
    L.INVENTAIRE: ecrire_inventaire,
    L.SALLES: ecrire_salles,
    L.DEEE: ecrire_deee,
    L.REFORME: ecrire_reforme,
    L.ACHATS: ecrire_achats,
    L.ENTRETIEN: ecrire_entretien,
    L.COTATION: ecrire_cotation,
    L.INDICATEURS: ecrire_indicateurs,
    L.DETAIL: ecrire_detail,
    L.LEVIERS: ecrire_leviers,
    L.MATRICE: ecrire_matrice,
    L.SCENARIOS: ecrire_scenarios,
    L.FEUILLE_DE_ROUTE: ecrire_feuille_de_route,
    L.PILOTAGE: ecrire_pilotage,
    L.SUIVI: ecrire_suivi,
    L.XLWINGS_CONF: ecrire_xlwings_conf,
}


def construire(ctx: Contexte) -> Workbook:
    wb = Workbook()
    S.installer(wb)
    feuilles = {titre: wb.create_sheet(titre) for titre in L.FEUILLES}
    wb.remove(wb.worksheets[0])
    for titre, ecrire in _ECRIVAINS.items():
        ecrire(feuilles[titre], ctx)
    if ctx.anomalies:
        ecrire_anomalies(wb.create_sheet(L.ANOMALIES), ctx.anomalies)
    wb.active = 0
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    nom = ctx.collectivite.nom if ctx.collectivite and ctx.collectivite.nom else ""
    wb.properties.title = "Stratégie numérique responsable – diagnostic" + (f" – {nom}" if nom else "")
    wb.properties.creator = "nr_workbook"
    wb.properties.keywords = f"nr_workbook; modèle {VERSION_MODELE}; parcours {ctx.parcours}"
    return wb


def ecrire_anomalies(ws: Worksheet, anomalies: list, sous_titre: str = "") -> None:
    """The Anomalies sheet: one row per anomaly of an import, with its place (file, line, column)."""
    wb = ws.parent
    ws["A1"] = f"Anomalies de l'import ({len(anomalies)})"
    ws["A1"].style = S.TITRE
    ws["A2"] = sous_titre or ("Lignes rejetées ou valeurs ignorées lors de la génération ; corrigez la source puis "
                              "régénérez.")
    ws["A2"].style = S.NOTE
    for i, h in enumerate(ENTETES_FEUILLE, start=1):
        ws.cell(4, i, h).style = S.entete(wb)
    for r, a in enumerate(anomalies, start=5):
        for i, v in enumerate(ligne_feuille(a), start=1):
            C.ecrire(ws.cell(r, i), v)
    for col, w in zip("ABCDEFGHI", (13, 36, 24, 7, 20, 14, 9, 20, 80), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:I{4 + len(anomalies)}"
    C.impression(ws, paysage=True, titres="4:4")


def enregistrer(wb: Workbook, chemin: Path) -> None:
    """Save with every formula's value, French properties, reproducible bytes (`classeur/enregistrement.py`)."""
    from nr_workbook.classeur.enregistrement import enregistrer as finir

    finir(wb, chemin)
