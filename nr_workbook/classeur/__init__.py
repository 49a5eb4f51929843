"""Workbook I/O: the openpyxl writer, the formulas it writes, the one reader, recalculation by LibreOffice, filling
and checking a workbook, adding fiches actions to a user's file, the filled example.

Built on the engine and the contract; knows nothing of other tools' formats (echanges/) nor of Excel's faces (excel/).
"""
