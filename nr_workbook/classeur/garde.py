"""Size guards for every file a command opens: a file too big, a workbook whose parts inflate beyond a limit (zip
bomb), a text file with too many lines are refused at once with a French message, before anything is read whole.

The limits are documented in the README and settable through the environment (`NR_LIMITE_FICHIER_MO`,
`NR_LIMITE_DECOMPRESSE_MO`, `NR_LIMITE_TAUX_COMPRESSION`, `NR_LIMITE_LIGNES`); a zero turns one off.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

from nr_workbook.contract.anomalies import FichierInvalide

MO = 1024 * 1024
_SEUIL_TAUX = 10 * MO  # parts smaller than this are never suspicious, whatever their compression ratio

_VARIABLES = {
    "taille_fichier_mo": "NR_LIMITE_FICHIER_MO",
    "decompresse_mo": "NR_LIMITE_DECOMPRESSE_MO",
    "taux_compression": "NR_LIMITE_TAUX_COMPRESSION",
    "lignes": "NR_LIMITE_LIGNES",
}


class FichierTropVolumineux(FichierInvalide):
    """A file beyond one of the limits (French message naming the limit and how to change it)."""


@dataclass(frozen=True)
class Limites:
    taille_fichier_mo: float = 300  # any file opened (workbook, CSV, JSON)
    decompresse_mo: float = 250  # sum of the uncompressed parts of a workbook (xlsx, ods)
    taux_compression: float = 200  # uncompressed / compressed size of one part above 10 Mo
    lignes: int = 2_000_000  # lines of a text file (CSV)

    @classmethod
    def depuis_environnement(cls) -> Limites:
        """Defaults, overridden by the environment variables that hold a number."""
        valeurs = {}
        for f in fields(cls):
            texte = os.environ.get(_VARIABLES[f.name], "").strip().replace(",", ".")
            if not texte:
                continue
            try:
                nombre = float(texte)
            except ValueError as e:
                raise FichierInvalide(f"{_VARIABLES[f.name]}={texte!r} : un nombre est attendu.") from e
            valeurs[f.name] = int(nombre) if f.name == "lignes" else nombre
        return cls(**valeurs)


def _trop(nom: str, quoi: str, valeur: str, limite: str, champ: str) -> FichierTropVolumineux:
    return FichierTropVolumineux(
        f"{nom} : {quoi} ({valeur}) dépasse la limite de {limite} ; fichier refusé sans être lu. Pour l'accepter, "
        f"relevez la limite avec la variable d'environnement {_VARIABLES[champ]} (0 pour l'ôter).")


def verifier_taille(chemin: Path, limites: Limites | None = None) -> int:
    """The file's size in bytes, or a refusal when it exceeds the file size limit."""
    limites = limites or Limites.depuis_environnement()
    try:
        taille = chemin.stat().st_size
    except FileNotFoundError as e:
        raise FichierInvalide(f"Fichier introuvable : {chemin}") from e
    except OSError as e:
        raise FichierInvalide(f"Lecture impossible de {chemin} : {e.strerror}") from e
    if limites.taille_fichier_mo and taille > limites.taille_fichier_mo * MO:
        raise _trop(chemin.name, "sa taille", f"{taille / MO:.0f} Mo", f"{limites.taille_fichier_mo:g} Mo",
                    "taille_fichier_mo")
    return taille


def verifier_classeur(chemin: Path, limites: Limites | None = None) -> None:
    """A workbook (zip package) whose declared parts stay within the limits; read from the zip's directory only."""
    limites = limites or Limites.depuis_environnement()
    verifier_taille(chemin, limites)
    try:
        with zipfile.ZipFile(chemin) as z:
            parties = z.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the reader says so in its own words
    total = sum(p.file_size for p in parties)
    if limites.decompresse_mo and total > limites.decompresse_mo * MO:
        raise _trop(chemin.name, "son contenu décompressé", f"{total / MO:.0f} Mo", f"{limites.decompresse_mo:g} Mo",
                    "decompresse_mo")
    if limites.taux_compression:
        for p in parties:
            taux = p.file_size / max(p.compress_size, 1)
            if p.file_size > _SEUIL_TAUX and taux > limites.taux_compression:
                raise _trop(chemin.name, f"la partie {p.filename}, compressée {taux:.0f} fois",
                            f"{p.file_size / MO:.0f} Mo une fois décompressée", f"{limites.taux_compression:g} fois",
                            "taux_compression")


def verifier_lignes(nom: str, lignes: int, limites: Limites) -> None:
    """Called while streaming a text file: a refusal as soon as the line limit is passed."""
    if limites.lignes and lignes > limites.lignes:
        raise _trop(nom, "son nombre de lignes", f"plus de {limites.lignes:,}".replace(",", "\u202f"),
                    f"{limites.lignes:,} lignes".replace(",", "\u202f"), "lignes")
