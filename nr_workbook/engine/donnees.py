"""What the engine reads: a workbook's input data as read through the contract, and how a cell is taken.

The rules are those of the workbook's formulas (`classeur/formulas/`): a cell counts as a number only when it holds
one (text such as "12" does not, as with Excel's ISNUMBER), text comparisons ignore case, a value the inputs do not
allow is None (the workbook shows an empty string).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

Valeur = float | str | None


@dataclass
class Donnees:
    """What a workbook holds, as read through the contract: named input cells and table rows (raw values)."""

    noms: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fiches: list[dict[str, Any]] = field(default_factory=list)  # fiche action sheets: FA_* fields and tables
    memo: dict[tuple, Any] = field(default_factory=dict, compare=False, repr=False)  # results keyed by their inputs

    def colonne(self, nom: str, entete: str) -> list[Any]:
        """One column of a table, raw cell values (None where empty), without building a DataFrame."""
        return [_brut(r.get(entete)) for r in self.tables.get(nom) or []]


def _brut(v: Any) -> Any:
    """A cell value as the engine takes it: NaN (a missing value in a DataFrame given by a program) is empty."""
    return None if isinstance(v, float) and math.isnan(v) else v


def est_nombre(v: Any) -> bool:
    t = type(v)  # the two cases of nearly every cell first (this runs on every cell the engine reads)
    if t is float:
        return math.isfinite(v)
    if t is int:
        return True
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and math.isfinite(v)


def nombres(s: pd.Series) -> pd.Series:
    """Numeric values, NaN where the cell does not hold a number."""
    return pd.Series([float(v) if est_nombre(v) else np.nan for v in s], index=s.index, dtype=float)


def cle_texte(v: Any) -> str | None:
    """Text compared without case (Excel compares text so); None for anything else."""
    return v.casefold() if isinstance(v, str) else None


def egaux(s: pd.Series, texte: str) -> pd.Series:
    cible = texte.casefold()
    return pd.Series([cle_texte(v) == cible for v in s], index=s.index, dtype=bool)


def nombre(noms: Mapping[str, Any], nom: str) -> float | None:
    v = noms.get(nom)
    return float(v) if est_nombre(v) else None


def nb_agents(noms: Mapping[str, Any]) -> float | None:
    n = nombre(noms, "NR_NB_AGENTS")
    return n if n is not None and n > 0 else None


def ratio(num: float, den: float) -> float | None:
    return num / den if den != 0 else None



# Data a workbook holds beyond identity (which a mutualisateur pre-fills with agents and population).
SAISIES_MEMBRE = {
    "T_INVENTAIRE": ("Catégorie", "Quantité"), "T_SALLES": ("Énergie totale (kWh/an)", "Énergie IT (kWh/an)"),
    "T_DEEE": ("Poids (kg)",), "T_MATURITE": ("Niveau", "Commentaire"), "T_REFERENTS": ("Nom",),
    "T_LEVIERS": ("Valeur", "Faisabilité"),  # Présélection and Retenu: "Non" in the template, "Oui" counts
    "T_REFORME": ("Catégorie", "Quantité"), "T_ACHATS": ("Montant total (€ HT)",),
}


def sans_saisie(d: Donnees) -> bool:
    """True when the workbook holds no data beyond its identity: no inventory, server room, DEEE slip, maturity
    answer, referent, lever choice or fiche (a returned blank workbook is one anomaly, not thirty)."""
    if d.fiches or any(cle_texte(r.get(h)) == "oui" for r in d.tables.get("T_LEVIERS") or []
                       for h in ("Présélection", "Retenu")):
        return False
    return not any(r.get(h) not in (None, "") for nom, colonnes in SAISIES_MEMBRE.items()
                   for r in d.tables.get(nom) or [] for h in colonnes)
