"""Template 1.3.0 → 1.4.0: files Excel opens without repair, whatever the number of fiches.

Every 1.3.0 input keeps its name, its table and its columns. What changes is computed: the budget per year
(T_BUDGET_ANNUEL) adds up each fiche's subtotals, one row per fiche and per year in the new table T_BUDGET_FICHES
(Pilotage), instead of one formula over every fiche, which grew past Excel's 8,192 characters from the 28th fiche;
the indicators' drop-down list of the history (T_HISTORIQUE) is the range L_INDICATEURS of the Listes sheet, not a
typed list over Excel's 255 characters; without a reference year, the budget's years and the planning's months are
empty rather than taken from the volatile TODAY().
"""

from __future__ import annotations

from typing import Any


def appliquer(saisies: Any, journal: list[str]) -> None:
    journal.append("  Pilotage : budget de chaque fiche par année (T_BUDGET_FICHES), additionné par le budget par "
                   "année, quel que soit le nombre de fiches.")
    journal.append("  Suivi : liste des indicateurs de l'historique tirée de la feuille Listes (L_INDICATEURS).")
