"""Spreadsheet values as Excel and LibreOffice compute them: numbers (float), text (str), booleans, errors, the empty
cell (None), arrays and references, with the coercions and comparisons of their formula languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


class Erreur:
    """An error value (#N/A, #VALUE!…): one instance per code."""

    _toutes: dict[str, Erreur] = {}

    def __new__(cls, code: str) -> Erreur:
        if code not in cls._toutes:
            e = super().__new__(cls)
            e.code = code
            cls._toutes[code] = e
        return cls._toutes[code]

    code: str

    def __repr__(self) -> str:
        return self.code


NA, VALEUR, DIV0, REF, NOM, NUM, NUL = (Erreur(c) for c in ("#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!",
                                                            "#NULL!"))
CODES = {e.code: e for e in (NA, VALEUR, DIV0, REF, NOM, NUM, NUL)}


class Tableau:
    """A rectangular array of values, row by row."""

    __slots__ = ("lignes", "colonnes", "v")

    def __init__(self, lignes: int, colonnes: int, v: list):
        self.lignes, self.colonnes, self.v = lignes, colonnes, v

    @classmethod
    def colonne(cls, v: list) -> Tableau:
        return cls(len(v), 1, v)

    def __getitem__(self, ij: tuple[int, int]) -> Any:
        i, j = ij
        return self.v[i * self.colonnes + j]

    def __repr__(self) -> str:
        return f"Tableau({self.lignes}×{self.colonnes}, {self.v[:6]}…)"


@dataclass(frozen=True)
class Ref:
    """A reference to a rectangle of one sheet (1-based, inclusive)."""

    feuille: str
    l1: int
    c1: int
    l2: int
    c2: int

    @property
    def hauteur(self) -> int:
        return self.l2 - self.l1 + 1

    @property
    def largeur(self) -> int:
        return self.c2 - self.c1 + 1


class Cadre:
    """One formula being computed: its cell, its mode, the rectangles it reads."""

    __slots__ = ("feuille", "ligne", "col", "tableau", "lus")

    def __init__(self, feuille: str, ligne: int, col: int, tableau: bool):
        self.feuille, self.ligne, self.col, self.tableau = feuille, ligne, col, tableau
        self.lus: list[Ref] = []


def est_nombre(v: Any) -> bool:
    return isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool))


_NOMBRE = re.compile(r"^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*$")


def texte_vers_nombre(t: str) -> float | Erreur:
    """Text used as a number: "12", "1,5" or "1.5" (the locale's separators) convert, anything else is #VALUE!."""
    if _NOMBRE.match(t):
        try:
            return float(t.strip().replace(",", "."))
        except ValueError:
            pass
    return VALEUR


def nombre(v: Any) -> float | Erreur:
    """A scalar as a number (arithmetic): empty is 0, TRUE is 1, text must read as a number."""
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        return texte_vers_nombre(v)
    return v  # an error


def texte_nombre(x: float) -> str:
    """A number as text in a formula (concatenation, LEN, LEFT): general format, French decimal comma."""
    if x == 0:
        return "0"
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    t = f"{x:.15g}"
    if "e" in t:
        mantisse, exposant = t.split("e")
        t = f"{mantisse}E{'+' if int(exposant) >= 0 else '-'}{abs(int(exposant)):02d}"
    return t.replace(".", ",")


def texte(v: Any) -> str | Erreur:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "VRAI" if v else "FAUX"
    if isinstance(v, (int, float)):
        return texte_nombre(float(v))
    if isinstance(v, str):
        return v
    return v


def booleen(v: Any) -> bool | Erreur:
    if v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, str):
        if v.upper() in ("TRUE", "VRAI"):
            return True
        if v.upper() in ("FALSE", "FAUX"):
            return False
        return VALEUR
    return v


def _rang(v: Any) -> int:
    return 2 if isinstance(v, bool) else (1 if isinstance(v, str) else 0)


def comparer(a: Any, b: Any) -> int | Erreur:
    """-1, 0 or 1 as Excel orders values: numbers < text < booleans; text without case; empty as 0, "" or FALSE."""
    if isinstance(a, Erreur):
        return a
    if isinstance(b, Erreur):
        return b
    if a is None:
        a = "" if isinstance(b, str) else (False if isinstance(b, bool) else 0.0)
    if b is None:
        b = "" if isinstance(a, str) else (False if isinstance(a, bool) else 0.0)
    ra, rb = _rang(a), _rang(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == 1:
        a, b = a.casefold(), b.casefold()
    return (a > b) - (a < b)
