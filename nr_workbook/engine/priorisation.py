"""Engine of step 4.1: levers taken into account, quadrants, suggestions from the diagnosis, matrix, counts.

Same rules as the T_LEVIERS row formulas and the Matrice sheet (`classeur/formulas/`), tied by LibreOffice tests.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, est_nombre


def _egal(v: Any, texte: str) -> bool:
    return isinstance(v, str) and v.casefold() == texte.casefold()


def pris_en_compte(ligne: dict, embarque: Any) -> bool:
    return not (_egal(ligne.get("Cible"), "Prestataire") and _egal(embarque, "Non"))


def quadrant(valeur: Any, faisabilite: Any) -> str | None:
    """Contract: high means ≥ 3; empty when either is not a number."""
    if not (est_nombre(valeur) and est_nombre(faisabilite)):
        return None
    haut = L.SEUIL_HAUT
    if valeur >= haut:
        return L.QUADRANTS[0] if faisabilite >= haut else L.QUADRANTS[1]
    return L.QUADRANTS[2] if faisabilite >= haut else L.QUADRANTS[3]


def _niveaux_par_id(d: Donnees) -> list[tuple[str, float]]:
    return [(r["ID"].casefold(), float(r["Niveau"])) for r in d.tables.get("T_MATURITE") or []
            if isinstance(r.get("ID"), str) and r["ID"] and est_nombre(r.get("Niveau")) and 0 <= r["Niveau"] <= 3]


_TEXTE_MEMORISE_MAX = 500  # longer texts (a user's own) are searched each time: the cache stays a few megabytes


def niveau_constate(questions_liees: Any, niveaux: list[tuple[str, float]]) -> float | None:
    """Lowest answered level among the questions whose ID appears in the row's "Questions liées" text."""
    return _niveau_constate(questions_liees, tuple(i for i, _ in niveaux), [n for _, n in niveaux])


def _niveau_constate(questions_liees: Any, ids: tuple[str, ...], valeurs: list[float]) -> float | None:
    if not isinstance(questions_liees, str):
        return None
    texte = questions_liees.casefold()
    trouves = (_cites if len(texte) <= _TEXTE_MEMORISE_MAX else _cites.__wrapped__)(texte, ids)
    return min(valeurs[k] for k in trouves) if trouves else None


@lru_cache(maxsize=8192)  # the catalogue's few dozen texts and the grid's IDs, the same click after click
def _cites(texte: str, ids: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of the IDs that appear in the text (both case-folded), as SEARCH finds them."""
    return tuple(k for k, i in enumerate(ids) if i in texte)


def suggestion(niveau: float | None) -> str:
    return L.NON_EVALUE if niveau is None else L.SUGGESTIONS[min(int(math.floor(niveau)), 3)]


def leviers(d: Donnees) -> list[dict[str, Any]]:
    """T_LEVIERS rows with their calculated columns (computed once per inputs: the indicators, the checks and the
    consolidation all ask for them)."""
    embarque = d.noms.get("NR_PRESTATAIRE_EMBARQUE")
    source, maturite = d.tables.get("T_LEVIERS") or [], d.tables.get("T_MATURITE") or []
    cle = ("leviers", id(source), len(source), id(maturite), len(maturite), embarque)
    memo = d.memo.get(cle)
    if memo is None or memo[0] is not source or memo[1] is not maturite:  # the lists are held: ids stay theirs
        memo = d.memo[cle] = (source, maturite, _leviers(source, embarque, _niveaux_par_id(d)))
    return memo[2]


def _leviers(source: list[dict[str, Any]], embarque: Any, niveaux: list[tuple[str, float]]) -> list[dict[str, Any]]:
    lignes = []
    ids, valeurs = tuple(i for i, _ in niveaux), [n for _, n in niveaux]
    for r in source:
        pris = pris_en_compte(r, embarque)
        n = _niveau_constate(r.get("Questions liées"), ids, valeurs)
        lignes.append({**r, "Pris en compte": "Oui" if pris else "Non",
                       "Quadrant": quadrant(r.get("Valeur"), r.get("Faisabilité")) if pris else None,
                       "Niveau constaté": n, "Suggéré par le diagnostic": suggestion(n)})
    return lignes


def _compte(lignes: list[dict], colonne: str) -> float:
    return float(sum(1 for r in lignes if r["Pris en compte"] == "Oui" and _egal(r.get(colonne), "Oui")))


def indicateurs_leviers(d: Donnees) -> dict[str, Valeur]:
    lignes = leviers(d)
    return {"NR_NB_LEVIERS_PRESELECTIONNES": _compte(lignes, "Présélection"),
            "NR_NB_LEVIERS_RETENUS": _compte(lignes, "Retenu")}


def quadrant_de(r: dict[str, Any]) -> str | None:
    """The quadrant a T_LEVIERS row is listed under in the Matrice sheet (pre-selected and taken into account)."""
    return r["Quadrant"] if r["Quadrant"] and _egal(r.get("Présélection"), "Oui") else None


def matrice(d: Donnees) -> dict[str, list[str]]:
    """Per quadrant, the pre-selected levers taken into account, in table order, as the Matrice sheet lists them."""
    out: dict[str, list[str]] = {q: [] for q in L.QUADRANTS}
    for r in leviers(d):
        q = quadrant_de(r)
        if q:
            marque = "✔ " if _egal(r.get("Retenu"), "Oui") else ""
            out[q].append(f"{marque}{_texte(r['ID'])} – {_texte(r.get('Levier'))}")
    return out


def _texte(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def retenus_par_dimension(d: Donnees) -> dict[str, float]:
    lignes = [r for r in leviers(d) if r["Pris en compte"] == "Oui" and _egal(r.get("Retenu"), "Oui")]
    return {dim.code: float(sum(1 for r in lignes if isinstance(r["ID"], str)
                                and r["ID"].casefold().startswith(dim.code.casefold() + "-")))
            for dim in referentiel.load().dimensions}
