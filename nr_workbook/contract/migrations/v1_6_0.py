"""Template 1.5.0 → 1.6.0: the footprint and the plan's gain in everyday equivalents, for the élus.

Every 1.5.0 input keeps its name, its table and its columns. New: the table of equivalents on the Référentiel sheet
(T_EQUIVALENCES: kgCO2e per everyday item and the size band it speaks for, from ADEME's Impact CO2, pre-filled and
editable) and, on the Indicateurs sheet, the footprint and the scenarios' yearly gain in three equivalents each
(NR_EQUIVALENT_EMPREINTE_1…3, NR_EQUIVALENT_GAIN_1…3 and their words, …_OBJET).
"""

from __future__ import annotations

from typing import Any


def appliquer(saisies: Any, journal: list[str]) -> None:
    journal.append("  Indicateurs : l'empreinte et le gain annuel du plan en équivalents parlants (ADEME Impact CO2), "
                   "avec leur mise en garde ; table des équivalents modifiable sur la feuille Référentiel.")
