"""Formulas as Excel stores them, read into trees: tokens by one regular expression, then precedence climbing.

Excel's grammar (ISO/IEC 29500-1 §18.17), as far as the formulas of a workbook go: numbers, text, booleans, error
constants, A1 references and ranges (with a sheet), defined names, structured references to tables, function calls,
array constants, the operators `:` (range), unary `-`/`+`, `%`, `^`, `*` `/`, `+` `-`, `&`, comparisons. Trees are
tuples, cached per formula text: a template's formulas are parsed once for every workbook built from it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nr_workbook.classeur.calcul.valeurs import CODES


class ErreurSyntaxe(ValueError):
    pass


_FEUILLE = r"(?:'(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!"
_CELLULE = r"\$?[A-Za-z]{1,3}\$?\d+"
_JETON = re.compile(
    r"""(?P<espace>\s+)
    |(?P<texte>"(?:[^"]|"")*")
    |(?P<erreur>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
    |(?P<ref>(?:""" + _FEUILLE + r""")?(?:""" + _CELLULE + r"(?::" + _CELLULE + r""")?
        |\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w.(\[\u00C0-\uFFFF!]))
    |(?P<nombre>(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?)
    |(?P<fonction>[A-Za-z_][\w.]*\()
    |(?P<nom>(?:""" + _FEUILLE + r""")?[A-Za-z_\\\u00C0-\uFFFF][\w.\\\u00C0-\uFFFF]*)
    |(?P<op><>|<=|>=|[-+*/^&=<>%:])
    |(?P<ponct>[(),;{}\[])
    """,
    re.VERBOSE,
)


def _crochets(texte: str, i: int) -> int:
    """Index just after the bracket group opening at texte[i] ("[" … "]", nested, "'" escaping)."""
    profondeur = 0
    while i < len(texte):
        ch = texte[i]
        if ch == "'":
            i += 2
            continue
        if ch == "[":
            profondeur += 1
        elif ch == "]":
            profondeur -= 1
            if profondeur == 0:
                return i + 1
        i += 1
    raise ErreurSyntaxe("crochet non refermé")


def jetons(formule: str) -> list[tuple[str, str]]:
    """(kind, text) of each token; a structured reference is one "struct" token."""
    corps = formule[1:] if formule.startswith("=") else formule
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(corps):
        m = _JETON.match(corps, i)
        if not m:
            raise ErreurSyntaxe(f"caractère inattendu « {corps[i]} » en position {i + 1}")
        genre, valeur = m.lastgroup, m.group()
        i = m.end()
        if genre == "espace":
            continue
        if genre == "nom" and i < len(corps) and corps[i] == "[":
            fin = _crochets(corps, i)
            out.append(("struct", corps[m.start():fin]))
            i = fin
            continue
        if genre == "ponct" and valeur == "[":  # a table's own column ([@Col], [Col]) inside its rows
            fin = _crochets(corps, i - 1)
            out.append(("struct", corps[i - 1:fin]))
            i = fin
            continue
        out.append((genre, valeur))
    return out


# --- Trees -----------------------------------------------------------------------------------------------------------
_BINAIRES = {":": 8, "^": 5, "*": 4, "/": 4, "+": 3, "-": 3, "&": 2, "=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1,
             ">=": 1}
_UNAIRE = 6  # above ^ in Excel: -2^2 = 4
_POURCENT = 7


class _Lecteur:
    def __init__(self, j: list[tuple[str, str]]):
        self.j, self.i = j, 0

    def voir(self) -> tuple[str, str] | None:
        return self.j[self.i] if self.i < len(self.j) else None

    def prendre(self) -> tuple[str, str]:
        t = self.voir()
        if t is None:
            raise ErreurSyntaxe("formule incomplète")
        self.i += 1
        return t

    def attendre(self, valeur: str) -> None:
        t = self.prendre()
        if t[1] != valeur:
            raise ErreurSyntaxe(f"« {valeur} » attendu, « {t[1]} » trouvé")

    def expression(self, minimum: int = 0) -> Any:
        gauche = self.operande()
        while True:
            t = self.voir()
            if t is None or t[0] != "op":
                return gauche
            if t[1] == "%":
                self.i += 1
                gauche = ("pct", gauche)
                continue
            p = _BINAIRES[t[1]]
            if p < minimum:
                return gauche
            self.i += 1
            droite = self.expression(p + 1)
            gauche = ("op", t[1], gauche, droite)

    def operande(self) -> Any:
        genre, v = self.prendre()
        if genre == "op" and v in "+-":
            x = self.expression(_UNAIRE)
            return ("neg", x) if v == "-" else x
        if genre == "nombre":
            return ("val", float(v))
        if genre == "texte":
            return ("val", v[1:-1].replace('""', '"'))
        if genre == "erreur":
            return ("val", CODES[v])
        if genre == "ref":
            return ("ref", v)
        if genre == "struct":
            return ("struct", v)
        if genre == "nom":
            if v.upper() in ("TRUE", "FALSE"):
                return ("val", v.upper() == "TRUE")
            return ("nom", v)
        if genre == "fonction":
            nom = v[:-1].upper().removeprefix("_XLFN.").removeprefix("_XLWS.")
            args: list[Any] = []
            if self.voir() == ("ponct", ")"):
                self.i += 1
                return ("fn", nom, tuple(args))
            while True:
                if self.voir() in (("ponct", ","), ("ponct", ")")):
                    args.append(("vide",))  # an omitted argument: IF(a,,b)
                else:
                    args.append(self.expression())
                t = self.prendre()
                if t == ("ponct", ")"):
                    return ("fn", nom, tuple(args))
                if t != ("ponct", ","):
                    raise ErreurSyntaxe(f"« , » ou « ) » attendu, « {t[1]} » trouvé")
        if (genre, v) == ("ponct", "("):
            x = self.expression()
            self.attendre(")")
            return x
        if (genre, v) == ("ponct", "{"):
            return self.constante_tableau()
        raise ErreurSyntaxe(f"« {v} » inattendu")

    def constante_tableau(self) -> Any:
        lignes: list[list[Any]] = [[]]
        while True:
            x = self.operande()
            if x[0] == "neg":
                x = ("val", -x[1][1])
            lignes[-1].append(x[1])
            t = self.prendre()
            if t == ("ponct", "}"):
                return ("tableau", tuple(tuple(ligne) for ligne in lignes))
            if t == ("ponct", ";"):
                lignes.append([])
            elif t != ("ponct", ","):
                raise ErreurSyntaxe("constante de tableau illisible")


_INTERNES: dict[Any, Any] = {}
LIEES: set[int] = set()  # ids of interned subtrees whose value depends on the formula's own cell ([@Col], ROW())


def _interner(x: Any) -> Any:
    """One object per distinct subtree, across all formulas: equal subexpressions of many formulas (a column filter
    used by a hundred rows) are then computed once per sheet by the evaluator."""
    if x[0] == "fn":
        x = ("fn", x[1], tuple(_interner(a) for a in x[2]))
    elif x[0] == "op":
        x = ("op", x[1], _interner(x[2]), _interner(x[3]))
    elif x[0] in ("neg", "pct"):
        x = (x[0], _interner(x[1]))
    deja = _INTERNES.get(x)
    if deja is not None:
        return deja
    _INTERNES[x] = x
    if _liee(x):
        LIEES.add(id(x))
    return x


def _liee(x: Any) -> bool:
    if x[0] == "struct":
        return "@" in x[1] or "#this row" in x[1].casefold() or x[1].startswith("[")
    if x[0] == "fn":
        return (x[1] in ("ROW", "COLUMN") and not x[2]) or any(id(a) in LIEES for a in x[2])
    if x[0] == "op":
        return id(x[2]) in LIEES or id(x[3]) in LIEES
    if x[0] in ("neg", "pct"):
        return id(x[1]) in LIEES
    return False


@lru_cache(maxsize=65_536)
def arbre(formule: str) -> Any:
    """The tree of a formula (with or without its "=")."""
    lecteur = _Lecteur(jetons(formule))
    x = lecteur.expression()
    if lecteur.voir() is not None:
        raise ErreurSyntaxe(f"« {lecteur.voir()[1]} » inattendu après la fin de la formule")
    return _interner(x)
