"""The registry of spreadsheet functions: how each takes its arguments — `v` a value (lifted element by element
over arrays), `t` an array (a reference gives its cells' values), `r` a reference kept as such — and what it does.

`fonctions.py` (aggregates, text, numbers and dates) and `criteres.py` (criteria and lookups) fill it; a function
not listed gives #NAME? (`verifier` and the tests would show it at once).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nr_workbook.classeur.calcul.valeurs import Tableau


@dataclass(frozen=True)
class Fonction:
    arguments: str  # one letter per argument; the last `repete` letters repeat (SUM: "t"; COUNTIFS: "tv", 2)
    appliquer: Callable[..., Any]
    erreurs: bool = False  # receives error values instead of returning the first one
    elementaire: bool = True  # lifted over arrays given to its `v` arguments
    repete: int = 1

    def genre(self, i: int) -> str:
        if i < len(self.arguments):
            return self.arguments[i]
        debut = len(self.arguments) - self.repete
        return self.arguments[debut + (i - debut) % self.repete]


FONCTIONS: dict[str, Fonction] = {}


def fonction(nom: str, arguments: str, erreurs: bool = False, elementaire: bool = True, repete: int = 1):
    def enregistrer(f):
        FONCTIONS[nom] = Fonction(arguments, f, erreurs, elementaire, repete)
        return f
    return enregistrer


def valeurs_de(x: Any) -> list:
    """The values of an array argument (a Tableau, or a scalar given directly)."""
    return x.v if isinstance(x, Tableau) else [x]


@lru_cache(maxsize=4096)
def motif(critere: str) -> re.Pattern:
    """A wildcard pattern (* ? and ~ escaping) as a regular expression, without case."""
    out, i = [], 0
    while i < len(critere):
        ch = critere[i]
        if ch == "~" and i + 1 < len(critere) and critere[i + 1] in "*?~":
            out.append(re.escape(critere[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("".join(out), re.S | re.I)


