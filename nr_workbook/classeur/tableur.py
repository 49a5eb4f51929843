"""Rows of any spreadsheet file another tool exported (xlsx, xlsm, xls, ods), for the importers of `echanges/`.

python-calamine reads the first sheet that holds data, row by row; the size guards run first. Values come as the
file stores them: text, numbers, dates, booleans ("" for an empty cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import python_calamine as pc

from nr_workbook.classeur.garde import Limites, verifier_classeur, verifier_lignes
from nr_workbook.contract.anomalies import FichierInvalide

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")


def lignes(chemin: Path, limites: Limites) -> Iterator[list[Any]]:
    """The rows of the first non-empty sheet, each a list of cell values (trailing empty cells kept)."""
    verifier_classeur(chemin, limites)
    try:
        classeur = pc.CalamineWorkbook.from_path(str(chemin))
    except pc.PasswordError as e:
        raise FichierInvalide(f"{chemin.name} est protégé par un mot de passe.") from e
    except Exception as e:  # calamine raises several error types for broken files
        raise FichierInvalide(f"{chemin.name} n'a pas pu être lu comme un classeur ({e}).") from e
    for nom in classeur.sheet_names:
        feuille = classeur.get_sheet_by_name(nom)
        if feuille.height == 0:
            continue
        for n, ligne in enumerate(feuille.iter_rows(), start=1):
            verifier_lignes(chemin.name, n, limites)
            yield list(ligne)
        return
