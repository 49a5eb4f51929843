"""Ribbon actions, written once against the xlwings `Book` API: the classic add-in, xlwings Lite and xlwings Server
all run these functions on the workbook open in Excel.

Recalculer writes the Python engine's values beside the workbook's formulas (sheet Indicateurs, unlocked block
NR_CONTROLE_MOTEUR) with a timestamp and reports every disagreement; Contrôler writes the checker's report to a
« Contrôle » sheet.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from nr_workbook import layout as L
from nr_workbook.anomalies import ENTETES_FEUILLE, Anomalie, ligne_feuille
from nr_workbook.engine import indicateurs
from nr_workbook.livre import LecteurLivre
from nr_workbook.verifier import verifier_lecteur

FEUILLE_CONTROLE = "Contrôle"


def _meme(a: Any, b: Any) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


@dataclass
class Recalcul:
    valeurs: dict[str, Any]
    ecarts: list[str] = field(default_factory=list)
    horodatage: str = ""


def recalculer(book) -> Recalcul:
    """Engine results next to the formulas' results, with a timestamp; disagreements listed."""
    lecteur = LecteurLivre(book)
    moteur = indicateurs(lecteur.donnees())
    formules = lecteur.valeurs_sorties()
    horodatage = dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S")
    lignes, ecarts = [], []
    for nom in L.SORTIES:
        v, f = moteur.get(nom.nom), formules.get(nom.nom)
        accord = _meme(v, f)
        if not accord:
            ecarts.append(f"{nom.libelle} ({nom.nom}) : moteur {v!r}, classeur {f!r}")
        lignes.append([nom.nom, "" if v is None else v, "" if f is None else f, "OK" if accord else "⚠ écart"])
    cible = book.names["NR_CONTROLE_MOTEUR"].refers_to_range
    feuille, ligne, colonne = cible.sheet, cible.row, cible.column
    feuille.range((ligne, colonne)).value = (
        f"Contrôle par le moteur Python – {horodatage} – "
        + ("aucun écart" if not ecarts else f"{len(ecarts)} écart(s)"))
    feuille.range((ligne + 2, colonne)).value = lignes
    return Recalcul(moteur, ecarts, horodatage)


def controler(book) -> list[Anomalie]:
    """The checker's report as a sheet: every anomaly with its sheet and cell."""
    anomalies = verifier_lecteur(LecteurLivre(book))
    noms = [s.name for s in book.sheets]
    if FEUILLE_CONTROLE in noms:
        feuille = book.sheets[FEUILLE_CONTROLE]
        feuille.clear_contents()
    else:
        feuille = book.sheets.add(FEUILLE_CONTROLE, after=book.sheets[len(noms) - 1])
    horodatage = dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S")
    feuille.range("A1").value = (f"Contrôle du classeur – {horodatage} – "
                                 + (f"{len(anomalies)} anomalie(s)" if anomalies else "aucune anomalie"))
    lignes = [list(ENTETES_FEUILLE)] + [["" if v is None else v for v in ligne_feuille(a)] for a in anomalies]
    feuille.range("A3").value = lignes
    return anomalies
