"""nr_workbook: the ANCT "numérique responsable" toolbox as live Excel workbooks, with its Python engine."""

__version__ = "0.1.0"

# Version of the generated workbooks' template (NR_VERSION_MODELE). Bump it when the contract, the layout or the
# reference data change; readers compare it to decide whether a file needs a migration.
VERSION_MODELE = "1.1.0"
