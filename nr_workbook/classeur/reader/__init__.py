"""The one reader: a workbook read through the contract (names and tables, never cell addresses).

`base.LecteurBase` reads over sheet grids from either source: `fichier.Lecteur` (an .xlsx file: XML parts and
python-calamine) or `livre.LecteurLivre` (a book open in Excel, through the xlwings Book API); `structure` holds where
names and tables sit. Nothing is imported here, so that an open book is read without python-calamine (Pyodide).
"""
