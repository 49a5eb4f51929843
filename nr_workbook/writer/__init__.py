"""Workbook writer (openpyxl): one module per sheet, all placed from `nr_workbook.layout`."""

from nr_workbook.writer.workbook import construire, enregistrer

__all__ = ["construire", "enregistrer"]
