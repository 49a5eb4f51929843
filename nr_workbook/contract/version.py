"""Version of the generated workbooks' template (NR_VERSION_MODELE).

Bump it whenever the contract, the layout or the reference data change: readers compare it to decide whether a
file needs a migration (see docs/architecture.md).
"""

VERSION_MODELE = "1.3.0"
