"""Commands of the reports the law asks for: the AGEC declaration of the year's purchases, the indicators as open
data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer, ouvrir, verifier_sortie


@app.command("export-agec")
def export_agec(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli, feuille Achats (.xlsx).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Déclaration à écrire (.csv).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Écrit la déclaration annuelle AGEC (achats issus du réemploi, du don ou recyclés) au schéma officiel de
    data.gouv.fr, validée avant écriture ; une ligne refusée est signalée avec sa feuille et sa cellule."""
    executer(_export_agec, fichier, sortie, force)


def _export_agec(fichier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.classeur.migration import donnees_a_jour
    from nr_workbook.echanges.agec import Lieux, declaration, en_csv, valider

    verifier_sortie(sortie, force, ".csv")
    lecteur = ouvrir(fichier)
    d, ancienne = donnees_a_jour(lecteur)
    dec = declaration(d, Lieux(lecteur if ancienne is None else None))
    if any(r.bloquant for r in dec.refus):
        raise Arret("Déclaration impossible :\n" + "\n".join(f"  {r}" for r in dec.refus if r.bloquant))
    if not dec.lignes and not dec.refus:
        raise Arret(f"{fichier.name} : aucun achat saisi dans la feuille Achats : rien à déclarer.")
    texte = en_csv(dec.lignes)
    erreurs = valider(texte)
    if erreurs:  # our checks let through what the official schema refuses: nothing is written
        raise Arret("La déclaration ne respecte pas le schéma officiel :\n" + "\n".join(f"  {e}" for e in erreurs))
    if dec.lignes:
        ecrire_sortie(sortie, lambda: sortie.write_text(texte, encoding="utf-8", newline=""))
        out.info(f"[green]✔[/] {sortie} : {len(dec.lignes)} type(s) de produit déclaré(s) pour "
                 f"{dec.lignes[0]['annee']}, conforme au schéma officiel (data.gouv.fr, v0.1.0).")
    for r in dec.refus:
        out.erreur_douce(f"Ligne refusée – {r}")
    return 1 if dec.refus else 0


@app.command("export-opendata")
def export_opendata(
    source: Annotated[Path, typer.Argument(help="Un classeur (.xlsx), ou l'entrepôt d'une consolidation "
                                           "(entrepot.duckdb ou son dossier).")],
    dossier: Annotated[Path, typer.Option("-o", "--sortie", help="Dossier où écrire indicateurs.csv et "
                                          "datapackage.json.")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer les fichiers existants (après sauvegarde).")]
    = False,
) -> None:
    """Publie tous les indicateurs en données ouvertes : une ligne par collectivité, année et indicateur, avec leur
    Data Package (schéma Table Schema), validés avant écriture."""
    executer(_export_opendata, source, dossier, force)


def _export_opendata(source: Path, dossier: Path, force: bool) -> int:
    from nr_workbook.classeur.sauvegarde import sauvegarder
    from nr_workbook.echanges import opendata as O

    if not source.exists():
        raise Arret(f"Fichier introuvable : {source}")
    if dossier.exists() and not dossier.is_dir():
        raise Arret(f"{dossier} existe et n'est pas un dossier.")
    existants = [f for f in (dossier / O.FICHIER, dossier / O.PAQUET) if f.exists()]
    if existants and not force:
        raise Arret(f"{existants[0]} existe déjà : ajoutez --force pour le remplacer (une sauvegarde sera faite).")
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        from nr_workbook.cli.commun import lire_donnees

        lignes, titre = O.depuis_classeur(lire_donnees(source), source.name), f"Indicateurs – {source.stem}"
    else:
        from nr_workbook.mutualisation.historique import toutes_les_lignes

        lignes, titre = O.depuis_entrepot(toutes_les_lignes(source)), "Indicateurs des adhérents d'un mutualisateur"
    if not lignes:
        raise Arret(f"{source.name} : aucun indicateur calculable : rien à publier.")
    exp = O.preparer(lignes)
    for f in existants:
        out.info(f"Ancien fichier sauvegardé sous {sauvegarder(f).name}.")
    try:
        chemins = O.ecrire(exp, dossier, titre)
    except OSError as e:
        raise Arret(f"Écriture impossible dans {dossier} : {e.strerror or e}.") from e
    annees = sorted({x["annee"] for x in exp.lignes})
    out.info(f"[green]✔[/] {len(exp.lignes)} valeur(s), {len({x['collectivite'] for x in exp.lignes})} "
             f"collectivité(s), année(s) {', '.join(annees)} : " + ", ".join(str(c) for c in chemins))
    for r in exp.refus:
        out.erreur_douce(f"Ligne écartée – {r}")
    return 1 if exp.refus else 0
