"""Commands of mutualisateurs: one pre-filled workbook per member, then the consolidation of the returned ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer, lister, resumer, verifier_sortie


@app.command()
def lot(
    adherents: Annotated[Path, typer.Argument(help="CSV des adhérents (nom, code_insee, population, nb_agents…).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Dossier des classeurs à produire.")],
    inventaires: Annotated[Path | None, typer.Option(help="Dossier des CSV d'inventaire (CODEINSEE.csv).")] = None,
    mutualisateur: Annotated[str | None, typer.Option(help="Nom du mutualisateur, écrit sur l'Accueil.")] = None,
    contact: Annotated[str | None, typer.Option(help="Contact du mutualisateur.")] = None,
    annee: Annotated[int | None, typer.Option(help="Année du diagnostic (par défaut : cette année).")] = None,
) -> None:
    """Produit un classeur pré-rempli par adhérent ; ne remplace jamais un classeur déjà présent."""
    executer(_lot, adherents, sortie, inventaires, mutualisateur, contact, annee)


def _lot(adherents: Path, sortie: Path, inventaires, mutualisateur, contact, annee) -> int:
    from nr_workbook.mutualisation.adherents import lire as lire_adherents
    from nr_workbook.mutualisation.lot import construire_lot

    if sortie.exists() and not sortie.is_dir():
        raise Arret(f"{sortie} existe et n'est pas un dossier.")
    lecture = lire_adherents(adherents, annee or dt.date.today().year)
    with out.progression() as progression:
        tache = progression.add_task("Classeurs des adhérents", total=len(lecture.adherents))
        try:
            rapport = construire_lot(lecture.adherents, sortie, inventaires, mutualisateur, contact,
                                     avancer=lambda: progression.advance(tache))
        except OSError as e:
            raise Arret(f"Écriture impossible dans {sortie} : {e.strerror or e}.") from e
    anomalies = lecture.anomalies + rapport.anomalies
    if anomalies:
        lister(anomalies, "Lignes rejetées ou anomalies d'inventaire")
    out.info(f"[green]✔[/] {len(rapport.construits)} classeur(s) produit(s) dans {sortie} "
             f"(dont {len(rapport.avec_inventaire)} avec inventaire), {len(rapport.conserves)} déjà présent(s) "
             f"conservé(s), {len({a.ligne for a in lecture.anomalies})} ligne(s) d'adhérent rejetée(s).")
    return 0


@app.command()
def consolider(
    dossier: Annotated[Path, typer.Argument(help="Dossier des classeurs renvoyés par les adhérents.")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Classeur de consolidation (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Relit tous les classeurs, recalcule avec le moteur et compare les adhérents (aussi en CSV et Parquet)."""
    executer(_consolider, dossier, sortie, force)


def _consolider(dossier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.mutualisation.consolidation import consolider as lire_tout
    from nr_workbook.mutualisation.rapport import ecrire_consolidation

    if not dossier.is_dir():
        raise Arret(f"Dossier introuvable : {dossier}")
    verifier_sortie(sortie, force)
    c = lire_tout(dossier)
    chemins = ecrire_sortie(sortie, lambda: ecrire_consolidation(c, sortie))
    if c.ignores:
        lister([a for a in c.anomalies if a.fichier in c.ignores], f"{len(c.ignores)} classeur(s) ignoré(s)")
    if c.anomalies:
        resumer(c.anomalies, "Anomalies par nature (détail : feuille Anomalies)")
    versions = c.lignes["Version du modèle"].value_counts().to_dict() if len(c.lignes) else {}
    out.info(f"[green]✔[/] {len(c.lignes)} adhérent(s) consolidé(s) (modèles : "
             + (", ".join(f"{v} × {n}" for v, n in versions.items()) or "aucun") + f"), {len(c.anomalies)} "
             "anomalie(s) : " + ", ".join(str(p) for p in chemins))
    return 0
