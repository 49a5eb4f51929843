"""Version of the generated workbooks' template (NR_VERSION_MODELE).

Bump it whenever the contract, the layout or the reference data change: readers compare it to decide whether a
file needs a migration (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt

VERSION_MODELE = "1.6.0"
# Release date of this template version: the date written in the files we produce, unless SOURCE_DATE_EPOCH is set
# (reproducible builds: the same inputs give the same bytes).
DATE_MODELE = dt.date(2026, 12, 7)
