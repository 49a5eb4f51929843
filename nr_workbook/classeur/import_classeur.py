"""Put an imported fleet into a user's workbook: T_INVENTAIRE (and T_SALLES when the source brings server rooms),
the import's anomalies in the Anomalies sheet; the workbook is backed up first and replaced atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from nr_workbook.classeur.remplissage import ajouter_lignes
from nr_workbook.classeur.sauvegarde import ClasseurRefuse, remplacer, sauvegarder, verifier_reecriture
from nr_workbook.classeur.writer.workbook import ecrire_anomalies
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.contract.obligations import candidats_reforme


@dataclass
class Ecriture:
    sauvegarde: Path
    deja_la: int  # inventory rows already filled (kept, or replaced with `remplacer`)
    ajoutees: int
    salles: int
    reformes: int = 0  # « Réformé » rows offered as scrapped equipment (T_REFORME was empty)


def importer_dans(chemin: Path, lignes: list[dict[str, Any]], salles: list[dict[str, Any]],
                  anomalies: list[Anomalie], remplacer_inventaire: bool = False) -> Ecriture:
    verifier_reecriture(chemin)
    wb = load_workbook(chemin)
    if not any(L.T_INVENTAIRE.nom in ws.tables for ws in wb.worksheets):
        raise ClasseurRefuse(f"{chemin.name} ne contient pas la table {L.T_INVENTAIRE.nom} : ce n'est pas un "
                             "classeur nr-workbook.")
    copie = sauvegarder(chemin)
    deja = ajouter_lignes(wb, L.T_INVENTAIRE.nom, lignes, remplacer_inventaire)
    if salles:
        ajouter_lignes(wb, L.T_SALLES.nom, salles, remplacer_inventaire)
    reformes = _proposer_reformes(wb, lignes)
    if L.ANOMALIES in wb.sheetnames:
        del wb[L.ANOMALIES]
    if anomalies:
        ecrire_anomalies(wb.create_sheet(L.ANOMALIES), anomalies,
                         "Lignes rejetées, types inconnus et valeurs ignorées par la dernière importation ; "
                         "corrigez la source (ou complétez les correspondances) puis importez à nouveau.")
    remplacer(wb, chemin)
    return Ecriture(copie, deja, len(lignes), len(salles), reformes)


def _proposer_reformes(wb, lignes: list[dict[str, Any]]) -> int:
    """The imported « Réformé » rows as the first rows of T_REFORME, when the workbook has that table (template
    1.5.0 on) and nothing in it yet: where they went is for the user to say (décret 2023-266)."""
    if not any(L.T_REFORME.nom in ws.tables for ws in wb.worksheets):
        return 0
    annee = None
    nom = wb.defined_names.get("NR_ANNEE_REFERENCE")
    for feuille, cellule in (nom.destinations if nom is not None else []):
        annee = wb[feuille][cellule.replace("$", "")].value
    candidats = candidats_reforme(lignes, annee)
    if not candidats or ajouter_lignes(wb, L.T_REFORME.nom, []):
        return 0
    ajouter_lignes(wb, L.T_REFORME.nom, candidats)
    return len(candidats)
