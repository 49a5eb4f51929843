"""Engine of the maturity diagnostic: scores per dimension, global score, level, completion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur, cle_texte, est_nombre


def score_niveaux(niveaux: Iterable[Any]) -> float | None:
    """Mean answered level (numbers from 0 to 3) / 3 × 100; None when nothing is answered."""
    vals = [float(n) for n in niveaux if _niveau_valide(n)]
    return sum(vals) / len(vals) / 3 * 100 if vals else None


def moyenne(valeurs: Iterable[Any]) -> float | None:
    """Mean of the values that are numbers (Excel's AVERAGE over references)."""
    vals = [float(v) for v in valeurs if est_nombre(v)]
    return sum(vals) / len(vals) if vals else None


def _niveau_valide(v: Any) -> bool:
    return est_nombre(v) and 0 <= v <= 3


def niveau_maturite(score: float | None, niveaux: Iterable[tuple[Any, Any]]) -> str | None:
    """Label of the highest threshold not above the score (Excel's LOOKUP on sorted thresholds)."""
    if score is None:
        return None
    score = float(f"{score:.15g}")  # Excel and LibreOffice compare numbers on 15 significant digits
    retenu = None
    for seuil, libelle in niveaux:
        if est_nombre(seuil) and seuil <= score:
            retenu = libelle
    return retenu


def indicateurs_maturite(d: Donnees) -> dict[str, Valeur]:
    id_brut = d.colonne("T_MATURITE", "ID")
    ids = [cle_texte(v) for v in id_brut]
    est_question = [v is not None and str(v).strip(" ") != "" if isinstance(v, str) else v is not None
                    for v in id_brut]
    niveaux = d.colonne("T_MATURITE", "Niveau")
    out: dict[str, Valeur] = {}
    scores: list[float] = []
    for nom in L.SCORES_DIMENSIONS:
        prefixe = nom.extra["dimension"].casefold() + "-"
        score = score_niveaux(n for i, n in zip(ids, niveaux, strict=True) if i is not None and i.startswith(prefixe))
        out[nom.nom] = score
        if score is not None:
            scores.append(score)
    out["NR_SCORE_GLOBAL"] = moyenne(scores)
    seuils = d.tables.get("T_NIVEAUX") or [{"Seuil": n.seuil, "Niveau": n.libelle}
                                            for n in referentiel.load().niveaux_maturite]
    out["NR_NIVEAU_MATURITE"] = niveau_maturite(out["NR_SCORE_GLOBAL"],
                                                ((r.get("Seuil"), r.get("Niveau")) for r in seuils))
    nb_questions = sum(est_question)
    repondues = sum(1 for q, n in zip(est_question, niveaux, strict=True) if q and _niveau_valide(n))
    out["NR_TAUX_COMPLETUDE"] = repondues / nb_questions if nb_questions else None
    return out

