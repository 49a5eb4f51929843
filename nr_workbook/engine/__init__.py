"""The Python engine: every output of the contract computed from a workbook's input data, with the same rules as the
workbook's formulas. Pure computation over `Donnees` (pandas): no openpyxl, no xlwings, no file.

Rooms: `donnees` (the input, and how a cell is taken), `inventaire`, `maturite`, `prerequis`, `priorisation`
(step 4.1), `feuille_de_route` (steps 4.2–4.3), `sorties` (every output, in the layout's order).
Scripts may use this face: `from nr_workbook.engine import Donnees, indicateurs`.
"""

from nr_workbook.engine.donnees import Donnees
from nr_workbook.engine.inventaire import detail_par_categorie
from nr_workbook.engine.sorties import indicateurs

__all__ = ["Donnees", "detail_par_categorie", "indicateurs"]
