"""nr_workbook: the ANCT "numérique responsable" toolbox as live Excel workbooks, with its Python engine.

The package is layered, lowest first: referentiel, contract, engine, classeur, echanges, copil and mutualisation,
excel, cli (see docs/architecture.md).
"""

from nr_workbook.contract.version import VERSION_MODELE

__version__ = "0.1.0"
__all__ = ["VERSION_MODELE", "__version__"]
