"""Aggregates, conditions, text, numbers and dates: Excel 2007's functions as LibreOffice computes them."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from nr_workbook.classeur.calcul.registre import fonction, motif, valeurs_de
from nr_workbook.classeur.calcul.valeurs import (
    DIV0,
    NUM,
    VALEUR,
    Erreur,
    Tableau,
    booleen,
    est_nombre,
    nombre,
    texte,
    texte_vers_nombre,
)


def _nombres(args: tuple, direct_texte: bool = True) -> list[float] | Erreur:
    """Numbers of aggregate arguments: from arrays only numbers count; given directly, booleans and numeric text
    count too."""
    out: list[float] = []
    for a in args:
        if isinstance(a, Tableau):
            for v in a.v:
                if isinstance(v, Erreur):
                    return v
                if est_nombre(v):
                    out.append(float(v))
        elif a is None:
            continue
        elif isinstance(a, Erreur):
            return a
        elif isinstance(a, str) and not direct_texte:
            continue
        else:
            n = nombre(a)
            if isinstance(n, Erreur):
                return n
            out.append(n)
    return out


# --- Aggregates ----------------------------------------------------------------------------------------------------
@fonction("SUM", "t", elementaire=False)
def _sum(*args):
    n = _nombres(args)
    return n if isinstance(n, Erreur) else math.fsum(n) if len(n) > 50 else sum(n, 0.0)


@fonction("MIN", "t", elementaire=False)
def _min(*args):
    n = _nombres(args)
    return n if isinstance(n, Erreur) else (min(n) if n else 0.0)


@fonction("MAX", "t", elementaire=False)
def _max(*args):
    n = _nombres(args)
    return n if isinstance(n, Erreur) else (max(n) if n else 0.0)


@fonction("AVERAGE", "t", elementaire=False)
def _average(*args):
    n = _nombres(args)
    if isinstance(n, Erreur):
        return n
    return sum(n) / len(n) if n else DIV0


@fonction("COUNT", "t", elementaire=False, erreurs=True)
def _count(*args):
    total = 0
    for a in args:
        if isinstance(a, Tableau):
            total += sum(1 for v in a.v if est_nombre(v))
        elif est_nombre(a) or isinstance(a, bool) or (isinstance(a, str) and not isinstance(texte_vers_nombre(a),
                                                                                          Erreur)):
            total += 1
    return float(total)


def _logiques(args: tuple) -> list[bool] | Erreur:
    out = []
    for a in args:
        if isinstance(a, Tableau):
            for v in a.v:
                if isinstance(v, Erreur):
                    return v
                if isinstance(v, bool):
                    out.append(v)
                elif est_nombre(v):
                    out.append(v != 0)
        elif a is not None:
            b = booleen(a)
            if isinstance(b, Erreur):
                return b
            out.append(b)
    return out if out else VALEUR


@fonction("AND", "t", elementaire=False)
def _and(*args):
    b = _logiques(args)
    return b if isinstance(b, Erreur) else all(b)


@fonction("OR", "t", elementaire=False)
def _or(*args):
    b = _logiques(args)
    return b if isinstance(b, Erreur) else any(b)


@fonction("SMALL", "tv", elementaire=False)
def _small(tableau, k):
    if isinstance(k, Tableau):
        return Tableau(k.lignes, k.colonnes, [_small(tableau, x) for x in k.v])
    vals = []
    for v in valeurs_de(tableau):
        if isinstance(v, Erreur):
            return v
        if est_nombre(v):
            vals.append(float(v))
    k = nombre(k)
    if isinstance(k, Erreur):
        return k
    k = math.ceil(k)
    if k < 1 or k > len(vals):
        return NUM
    return sorted(vals)[k - 1]


# --- Conditions ------------------------------------------------------------------------------------------------------
@fonction("ISNUMBER", "v", erreurs=True)
def _isnumber(v):
    return est_nombre(v)


@fonction("N", "v", erreurs=True)
def _n(v):
    if isinstance(v, Erreur):
        return v
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    return float(v) if est_nombre(v) else 0.0


# --- Text -------------------------------------------------------------------------------------------------------------
@fonction("LEN", "v")
def _len(v):
    return float(len(texte(v)))


@fonction("TRIM", "v")
def _trim(v):
    return " ".join(x for x in texte(v).split(" ") if x)


@fonction("LEFT", "vv")
def _left(v, n=1.0):
    n = nombre(n)
    if isinstance(n, Erreur):
        return n
    if n < 0:
        return VALEUR
    return texte(v)[: int(n)]


@fonction("SEARCH", "vvv")
def _search(cherche, dans, debut=1.0):
    cherche, dans, debut = texte(cherche), texte(dans), nombre(debut)
    if isinstance(debut, Erreur):
        return debut
    d = int(debut)
    if d < 1 or d > len(dans) + 1:
        return VALEUR
    if cherche == "":
        return float(d)
    m = motif(cherche).search(dans, d - 1)
    return float(m.start() + 1) if m else VALEUR


@fonction("FIXED", "vvv")
def _fixed(x, decimales=2.0, sans_separateur=False):
    x, decimales = nombre(x), nombre(decimales)
    if isinstance(x, Erreur) or isinstance(decimales, Erreur):
        return x if isinstance(x, Erreur) else decimales
    d = int(decimales)
    arrondi = _arrondir(x, d)
    corps = f"{abs(arrondi):,.{max(d, 0)}f}"
    if booleen(sans_separateur) is True:
        corps = corps.replace(",", "")
    corps = corps.replace(",", "\u00a0").replace(".", ",")
    return ("-" if arrondi < 0 else "") + corps


def _arrondir(x: float, d: int) -> float:
    """Round half away from zero, as spreadsheets do."""
    facteur = 10.0 ** d
    return math.copysign(math.floor(abs(x) * facteur + 0.5 + 1e-9) / facteur, x)


# --- Numbers and dates ---------------------------------------------------------------------------------------------
@fonction("INT", "v")
def _int(x):
    x = nombre(x)
    return x if isinstance(x, Erreur) else float(math.floor(x))


@fonction("ABS", "v")
def _abs(x):
    x = nombre(x)
    return x if isinstance(x, Erreur) else abs(x)


_ORIGINE = dt.date(1899, 12, 30)


def _date_de(serie: Any) -> dt.date | Erreur:
    s = nombre(serie)
    if isinstance(s, Erreur):
        return s
    if s < 0 or s > 2_958_465:
        return NUM
    return _ORIGINE + dt.timedelta(days=math.floor(s))


@fonction("YEAR", "v")
def _year(serie):
    d = _date_de(serie)
    return d if isinstance(d, Erreur) else float(d.year)


@fonction("MONTH", "v")
def _month(serie):
    d = _date_de(serie)
    return d if isinstance(d, Erreur) else float(d.month)


def _erreur(*valeurs: Any) -> Erreur | None:
    """The first error value among converted arguments (text that reads as no number…), else None."""
    return next((v for v in valeurs if isinstance(v, Erreur)), None)


@fonction("DATE", "vvv")
def _date(annee, mois, jour):
    a, m, j = nombre(annee), nombre(mois), nombre(jour)
    if e := _erreur(a, m, j):
        return e
    a, m, j = int(a), int(m), int(j)
    if 0 <= a < 1900:
        a += 1900
    a += (m - 1) // 12
    m = (m - 1) % 12 + 1
    if not 1 <= a <= 9999:
        return NUM
    d = dt.date(a, m, 1) + dt.timedelta(days=j - 1)
    return float((d - _ORIGINE).days)


@fonction("MID", "vvv")
def _mid(v, debut, n):
    t, debut, n = texte(v), nombre(debut), nombre(n)
    if e := _erreur(t, debut, n):
        return e
    if debut < 1 or n < 0:
        return VALEUR
    return t[int(debut) - 1: int(debut) - 1 + int(n)]


@fonction("FIND", "vvv")
def _find(cherche, dans, debut=1.0):
    """FIND: case-sensitive, no wildcard (SEARCH's strict sibling)."""
    cherche, dans, debut = texte(cherche), texte(dans), nombre(debut)
    if e := _erreur(cherche, dans, debut):
        return e
    d = int(debut)
    if d < 1 or d > len(dans) + 1:
        return VALEUR
    i = dans.find(cherche, d - 1)
    return float(i + 1) if i >= 0 else VALEUR


@fonction("UPPER", "v")
def _upper(v):
    t = texte(v)
    return t if isinstance(t, Erreur) else t.upper()


@fonction("MOD", "vv")
def _mod(x, d):
    x, d = nombre(x), nombre(d)
    if e := _erreur(x, d):
        return e
    if d == 0:
        return DIV0
    return x - d * math.floor(x / d)  # the sign of the divisor, as Excel


@fonction("NOT", "v")
def _not(v):
    b = booleen(v)
    return b if isinstance(b, Erreur) else not b


@fonction("ISERROR", "v", erreurs=True)
def _iserror(v):
    return isinstance(v, Erreur)
