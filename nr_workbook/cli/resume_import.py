"""How an import is shown: the options that name a source's format, and the summary of what was imported."""

from __future__ import annotations

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.commun import lister
from nr_workbook.echanges.import_parc import CHOIX_FORMAT, Import
from nr_workbook.echanges.regroupement import Rapport

OPTION_FORMAT = typer.Option("--format", help=f"Format de la source : {', '.join(CHOIX_FORMAT)} (auto : reconnu à "
                             "ses en-têtes).")
OPTION_CORRESPONDANCES = typer.Option("--correspondances", help="Fichier YAML de correspondances pour une source "
                                      "d'un autre format (voir --proposer).")


def nombre(x: float) -> str:
    return f"{x:,.0f}".replace(",", "\u202f")


def afficher_import(imp: Import) -> None:
    """The import's summary: format, source type -> category -> count, left out, unknown types, statuses."""
    r: Rapport = imp.rapport
    choix = "reconnu à ses en-têtes" if r.format_choisi == "auto" else "indiqué"
    details = ", ".join(x for x in (r.encodage and f"encodage {r.encodage.replace('-sig', '')}",
                                    r.separateur and f"séparateur « {r.separateur} »",
                                    f"en-têtes ligne {r.ligne_entete}") if x)
    out.info(f"Source {r.fichier} : format {r.format} ({choix} ; {details}).")
    out.info(f"{nombre(r.nb_lues)} ligne(s) lue(s) : {nombre(r.nb_importees)} importée(s) "
             f"({nombre(r.nb_equipements)} équipement(s) regroupés en {nombre(r.nb_lignes_inventaire)} ligne(s) "
             f"d'inventaire), {nombre(r.nb_rejetees)} rejetée(s), {nombre(sum(r.exclues.values()))} écartée(s), "
             f"{nombre(sum(t.nb_lignes for t in r.inconnues.values()))} de type inconnu.")
    if r.repartition:
        lignes = [(t, c, nombre(q)) for (t, c), q in sorted(r.repartition.items(), key=lambda x: (x[0][1], -x[1]))]
        out.tableau("Types de la source → catégories", ("Type dans la source", "Catégorie", "Équipements"), lignes[:60])
    if r.exclues:
        out.tableau("Écartés (pas des équipements du parc)", ("Raison", "Valeur", "Équipements"),
                    [(raison, v, nombre(q)) for (raison, v), q in r.exclues.most_common(30)])
    if r.inconnues:
        out.tableau("Types inconnus (non importés : indiquez-les dans un fichier de correspondances)",
                    ("Type", "Lignes", "Équipements", "Premières lignes"),
                    [(v, nombre(t.nb_lignes), nombre(t.quantite), ", ".join(map(str, t.lignes)))
                     for v, t in sorted(r.inconnues.items(), key=lambda x: -x[1].quantite)[:30]])
    if r.statuts and any(s != "(vide)" for s, _ in r.statuts):
        out.tableau("Statuts", ("Statut dans la source", "Statut retenu", "Équipements"),
                    [(s, n, nombre(q)) for (s, n), q in r.statuts.most_common(20)])
    if r.colonnes_ignorees:
        out.info(f"Colonnes non utilisées : {', '.join(r.colonnes_ignorees)}.")
    for note in r.notes:
        out.info(note)
    anomalies = [a for a in imp.anomalies if a.type != "type-inconnu"]
    if anomalies:
        lister(anomalies, "Lignes rejetées et avertissements")
