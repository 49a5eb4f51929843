"""Changing a user's workbook safely: a timestamped backup first, a refusal when openpyxl would drop parts of the
file, and an atomic replacement (never a half-written workbook)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.garde import verifier_classeur

# Package parts openpyxl does not keep, with what the user would lose.
_PARTIES = (
    ("xl/vbaProject.bin", "des macros VBA"),
    ("xl/pivotTables/", "des tableaux croisés dynamiques"),
    ("xl/slicers/", "des segments (slicers)"),
    ("xl/timelines/", "des chronologies"),
    ("xl/threadedComments/", "des commentaires modernes (fils de discussion)"),
    ("xl/activeX/", "des contrôles ActiveX"),
    ("xl/ctrlProps/", "des contrôles de formulaire"),
    ("xl/embeddings/", "des objets incorporés"),
    ("xl/model/", "un modèle de données"),
)
_EXTENSIONS = (
    ("x14:dataValidation", "des listes de validation qui pointent vers une autre feuille (format Excel 2010)"),
    ("x14:conditionalFormatting", "des mises en forme conditionnelles étendues (Excel 2010)"),
    ("x14:sparklineGroup", "des graphiques sparkline"),
)


class ClasseurRefuse(Exception):
    """The workbook cannot be changed safely (French message)."""


def pertes(chemin: Path) -> list[str]:
    """What openpyxl would drop from this file (empty: safe to rewrite)."""
    try:
        with zipfile.ZipFile(chemin) as z:
            noms = z.namelist()
            trouve = [texte for prefixe, texte in _PARTIES if any(n.startswith(prefixe) for n in noms)]
            if any(n.startswith("xl/media/") for n in noms):
                try:
                    import PIL  # noqa: F401  (openpyxl keeps images only with Pillow)
                except ImportError:
                    trouve.append("des images (Pillow absent)")
            feuilles = [n for n in noms if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]
            for balise, texte in _EXTENSIONS:
                if any(balise.encode() in z.read(n) for n in feuilles):
                    trouve.append(texte)
            return trouve
    except zipfile.BadZipFile as e:
        raise ClasseurRefuse(f"{chemin.name} n'est pas un classeur Excel lisible.") from e


def sauvegarder(chemin: Path) -> Path:
    horodatage = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copie = chemin.with_name(f"{chemin.stem}.sauvegarde-{horodatage}{chemin.suffix}")
    n = 2
    while copie.exists():
        copie = chemin.with_name(f"{chemin.stem}.sauvegarde-{horodatage}-{n}{chemin.suffix}")
        n += 1
    shutil.copy2(chemin, copie)
    return copie


def verifier_reecriture(chemin: Path) -> None:
    """The file exists, is an .xlsx workbook within the size limits, and holds nothing that rewriting it with
    openpyxl would lose."""
    if not chemin.exists():
        raise ClasseurRefuse(f"Fichier introuvable : {chemin}")
    if chemin.suffix.lower() != ".xlsx":
        raise ClasseurRefuse(f"{chemin.name} : seuls les classeurs .xlsx peuvent être complétés.")
    verifier_classeur(chemin)
    perdu = pertes(chemin)
    if perdu:
        raise ClasseurRefuse(f"{chemin.name} contient {', '.join(perdu)}, que la réécriture ferait perdre : "
                             "le classeur n'a pas été modifié. Copiez vos données dans un classeur généré par "
                             "nr-workbook, ou retirez ces éléments.")


def sauvegarder_puis_remplacer(wb: Workbook, chemin: Path) -> Path | None:
    """Write `wb` at `chemin` (its folder created), backing up what was there first; the backup's path or None."""
    copie = sauvegarder(chemin) if chemin.exists() else None
    chemin.parent.mkdir(parents=True, exist_ok=True)
    remplacer(wb, chemin)
    return copie


def remplacer(wb: Workbook, chemin: Path) -> None:
    """Save over `chemin` atomically: written beside it first, then renamed over it."""
    fd, temporaire = tempfile.mkstemp(suffix=".xlsx", dir=chemin.parent)
    os.close(fd)
    try:
        enregistrer(wb, Path(temporaire))
        os.replace(temporaire, chemin)
    finally:
        if os.path.exists(temporaire):
            os.remove(temporaire)
