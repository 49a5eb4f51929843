"""Commands of Excel's faces: the Office.js add-in server and the classic xlwings add-in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer
from nr_workbook.excel.reglages import PORT_DEFAUT as PORT
from nr_workbook.excel.reglages import ReglageInvalide, Reglages, processus_par_defaut


@app.command()
def serveur(
    hote: Annotated[str, typer.Option("--hote", envvar="NR_SERVEUR_HOTE",
                                      help="Adresse d'écoute (0.0.0.0 pour toutes les interfaces).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", envvar="NR_SERVEUR_PORT", min=1, max=65535,
                                      help="Port d'écoute.")] = PORT,
    certificat: Annotated[Path | None, typer.Option("--certificat", envvar="NR_SERVEUR_CERTIFICAT",
                                                    help="Certificat TLS (PEM, chaîne complète).")] = None,
    cle: Annotated[Path | None, typer.Option("--cle", envvar="NR_SERVEUR_CLE",
                                             help="Clé privée du certificat (PEM).")] = None,
    url_publique: Annotated[str | None, typer.Option(
        "--url-publique", envvar="NR_SERVEUR_URL_PUBLIQUE",
        help="Adresse https annoncée par le manifeste (derrière un proxy qui termine TLS).")] = None,
    dev: Annotated[bool, typer.Option("--dev", help="Certificat local de développement pour localhost "
                                      "(créé une fois, avec les instructions pour lui faire confiance) ; "
                                      "c'est aussi le choix par défaut sans --certificat.")] = False,
    jeton: Annotated[str | None, typer.Option("--jeton", envvar="NR_SERVEUR_JETON",
                                              help="Jeton d'accès exigé de chaque appel (sinon 401).")] = None,
    http_sans_tls: Annotated[bool, typer.Option(
        "--http-sans-tls", envvar="NR_SERVEUR_HTTP_SANS_TLS",
        help="HTTP simple, uniquement derrière un proxy HTTPS (exige --url-publique).")] = False,
    processus: Annotated[int | None, typer.Option(
        "--processus", envvar="NR_SERVEUR_PROCESSUS", min=1, max=64,
        help="Processus de calcul en parallèle (par défaut : un par cœur, au plus 8).")] = None,
) -> None:
    """Lance le complément Office.js (protocole xlwings Server) en HTTPS ; manifeste : /manifest.xml."""
    executer(_serveur, Reglages(hote=hote, port=port, certificat=certificat, cle=cle, url_publique=url_publique,
                                jeton=jeton, http_sans_tls=http_sans_tls, dev=dev,
                                processus=processus or processus_par_defaut()))


def _serveur(reglages: Reglages) -> int:
    try:
        from nr_workbook.excel.lancement import lancer, preparer
    except ImportError as e:
        raise Arret(f"dépendances du serveur absentes ({e.name}) : installez-les avec pip install \".[serveur]\".") \
            from None
    try:
        demarrage = preparer(reglages)
    except ReglageInvalide as e:
        raise Arret(str(e)) from None
    for message in demarrage.messages:
        out.brut(message)
    out.info(f"Complément servi sur {demarrage.adresse} — manifeste : {demarrage.manifeste}"
             + (" — jeton d'accès exigé" if demarrage.reglages.jeton else ""))
    from nr_workbook.excel.superviseur import DemarrageImpossible

    try:
        lancer(demarrage.reglages)
    except OSError as e:  # the port taken, an address this machine does not have
        raise Arret(f"écoute impossible sur {reglages.hote}:{reglages.port} : {e.strerror or e}.") from None
    except DemarrageImpossible as e:
        raise Arret(str(e)) from None
    return 0


@app.command()
def manifeste(
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Fichier du manifeste à écrire (.xml).")],
    url_publique: Annotated[str, typer.Option("--url-publique", envvar="NR_SERVEUR_URL_PUBLIQUE",
                                              help="Adresse https du serveur du complément.")
                            ] = f"https://localhost:{PORT}",
    force: Annotated[bool, typer.Option("--force", help="Remplacer un fichier existant (après sauvegarde).")
                     ] = False,
) -> None:
    """Écrit le manifeste du complément Office.js, à déposer dans Excel ou le centre d'administration Microsoft 365."""
    executer(_manifeste, sortie, url_publique, force)


def _manifeste(sortie: Path, url_publique: str, force: bool) -> int:
    from nr_workbook.excel.manifeste import UrlInvalide
    from nr_workbook.excel.manifeste import manifeste as rendre

    if sortie.suffix.lower() != ".xml":
        raise Arret(f"Le manifeste doit avoir l'extension .xml : {sortie}")
    if sortie.exists() and not force:
        raise Arret(f"{sortie} existe déjà : ajoutez --force pour le remplacer (une sauvegarde sera faite).")
    try:
        texte = rendre(url_publique)
    except UrlInvalide as e:
        raise Arret(f"--url-publique {e}") from None
    ecrire_sortie(sortie, lambda: sortie.write_text(texte, encoding="utf-8"))
    out.info(f"[green]✔[/] Manifeste écrit : {sortie} (serveur {url_publique.rstrip('/')}).")
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
    executer(_addin_installer, sortie or Path.home() / ".nr_workbook" / "nr_numerique_responsable.xlam",
              construire_seulement)


def _addin_installer(sortie: Path, construire_seulement: bool) -> int:
    import shutil as sh
    import subprocess

    try:
        from nr_workbook.excel.addin import construire
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
