"""Ribbon actions, written once against the xlwings `Book` API: the classic add-in, xlwings Lite and xlwings Server
all run these functions on the workbook open in Excel.

Recalculer writes the Python engine's values beside the workbook's formulas (sheet Indicateurs, unlocked block
NR_CONTROLE_MOTEUR) with a timestamp and reports every disagreement; Contrôler writes the checker's report to a
« Contrôle » sheet.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.reader.extrait import LecteurExtrait, Lecture
from nr_workbook.classeur.reader.livre import LecteurLivre
from nr_workbook.classeur.verification import verifier_lecteur
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import ENTETES_FEUILLE, Anomalie, ligne_feuille
from nr_workbook.engine.feuille_de_route import CHAMPS_LUS, TABLES_FICHE_LUES
from nr_workbook.engine.sorties import COLONNES_NON_LUES, TABLES_LUES, indicateurs
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


CIBLE_CONTROLE = "NR_CONTROLE_MOTEUR"  # where Recalculer writes: its title, then one line per output two rows below


def _controle(lecteur: LecteurBase) -> tuple[Recalcul, list[tuple[int, list[list[Any]]]]]:
    """Engine results next to the formulas' results, with a timestamp; the blocks to write below the target cell,
    as (rows below it, values)."""
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
    titre = (f"Contrôle par le moteur Python – {horodatage} – "
             + ("aucun écart" if not ecarts else f"{len(ecarts)} écart(s)"))
    return Recalcul(moteur, ecarts, horodatage), [(0, [[titre]]), (2, lignes)]


def recalculer(book) -> Recalcul:
    """Engine results next to the formulas' results, with a timestamp; disagreements listed."""
    resultat, blocs = _controle(LecteurLivre(book))
    cible = book.names[CIBLE_CONTROLE].refers_to_range
    for decalage, valeurs in blocs:
        cible.sheet.range((cible.row + decalage, cible.column)).value = valeurs
    return resultat


def recalculer_extrait(lecteur: LecteurExtrait) -> tuple[Recalcul, list[dict[str, Any]]]:
    """Recalculer on the extract Office.js sent (`LECTURE_RECALCULER`): the result and the xlwings protocol's
    actions that write it (what `recalculer` writes through a book, at the same cells)."""
    position = lecteur.position(CIBLE_CONTROLE)
    if position is None:
        raise LookupError(f"nom {CIBLE_CONTROLE} absent du classeur : migrez-le vers le modèle à jour.")
    resultat, blocs = _controle(lecteur)
    feuille, ligne, colonne = position
    return resultat, [ecrire_valeurs(feuille, ligne - 1 + decalage, colonne - 1, valeurs)
                      for decalage, valeurs in blocs]


def ecrire_valeurs(feuille: int, ligne: int, colonne: int, valeurs: list[list[Any]]) -> dict[str, Any]:
    """The xlwings protocol's action writing a block of values (0-based sheet position, row and column)."""
    return {"func": "setValues", "args": [], "values": valeurs, "sheet_position": feuille, "start_row": ligne,
            "start_column": colonne, "row_count": len(valeurs), "column_count": len(valeurs[0])}


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
    lecture: Lecture | None = None  # what it reads, when it only reads: Office.js then sends just that
    executer_extrait: Any = None  # run on that extract: (LecteurExtrait) -> (result, xlwings protocol actions)


def _motif_tables_fiche(cles: tuple[str, ...]) -> str:
    """A pattern for these tables of any fiche (T_FA_<id>_ACTIONS…), from the contract's own naming."""
    exemple = L.tables_fiche("X")
    suffixes = [exemple[c].nom.removeprefix(L.PREFIXE_TABLES_FICHE + "X") for c in cles]
    return f"{re.escape(L.PREFIXE_TABLES_FICHE)}.+({'|'.join(re.escape(x) for x in suffixes)})"


# Recalculer reads the input names and the formulas' outputs, the tables the engine reads and, of the fiches, the
# fields and tables the engine reads (their fields are sheet-scoped names); it writes at NR_CONTROLE_MOTEUR.
LECTURE_RECALCULER = Lecture(
    noms=tuple(dict.fromkeys([*(n.nom for n in L.ENTREES), *(n.nom for n in L.SORTIES), CIBLE_CONTROLE])),
    tables=TABLES_LUES, motif_tables=_motif_tables_fiche(TABLES_FICHE_LUES), noms_locaux=CHAMPS_LUS,
    textes_omis=COLONNES_NON_LUES)

ACTIONS_RUBAN = (
    ActionRuban("nr_recalculer", "Recalculer",
                "Recalcule tous les indicateurs avec le moteur Python et signale tout écart avec les formules.",
                recalculer, LECTURE_RECALCULER, recalculer_extrait),
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
