"""Commands of the exchanges with other tools: import a fleet into a workbook, export it for NumEcoEval / G4IT."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.classeur.sauvegarde import ClasseurRefuse, sauvegarder
from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, executer, lire_donnees, ouvrir
from nr_workbook.cli.resume_import import OPTION_CORRESPONDANCES, OPTION_FORMAT, afficher_import, nombre
from nr_workbook.echanges.import_parc import importer_parc


@app.command()
def importer(
    classeur: Annotated[Path, typer.Argument(help="Classeur nr-workbook à compléter (.xlsx).")],
    source: Annotated[Path, typer.Argument(help="Inventaire à importer (CSV, XLSX ou ODS).")],
    format_: Annotated[str, OPTION_FORMAT] = "auto",
    correspondances: Annotated[Path | None, OPTION_CORRESPONDANCES] = None,
    remplacer: Annotated[bool, typer.Option("--remplacer", help="Remplacer l'inventaire au lieu de le compléter.")]
    = False,
    proposer: Annotated[bool, typer.Option("--proposer", help="Écrire un fichier de correspondances proposé pour la "
                                           "source, sans rien importer.")] = False,
) -> None:
    """Importe un parc (GLPI, OCS Inventory, Ecodiag, NumEcoEval/G4IT, CSV nr-workbook ou autre avec
    correspondances) dans l'inventaire d'un classeur, après l'avoir sauvegardé."""
    executer(_importer, classeur, source, format_, correspondances, remplacer, proposer)


def _importer(classeur: Path, source: Path, format_: str, correspondances: Path | None, remplacer: bool,
              proposer: bool) -> int:
    if proposer:
        return _proposer(source)
    ouvrir(classeur)
    imp = importer_parc(source, format_, correspondances)
    afficher_import(imp)
    from nr_workbook.classeur.import_classeur import importer_dans

    try:
        ecriture = importer_dans(classeur, imp.lignes, imp.salles, imp.anomalies, remplacer)
    except ClasseurRefuse as e:
        raise Arret(str(e)) from e
    except PermissionError as e:
        raise Arret(f"{classeur} est en lecture seule ou ouvert dans un autre programme : fermez-le puis "
                    "recommencez.") from e
    out.info(f"Sauvegarde de l'original : {ecriture.sauvegarde.name}")
    quoi = "remplacées" if remplacer else "conservées"
    out.info(f"[green]✔[/] {ecriture.ajoutees} ligne(s) ajoutée(s) à l'inventaire de {classeur.name} "
             f"({ecriture.deja_la} ligne(s) existante(s) {quoi})"
             + (f", {ecriture.salles} salle(s) serveur(s)." if ecriture.salles else "."))
    if ecriture.reformes:
        out.info(f"  {ecriture.reformes} ligne(s) « Réformé » proposée(s) dans la feuille Réforme : précisez leur "
                 "destination et le stock au 1er janvier (décret 2023-266).")
    return 0


def _proposer(source: Path) -> int:
    from nr_workbook.echanges.proposition import en_yaml, proposer

    p = proposer(source)
    cible = source.with_name(source.name + ".correspondances.yaml")
    if cible.exists():
        out.info(f"Ancien fichier sauvegardé sous {sauvegarder(cible).name}.")
    try:
        cible.write_text(en_yaml(p, source.name), encoding="utf-8")
    except OSError as e:
        raise Arret(f"Écriture impossible de {cible} : {e.strerror or e}.") from e
    a_completer = sum(1 for c in p.categories.values() if c == "À COMPLÉTER")
    out.info(f"[green]✔[/] Correspondances proposées : {cible} ({len(p.colonnes)} colonne(s) reconnue(s), "
             f"{len(p.categories)} type(s) dont {a_completer} à compléter). Vérifiez-les, puis : nr-workbook importer "
             f"CLASSEUR {source.name} --correspondances {cible.name}")
    return 0


@app.command("export-numecoeval")
def export_numecoeval(
    classeur: Annotated[Path, typer.Argument(help="Classeur rempli (.xlsx).")],
    dossier: Annotated[Path, typer.Option("-o", "--sortie", help="Dossier où écrire physicalEquipment.csv et "
                                          "datacenter.csv.")],
) -> None:
    """Exporte le parc et les salles serveurs aux formats de NumEcoEval et G4IT (physicalEquipment, datacenter)."""
    executer(_export_numecoeval, classeur, dossier)


def _export_numecoeval(classeur: Path, dossier: Path) -> int:
    from nr_workbook.echanges.numecoeval import exporter

    donnees = lire_donnees(classeur)
    if dossier.exists() and not dossier.is_dir():
        raise Arret(f"{dossier} existe et n'est pas un dossier.")
    for f in (dossier / "physicalEquipment.csv", dossier / "datacenter.csv"):
        if f.exists():
            out.info(f"Ancien fichier sauvegardé sous {sauvegarder(f).name}.")
    try:
        export = exporter(donnees, dossier)
    except OSError as e:
        raise Arret(f"Écriture impossible dans {dossier} : {e.strerror or e}.") from e
    out.info(f"[green]✔[/] {nombre(export.equipements)} équipement(s) en {export.lignes} ligne(s) et "
             f"{export.datacenters} datacenter(s) : " + ", ".join(str(f) for f in export.fichiers))
    for categorie, q in export.ignores.items():
        out.info(f"  ! {nombre(q)} « {categorie} » non exporté(s) : NumEcoEval et G4IT n'ont pas de type pour eux.")
    return 0
