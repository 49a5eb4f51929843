"""Commands of mutualisateurs: one pre-filled workbook per member, then the consolidation of the returned ones."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer, lister, resumer, verifier_sortie
from nr_workbook.contract.affichage import nombre_fr


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
    entrepot: Annotated[Path | None, typer.Option(help="Entrepôt de l'historique (.duckdb) ; par défaut "
                                                  "entrepot.duckdb à côté de la consolidation.")] = None,
) -> None:
    """Relit tous les classeurs, recalcule avec le moteur, compare les adhérents et verse l'année dans
    l'historique (entrepôt DuckDB et Parquet)."""
    executer(_consolider, dossier, sortie, force, entrepot)


def _consolider(dossier: Path, sortie: Path, force: bool, entrepot: Path | None) -> int:
    import duckdb

    from nr_workbook.mutualisation.rapport import consolider_et_historiser

    if not dossier.is_dir():
        raise Arret(f"Dossier introuvable : {dossier}")
    verifier_sortie(sortie, force)
    try:
        c, versement, chemins = ecrire_sortie(sortie, lambda: consolider_et_historiser(dossier, sortie, entrepot))
    except duckdb.IOException as e:
        raise Arret(f"Entrepôt inaccessible (ouvert par un autre programme ?) : {e}") from e
    if c.ignores:
        lister([a for a in c.anomalies if a.fichier in c.ignores], f"{len(c.ignores)} classeur(s) ignoré(s)")
    if c.anomalies:
        resumer(c.anomalies, "Anomalies par nature (détail : feuille Anomalies)")
    versions = c.lignes["Version du modèle"].value_counts().to_dict() if len(c.lignes) else {}
    out.info(f"[green]✔[/] {len(c.lignes)} adhérent(s) consolidé(s) (modèles : "
             + (", ".join(f"{v} × {n}" for v, n in versions.items()) or "aucun") + f"), {len(c.anomalies)} "
             "anomalie(s) : " + ", ".join(str(p) for p in chemins))
    for ligne in c.obligations().to_dict("records"):
        out.info(f"[green]✔[/] Obligations {ligne['Année']} (feuille Obligations) : réemploi du matériel réformé "
                 f"{_pourcent(ligne['Taux de réemploi du territoire (%)'])} (objectif "
                 f"{_pourcent(ligne['Objectif du décret 2023-266 (%)'])}, atteint par "
                 f"{_compte(ligne, 'objectif')}) ; achats informatiques issus du réemploi, du don ou recyclés "
                 f"{_pourcent(ligne['Part du territoire (%)'])} (minimum "
                 f"{_pourcent(ligne['Minimum du décret 2021-254 (%)'])}, atteint par {_compte(ligne, 'minimum')})")
    annees = ", ".join(str(a) for a in versement.annees) or "aucune"
    out.info(f"[green]✔[/] Historique : {versement.lignes} ligne(s) (adhérent, année) versée(s), dont "
             f"{versement.remplacees} remplacée(s) (année déjà consolidée) ; années : {annees} ; "
             f"{versement.entrepot} et {versement.parquet}")
    return 0


def _vide(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _pourcent(v: object) -> str:
    return "—" if _vide(v) else f"{nombre_fr(float(v), 1)} %"


def _compte(ligne: dict, seuil: str) -> str:
    """« k adhérent(s) sur n concerné(s) »: those at the objective (or minimum) among those it concerns."""
    reforme = seuil == "objectif"
    parmi = ligne["Collectivités ayant du matériel réformé" if reforme else "Collectivités ayant des achats"]
    atteint = ligne["Collectivités à l'objectif" if reforme else "Collectivités au minimum"]
    return f"{'—' if _vide(atteint) else int(atteint)} adhérent(s) sur {int(parmi)} concerné(s)"


@app.command()
def historique(
    entrepot: Annotated[Path, typer.Argument(help="Entrepôt de l'historique (entrepot.duckdb, ou son dossier).")],
    insee: Annotated[str | None, typer.Option(help="Code INSEE d'un adhérent : sa série, année par année.")] = None,
    indicateur: Annotated[str | None, typer.Option(help="Indicateur (ex. NR_SCORE_GLOBAL) : sa série sur tous les "
                                                   "adhérents, ou celle de l'adhérent choisi.")] = None,
    sortie: Annotated[Path | None, typer.Option("-o", "--sortie", help="Exporter la série (.csv ou .xlsx).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Affiche ou exporte l'historique du mutualisateur : années consolidées, série d'un adhérent ou d'un
    indicateur."""
    executer(_historique, entrepot, insee, indicateur, sortie, force)


def _historique(entrepot: Path, insee: str | None, indicateur: str | None, sortie: Path | None, force: bool) -> int:
    from nr_workbook.contract import layout as L
    from nr_workbook.contract.affichage import formater
    from nr_workbook.echanges.csv_sur import tableau
    from nr_workbook.mutualisation import historique as H

    if sortie is not None:
        if sortie.suffix.lower() not in (".csv", ".xlsx"):
            raise Arret(f"Le fichier d'export doit avoir l'extension .csv ou .xlsx : {sortie}")
        if sortie.exists() and not force:
            raise Arret(f"{sortie} existe déjà : ajoutez --force pour le remplacer (une sauvegarde sera faite).")
    nom = H.indicateur(indicateur) if indicateur else None
    if insee:
        df, titre = H.serie_adherent(entrepot, insee, [nom] if nom else None), f"Historique de l'adhérent {insee}"
    elif nom:
        df, titre = H.serie_indicateur(entrepot, nom), f"{L.NOMS_PAR_NOM[nom].libelle} ({nom}), tous adhérents"
    else:
        df, titre = H.resume(entrepot), "Années consolidées"

    def texte(colonne: str, v) -> str:
        code = colonne.split(" (")[0]
        fmt = L.NOMS_PAR_NOM[code].format if code in L.NOMS_PAR_NOM else None
        if colonne == "Année" or fmt == L.F_ANNEE:
            return "" if v is None or v != v else str(int(v))
        return formater(None if v is None or v != v else (v.item() if hasattr(v, "item") else v), fmt)

    if insee:  # indicators down, years across: "value (members' median)"
        annees = sorted(df["Année"].unique())
        lignes = [[f"{L.NOMS_PAR_NOM[code].libelle}"] + [
            next((f"{texte(code, r['Valeur'])} ({texte(code, r['Repère des adhérents'])})"
                  for r in groupe.to_dict("records") if r["Année"] == a), "") for a in annees]
            for code, groupe in df.groupby("Indicateur", sort=False)]
        titre += f" – {df['Collectivité'].iloc[-1]} (entre parenthèses : repère des adhérents de l'année)"
        out.tableau(titre, ["Indicateur", *(str(a) for a in annees)], lignes)
    else:
        lignes = [[texte(str(c), v) for c, v in zip(df.columns, ligne, strict=True)]
                  for ligne in df.itertuples(index=False)]
        out.tableau(titre, [str(c) for c in df.columns], lignes)
    if sortie is not None:
        if sortie.suffix.lower() == ".csv":
            ecrire_sortie(sortie, lambda: tableau(df).to_csv(sortie, sep=";", index=False, encoding="utf-8-sig"))
        else:
            ecrire_sortie(sortie, lambda: df.to_excel(sortie, index=False, sheet_name="Historique"))
        out.info(f"[green]✔[/] {sortie}")
    return 0
