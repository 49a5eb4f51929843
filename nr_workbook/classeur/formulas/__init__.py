"""The workbook's Excel formulas: the live face of `engine/`, tied to it by the LibreOffice tests.

One module per part of the method: `blocs` (the Formule type and the row-wise building blocks over the contract's
tables), `sorties` (every output name, the per-category breakdown), `leviers` (step 4.1), `fiches` (steps 4.2–4.3),
`scenarios` (the Scénarios sheet), `suivi` (the Suivi sheet). The writers use them as `F.…` through this package.

Conventions: single-cell array formulas (CSE) over whole table columns, so that rows added to a table are counted
with no formula to copy; only functions of Excel 2007 (no LET, FILTER, XLOOKUP, no dynamic array); "" rather than
an error value where the inputs do not allow a result.
"""

from nr_workbook.classeur.formulas.blocs import Formule
from nr_workbook.classeur.formulas.fiches import (
    annee_budget,
    budget_annuel,
    budget_fiche,
    budget_fiche_annee,
    fiche_ligne,
)
from nr_workbook.classeur.formulas.leviers import (
    NON_EVALUE,
    SUGGESTIONS,
    gain_entree,
    gain_fiche,
    gain_levier,
    levier_ligne,
    quadrant_compte,
    quadrant_entree,
    retenus_dimension,
)
from nr_workbook.classeur.formulas.obligations import controle_siret
from nr_workbook.classeur.formulas.sorties import detail, nb_questions, nb_repondues, sorties, valeur_reference

__all__ = [
    "NON_EVALUE", "SUGGESTIONS", "Formule", "annee_budget", "budget_annuel", "budget_fiche", "budget_fiche_annee",
    "controle_siret", "detail", "fiche_ligne", "gain_entree", "gain_fiche", "gain_levier", "levier_ligne",
    "nb_questions", "nb_repondues", "quadrant_compte", "quadrant_entree", "retenus_dimension", "sorties",
    "valeur_reference",
]
