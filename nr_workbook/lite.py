"""xlwings Lite plugin (and xlwings Server module): registers the spreadsheet functions of nr_workbook.

Add `nr_workbook` to the workbook's requirements.txt in xlwings Lite: its custom functions (=NR_PUE(…), …) are
registered when the add-in loads. Only what runs in Pyodide is imported here (no python-calamine, typer or rich).
"""

from __future__ import annotations

import xlwings as xw

try:  # xlwings Lite / Server decorators (the classic ones are no-ops outside Windows and macOS)
    from xlwings.server import arg, func, script
except ImportError:  # pragma: no cover - very old xlwings
    from xlwings import arg, func, script

from nr_workbook import actions
from nr_workbook.fonctions import FONCTIONS, face

__xlwings_func_namespace__ = ""


def _lite(f):
    fonction = face(f)
    aides = dict(f.parametres)
    for nom in dict.fromkeys((*f.plages, *aides)):
        options = {"ndim": 2} if nom in f.plages else {}
        fonction = arg(nom, doc=aides.get(nom, ""), **options)(fonction)
    return func(fonction)


for _f in FONCTIONS:
    globals()[_f.nom] = _lite(_f)


@script(name="Recalculer")
def nr_recalculer(book: xw.Book):
    """Recalcule tous les indicateurs avec le moteur Python et signale tout écart avec les formules."""
    actions.recalculer(book)


@script(name="Contrôler")
def nr_controler(book: xw.Book):
    """Contrôle le classeur et écrit le rapport dans la feuille « Contrôle »."""
    actions.controler(book)


@script(name="Générer les fiches actions")
def nr_generer_fiches(book: xw.Book):
    """Ajoute une fiche action par levier retenu (les fiches existantes ne sont pas modifiées)."""
    actions.generer_fiches(book)


@script(name="Générer la feuille de route")
def nr_feuille_de_route(book: xw.Book):
    """Crée les fiches manquantes, met à jour le budget par année et contrôle les totaux."""
    actions.feuille_de_route(book)


@script(name="Exporter le dossier COPIL")
def nr_exporter_copil(book: xw.Book):
    """Produit le diaporama et la synthèse PDF du comité de pilotage."""
    chemins = actions.exporter_copil(book)
    book.sheets[0].range("A3").value = "Dossier COPIL : " + " ; ".join(str(c) for c in chemins)
