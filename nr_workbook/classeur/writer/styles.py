"""Named cell styles of the workbooks (registered once per workbook, then assigned by name: fast and uniform)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat

BLEU = "000091"  # headings
BLEU_CLAIR = "E3E3FD"  # table headers, section bands
SAISIE = "FFF2CC"  # input cells (also named in words: each has an input message « À saisir »)
CALCUL = "F2F2F2"  # formula cells
ORANGE = "FCE4D6"
ROUGE = "FFC7CE"  # with ROUGE_TEXTE: 5.8:1 (WCAG minimum 4.5:1)
ROUGE_TEXTE = "9C0006"
VERT = "E2EFDA"
JAUNE = "FFF2CC"
GRIS_TEXTE = "595959"

_fin = Side(style="thin", color="BFBFBF")
_bordure = Border(left=_fin, right=_fin, top=_fin, bottom=_fin)
_fin_saisie = Side(style="thin", color="7F7F7F")  # an input's edge: 4:1 against white (WCAG 1.4.11 asks 3:1)
_bordure_saisie = Border(left=_fin_saisie, right=_fin_saisie, top=_fin_saisie, bottom=_fin_saisie)
_police = "Calibri"

TITRE = "nr_titre"
SOUS_TITRE = "nr_sous_titre"
SECTION = "nr_section"
TEXTE = "nr_texte"
NOTE = "nr_note"
LIBELLE = "nr_libelle"
LIEN = "nr_lien"


def fond(couleur: str) -> dict:
    """A conditional format's fill with dark text: its contrast never depends on the cell it lands on."""
    return {"fill": PatternFill("solid", bgColor=couleur), "font": Font(color="000000")}


_ALERTE_ID = 300  # number format ids of the alert rules (their own, above the workbook's custom formats)


def alerte(formule: str, format_: str = "General", fond: str | None = None) -> Rule:
    """A conditional format flagging a wrong input: red fill, dark red bold text and « ⚠ » before the value (a
    number format of the rule), so that the flag does not rest on colour alone."""
    code = f'"⚠ "{format_};"⚠ -"{format_};"⚠ "{format_};"⚠ "@'
    formats = ["General", "dd/mm/yyyy", "#,##0", "0", "#,##0.0"]
    ident = _ALERTE_ID + formats.index(format_) if format_ in formats else _ALERTE_ID + 9
    dxf = DifferentialStyle(font=Font(color=ROUGE_TEXTE if fond is None else "000000", bold=True),
                            fill=PatternFill("solid", bgColor=fond or ROUGE),
                            numFmt=NumberFormat(numFmtId=ident, formatCode=code))
    return Rule(type="expression", dxf=dxf, formula=[formule])


def _base(name: str, **kw) -> NamedStyle:
    s = NamedStyle(name=name)
    s.font = kw.pop("font", Font(name=_police, size=10))
    s.alignment = kw.pop("alignment", Alignment(vertical="top", wrap_text=True))
    s.protection = Protection(locked=kw.pop("locked", True))
    for k, v in kw.items():
        setattr(s, k, v)
    return s


def installer(wb: Workbook) -> None:
    """Register the fixed named styles in a new workbook."""
    fixed = [
        _base(TITRE, font=Font(name=_police, size=16, bold=True, color=BLEU),
              alignment=Alignment(vertical="center")),
        _base(SOUS_TITRE, font=Font(name=_police, size=11, italic=True, color=GRIS_TEXTE),
              alignment=Alignment(vertical="center")),
        _base(SECTION, font=Font(name=_police, size=12, bold=True, color=BLEU),
              fill=PatternFill("solid", fgColor=BLEU_CLAIR), alignment=Alignment(vertical="center")),
        _base(TEXTE),
        _base(NOTE, font=Font(name=_police, size=9, italic=True, color=GRIS_TEXTE)),
        _base(LIBELLE, font=Font(name=_police, size=10, bold=True), border=_bordure),
        _base(LIEN, font=Font(name=_police, size=10, color="0563C1", underline="single"),
              alignment=Alignment(vertical="top")),
    ]
    for s in fixed:
        wb.add_named_style(s)
    wb._nr_styles = {s.name for s in fixed}  # type: ignore[attr-defined]


def _connus(wb: Workbook) -> set[str]:
    """Named styles already in the workbook (a loaded workbook brings its own)."""
    if not hasattr(wb, "_nr_styles"):
        wb._nr_styles = set(wb.named_styles)  # type: ignore[attr-defined]
    return wb._nr_styles  # type: ignore[attr-defined]


def _variant(wb: Workbook, kind: str, fmt: str | None) -> str:
    name = f"nr_{kind}_{fmt or 'General'}"
    known = _connus(wb)
    if name in known:
        return name
    if kind == "saisie":
        s = _base(name, fill=PatternFill("solid", fgColor=SAISIE), border=_bordure_saisie, locked=False)
    elif kind == "calcul":
        s = _base(name, fill=PatternFill("solid", fgColor=CALCUL), border=_bordure)
    elif kind == "calcul_ouvert":  # formulas rewritten by the add-in's actions: unlocked so Office.js can write
        s = _base(name, fill=PatternFill("solid", fgColor=CALCUL), border=_bordure, locked=False)
    elif kind == "resultat":
        s = _base(name, font=Font(name=_police, size=11, bold=True, color=BLEU),
                  fill=PatternFill("solid", fgColor=CALCUL), border=_bordure,
                  alignment=Alignment(horizontal="right", vertical="top"))
    elif kind == "fixe":  # reference text shown in a table, not editable
        s = _base(name, border=_bordure)
    elif kind == "entete":
        s = _base(name, font=Font(name=_police, size=10, bold=True, color="FFFFFF"),
                  fill=PatternFill("solid", fgColor=BLEU), border=_bordure,
                  alignment=Alignment(vertical="center", wrap_text=True))
    else:
        raise ValueError(kind)
    if fmt:
        s.number_format = fmt
    wb.add_named_style(s)
    known.add(name)
    return name


def saisie(wb: Workbook, fmt: str | None = None) -> str:
    return _variant(wb, "saisie", fmt)


def calcul(wb: Workbook, fmt: str | None = None) -> str:
    return _variant(wb, "calcul", fmt)


def calcul_ouvert(wb: Workbook, fmt: str | None = None) -> str:
    return _variant(wb, "calcul_ouvert", fmt)


def resultat(wb: Workbook, fmt: str | None = None) -> str:
    return _variant(wb, "resultat", fmt)


def fixe(wb: Workbook, fmt: str | None = None) -> str:
    return _variant(wb, "fixe", fmt)


def entete(wb: Workbook) -> str:
    return _variant(wb, "entete", None)
