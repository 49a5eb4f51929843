"""Template 1.1.0 → 1.2.0: the Suivi sheet (each indicator, score and fiche against the previous year, six years of
the key indicators) with its history tables, and the progress of each fiche (share of its actions done) in
T_FICHES.

Every 1.1.0 input keeps its name, its table and its columns; the history starts empty (`nouvelle-annee` fills it).
"""

from __future__ import annotations

from typing import Any


def appliquer(saisies: Any, journal: list[str]) -> None:
    journal.append("  Suivi : nouvelle feuille comparant l'année N à l'année N-1 ; historique vide, complété chaque "
                   "année par « nr-workbook nouvelle-annee ».")
    journal.append("  Feuille de route : colonne « Avancement » (part des actions faites de chaque fiche).")
