"""Classic xlwings add-in: the spreadsheet functions of nr_workbook (Windows/macOS, local Python).

The .xlam built by `nr-workbook addin installer` sets UDF_MODULES to `nr_udfs` and PYTHONPATH to this folder of the
installed package; click « Import Functions ». Every function is generated from
`nr_workbook.excel.fonctions.FONCTIONS`: nothing is declared twice.
"""

from __future__ import annotations

import xlwings as xw

from nr_workbook.excel.fonctions import FONCTIONS, face


def _classique(f):
    fonction = face(f)
    aides = dict(f.parametres)
    for nom in dict.fromkeys((*f.plages, *aides)):
        options = {"ndim": 2} if nom in f.plages else {}
        fonction = xw.arg(nom, doc=aides.get(nom, ""), **options)(fonction)
    return xw.func(category="Numérique responsable")(fonction)


for _f in FONCTIONS:
    globals()[_f.nom] = _classique(_f)
