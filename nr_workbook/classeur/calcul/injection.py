"""Computed values written into a worksheet's XML, beside each formula (the `<v>` element and the `t` attribute of
ECMA-376 §18.3.1.4), as Excel saves them: a reader that does not recalculate shows them."""

from __future__ import annotations

import math
import re
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import column_index_from_string

from nr_workbook.classeur.calcul.valeurs import NUM, Erreur

_CELLULE_FORMULE = re.compile(
    r'<c r="(?P<col>[A-Z]{1,3})(?P<ligne>\d+)"(?P<attrs>[^>]*)>(?P<f><f[^>]*?(?:/>|>[^<]*</f>))'
    r"(?:<v>[^<]*</v>|<v\s*/>)?</c>")
_TYPE = re.compile(r'\s+t="[^"]*"')


def encoder(v: Any) -> tuple[str, str]:
    """(value of the t attribute, text of <v>) for a computed value."""
    if isinstance(v, bool):
        return "b", "1" if v else "0"
    if isinstance(v, (int, float)):
        x = float(v)
        if not math.isfinite(x):
            return "e", NUM.code
        if x.is_integer() and abs(x) < 1e15:
            return "", str(int(x))
        return "", repr(x)
    if isinstance(v, Erreur):
        return "e", v.code
    if v is None:
        return "", "0"
    return "str", escape(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(v)))


def _avec(m: re.Match, v: Any) -> str:
    t, texte = encoder(v)
    attrs = _TYPE.sub("", m.group("attrs")) + (f' t="{t}"' if t else "")
    return f'<c r="{m.group("col")}{m.group("ligne")}"{attrs}>{m.group("f")}<v>{texte}</v></c>'


def injecter(xml: str, valeurs: dict[tuple[int, int], Any]) -> str:
    """The sheet's XML with the value of each formula cell of `valeurs` ((row, column) -> value)."""
    if not valeurs:
        return xml

    def remplacer(m: re.Match) -> str:
        cle = (int(m.group("ligne")), column_index_from_string(m.group("col")))
        return _avec(m, valeurs[cle]) if cle in valeurs else m.group(0)

    return _CELLULE_FORMULE.sub(remplacer, xml)


def avec_valeur(element: str, v: Any) -> str:
    """One formula cell's element (`<c …><f>…</f>…</c>`) with this value."""
    m = _CELLULE_FORMULE.fullmatch(element)
    return _avec(m, v) if m else element
