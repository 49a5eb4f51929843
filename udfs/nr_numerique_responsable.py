"""Entry point of the classic add-in's ribbon button (xlwings' template calls `<add-in name>.main()`).

The template offers one VBA callback for every button, without the button's id: the action follows the active
sheet instead (see udfs/ruban/customUI.xml).
"""

from __future__ import annotations

import xlwings as xw

from nr_workbook import actions
from nr_workbook import layout as L

ACTIONS = {
    L.INDICATEURS: ("Recalculer", actions.recalculer),
    L.LEVIERS: ("Générer les fiches actions", actions.generer_fiches),
    L.MATRICE: ("Générer les fiches actions", actions.generer_fiches),
    L.FEUILLE_DE_ROUTE: ("Générer la feuille de route", actions.feuille_de_route),
    L.PILOTAGE: ("Exporter le dossier COPIL", actions.exporter_copil),
}


def action_pour(feuille: str):
    """(label, function) of the action for the active sheet; « Contrôler » by default."""
    return ACTIONS.get(feuille, ("Contrôler", actions.controler))


def main() -> None:  # pragma: no cover - needs Excel
    book = xw.Book.caller()
    libelle, action = action_pour(book.sheets.active.name)
    action(book)
    book.app.status_bar = f"Numérique responsable : « {libelle} » terminé."
