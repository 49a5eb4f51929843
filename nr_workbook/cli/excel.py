"""Commands of Excel's faces: the Office.js add-in server and the classic xlwings add-in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, executer


@app.command()
def serveur(port: Annotated[int, typer.Option(help="Port d'écoute sur localhost.")] = 8000) -> None:
    """Lance le complément Office.js (protocole xlwings Server) sur localhost ; manifeste : /manifest.xml."""
    try:
        from nr_workbook.excel.serveur import lancer
    except ImportError as e:
        out.erreur(f"dépendances du serveur absentes ({e.name}) : installez-les avec pip install \".[serveur]\".")
        raise typer.Exit(2) from None
    out.info(f"Complément servi sur http://127.0.0.1:{port} — manifeste : http://127.0.0.1:{port}/manifest.xml")
    lancer(port)


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
