"""xlwings Lite plugin (and xlwings Server module): registers the spreadsheet functions of nr_workbook.

Add `nr_workbook` to the workbook's requirements.txt in xlwings Lite: its custom functions (=NR_PUE(…), …) are
registered when the add-in loads. Only what runs in Pyodide is imported here (no python-calamine, typer or rich).
"""

from __future__ import annotations

from pathlib import Path

import xlwings as xw

try:  # xlwings Lite / Server decorators (the classic ones are no-ops outside Windows and macOS)
    from xlwings.server import arg, func, script
except ImportError:  # pragma: no cover - very old xlwings
    from xlwings import arg, func, script

from nr_workbook.excel import actions
from nr_workbook.excel.fonctions import FONCTIONS, face

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


def _script(action: actions.ActionRuban):
    def executer(book: xw.Book):
        resultat = action.executer(book)
        if isinstance(resultat, list) and resultat and all(isinstance(p, Path) for p in resultat):
            book.nr_fichiers = resultat  # files the action produced: the server offers them for download

    executer.__name__ = executer.__qualname__ = action.fonction
    executer.__doc__ = action.aide
    executer.__annotations__ = {"book": xw.Book}  # the runtime injects the workbook by this type
    return script(name=action.libelle)(executer)


for _a in actions.ACTIONS_RUBAN:
    globals()[_a.fonction] = _script(_a)
