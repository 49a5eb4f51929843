"""Commands of the diagnosis: build a workbook (blank or pre-filled), recompute its indicators, check it."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.verification import verifier as verifier_classeur
from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import ecrire_sortie, executer, lire_donnees, lister, ouvrir, verifier_sortie
from nr_workbook.cli.resume_import import OPTION_CORRESPONDANCES, OPTION_FORMAT, afficher_import
from nr_workbook.contract import layout as L
from nr_workbook.contract.affichage import formater
from nr_workbook.echanges.collectivite_json import lire_collectivite
from nr_workbook.echanges.prefill import generer
from nr_workbook.engine.sorties import indicateurs as calculer


class ParcoursOpt(StrEnum):
    Complet = "Complet"
    Flash = "Flash"


@app.command()
def build(
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Classeur à produire (.xlsx).")],
    parcours: Annotated[ParcoursOpt | None, typer.Option(help="Complet ou Flash (sinon déduit de la collectivité).")]
    = None,
    collectivite: Annotated[Path | None, typer.Option(help="JSON de la collectivité (nom, code_insee…).")] = None,
    inventaire: Annotated[Path | None, typer.Option(help="Inventaire à importer : CSV nr-workbook, export GLPI, OCS "
                                                    "Inventory, Ecodiag, NumEcoEval/G4IT (CSV, XLSX, ODS).")] = None,
    format_: Annotated[str, OPTION_FORMAT] = "auto",
    correspondances: Annotated[Path | None, OPTION_CORRESPONDANCES] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Code de sortie 1 si des lignes sont rejetées.")] = False,
) -> None:
    """Génère un classeur de diagnostic, vierge ou pré-rempli."""
    executer(_build, sortie, parcours, collectivite, inventaire, format_, correspondances, force, strict)


def _build(sortie, parcours, collectivite, inventaire, format_, correspondances, force, strict) -> int:
    verifier_sortie(sortie, force)
    col = lire_collectivite(collectivite) if collectivite else None
    res = generer(parcours.value if parcours else None, col, inventaire, format_=format_,
                  correspondances=correspondances)
    ecrire_sortie(sortie, lambda: enregistrer(res.classeur, sortie))
    imp = res.import_
    if imp is not None:
        afficher_import(imp)
    out.info(f"[green]✔[/] Classeur {res.contexte.parcours} écrit : {sortie}")
    return 1 if strict and imp is not None and imp.nb_rejetees else 0


@app.command()
def indicateurs(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli (.xlsx).")],
    json_: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Recalcule tous les indicateurs à partir des données du classeur (jamais de ses résultats en cache)."""
    executer(_indicateurs, fichier, json_)


def _indicateurs(fichier: Path, json_: bool) -> int:
    valeurs = calculer(lire_donnees(fichier))
    if json_:
        typer.echo(json.dumps({k: (None if v == "" else v) for k, v in valeurs.items()}, ensure_ascii=False, indent=2))
        return 0
    lignes = []
    for k, v in valeurs.items():
        n = L.NOMS_PAR_NOM[k]
        if "equivalence_objet" in n.extra:  # shown as the unit of its count
            continue
        unite = "" if n.format == L.F_POURCENT else n.unite
        if "equivalence" in n.extra:
            unite = valeurs.get(f"{k}_OBJET") or ""
        lignes.append((n.libelle, formater(v, n.format), unite, k))
    out.tableau(f"Indicateurs – {fichier.name}", ("Indicateur", "Valeur", "Unité", "Nom"), lignes)
    return 0


@app.command()
def verifier(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli (.xlsx).")],
    json_: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
    accessibilite: Annotated[bool, typer.Option(
        "--accessibilite", help="Contrôle aussi l'accessibilité : textes de remplacement, titre et langue, contrastes, "
                                "cellules à saisir nommées, couleurs jamais seules porteuses de sens.")] = False,
) -> None:
    """Contrôle un classeur : limites d'Excel, contrat, valeurs hors limites, questions sans réponse (code 1 si
    anomalies) ; avec --accessibilite, les règles d'accessibilité (RGAA, EN 301 549)."""
    executer(_verifier, fichier, json_, accessibilite)


def _verifier(fichier: Path, json_: bool, accessibilite: bool = False) -> int:
    ouvrir(fichier)
    anomalies = verifier_classeur(fichier)
    if accessibilite:
        from nr_workbook.classeur.conformite.accessibilite import verifier_accessibilite

        anomalies += verifier_accessibilite(fichier)
    if json_:
        typer.echo(json.dumps([a.as_dict() for a in anomalies], ensure_ascii=False, indent=2))
    elif anomalies:
        lister(anomalies, f"{len(anomalies)} anomalie(s) – {fichier.name}", limite=200)
    else:
        out.info(f"[green]✔[/] Aucune anomalie dans {fichier.name}.")
    return 1 if anomalies else 0
