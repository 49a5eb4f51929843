"""What every command shares: stopping with a French message and an exit code, checking and writing an output
(after a backup), opening a workbook, listing anomalies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from nr_workbook.classeur.reader.fichier import ClasseurIllisible, Lecteur
from nr_workbook.classeur.sauvegarde import sauvegarder
from nr_workbook.cli import console as out
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide

T = TypeVar("T")


class Arret(Exception):
    """Stop with a French message and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def verifier_sortie(sortie: Path, force: bool, extension: str = ".xlsx") -> None:
    if sortie.suffix.lower() != extension:
        raise Arret(f"Le fichier de sortie doit avoir l'extension {extension} : {sortie}")
    if sortie.exists() and not force:
        raise Arret(f"{sortie} existe déjà : ajoutez --force pour le remplacer (une sauvegarde sera faite).")
    if sortie.is_dir():
        raise Arret(f"{sortie} est un dossier.")


def ecrire_sortie(sortie: Path, ecrire: Callable[[], T]) -> T:
    """Back up an existing output, then write it; an unwritable place is one French line (exit 2)."""
    copie = sauvegarder(sortie) if sortie.exists() else None
    try:
        sortie.parent.mkdir(parents=True, exist_ok=True)
        resultat = ecrire()
    except OSError as e:
        raise Arret(f"Écriture impossible de {sortie} : {e.strerror or e}.") from e
    if copie:
        out.info(f"Ancien fichier sauvegardé sous {copie.name}.")
    return resultat


def ouvrir(fichier: Path) -> Lecteur:
    if not fichier.exists():
        raise Arret(f"Fichier introuvable : {fichier}")
    return Lecteur(fichier)


def lire_donnees(fichier: Path):
    """The engine's input of a workbook; one of an older template is migrated in memory, and said so."""
    from nr_workbook.classeur.migration import donnees_a_jour

    d, ancienne = donnees_a_jour(ouvrir(fichier))
    if ancienne:
        out.erreur_douce(f"{fichier.name} : modèle {ancienne}, lu par migration en mémoire ; « nr-workbook migrer "
                         f"{fichier.name} » le met à jour.")
    return d


def lister(anomalies: list[Anomalie], titre: str, limite: int = 50) -> None:
    lignes = [(a.gravite, a.lieu, a.message) for a in anomalies[:limite]]
    out.tableau(titre, ("Gravité", "Lieu", "Message"), lignes)
    if len(anomalies) > limite:
        out.info(f"… et {len(anomalies) - limite} autres (voir la feuille {L.ANOMALIES} du classeur).")


def resumer(anomalies: list[Anomalie], titre: str) -> None:
    """Anomalies grouped by kind, most frequent first: kind, count, files concerned, one example."""
    groupes: dict[str, list[Anomalie]] = {}
    for a in anomalies:
        groupes.setdefault(a.type, []).append(a)
    lignes = [(type_.replace("-", " "), str(len(liste)), str(len({a.fichier for a in liste if a.fichier})),
               str(liste[0])) for type_, liste in sorted(groupes.items(), key=lambda x: (-len(x[1]), x[0]))]
    out.tableau(titre, ("Nature", "Nombre", "Fichiers", "Exemple"), lignes)


def executer(fonction, *args) -> None:
    """Run a command's body: its return value is the exit code; a known failure is one French line."""
    try:
        code = fonction(*args)
    except Arret as e:
        out.erreur(str(e))
        raise typer.Exit(e.code) from None
    except (FichierInvalide, ClasseurIllisible) as e:
        out.erreur(str(e))
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)
