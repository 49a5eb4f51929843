"""Entry point of the classic add-in's ribbon button (xlwings' template runs `import <add-in name>;
<add-in name>.main()`, so this module bears the add-in's file name; the .xlam puts this folder on PYTHONPATH).

The template offers one VBA callback for every button, without the button's id: the action follows the active
sheet instead (see customUI.xml beside this file). Everything else comes from the installed nr_workbook package.
"""

from __future__ import annotations

import xlwings as xw

from nr_workbook.contract import layout as L
from nr_workbook.excel import actions

_PAR_FEUILLE = {
    L.INDICATEURS: "nr_recalculer",
    L.LEVIERS: "nr_generer_fiches",
    L.MATRICE: "nr_generer_fiches",
    L.FEUILLE_DE_ROUTE: "nr_feuille_de_route",
    L.PILOTAGE: "nr_exporter_copil",
}
_ACTIONS = {a.fonction: a for a in actions.ACTIONS_RUBAN}


def action_pour(feuille: str):
    """(label, function) of the action for the active sheet; « Contrôler » by default."""
    a = _ACTIONS[_PAR_FEUILLE.get(feuille, "nr_controler")]
    return a.libelle, a.executer


def main() -> None:  # pragma: no cover - needs Excel
    book = xw.Book.caller()
    libelle, action = action_pour(book.sheets.active.name)
    action(book)
    book.app.status_bar = f"Numérique responsable : « {libelle} » terminé."
