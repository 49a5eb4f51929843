"""Workbook writer (openpyxl): one module per sheet, all placed from `nr_workbook.contract.layout`."""

from nr_workbook.classeur.writer.workbook import construire, enregistrer

__all__ = ["construire", "enregistrer"]
