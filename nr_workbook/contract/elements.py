"""The building blocks of the layout's declaration: number formats, what a cell accepts, columns, tables, names."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from nr_workbook.contract.listes import OUI_NON

# --- Number formats (Excel codes; the reader's locale shows French separators) ------------------------------------
F_ENTIER = "#,##0"
F_DECIMAL1 = "#,##0.0"
F_DECIMAL2 = "#,##0.00"
F_DECIMAL3 = "#,##0.000"
F_DECIMAL4 = "0.0000"
F_ANNEE = "0"
F_POURCENT = "0.0%"
F_DATE = "dd/mm/yyyy"
F_TEXTE = "@"

Kind = Literal["liste", "entier", "decimal", "texte", "date", "niveau"]


@dataclass(frozen=True)
class Saisie:
    """What a cell accepts, turned into a data validation with a French message by the writer."""

    kind: Kind
    valeurs: tuple[str, ...] = ()  # inline list
    plage: str | None = None  # or a named range holding the list
    minimum: float | None = None
    maximum: float | None = None
    aide: str = ""


@dataclass(frozen=True)
class Colonne:
    entete: str
    largeur: float = 14
    format: str | None = None
    saisie: Saisie | None = None
    calculee: bool = False  # filled by a per-row formula, locked


@dataclass(frozen=True)
class Table:
    nom: str
    feuille: str
    colonnes: tuple[Colonne, ...]
    lignes_vides: int = 0  # empty rows a blank template holds for entry

    @cached_property  # read on every row of a recalculation
    def entetes(self) -> tuple[str, ...]:
        return tuple(c.entete for c in self.colonnes)

    def colonne(self, entete: str) -> Colonne:
        return next(c for c in self.colonnes if c.entete == entete)

    def ref(self, entete: str) -> str:
        """Structured reference to a column, with the apostrophe escaped as Excel requires."""
        return f"{self.nom}[{entete.replace(chr(39), chr(39) * 2)}]"


@dataclass(frozen=True)
class Nom:
    nom: str
    feuille: str
    sens: Literal["entree", "sortie"]
    libelle: str
    unite: str = ""
    definition: str = ""
    format: str | None = None
    saisie: Saisie | None = None
    contrat: bool = True  # part of workbook-contract.md (others are ours, free to change)
    extra: dict = field(default_factory=dict, compare=False)


SAISIE_ANNEE = Saisie("entier", minimum=1980, maximum=2100, aide="Année sur quatre chiffres, par exemple 2021.")
SAISIE_POSITIF = Saisie("decimal", minimum=0, aide="Nombre positif ou nul.")
SAISIE_OUI_NON = Saisie("liste", OUI_NON)
