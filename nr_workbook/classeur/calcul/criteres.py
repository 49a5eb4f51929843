"""Criteria (SUMIF, COUNTIF, SUMIFS, COUNTIFS) and lookups (MATCH, LOOKUP): operators, wildcards (* ? ~) and
case-insensitive text, as Excel and LibreOffice match them."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from nr_workbook.classeur.calcul.registre import fonction, motif, valeurs_de
from nr_workbook.classeur.calcul.valeurs import (
    NA,
    VALEUR,
    Erreur,
    Tableau,
    comparer,
    est_nombre,
    nombre,
    texte_vers_nombre,
)


# --- Lookups ---------------------------------------------------------------------------------------------------------
def _egal_recherche(v: Any, x: Any) -> bool:
    if isinstance(v, str) and isinstance(x, str):
        if any(c in v for c in "*?~"):
            return bool(motif(v).fullmatch(x))
        return v.casefold() == x.casefold()
    if est_nombre(v) and est_nombre(x):
        return float(v) == float(x)
    if isinstance(v, bool) and isinstance(x, bool):
        return v == x
    return False


def _meme_genre(v: Any, x: Any) -> bool:
    return (isinstance(v, bool) == isinstance(x, bool)) and (isinstance(v, str) == isinstance(x, str)) \
        and x is not None and not isinstance(x, Erreur)


@fonction("MATCH", "vtv")
def _match(v, tableau, genre=1.0):
    vals = valeurs_de(tableau)
    g = nombre(genre)
    if isinstance(g, Erreur):
        return g
    if v is None:
        return NA
    if g == 0:
        for i, x in enumerate(vals):
            if _egal_recherche(v, x):
                return float(i + 1)
        return NA
    trouve = None
    for i, x in enumerate(vals):
        if not _meme_genre(v, x):
            continue
        c = comparer(x, v)
        if (g > 0 and c <= 0) or (g < 0 and c >= 0):
            trouve = i
        elif g > 0:
            break
    return NA if trouve is None else float(trouve + 1)


@fonction("LOOKUP", "vtt")
def _lookup(v, cherche, resultat=None):
    vals = valeurs_de(cherche)
    res = valeurs_de(resultat) if resultat is not None else vals
    trouve = None
    for i, x in enumerate(vals):
        if not _meme_genre(v, x):
            continue
        if comparer(x, v) <= 0:
            trouve = i
        else:
            break
    if trouve is None or trouve >= len(res):
        return NA
    return res[trouve]


# --- Criteria (SUMIF, COUNTIF, SUMIFS, COUNTIFS) ---------------------------------------------------------------------
_OPERATEURS = ("<>", "<=", ">=", "=", "<", ">")


@lru_cache(maxsize=8192)
def _critere_texte(critere: str) -> Callable[[Any], bool]:
    op = next((o for o in _OPERATEURS if critere.startswith(o)), "")
    reste = critere[len(op):]
    n = texte_vers_nombre(reste) if reste.strip() else None
    if isinstance(n, float):
        def numerique(x):
            if not est_nombre(x):
                x2 = texte_vers_nombre(x) if isinstance(x, str) and op in ("", "=", "<>") else VALEUR
                if isinstance(x2, Erreur):
                    return op == "<>"
                x = x2
            c = (float(x) > n) - (float(x) < n)
            return {"": c == 0, "=": c == 0, "<>": c != 0, "<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0}[op]
        return numerique
    if reste == "":
        if op == "<>":
            return lambda x: not (x is None or x == "")
        return lambda x: x is None or x == ""
    if op in ("", "=", "<>"):
        joker = motif(reste) if any(c in reste for c in "*?~") else None
        cible = reste.casefold()

        def egal(x):
            if not isinstance(x, str):
                return False
            return bool(joker.fullmatch(x)) if joker else x.casefold() == cible

        return (lambda x: not egal(x)) if op == "<>" else egal

    def ordre(x):
        if not isinstance(x, str):
            return False
        c = comparer(x, reste)
        return {"<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0}[op]
    return ordre


def critere(c: Any) -> Callable[[Any], bool]:
    if isinstance(c, str):
        return _critere_texte(c)
    if isinstance(c, bool):
        return lambda x: isinstance(x, bool) and x == c
    if c is None:
        return _critere_texte("=0")
    if isinstance(c, Erreur):
        return lambda x: x is c
    n = float(c)
    return lambda x: est_nombre(x) and float(x) == n


def _plage(x: Any) -> list:
    if isinstance(x, Tableau):
        return x.v
    return [x]


@fonction("SUMIF", "tvt")
def _sumif(plage, c, somme=None):
    vals = _plage(plage)
    ok = critere(c)
    return _somme(_plage(somme) if somme is not None else vals, [ok(x) for x in vals])


def _somme(valeurs: list, retenus: list[bool]):
    """The numbers of `valeurs` where `retenus` is true (an error among them is the result)."""
    total = 0.0
    for v, garde in zip(valeurs, retenus, strict=False):
        if garde:
            if isinstance(v, Erreur):
                return v
            if est_nombre(v):
                total += float(v)
    return total


@fonction("COUNTIF", "tv")
def _countif(plage, c):
    ok = critere(c)
    return float(sum(1 for x in _plage(plage) if ok(x)))


def _multi(args: tuple) -> list[bool]:
    plages = [_plage(args[i]) for i in range(0, len(args), 2)]
    tests = [critere(args[i]) for i in range(1, len(args), 2)]
    n = len(plages[0])
    return [all(i < len(p) and t(p[i]) for p, t in zip(plages, tests, strict=True)) for i in range(n)]


@fonction("COUNTIFS", "tv", repete=2)
def _countifs(*args):
    return float(sum(_multi(args)))


@fonction("SUMIFS", "ttv", repete=2)
def _sumifs(somme, *args):
    return _somme(_plage(somme), _multi(args))


