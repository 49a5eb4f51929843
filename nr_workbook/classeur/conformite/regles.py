"""The limits Excel enforces, and the checks of one formula or one typed list against them.

Each number is one of Microsoft's « Spécifications et limites d'Excel » (support.microsoft.com, "Excel
specifications and limits"); XlsxWriter enforces the same ones where data enters (`worksheet.py`, `workbook.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string, get_column_letter

from nr_workbook.classeur.calcul.syntaxe import ErreurSyntaxe, jetons
from nr_workbook.contract.anomalies import Anomalie

LIGNES = 1_048_576
COLONNES = 16_384
FORMULE = 8_192  # characters of a formula's contents
IMBRICATION = 64  # nested levels of functions
ARGUMENTS = 255  # arguments of a function
TEXTE_FORMULE = 255  # characters of a text constant inside a formula
LISTE_SAISIE = 255  # characters of a list typed in a data validation (its items and their commas)
TITRE_MESSAGE = 32  # title of a validation's input or error message
MESSAGE = 255  # body of a validation's input or error message
TEXTE_CELLULE = 32_767
LIENS = 65_530  # hyperlinks per worksheet
URL = 2_079  # characters of a hyperlink's address
FORMATS_CELLULE = 64_000  # cell formats (cellXfs) of a workbook
FORMATS_NOMBRE = 200  # custom number formats (« between 200 and 250, depending on the language version »)
NOM_FEUILLE = 31
NOM_DEFINI = 255
EN_TETE_PIED = 255  # characters of a header or footer
LARGEUR_COLONNE = 255
HAUTEUR_LIGNE = 409
SERIES_GRAPHIQUE = 255

_NOM_DEFINI = re.compile(r"^[A-Za-z_\\\u00C0-\uFFFF][\w.\\\u00C0-\uFFFF]*$")
_REF_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_REF_L1C1 = re.compile(r"^(?:[Rr]\d*)?(?:[Cc]\d*)?$")
_PLAGE = re.compile(r"^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$")


@dataclass(frozen=True)
class Rect:
    l1: int
    c1: int
    l2: int
    c2: int

    def croise(self, o: Rect) -> bool:
        return self.l1 <= o.l2 and o.l1 <= self.l2 and self.c1 <= o.c2 and o.c1 <= self.c2

    def __str__(self) -> str:
        a = f"{get_column_letter(self.c1)}{self.l1}"
        return a if (self.l1, self.c1) == (self.l2, self.c2) else f"{a}:{get_column_letter(self.c2)}{self.l2}"


def rect(plage: str) -> Rect | None:
    """A1-style range ("B2:D9", "C3", "A:A", "5:5") as a rectangle; None when unreadable."""
    m = _PLAGE.match(plage.strip().upper())
    if not m or not any(m.groups()):
        return None
    ca, la, cb, lb = m.groups()
    if cb is None and lb is None:
        cb, lb = ca, la
    c1 = column_index_from_string(ca) if ca else 1
    c2 = column_index_from_string(cb) if cb else COLONNES
    l1, l2 = int(la) if la else 1, int(lb) if lb else LIGNES
    return Rect(min(l1, l2), min(c1, c2), max(l1, l2), max(c1, c2))


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


class Controle:
    def __init__(self, fichier: str):
        self.fichier = fichier
        self.anomalies: list[Anomalie] = []

    def __call__(self, type_: str, message: str, feuille: str = "", cellule: str = "") -> None:
        self.anomalies.append(Anomalie(type_, message, fichier=self.fichier, feuille=feuille, cellule=cellule))


@dataclass
class Styles:
    xfs: int = 0
    dxfs: int = 0


def nom_defini_valide(nom: str) -> bool:
    return (bool(_NOM_DEFINI.match(nom)) and len(nom) <= NOM_DEFINI and not _REF_A1.match(nom)
            and not _REF_L1C1.match(nom) and nom.upper() not in ("TRUE", "FALSE", "VRAI", "FAUX"))


# --- Formulas -------------------------------------------------------------------------------------------------------
def defauts_formule(texte: str) -> list[tuple[str, str]]:
    """(type, French message) of each limit a formula breaks (its text as stored, with or without "=")."""
    corps = texte[1:] if texte.startswith("=") else texte
    out = []
    if len(corps) > FORMULE:
        out.append(("formule-trop-longue", f"formule de {_nombre(len(corps))} caractères : Excel n'en accepte pas "
                                           f"plus de {_nombre(FORMULE)}."))
    try:
        liste = jetons(corps)
    except ErreurSyntaxe as e:
        return [*out, ("formule-illisible", f"formule illisible ({e}).")]
    pile: list[list] = []  # ["f", arguments] for a function, ["p"] for a parenthesis, ["a"] for an array constant
    profondeur = 0
    for genre, v in liste:
        if genre == "fonction":
            pile.append(["f", 1])
            profondeur = max(profondeur, sum(1 for x in pile if x[0] == "f"))
        elif genre == "ponct" and v in "({":
            pile.append(["p" if v == "(" else "a"])
        elif genre == "ponct" and v in ")}" and pile:
            x = pile.pop()
            if x[0] == "f" and x[1] > ARGUMENTS:
                out.append(("arguments", f"une fonction reçoit {x[1]} arguments : Excel n'en accepte pas plus de "
                                         f"{ARGUMENTS}."))
        elif genre == "ponct" and v == "," and pile and pile[-1][0] == "f":
            pile[-1][1] += 1
        elif genre == "texte" and len(v) - 2 > TEXTE_FORMULE:
            out.append(("texte-formule-trop-long", f"texte de {len(v) - 2} caractères dans la formule : Excel "
                                                   f"n'en accepte pas plus de {TEXTE_FORMULE}."))
    if profondeur > IMBRICATION:
        out.append(("imbrication", f"{profondeur} niveaux de fonctions imbriquées : Excel n'en accepte pas plus "
                                   f"de {IMBRICATION}."))
    return out


def defauts_liste(formule1: str) -> list[tuple[str, str]]:
    """The limit a list validation's source breaks when typed in ("a,b,c" within quotes)."""
    if formule1.startswith('"') and len(formule1) - 2 > LISTE_SAISIE:
        return [("liste-trop-longue", f"liste de validation saisie de {len(formule1) - 2} caractères : Excel n'en "
                                      f"accepte pas plus de {LISTE_SAISIE} (il « répare » le fichier en supprimant "
                                      "les validations de la feuille) ; la liste doit être une plage.")]
    return []


