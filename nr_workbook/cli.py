"""Command line `nr-workbook` (French): build, indicateurs, verifier.

Exit codes: 0 success; 1 anomalies found (verifier, or build --strict with rejected rows); 2 unusable input or
output (missing file, invalid JSON, existing output without --force, unwritable output).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from nr_workbook import console as out
from nr_workbook import layout as L
from nr_workbook.affichage import formater
from nr_workbook.anomalies import Anomalie
from nr_workbook.engine import indicateurs as calculer
from nr_workbook.generation import generer, lire_collectivite
from nr_workbook.import_inventaire import FichierInvalide
from nr_workbook.reader import ClasseurIllisible, Lecteur
from nr_workbook.verifier import verifier as verifier_classeur

T = TypeVar("T")

app = typer.Typer(
    help="Boîte à outils « numérique responsable » de l'ANCT : classeurs Excel vivants et moteur de calcul.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class ParcoursOpt(StrEnum):
    Complet = "Complet"
    Flash = "Flash"


class Arret(Exception):
    """Stop with a French message and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def _sauvegarde(chemin: Path) -> Path:
    horodatage = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copie = chemin.with_name(f"{chemin.stem}.sauvegarde-{horodatage}{chemin.suffix}")
    shutil.copy2(chemin, copie)
    return copie


def _verifier_sortie(sortie: Path, force: bool) -> None:
    if sortie.suffix.lower() != ".xlsx":
        raise Arret(f"Le fichier de sortie doit avoir l'extension .xlsx : {sortie}")
    if sortie.exists() and not force:
        raise Arret(f"{sortie} existe déjà : ajoutez --force pour le remplacer (une sauvegarde sera faite).")
    if sortie.is_dir():
        raise Arret(f"{sortie} est un dossier.")


def _ecrire_sortie(sortie: Path, ecrire: Callable[[], T]) -> T:
    """Back up an existing output, then write it; an unwritable place is one French line (exit 2)."""
    copie = _sauvegarde(sortie) if sortie.exists() else None
    try:
        sortie.parent.mkdir(parents=True, exist_ok=True)
        resultat = ecrire()
    except OSError as e:
        raise Arret(f"Écriture impossible de {sortie} : {e.strerror or e}.") from e
    if copie:
        out.info(f"Ancien fichier sauvegardé sous {copie.name}.")
    return resultat


def _lister(anomalies: list[Anomalie], titre: str, limite: int = 50) -> None:
    lignes = [(a.gravite, a.lieu, a.message) for a in anomalies[:limite]]
    out.tableau(titre, ("Gravité", "Lieu", "Message"), lignes)
    if len(anomalies) > limite:
        out.info(f"… et {len(anomalies) - limite} autres (voir la feuille {L.ANOMALIES} du classeur).")


def _executer(fonction, *args) -> None:
    try:
        code = fonction(*args)
    except Arret as e:
        out.erreur(str(e))
        raise typer.Exit(e.code) from None
    except (FichierInvalide, ClasseurIllisible) as e:
        out.erreur(str(e))
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)


@app.command()
def build(
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Classeur à produire (.xlsx).")],
    parcours: Annotated[ParcoursOpt | None, typer.Option(help="Complet ou Flash (sinon déduit de la collectivité).")]
    = None,
    collectivite: Annotated[Path | None, typer.Option(help="JSON de la collectivité (nom, code_insee…).")] = None,
    inventaire: Annotated[Path | None, typer.Option(help="CSV d'inventaire (en-têtes de T_INVENTAIRE).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Code de sortie 1 si des lignes sont rejetées.")] = False,
) -> None:
    """Génère un classeur de diagnostic, vierge ou pré-rempli."""
    _executer(_build, sortie, parcours, collectivite, inventaire, force, strict)


def _build(sortie, parcours, collectivite, inventaire, force, strict) -> int:
    _verifier_sortie(sortie, force)
    col = lire_collectivite(collectivite) if collectivite else None
    res = generer(parcours.value if parcours else None, col, inventaire)
    _ecrire_sortie(sortie, lambda: res.classeur.save(sortie))
    imp = res.import_
    if imp is not None:
        out.info(f"Inventaire : {len(imp.lignes)} ligne(s) importée(s) sur {imp.nb_lues}, "
                 f"{imp.nb_rejetees} rejetée(s).")
    if res.anomalies:
        _lister(res.anomalies, "Anomalies de l'import (aussi dans la feuille Anomalies)")
    out.info(f"[green]✔[/] Classeur {res.contexte.parcours} écrit : {sortie}")
    return 1 if strict and imp is not None and imp.nb_rejetees else 0


@app.command()
def indicateurs(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli (.xlsx).")],
    json_: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Recalcule tous les indicateurs à partir des données du classeur (jamais de ses résultats en cache)."""
    _executer(_indicateurs, fichier, json_)


def _ouvrir(fichier: Path) -> Lecteur:
    if not fichier.exists():
        raise Arret(f"Fichier introuvable : {fichier}")
    return Lecteur(fichier)


def _indicateurs(fichier: Path, json_: bool) -> int:
    valeurs = calculer(_ouvrir(fichier).donnees())
    if json_:
        typer.echo(json.dumps({k: (None if v == "" else v) for k, v in valeurs.items()}, ensure_ascii=False, indent=2))
        return 0
    lignes = [(L.NOMS_PAR_NOM[k].libelle, formater(v, L.NOMS_PAR_NOM[k].format),
               "" if L.NOMS_PAR_NOM[k].format == L.F_POURCENT else L.NOMS_PAR_NOM[k].unite, k)
              for k, v in valeurs.items()]
    out.tableau(f"Indicateurs – {fichier.name}", ("Indicateur", "Valeur", "Unité", "Nom"), lignes)
    return 0


@app.command()
def verifier(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli (.xlsx).")],
    json_: Annotated[bool, typer.Option("--json", help="Sortie JSON.")] = False,
) -> None:
    """Contrôle un classeur : contrat, valeurs hors limites, questions sans réponse (code 1 si anomalies)."""
    _executer(_verifier, fichier, json_)


def _verifier(fichier: Path, json_: bool) -> int:
    _ouvrir(fichier)
    anomalies = verifier_classeur(fichier)
    if json_:
        typer.echo(json.dumps([a.as_dict() for a in anomalies], ensure_ascii=False, indent=2))
    elif anomalies:
        _lister(anomalies, f"{len(anomalies)} anomalie(s) – {fichier.name}", limite=200)
    else:
        out.info(f"[green]✔[/] Aucune anomalie dans {fichier.name}.")
    return 1 if anomalies else 0


_USAGE = (
    (r"Missing option '(.+)'\.?", "option obligatoire manquante : {0}"),
    (r"Missing argument '(.+)'\.?", "argument manquant : {0}"),
    (r"No such option: (\S+).*", "option inconnue : {0}"),
    (r"No such command '(.+)'\.?", "commande inconnue : {0}"),
    (r"Invalid value for '(.+)': (.+)", "valeur invalide pour {0} : {1}"),
    (r"Got unexpected extra arguments? \((.+)\)", "argument(s) en trop : {0}"),
    (r"Missing parameter: (.+)", "paramètre obligatoire manquant : {0}"),
    (r"(?:Value error, )?'(.+)' is not one of (.+?)\.?", "« {0} » n'est pas une valeur admise ({1})"),
    (r"'(.+)' is not a valid integer\.?", "« {0} » n'est pas un nombre entier"),
)


def traduire_usage(message: str) -> str:
    """French wording of click's usage errors (click only speaks English)."""
    for motif, texte in _USAGE:
        m = re.fullmatch(motif, message.strip(), flags=re.S)
        if m:
            return texte.format(*(traduire_usage(g).replace("' / '", " / ") for g in m.groups()))
    return message


@app.command()
def fiches(fichier: Annotated[Path, typer.Argument(help="Classeur dont des leviers sont retenus (.xlsx).")]) -> None:
    """Ajoute une fiche action par levier retenu ; les fiches existantes et leurs saisies sont conservées."""
    _executer(_fiches, fichier)


def _fiches(fichier: Path) -> int:
    from nr_workbook.fiches import ClasseurRefuse, generer_fiches

    try:
        rapport = generer_fiches(fichier)
    except ClasseurRefuse as e:
        raise Arret(str(e)) from e
    except PermissionError as e:
        raise Arret(f"{fichier} est en lecture seule ou ouvert dans un autre programme : fermez-le puis "
                    "recommencez.") from e
    plan = rapport.plan
    if plan.anomalies:
        _lister(plan.anomalies, "Leviers ignorés")
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
    _executer(_copil, fichier, dossier)


def _copil(fichier: Path, dossier: Path) -> int:
    from nr_workbook.copil import generer_copil

    _ouvrir(fichier)
    if dossier.exists() and not dossier.is_dir():
        raise Arret(f"{dossier} existe et n'est pas un dossier.")
    try:
        chemins = generer_copil(fichier, dossier)
    except OSError as e:
        raise Arret(f"Écriture impossible dans {dossier} : {e.strerror or e}.") from e
    for c in chemins:
        out.info(f"[green]✔[/] {c}")
    return 0


@app.command("export-tet")
def export_tet(
    fichier: Annotated[Path, typer.Argument(help="Classeur avec ses fiches actions (.xlsx).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Fichier d'import à produire (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Exporte le plan d'action au format d'import de Territoires en Transitions (ADEME)."""
    _executer(_export_tet, fichier, sortie, force)


def _export_tet(fichier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.export_tet import exporter

    _verifier_sortie(sortie, force)
    donnees = _ouvrir(fichier).donnees()
    n = _ecrire_sortie(sortie, lambda: exporter(donnees, sortie))
    if n == 0:
        out.info("Aucune fiche action d'un levier retenu : lancez d'abord « nr-workbook fiches ».")
    out.info(f"[green]✔[/] {n} fiche(s) exportée(s) vers {sortie} (onglet « Plan d'action », données dès la "
             "ligne 4).")
    return 0


@app.command()
def serveur(port: Annotated[int, typer.Option(help="Port d'écoute sur localhost.")] = 8000) -> None:
    """Lance le complément Office.js (protocole xlwings Server) sur localhost ; manifeste : /manifest.xml."""
    try:
        from nr_workbook.serveur import lancer
    except ImportError as e:
        out.erreur(f"dépendances du serveur absentes ({e.name}) : installez-les avec pip install \".[serveur]\".")
        raise typer.Exit(2) from None
    out.info(f"Complément servi sur http://127.0.0.1:{port} — manifeste : http://127.0.0.1:{port}/manifest.xml")
    lancer(port)


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
    _executer(_lot, adherents, sortie, inventaires, mutualisateur, contact, annee)


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
        _lister(anomalies, "Lignes rejetées ou anomalies d'inventaire")
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
    _executer(_consolider, dossier, sortie, force)


def _consolider(dossier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.mutualisation.consolidation import consolider as lire_tout
    from nr_workbook.mutualisation.rapport import ecrire_consolidation

    if not dossier.is_dir():
        raise Arret(f"Dossier introuvable : {dossier}")
    _verifier_sortie(sortie, force)
    c = lire_tout(dossier)
    chemins = _ecrire_sortie(sortie, lambda: ecrire_consolidation(c, sortie))
    if c.ignores:
        _lister([a for a in c.anomalies if a.fichier in c.ignores], f"{len(c.ignores)} classeur(s) ignoré(s)")
    out.info(f"[green]✔[/] {len(c.lignes)} adhérent(s) consolidé(s), {len(c.anomalies)} anomalie(s) : "
             + ", ".join(str(p) for p in chemins))
    return 0


addin_app = typer.Typer(help="Complément classique xlwings (Windows, macOS).", no_args_is_help=True)
app.add_typer(addin_app, name="addin")


@addin_app.command("installer")
def addin_installer(
    sortie: Annotated[Path | None, typer.Option("-o", "--sortie", help="Où écrire le complément (.xlam) ; "
                                                "par défaut ~/.nr_workbook/nr_numerique_responsable.xlam.")] = None,
    construire_seulement: Annotated[bool, typer.Option("--construire-seulement",
                                                       help="Construire le .xlam sans l'installer.")] = False,
) -> None:
    """Construit le complément « Numérique responsable » puis l'installe avec « xlwings addin install »."""
    _executer(_addin_installer, sortie or Path.home() / ".nr_workbook" / "nr_numerique_responsable.xlam",
              construire_seulement)


def _addin_installer(sortie: Path, construire_seulement: bool) -> int:
    import shutil as sh
    import subprocess

    try:
        from nr_workbook.addin import construire
    except ImportError as e:
        raise Arret(f"xlwings est requis : pip install \".[xlwings]\" ({e.name}).") from e
    if sortie.suffix.lower() != ".xlam" or sortie.stem != "nr_numerique_responsable":
        raise Arret("le complément doit s'appeler nr_numerique_responsable.xlam (son bouton appelle le module "
                    "Python de ce nom).")
    try:
        construire(sortie)
    except OSError as e:
        raise Arret(f"Écriture impossible de {sortie} : {e.strerror or e}.") from e
    out.info(f"[green]✔[/] Complément construit : {sortie}")
    if construire_seulement:
        return 0
    if sh.which("xlwings") is None:
        raise Arret("commande xlwings introuvable : installez xlwings, puis relancez.")
    res = subprocess.run(["xlwings", "addin", "install", "--file", str(sortie)], capture_output=True, text=True)
    if res.returncode != 0:
        raise Arret("« xlwings addin install » a échoué (Excel pour Windows ou macOS est nécessaire) : "
                    f"{(res.stderr or res.stdout).strip()[:300]}")
    out.info("[green]✔[/] Complément installé : redémarrez Excel, l'onglet « Numérique responsable » apparaît.")
    return 0


def main() -> None:
    """Console entry point: usage errors in French, exit code 2, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        out.erreur("interrompu.")
        code = 130
    except Exception as e:
        if hasattr(e, "format_message") and hasattr(e, "exit_code"):  # click's (or typer's vendored) errors
            ctx = getattr(e, "ctx", None)
            commande = ctx.command_path if ctx else "nr-workbook"
            out.erreur(f"{traduire_usage(e.format_message())} (aide : {commande} --help)")
            code = e.exit_code
        else:  # last resort: one French line instead of a traceback
            out.erreur(f"erreur inattendue ({e.__class__.__name__}) : {e}")
            code = 3
    sys.exit(code or 0)
