"""Anomalies found in user input, each with its place (file and line, or sheet and cell) and a French message.

One model serves the CSV import, the checker and the workbook's Anomalies sheet (after frictionless-py's errors);
`FichierInvalide` stops the reading of a whole file that cannot be used.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Gravite = Literal["erreur", "avertissement"]


@dataclass(frozen=True)
class Anomalie:
    type: str  # short id, e.g. "categorie-inconnue"
    message: str  # French, complete sentence
    fichier: str = ""
    feuille: str = ""
    cellule: str = ""
    ligne: int | None = None
    colonne: str = ""
    gravite: Gravite = "erreur"

    @property
    def lieu(self) -> str:
        if self.feuille:
            return f"feuille « {self.feuille} »" + (f", cellule {self.cellule}" if self.cellule else "")
        parts = [self.fichier] if self.fichier else []
        if self.ligne is not None:
            parts.append(f"ligne {self.ligne}")
        if self.colonne:
            parts.append(f"colonne « {self.colonne} »")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.lieu} : {self.message}" if self.lieu else self.message

    def as_dict(self) -> dict:
        return {**asdict(self), "lieu": self.lieu}


ENTETES_FEUILLE = ("Gravité", "Lieu", "Fichier", "Ligne", "Colonne", "Feuille", "Cellule", "Type", "Message")


def ligne_feuille(a: Anomalie) -> tuple:
    return (a.gravite, a.lieu, a.fichier, a.ligne, a.colonne, a.feuille, a.cellule, a.type, a.message)


class FichierInvalide(Exception):
    """The whole file cannot be used (French message)."""
