"""Named cell styles of the workbooks (registered once per workbook, then assigned by name: fast and uniform)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

BLEU = "000091"  # headings
BLEU_CLAIR = "E3E3FD"  # table headers, section bands
SAISIE = "FFFDF0"  # input cells
CALCUL = "F2F2F2"  # formula cells
ORANGE = "FCE4D6"
ROUGE = "F8CBAD"
ROUGE_TEXTE = "C00000"
VERT = "E2EFDA"
JAUNE = "FFF2CC"
GRIS_TEXTE = "595959"

_fin = Side(style="thin", color="BFBFBF")
_bordure = Border(left=_fin, right=_fin, top=_fin, bottom=_fin)
_police = "Calibri"

TITRE = "nr_titre"
SOUS_TITRE = "nr_sous_titre"
SECTION = "nr_section"
TEXTE = "nr_texte"
NOTE = "nr_note"
LIBELLE = "nr_libelle"
LIEN = "nr_lien"


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
        s = _base(name, fill=PatternFill("solid", fgColor=SAISIE), border=_bordure, locked=False)
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
