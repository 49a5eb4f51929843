"""Commands of the roadmap (steps 4.2 to 5): fiches actions, the COPIL pack, the Territoires en Transitions export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer, lire_donnees, lister, ouvrir, verifier_sortie


@app.command()
def fiches(fichier: Annotated[Path, typer.Argument(help="Classeur dont des leviers sont retenus (.xlsx).")]) -> None:
    """Ajoute une fiche action par levier retenu ; les fiches existantes et leurs saisies sont conservées."""
    executer(_fiches, fichier)


def _fiches(fichier: Path) -> int:
    from nr_workbook.classeur.fiches import ClasseurRefuse, generer_fiches

    try:
        rapport = generer_fiches(fichier)
    except ClasseurRefuse as e:
        raise Arret(str(e)) from e
    except PermissionError as e:
        raise Arret(f"{fichier} est en lecture seule ou ouvert dans un autre programme : fermez-le puis "
                    "recommencez.") from e
    plan = rapport.plan
    if plan.anomalies:
        lister(plan.anomalies, "Leviers ignorés")
    if rapport.sauvegarde:
        out.info(f"Sauvegarde de l'original : {rapport.sauvegarde.name}")
    out.info(f"[green]✔[/] {len(rapport.creees)} fiche(s) créée(s), {len(plan.conservees)} conservée(s) telles "
             f"quelles, {len(plan.a_marquer)} marquée(s) comme non retenue(s), {len(plan.a_retablir)} rétablie(s).")
    for titre in rapport.creees:
        out.info(f"  + {titre}")
    for titre, etat in plan.a_marquer.items():
        out.info(f"  ! {titre} : {etat}")
    return 0


@app.command()
def copil(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli, avec ses fiches actions (.xlsx).")],
    dossier: Annotated[Path, typer.Option("-o", "--sortie", help="Dossier où écrire le diaporama et la synthèse.")],
) -> None:
    """Produit le dossier du comité de pilotage : diaporama PowerPoint et synthèse PDF."""
    executer(_copil, fichier, dossier)


def _copil(fichier: Path, dossier: Path) -> int:
    from nr_workbook.copil import generer_copil

    ouvrir(fichier)
    if dossier.exists() and not dossier.is_dir():
        raise Arret(f"{dossier} existe et n'est pas un dossier.")
    try:
        chemins = generer_copil(fichier, dossier)
    except OSError as e:
        raise Arret(f"Écriture impossible dans {dossier} : {e.strerror or e}.") from e
    for c in chemins:
        out.info(f"[green]✔[/] {c}")
    return 0


@app.command()
def imprimer(
    fichier: Annotated[Path, typer.Argument(help="Classeur à imprimer (.xlsx).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="PDF à écrire.")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le PDF existant (après sauvegarde).")] = False,
) -> None:
    """Imprime le classeur en PDF accessible (PDF/UA) : chaque feuille visible, ses tableaux et ses graphiques."""
    executer(_imprimer, fichier, sortie, force)


def _imprimer(fichier: Path, sortie: Path, force: bool) -> int:
    import zipfile

    from nr_workbook.copil.impression import imprimer as imprimer_classeur

    if not fichier.exists():
        raise Arret(f"Fichier introuvable : {fichier}")
    verifier_sortie(sortie, force, ".pdf")
    if not zipfile.is_zipfile(fichier):
        raise Arret(f"{fichier.name} n'est pas un classeur Excel (.xlsx) lisible.")
    ecrire_sortie(sortie, lambda: imprimer_classeur(fichier, sortie))
    out.info(f"[green]✔[/] {sortie}")
    return 0


@app.command("export-tet")
def export_tet(
    fichier: Annotated[Path, typer.Argument(help="Classeur avec ses fiches actions (.xlsx).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Fichier d'import à produire (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Exporte le plan d'action au format d'import de Territoires en Transitions (ADEME)."""
    executer(_export_tet, fichier, sortie, force)


def _export_tet(fichier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.echanges.export_tet import exporter

    verifier_sortie(sortie, force)
    donnees = lire_donnees(fichier)
    n = ecrire_sortie(sortie, lambda: exporter(donnees, sortie))
    if n == 0:
        out.info("Aucune fiche action d'un levier retenu : lancez d'abord « nr-workbook fiches ».")
    out.info(f"[green]✔[/] {n} fiche(s) exportée(s) vers {sortie} (onglet « Plan d'action », données dès la "
             "ligne 4).")
    return 0
