"""A tabular file another tool exported, read as a stream of records under its header row.

CSV: UTF-8 with or without BOM, else Windows-1252 (checked on the whole file before reading it); the delimiter
(`;`, `,`, tab or `|`) and the header row (after junk lines such as a title or an export date) are found from the
first lines; a record is read by the csv module, so quoted values may hold delimiters and line breaks, but a quote
left open does not swallow the rest of the file: the line is reported and reading resumes on the next one.
Spreadsheets (xlsx, ods…) come through `classeur.tableur`. Memory never grows with the number of lines.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nr_workbook.classeur import tableur
from nr_workbook.classeur.garde import Limites, verifier_lignes, verifier_taille
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide

LIGNES_ENTETE = 30  # rows looked at to find the header
LIGNES_PAR_VALEUR = 50  # physical lines a quoted value may span before its quote is taken as unbalanced
SEPARATEURS = (";", ",", "\t", "|")
csv.field_size_limit(10 * 1024 * 1024)

# Scores a candidate header row (its cells); the highest-scoring row among the first lines is the header.
Evaluateur = Callable[[Sequence[Any]], float]


@dataclass
class Tableau:
    fichier: str
    entetes: list[str]
    ligne_entete: int
    enregistrements: Iterator[tuple[int, list[Any]]]  # (line number, values) of the data rows
    encodage: str | None = None
    separateur: str | None = None
    anomalies: list[Anomalie] = field(default_factory=list)  # filled while the records are read


def encodage(chemin: Path) -> str:
    """utf-8-sig when the whole file decodes as UTF-8 (BOM or not), else cp1252 (Excel's French CSV)."""
    decodeur = codecs.getincrementaldecoder("utf-8")()
    with chemin.open("rb") as f:
        try:
            while bloc := f.read(1 << 20):
                decodeur.decode(bloc)
            decodeur.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _separateur(lignes: Sequence[str]) -> str:
    """The delimiter that splits the most of the first lines into the same number of several fields."""
    def score(sep: str) -> tuple[int, int]:
        comptes = [len(next(csv.reader([ligne], delimiter=sep), [])) for ligne in lignes if ligne.strip()]
        utiles = [n for n in comptes if n > 1]
        if not utiles:
            return (0, 0)
        return (max(utiles.count(n) for n in set(utiles)), max(utiles))

    return max(SEPARATEURS, key=score)


class _Lignes:
    """The file's physical lines, counted, with the lines of the record being read kept aside for a restart."""

    def __init__(self, f, nom: str, limites: Limites):
        self._f, self._nom, self._limites = f, nom, limites
        self._retour: list[str] = []
        self.numero = 0  # number of the last line handed out
        self.debut = 1  # first line of the record being read
        self._courant: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if len(self._courant) >= LIGNES_PAR_VALEUR:
            raise _GuillemetOuvert
        ligne = self._retour.pop() if self._retour else next(self._f)
        self.numero += 1
        verifier_lignes(self._nom, self.numero, self._limites)
        self._courant.append(ligne)
        return ligne

    def nouvel_enregistrement(self) -> None:
        self.debut = self.numero + 1
        self._courant = []

    def reprendre_apres_le_debut(self) -> None:
        """Read again every line of the failed record but its first."""
        self._retour.extend(reversed(self._courant[1:]))
        self.numero = self.debut
        self.nouvel_enregistrement()


class _GuillemetOuvert(Exception):
    pass


def _enregistrements_csv(f, sep: str, nom: str, limites: Limites,
                         anomalies: list[Anomalie]) -> Iterator[tuple[int, list[str]]]:
    lignes = _Lignes(f, nom, limites)
    try:
        while True:
            lecteur = csv.reader(lignes, delimiter=sep, strict=True)
            try:
                for valeurs in lecteur:
                    yield lignes.debut, valeurs
                    lignes.nouvel_enregistrement()
                return
            except (_GuillemetOuvert, csv.Error) as e:
                raison = _raison(e)
                anomalies.append(Anomalie("guillemets", f"{raison} : ligne ignorée.", fichier=nom,
                                          ligne=lignes.debut))
                lignes.reprendre_apres_le_debut()
    finally:
        f.close()


def _raison(e: Exception) -> str:
    texte = str(e)
    if isinstance(e, _GuillemetOuvert) or "unexpected end" in texte:
        return "guillemets non équilibrés (une valeur n'est jamais refermée)"
    if "expected after" in texte:
        return "guillemets mal placés (du texte suit un guillemet fermant)"
    if "field larger" in texte:
        return "valeur trop longue"
    if "NUL" in texte:
        return "caractère nul dans la ligne"
    return "ligne illisible"


def _choisir_entete(premieres: list[tuple[int, list[Any]]], evaluer: Evaluateur) -> int:
    """Index, among the first records, of the header row: the best score, the earliest on a tie."""
    scores = [(evaluer(valeurs), -i) for i, (_, valeurs) in enumerate(premieres)]
    meilleur = max(range(len(scores)), key=lambda i: scores[i]) if scores else 0
    return meilleur


def _tableau(nom: str, flux: Iterator[tuple[int, list[Any]]], evaluer: Evaluateur, **extra) -> Tableau:
    premieres = [r for r in itertools.islice(flux, LIGNES_ENTETE)]
    premieres_utiles = [r for r in premieres if any(str(v).strip() for v in r[1])]
    if not premieres_utiles:
        raise FichierInvalide(f"{nom} est vide.")
    i = _choisir_entete(premieres_utiles, evaluer)
    numero, entetes = premieres_utiles[i]
    reste = [r for r in premieres if r[0] > numero]
    entetes = [str(h).strip() if h is not None else "" for h in entetes]
    while entetes and not entetes[-1]:  # GLPI ends every line with a delimiter
        entetes.pop()
    return Tableau(nom, entetes, numero, itertools.chain(reste, flux), **extra)


def ouvrir(chemin: Path, evaluer: Evaluateur, limites: Limites | None = None) -> Tableau:
    """The records of a CSV or spreadsheet file under the header row that `evaluer` scores best."""
    limites = limites or Limites.depuis_environnement()
    if chemin.is_dir():
        raise FichierInvalide(f"{chemin} est un dossier : donnez le fichier à importer.")
    verifier_taille(chemin, limites)
    if chemin.suffix.lower() in tableur.EXTENSIONS:
        lignes = tableur.lignes(chemin, limites)
        return _tableau(chemin.name, ((n, ligne) for n, ligne in enumerate(lignes, start=1)), evaluer)
    enc = encodage(chemin)
    f = chemin.open("r", encoding=enc, newline="")
    debut = [ligne for ligne in itertools.islice(f, LIGNES_ENTETE)]
    f.seek(0)
    sep = _separateur(debut)
    anomalies: list[Anomalie] = []
    flux = _enregistrements_csv(f, sep, chemin.name, limites, anomalies)
    return _tableau(chemin.name, flux, evaluer, encodage=enc, separateur=sep, anomalies=anomalies)
