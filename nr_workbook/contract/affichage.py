"""French display of values as the workbook's number formats show them (for the CLI and reports)."""

from __future__ import annotations

from typing import Any

from nr_workbook.contract import layout as L

_DECIMALES = {L.F_ENTIER: 0, L.F_DECIMAL1: 1, L.F_DECIMAL2: 2, L.F_DECIMAL3: 3, L.F_DECIMAL4: 4, L.F_ANNEE: 0}


def nombre_fr(v: float, decimales: int) -> str:
    texte = f"{v:,.{decimales}f}"
    return texte.replace(",", "\u202f").replace(".", ",")


def formater(v: Any, format_: str | None = None) -> str:
    """'—' for no value; numbers with French separators and the format's decimals; percentages × 100."""
    if v is None or v == "":
        return "—"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if format_ == L.F_POURCENT:
        return nombre_fr(v * 100, 1) + " %"
    if format_ in _DECIMALES:
        return nombre_fr(v, _DECIMALES[format_])
    return nombre_fr(v, 0) if float(v).is_integer() else nombre_fr(v, 2)
