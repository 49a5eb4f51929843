"""Formulas of the footprint and the plan's gain in everyday equivalents (the live face of
`engine/equivalences.py`): the k-th row of T_EQUIVALENCES whose band holds the figure, by SMALL over the rows'
positions (an array formula, as the matrix's k-th lever)."""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import Formule
from nr_workbook.contract import layout as L

EQ = L.T_EQUIVALENCES
_KG, _MOT = EQ.ref("kgCO2e par unité"), EQ.ref("Équivalent")
_DE, _A = EQ.ref("Tranche : au-delà de (kgCO2e)"), EQ.ref("Tranche : jusqu'à (kgCO2e)")


def _rang(figure: str, k: int) -> str:
    """Position in T_EQUIVALENCES of the k-th row whose band holds `figure` (an error when there is none)."""
    dans = (f'ISNUMBER({_KG})*IFERROR(({_KG}>0),FALSE)*IFERROR(({_MOT}<>""),FALSE)'
            f"*({figure}>IF(ISNUMBER({_DE}),{_DE},0))"
            f'*((IFERROR(({_A}=""),FALSE)+ISNUMBER({_A})*IFERROR(({figure}<={_A}),FALSE))>0)')
    return f"SMALL(IF({dans},ROW({_MOT})-MIN(ROW({_MOT}))+1),{k})"


def equivalences() -> dict[str, Formule]:
    """Formula of each output of SORTIES_EQUIVALENCES: the count (figure ÷ the item's kgCO2e) and the words."""
    out = {}
    for figure, prefixe, _ in L.FIGURES_EQUIVALENCES:
        for k in range(1, L.NB_EQUIVALENTS + 1):
            n = _rang(figure, k)
            si = f"=IF(ISNUMBER({figure}),IF({figure}>0,{{}},\"\"),\"\")"
            out[f"{prefixe}_{k}"] = Formule(si.format(f"{figure}/INDEX({_KG},{n})"))
            out[f"{prefixe}_{k}_OBJET"] = Formule(si.format(f'INDEX({_MOT},{n})&""'))
    return out
