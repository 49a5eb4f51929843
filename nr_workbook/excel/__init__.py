"""Excel's faces of the engine: the spreadsheet functions (`fonctions`, one registry) and the ribbon actions
(`actions`, one registry) served three ways: the classic xlwings add-in (`addin`, with its two modules and its
ribbon in `complement/`, shipped in the wheel), xlwings Lite (`lite`) and the Office.js add-in of xlwings Server
(`serveur`); `payload` replays a workbook file as the payload those clients send. The only layer that imports
xlwings.
"""
