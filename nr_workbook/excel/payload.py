"""Build the payload an xlwings client (Office.js, xlwings Lite) sends for a workbook, from an .xlsx file; and the
extract the ribbon's code sends for an action that declares what it reads (`extrait`).

Used to replay a real workbook through `xw.Book(json=...)`: the ribbon actions then run on Linux without Excel,
exactly as they run against a workbook open in Excel (tests and benchmarks). Values are the file's cached results
(recalculate the file with LibreOffice first for live formulas).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from nr_workbook.classeur.reader.extrait import FORMAT_EXTRAIT, Lecture, marque

_DATE0 = dt.datetime(1899, 12, 30)


def _valeur(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return (v - _DATE0).total_seconds() / 86400  # Excel serial, as Office.js sends dates
    if isinstance(v, dt.date):
        return (dt.datetime(v.year, v.month, v.day) - _DATE0).days
    return v


def charge_utile(chemin: Path, version: str = "") -> dict[str, Any]:
    wb = load_workbook(chemin, data_only=True)
    feuilles = []
    for ws in wb.worksheets:
        nb_l, nb_c = max(ws.max_row, 1), max(ws.max_column, 1)
        valeurs = [[_valeur(c.value) for c in ligne] for ligne in ws.iter_rows(min_row=1, max_row=nb_l,
                                                                               max_col=nb_c)]
        tables = []
        for t in ws.tables.values():
            a, b = t.ref.split(":")
            premiere_donnee = f"{''.join(x for x in a if x.isalpha())}{int(''.join(x for x in a if x.isdigit())) + 1}"
            fin_entete = f"{''.join(x for x in b if x.isalpha())}{''.join(x for x in a if x.isdigit())}"
            tables.append({"name": t.displayName, "range_address": t.ref, "header_row_range_address":
                           f"{a}:{fin_entete}", "data_body_range_address": f"{premiere_donnee}:{b}",
                           "total_row_range_address": None, "show_headers": True, "show_totals": False,
                           "table_style": "TableStyleLight9", "show_autofilter": True})
        feuilles.append({"name": ws.title, "values": valeurs, "pictures": [], "tables": tables,
                         "used_range_address": f"A1:{get_column_letter(nb_c)}{nb_l}",
                         "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
                         "show_gridlines": True, "pivot_tables": []})
    noms = []
    for nom, dn in wb.defined_names.items():
        noms += [_nom(wb, nom, dn, None)]
    for i, ws in enumerate(wb.worksheets):
        for nom, dn in ws.defined_names.items():
            noms += [_nom(wb, nom, dn, (i, ws.title))]
    return {"client": "Office.js", "version": version, "book": {"name": chemin.name, "active_sheet_index": 0,
            "selection": "A1"}, "names": [n for n in noms if n], "sheets": feuilles}


def _nom(wb, nom: str, dn, portee: tuple[int, str] | None) -> dict[str, Any] | None:
    dest = list(dn.destinations)
    if len(dest) != 1:
        return None
    feuille, adresse = dest[0]
    titre = "'" + feuille.replace("'", "''") + "'" if not feuille.isalnum() else feuille
    return {
        "name": f"{_quote(portee[1])}!{nom}" if portee else nom,
        "sheet_index": wb.sheetnames.index(feuille), "address": adresse.replace("$", ""),
        "book_scope": portee is None, "scope_sheet_name": portee[1] if portee else None,
        "scope_sheet_index": portee[0] if portee else None, "refers_to": f"={titre}!{adresse}",
    }


def _quote(feuille: str) -> str:
    return feuille if feuille.isalnum() else "'" + feuille.replace("'", "''") + "'"


def _sans_lignes_vides_finales(valeurs: list[list[Any]]) -> list[list[Any]]:
    """A table's values without its empty rows at the end (`nrSansLignesVidesFinales`)."""
    n = len(valeurs)
    while n > 1 and all(v in ("", None) for v in valeurs[n - 1]):
        n -= 1
    return valeurs[:n]


def _sans_textes(valeurs: list[list[Any]], omis: tuple[str, ...]) -> list[list[Any]]:
    """The columns whose text is not read, each cell marked filled or empty (`nrSansTextes`)."""
    if not omis or not valeurs:
        return valeurs
    indices = {j for j, h in enumerate(valeurs[0]) if h in omis}
    return [valeurs[0]] + [[marque(v) if j in indices else v for j, v in enumerate(ligne)] for ligne in valeurs[1:]]


def extrait(chemin: Path, lecture: Lecture) -> dict[str, Any]:
    """The extract the ribbon's code sends for an action that declares what it reads (`nrExtrait` in
    serveur_commandes.js): the declared names' cells, the declared tables with their header row (without their
    empty rows at the end), the declared sheet-scoped names' cells, each with its sheet's position and address."""
    wb = load_workbook(chemin, data_only=True)
    titres = wb.sheetnames

    def cellule(nom: str, dn) -> dict[str, Any] | None:  # noqa: ANN001
        dest = list(dn.destinations)
        if len(dest) != 1 or dest[0][0] not in titres:
            return None
        feuille, adresse = dest[0]
        premiere = adresse.replace("$", "").split(":")[0]
        return {"nom": nom, "feuille": titres.index(feuille), "adresse": adresse.replace("$", ""),
                "valeur": _valeur(wb[feuille][premiere].value)}

    voulus = set(lecture.noms)
    noms = [cellule(nom, dn) for nom, dn in wb.defined_names.items() if nom in voulus]
    locaux = [cellule(nom, dn) for ws in wb.worksheets for nom, dn in ws.defined_names.items()
              if nom in lecture.noms_locaux]
    tables = [{"nom": t.displayName, "feuille": i, "adresse": t.ref,
               "valeurs": _sans_lignes_vides_finales(_sans_textes([[_valeur(c.value) for c in ligne]
                                                                   for ligne in ws[t.ref]],
                                                                  lecture.textes_omis.get(t.displayName, ())))}
              for i, ws in enumerate(wb.worksheets) for t in ws.tables.values() if lecture.couvre(t.displayName)]
    return {"client": "Office.js", "nr_extrait": FORMAT_EXTRAIT, "classeur": chemin.name, "feuilles": titres,
            "noms": [n for n in noms if n], "noms_locaux": [n for n in locaux if n], "tables": tables}
