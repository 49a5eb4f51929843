"""Low-level helpers shared by the sheet writers: safe values, validations, named cells, tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.table import Table as XlTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur.conformite import regles as LIM
from nr_workbook.classeur.formulas import Formule
from nr_workbook.classeur.writer import styles as S
from nr_workbook.contract import layout as L


def ecrire(cell: Cell, valeur: Any) -> None:
    """Write a value; text is always stored as text, even when it looks like a formula (=, +, -, @).

    Control characters, which xlsx cannot hold, become U+FFFD so that the rest of the text is kept; a carriage
    return becomes a line feed (XML readers turn a raw one into a line feed, LibreOffice keeps it: the file would
    read differently in each).
    """
    if isinstance(valeur, str) and "\r" in valeur:
        valeur = valeur.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(valeur, str) and ILLEGAL_CHARACTERS_RE.search(valeur):
        valeur = ILLEGAL_CHARACTERS_RE.sub("\ufffd", valeur)
    cell.value = valeur
    if isinstance(valeur, str) and valeur[:1] == "=":
        cell.data_type = "s"


def ecrire_formule(ws: Worksheet, coord: str, f: Formule) -> None:
    """Write a formula (an array formula when `f.tableau`), refusing what Excel would refuse (XlsxWriter's way: each
    limit checked where the data enters, `conformite/limites.py` checks the whole file afterwards)."""
    if len(f.texte) - 1 > LIM.FORMULE:
        raise ValueError(f"{ws.title}!{coord}: formula of {len(f.texte) - 1} characters, over Excel's {LIM.FORMULE}")
    ws[coord] = ArrayFormula(coord, f.texte) if f.tableau else f.texte


def absolu(ws: Worksheet, coord: str) -> str:
    col = "".join(c for c in coord if c.isalpha())
    row = "".join(c for c in coord if c.isdigit())
    return f"{quote_sheetname(ws.title)}!${col}${row}"


def nommer(ws: Worksheet, nom: str, coord: str) -> None:
    ws.parent.defined_names[nom] = DefinedName(nom, attr_text=absolu(ws, coord))


def nommer_plage(ws: Worksheet, nom: str, plage: str) -> None:
    a, b = plage.split(":")
    ref = f"{absolu(ws, a)}:${''.join(c for c in b if c.isalpha())}${''.join(c for c in b if c.isdigit())}"
    ws.parent.defined_names[nom] = DefinedName(nom, attr_text=ref)


PROMPTS = {"liste": "Choisissez dans la liste déroulante.", "niveau": "Choisissez un niveau dans la liste.",
           "entier": "Saisissez un nombre entier.", "decimal": "Saisissez un nombre.",
           "date": "Saisissez une date (jj/mm/aaaa).", "texte": "Texte libre."}


def invite(saisie: L.Saisie | None) -> tuple[str, str]:
    """The input message (title, text) of an input cell: « À saisir » and what it accepts."""
    return "À saisir", (saisie and saisie.aide) or PROMPTS[saisie.kind if saisie else "texte"]


def validation(saisie: L.Saisie | None) -> DataValidation:
    """A data validation with French input and error messages. Every input cell gets one, free text included: its
    input message « À saisir » names it in words (screen readers read it), not only by its fill."""
    k = saisie.kind if saisie else "texte"
    titre_erreur = "Saisie non valide"
    if k == "texte":
        dv = DataValidation(allow_blank=True)
        (dv.promptTitle, dv.prompt), dv.showInputMessage = invite(saisie), True
        return dv
    if k in ("liste", "niveau"):
        if saisie.plage:
            formula = saisie.plage
        else:
            formula = '"' + ",".join(str(v) for v in saisie.valeurs) + '"'
            if LIM.defauts_liste(formula):  # Excel repairs such a file: the list must be a named range (Listes)
                raise ValueError(f"typed list of {len(formula) - 2} characters, over Excel's {LIM.LISTE_SAISIE}")
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = saisie.aide or "Choisissez une valeur dans la liste déroulante."
    elif k in ("entier", "decimal"):
        dv = DataValidation(type="whole" if k == "entier" else "decimal", allow_blank=True)
        if saisie.maximum is None:
            dv.operator = "greaterThanOrEqual"
            dv.formula1 = str(saisie.minimum if saisie.minimum is not None else 0)
        else:
            dv.operator = "between"
            dv.formula1 = str(saisie.minimum if saisie.minimum is not None else 0)
            dv.formula2 = str(saisie.maximum)
        dv.error = saisie.aide or "Saisissez un nombre."
    elif k == "date":
        dv = DataValidation(type="date", operator="between", formula1="36526", formula2="73051", allow_blank=True)
        dv.error = saisie.aide or "Saisissez une date (jj/mm/aaaa)."
    else:
        raise ValueError(k)
    dv.errorTitle = titre_erreur
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    (dv.promptTitle, dv.prompt), dv.showInputMessage = invite(saisie), True
    return dv


def valider(ws: Worksheet, saisie: L.Saisie | None, plage: str, saisie_libre: bool = False) -> None:
    """The validation of an input range; `saisie_libre`: an input without rules still gets its input message."""
    if saisie is None and not saisie_libre:
        return
    dv = validation(saisie)
    dv.add(plage)
    ws.add_data_validation(dv)


def message(ws: Worksheet, plage: str, titre: str, texte: str) -> None:
    """An input message without a rule: what an unlocked cell is for, in words (screen readers read it)."""
    dv = DataValidation(allow_blank=True)
    dv.promptTitle, dv.prompt, dv.showInputMessage = titre[:32], texte[:255], True
    dv.add(plage)
    ws.add_data_validation(dv)


def titre(ws: Worksheet, texte: str, note: str, fusion: str) -> None:
    """A sheet's title in A1 and its explanatory note in A2, merged over `fusion` (e.g. "A2:H3")."""
    ws["A1"] = texte
    ws["A1"].style = S.TITRE
    ws["A2"] = note
    ws["A2"].style = S.NOTE
    fusionner(ws, fusion)


def section(ws: Worksheet, ligne: int, texte: str, derniere_col: int) -> None:
    for c in range(1, derniere_col + 1):
        ws.cell(ligne, c).style = S.SECTION
    ws.cell(ligne, 1, texte)
    ws.row_dimensions[ligne].height = 20


def champ(ws: Worksheet, ligne: int, nom: L.Nom, valeur: Any = None, col_libelle: int = 1,
          col_valeur: int = 2, aide: str = "") -> str:
    """A labelled named input cell; returns its coordinate."""
    wb = ws.parent
    lib = ws.cell(ligne, col_libelle, nom.libelle + (f" ({nom.unite})" if nom.unite else ""))
    lib.style = S.LIBELLE
    cell = ws.cell(ligne, col_valeur)
    ecrire(cell, valeur)
    cell.style = S.saisie(wb, nom.format)
    valider(ws, nom.saisie, cell.coordinate, saisie_libre=True)
    nommer(ws, nom.nom, cell.coordinate)
    if aide:
        ws.cell(ligne, col_valeur + 1, aide).style = S.NOTE
    return cell.coordinate


def table(
    ws: Worksheet,
    spec: L.Table,
    ligne: int,
    lignes: Sequence[Mapping[str, Any]] = (),
    col: int = 1,
    vides: int | None = None,
    formules: Mapping[str, Callable[[int], str]] | None = None,
    fixes: Sequence[str] = (),
    style: str = "TableStyleLight9",
    calcul_ouvert: bool = False,
) -> tuple[int, int]:
    """Write an Excel table: headers at `ligne`, then the rows and `vides` empty input rows.

    `formules` gives, per calculated column, the formula of a row from its number. `fixes` are columns shown as
    locked reference text. `calcul_ouvert` leaves calculated cells unlocked (rewritten by the add-in's actions).
    Returns (first data row, last data row).
    """
    wb = ws.parent
    vides = spec.lignes_vides if vides is None else vides
    n = max(len(lignes) + vides, 1)
    premiere, derniere = ligne + 1, ligne + n
    lettres = {c.entete: get_column_letter(col + i) for i, c in enumerate(spec.colonnes)}
    for i, c in enumerate(spec.colonnes):
        cell = ws.cell(ligne, col + i, c.entete)
        cell.style = S.entete(wb)
        lettre = lettres[c.entete]
        ws.column_dimensions[lettre].width = c.largeur
        if c.calculee:
            nom_style = S.calcul_ouvert(wb, c.format) if calcul_ouvert else S.calcul(wb, c.format)
        elif c.entete in fixes:
            nom_style = S.fixe(wb, c.format)
        else:
            nom_style = S.saisie(wb, c.format)
            valider(ws, c.saisie, f"{lettre}{premiere}:{lettre}{derniere}", saisie_libre=True)
        modele = (formules or {}).get(c.entete)
        for r in range(premiere, derniere + 1):
            cell = ws.cell(r, col + i)
            if modele is not None:
                cell.value = modele(r)
            elif r - premiere < len(lignes):
                ecrire(cell, lignes[r - premiere].get(c.entete))
            cell.style = nom_style
    ref = f"{get_column_letter(col)}{ligne}:{get_column_letter(col + len(spec.colonnes) - 1)}{derniere}"
    t = XlTable(displayName=spec.nom, ref=ref)
    t.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(t)
    ws.row_dimensions[ligne].height = 30
    return premiere, derniere


def graphique(ws: Worksheet, chart, ancre: str, description: str) -> None:
    """Place a chart with what it shows in words: its alternative text (with its figures, read when the workbook
    is saved: `classeur/texte_alternatif.py`)."""
    chart.nr_description = description
    ws.add_chart(chart, ancre)


def fusionner(ws: Worksheet, plage: str | None = None, *, start_row: int = 0, start_column: int = 0,
              end_row: int = 0, end_column: int = 0) -> None:
    """Merge cells like ws.merge_cells, without restyling the borders of every edge cell (a slow step of
    openpyxl that our looks do not need)."""
    if plage is None:
        plage = f"{get_column_letter(start_column)}{start_row}:{get_column_letter(end_column)}{end_row}"
    mcr = MergedCellRange(ws, plage)
    ws.merged_cells.add(mcr)
    premiere = True
    for ligne, col in mcr.cells:
        if premiere:
            premiere = False
            continue
        ws._cells[(ligne, col)] = MergedCell(ws, ligne, col)


def lettre(spec: L.Table, entete: str, col: int = 1) -> str:
    """Column letter of a header when the table starts at column `col`."""
    return get_column_letter(col + spec.entetes.index(entete))


def impression(ws: Worksheet, paysage: bool = False, titres: str | None = None) -> None:
    """A4, fit to width, optional repeated header rows."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if paysage else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if titres:
        ws.print_title_rows = titres
    ws.oddFooter.center.text = "&A – page &P / &N"
    ws.oddFooter.right.text = "nr_workbook"


def proteger(ws: Worksheet) -> None:
    """Protect without password: formulas stay locked, inputs (unlocked style) stay editable."""
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.autoFilter = False
    p.sort = False
    p.selectLockedCells = False
    p.selectUnlockedCells = False
