"""Which column of a file holds which of our fields, for a given format; and which format a header row is.

A header matches a field's expected name when, compared without case, accents or punctuation, it is the same, or
ends with it (GLPI prefixes a group: "Informations financières - Date d'achat"); for Ecodiag, whose headers only
resemble the expected ones, a close spelling or a shared word is enough. Exact matches are taken first.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.echanges.formats import FORMATS, ChampSource, Format, format_, normaliser

# Our own CSV (the nr format): each field and the T_INVENTAIRE header that holds it, in and out.
CHAMPS_INVENTAIRE: dict[ChampSource, str] = {
    "categorie": "Catégorie", "modele": "Modèle", "quantite": "Quantité", "annee": "Année d'acquisition",
    "statut": "Statut", "reconditionne": "Reconditionné", "poids": "Poids unitaire (kg)", "conso": "Conso (kWh/an)",
    "site": "Service", "commentaire": "Commentaire",
}
assert set(CHAMPS_INVENTAIRE.values()) <= set(L.T_INVENTAIRE.entetes)


def format_nr() -> Format:
    return Format(nom="nr", libelle="nr_workbook (en-têtes de T_INVENTAIRE)",
                  colonnes={c: (h,) for c, h in CHAMPS_INVENTAIRE.items()},
                  signature=tuple(CHAMPS_INVENTAIRE.values()), obligatoires=("categorie", "quantite"))


def charger(nom: str) -> Format:
    return format_nr() if nom == "nr" else format_(nom)


@dataclass
class Correspondance:
    index: dict[ChampSource, int]  # field -> column index
    entetes: dict[ChampSource, str]  # field -> the file's header
    ignorees: list[str]  # the file's headers used by no field

    def manquants(self, fmt: Format) -> list[ChampSource]:
        manquants = [c for c in fmt.obligatoires if c not in self.index]
        if fmt.au_moins_un and not any(c in self.index for c in fmt.au_moins_un):
            manquants.append(fmt.au_moins_un[0])
        return manquants


def _proche(entete: str, attendu: str) -> bool:
    if not entete or not attendu:
        return False
    if difflib.SequenceMatcher(None, entete, attendu).ratio() >= 0.8:
        return True
    mots = set(attendu.split()) - {"d", "de", "du", "la", "le", "l", "of"}
    return bool(mots) and mots <= set(entete.split())


def correspondance(fmt: Format, entetes: Sequence[Any]) -> Correspondance:
    normes = [normaliser(h) if h is not None else "" for h in entetes]
    index: dict[ChampSource, int] = {}
    pris: set[int] = set()
    essais = (lambda h, a: h == a, lambda h, a: h.endswith(" " + a))
    if fmt.entetes_approchees:
        essais += (_proche,)
    for essai in essais:
        for champ, attendus in fmt.colonnes.items():
            if champ in index:
                continue
            for attendu in attendus:
                a = normaliser(attendu)
                i = next((i for i, h in enumerate(normes) if i not in pris and h and essai(h, a)), None)
                if i is not None:
                    index[champ] = i
                    pris.add(i)
                    break
    ignorees = [str(entetes[i]).strip() for i, h in enumerate(normes) if h and i not in pris]
    return Correspondance(index, {c: str(entetes[i]).strip() for c, i in index.items()}, ignorees)


def score(fmt: Format, entetes: Sequence[Any]) -> float:
    """How well a header row fits a format: 0 when a mandatory field is missing, else its fields and signature."""
    c = correspondance(fmt, entetes)
    if c.manquants(fmt) or not c.index:
        return 0.0
    normes = {normaliser(h) for h in entetes if h is not None}
    signature = sum(1 for s in fmt.signature if normaliser(s) in normes)
    return len(c.index) + 2 * signature


def evaluateur(noms: Sequence[str]):
    """Scores a candidate header row by the best fit among the given formats (header detection)."""
    formats = [charger(n) for n in noms]

    def evaluer(valeurs: Sequence[Any]) -> float:
        if sum(1 for v in valeurs if isinstance(v, str) and v.strip()) < 2:
            return 0.0
        return max(score(f, valeurs) for f in formats)

    return evaluer


def detecter(entetes: Sequence[Any]) -> tuple[str | None, dict[str, float]]:
    """The built-in format whose headers fit best (ties: the order of FORMATS), and every score."""
    scores = {n: score(charger(n), entetes) for n in FORMATS}
    meilleur = max(FORMATS, key=lambda n: (scores[n], -FORMATS.index(n)))
    return (meilleur if scores[meilleur] > 0 else None), scores
