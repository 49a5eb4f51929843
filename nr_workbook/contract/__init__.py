"""The workbook's public contract: sheets, tables, defined names and their meanings (`layout`, gathered from one
module per sheet), the template version, the files exchanged (`collectivite`), the anomaly model and the French
display of values. What other programs rely on; see docs/contrat-classeur.md.
"""
