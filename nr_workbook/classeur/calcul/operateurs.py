"""Operators and element-by-element application over arrays, with Excel's broadcasting (a one-row or one-column
array repeats; positions beyond a smaller array give #N/A) and its error propagation."""

from __future__ import annotations

from itertools import repeat
from typing import Any

from nr_workbook.classeur.calcul.valeurs import DIV0, NA, VALEUR, Erreur, Tableau, comparer, nombre, texte


def elementaire(f, valeurs: list, erreurs: bool = False, indices: list[int] | None = None) -> Any:
    """Apply a scalar function element by element over the arrays among its arguments (Excel's broadcasting:
    a one-row or one-column array repeats, positions beyond a smaller array give #N/A)."""
    if indices is None:
        indices = [i for i, v in enumerate(valeurs) if type(v) is Tableau]
    if not indices:
        if not erreurs:
            for v in valeurs:
                if type(v) is Erreur:
                    return v
        return f(*valeurs)
    premier = valeurs[indices[0]]
    if all(valeurs[i].lignes == premier.lignes and valeurs[i].colonnes == premier.colonnes for i in indices):
        if len(valeurs) == 2 and len(indices) == 2:
            a, b = valeurs[0].v, valeurs[1].v
            if erreurs:
                return Tableau(premier.lignes, premier.colonnes, [f(x, y) for x, y in zip(a, b, strict=True)])
            return Tableau(premier.lignes, premier.colonnes,
                           [x if type(x) is Erreur else (y if type(y) is Erreur else f(x, y))
                            for x, y in zip(a, b, strict=True)])
        if len(indices) == 1:
            k = indices[0]
            avant, apres = valeurs[:k], valeurs[k + 1:]
            if not erreurs:
                e = next((v for v in avant + apres if type(v) is Erreur), None)
                if e is not None:
                    return Tableau(premier.lignes, premier.colonnes, [e] * len(premier.v))
                if not avant and len(apres) == 1:
                    b = apres[0]
                    return Tableau(premier.lignes, premier.colonnes,
                                   [x if type(x) is Erreur else f(x, b) for x in premier.v])
                if len(avant) == 1 and not apres:
                    a = avant[0]
                    return Tableau(premier.lignes, premier.colonnes,
                                   [x if type(x) is Erreur else f(a, x) for x in premier.v])
                return Tableau(premier.lignes, premier.colonnes,
                               [x if type(x) is Erreur else f(*avant, x, *apres) for x in premier.v])
            return Tableau(premier.lignes, premier.colonnes, [f(*avant, x, *apres) for x in premier.v])
        colonnes = [valeurs[i].v if i in indices else repeat(v) for i, v in enumerate(valeurs)]
        return Tableau(premier.lignes, premier.colonnes, [_un(f, args, erreurs) for args in zip(*colonnes,
                                                                                                strict=False)])
    lignes = max(valeurs[i].lignes for i in indices)
    colonnes_n = max(valeurs[i].colonnes for i in indices)
    out = []
    for i in range(lignes):
        for j in range(colonnes_n):
            args = []
            for k, v in enumerate(valeurs):
                if k in indices:
                    li = 0 if v.lignes == 1 else i
                    co = 0 if v.colonnes == 1 else j
                    args.append(v[li, co] if li < v.lignes and co < v.colonnes else NA)
                else:
                    args.append(v)
            out.append(_un(f, args, erreurs))
    return Tableau(lignes, colonnes_n, out)


def _un(f, args, erreurs: bool) -> Any:
    """f on one position's arguments; the first error among them unless f takes errors."""
    if not erreurs:
        e = next((a for a in args if type(a) is Erreur), None)
        if e is not None:
            return e
    return f(*args)


def _arith(op):
    def calcul(a, b):
        if type(a) is float and type(b) is float:
            if op == "*":
                return a * b
            if op == "+":
                return a + b
        a, b = nombre(a), nombre(b)
        if isinstance(a, Erreur):
            return a
        if isinstance(b, Erreur):
            return b
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return DIV0 if b == 0 else a / b
        try:
            r = a ** b
        except (OverflowError, ZeroDivisionError):
            return DIV0 if a == 0 else VALEUR
        return VALEUR if isinstance(r, complex) else r
    return calcul


def _concat(a, b):
    a, b = texte(a), texte(b)
    if isinstance(a, Erreur):
        return a
    if isinstance(b, Erreur):
        return b
    return a + b


def _comparaison(test):
    def calcul(a, b):
        ta, tb = type(a), type(b)
        if ta is tb and (ta is float or ta is str):
            if ta is str:
                a, b = a.casefold(), b.casefold()
            return test((a > b) - (a < b))
        c = comparer(a, b)
        return c if isinstance(c, Erreur) else test(c)
    return calcul


OPERATIONS = {
    "+": _arith("+"), "-": _arith("-"), "*": _arith("*"), "/": _arith("/"), "^": _arith("^"), "&": _concat,
    "=": _comparaison(lambda c: c == 0), "<>": _comparaison(lambda c: c != 0), "<": _comparaison(lambda c: c < 0),
    ">": _comparaison(lambda c: c > 0), "<=": _comparaison(lambda c: c <= 0), ">=": _comparaison(lambda c: c >= 0),
}


