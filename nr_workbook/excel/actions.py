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

from nr_workbook.classeur.reader.livre import LecteurLivre
from nr_workbook.classeur.verification import verifier_lecteur
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import ENTETES_FEUILLE, Anomalie, ligne_feuille
from nr_workbook.engine.sorties import indicateurs
from nr_workbook.excel.fiches_livre import Fiches, generer_fiches

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


def feuille_de_route(book) -> tuple[Fiches, Recalcul]:
    """Fiches for every retained lever, then the engine's check of every total (roadmap outputs included)."""
    fiches = generer_fiches(book)
    return fiches, recalculer(book)


def exporter_copil(book, dossier=None) -> list:
    """The COPIL deck and PDF synthesis, next to the workbook (classic add-in) or in a given folder."""
    import tempfile
    from pathlib import Path

    from nr_workbook.copil import ecrire_copil
    from nr_workbook.copil.synthese import depuis_donnees

    if dossier is None:
        chemin = Path(getattr(book, "fullname", "") or "")
        dossier = chemin.parent / "copil" if chemin.parent.is_dir() and str(chemin.parent) != "." else Path(
            tempfile.mkdtemp(prefix="copil-"))
    base = Path(book.name).stem
    return ecrire_copil(depuis_donnees(LecteurLivre(book).donnees()), base, Path(dossier))


@dataclass(frozen=True)
class ActionRuban:
    """A ribbon action, declared once for the Lite plugin, the Office.js server and the classic button."""

    fonction: str  # Python name of the registered script (and of the Office.js command)
    libelle: str  # button label
    aide: str
    executer: Any


ACTIONS_RUBAN = (
    ActionRuban("nr_recalculer", "Recalculer",
                "Recalcule tous les indicateurs avec le moteur Python et signale tout écart avec les formules.",
                recalculer),
    ActionRuban("nr_controler", "Contrôler", "Contrôle le classeur et écrit le rapport dans la feuille « Contrôle ».",
                controler),
    ActionRuban("nr_generer_fiches", "Générer les fiches actions",
                "Ajoute une fiche action par levier retenu (les fiches existantes ne sont pas modifiées).",
                generer_fiches),
    ActionRuban("nr_feuille_de_route", "Générer la feuille de route",
                "Crée les fiches manquantes, met à jour le budget par année et contrôle les totaux.",
                feuille_de_route),
    ActionRuban("nr_exporter_copil", "Exporter le dossier COPIL",
                "Produit le diaporama et la synthèse PDF du comité de pilotage.", exporter_copil),
)
