"""Commands of the years after: migrate a workbook of an older template, start next year from this year."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, executer, verifier_sortie


@app.command()
def migrer(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli dans un modèle antérieur (.xlsx).")],
    sortie: Annotated[Path | None, typer.Option("-o", "--sortie", help="Classeur migré à écrire (par défaut : le "
                                                "classeur lui-même, après sauvegarde).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer la sortie existante (après sauvegarde).")] = False,
) -> None:
    """Migre un classeur de n'importe quelle version publiée du modèle vers le modèle actuel, sans rien perdre."""
    executer(_migrer, fichier, sortie, force)


@contextlib.contextmanager
def _refus_en_francais(fichier: Path, ecrit: Path):  # noqa: ANN202
    """A workbook refused, of an unknown version, or a file that cannot be written: one French line (Arret)."""
    from nr_workbook.classeur.sauvegarde import ClasseurRefuse
    from nr_workbook.contract.migrations import VersionInconnue

    try:
        yield
    except (ClasseurRefuse, VersionInconnue) as e:
        raise Arret(f"{fichier.name} : {e}") from e
    except PermissionError as e:
        raise Arret(f"{e.filename or ecrit} est en lecture seule ou ouvert dans un autre programme : fermez-le "
                    "puis recommencez.") from e


def _migrer(fichier: Path, sortie: Path | None, force: bool) -> int:
    from nr_workbook.classeur.migration import migrer_classeur

    if not fichier.exists():
        raise Arret(f"Fichier introuvable : {fichier}")
    if sortie is not None and sortie.resolve() != fichier.resolve():
        verifier_sortie(sortie, force)
    with _refus_en_francais(fichier, fichier):
        rapport = migrer_classeur(fichier, sortie)
    if rapport.a_jour:
        out.info(f"[green]✔[/] {fichier.name} est déjà au modèle {rapport.version} : rien à migrer.")
        return 0
    afficher_migration(rapport)
    return 0


def afficher_migration(rapport) -> None:
    from nr_workbook.contract.version import VERSION_MODELE

    if rapport.sauvegarde:
        out.info(f"Sauvegarde de l'original : {rapport.sauvegarde.name}")
    out.info(f"[green]✔[/] {rapport.sortie} : modèle {rapport.version} → {VERSION_MODELE}")
    for ligne in rapport.journal:
        out.info(f"  {ligne}")
    lignes = [(nom, str(n)) for nom, n in rapport.lignes.items() if n]
    out.tableau("Données reprises", ("Élément", "Nombre"), [
        ("Cellules nommées (identité, paramètres)", str(rapport.noms)), *lignes,
        ("Fiches actions", str(rapport.fiches)),
        ("Feuilles ajoutées par l'utilisateur", str(len(rapport.feuilles_ajoutees))),
    ])
    if rapport.non_repris:
        out.info(f"[yellow]![/] {len(rapport.non_repris)} valeur(s) sans place dans le nouveau modèle : listées avec "
                 "leur feuille et leur cellule d'origine dans la feuille « Non repris ».")
        out.tableau("Non repris", ("Feuille", "Cellule", "Valeur", "Raison"),
                    [(n.feuille, n.cellule, str(n.valeur), n.raison) for n in rapport.non_repris[:20]])


@app.command("nouvelle-annee")
def nouvelle_annee(
    fichier: Annotated[Path, typer.Argument(help="Classeur de l'année N (.xlsx), de n'importe quel modèle publié.")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Classeur de l'année N+1 à écrire (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer la sortie existante (après sauvegarde).")] = False,
) -> None:
    """Prépare le classeur de l'année suivante : tout est repris, l'année N passe dans l'historique du suivi."""
    executer(_nouvelle_annee, fichier, sortie, force)


def _nouvelle_annee(fichier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.classeur.nouvelle_annee import nouvelle_annee as preparer

    if not fichier.exists():
        raise Arret(f"Fichier introuvable : {fichier}")
    verifier_sortie(sortie, force)
    with _refus_en_francais(fichier, sortie):
        r = preparer(fichier, sortie)
    if r.sauvegarde:
        out.info(f"Ancien fichier sauvegardé sous {r.sauvegarde.name}.")
    out.info(f"[green]✔[/] {sortie} : année {r.annee + 1}, préparée à partir de l'année {r.annee} ({fichier.name}).")
    if r.migration.journal:
        for ligne in r.migration.journal:
            out.info(f"  {ligne}")
    lignes = [
        ("Valeurs de l'année versées dans l'historique", str(r.historique)),
        ("Fiches actions reprises (statut et avancement historisés)", str(r.fiches)),
        ("Lignes d'inventaire reprises (les âges avancent d'un an)",
         str(r.migration.lignes.get("T_INVENTAIRE", 0))),
        ("Lignes « Réformé » de l'année écoulée laissées de côté", str(r.reformes)),
        ("Matériel réformé encore en stock, reporté au 1er janvier", str(r.stock)),
        ("Valeurs de référence figées (Pilotage)", str(len(r.figees))),
    ]
    if r.annee_k:
        lignes.append((f"Indicateurs de suivi : colonne « Valeur an {r.annee_k} » remplie", "oui"))
    out.tableau("Année suivante", ("Élément", "Nombre"), lignes)
    out.info("À faire : mettre à jour l'inventaire, les salles serveurs et la grille de maturité de la nouvelle "
             "année ; la feuille Suivi compare l'année à la précédente.")
    if r.migration.non_repris:
        out.info(f"[yellow]![/] {len(r.migration.non_repris)} valeur(s) sans place dans le modèle : feuille "
                 "« Non repris ».")
    return 0
