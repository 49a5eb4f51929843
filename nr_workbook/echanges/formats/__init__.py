"""The inventory formats of other tools, as versioned data: one YAML file per format beside this module (which
headers name which of our fields, in French and English), and the vocabulary they share (device types, chassis,
model families, statuses -> our categories and statuses). Validated by pydantic when loaded; a user's mapping file
(`--correspondances`) is read into the same model.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nr_workbook import referentiel

ChampSource = Literal[
    "nom", "categorie", "type", "chassis", "systeme", "modele", "fabricant", "quantite", "date", "annee",
    "date_fabrication", "date_retrait", "statut", "reconditionne", "poids", "conso", "puissance", "site",
    "commentaire", "datacenter", "source",
]
Statut = Literal["En service", "En stock", "Réformé"]
IGNORER = "ignorer"
MARQUE = "nr_workbook"  # our export's nomSourceDonnee: "nr_workbook:<catégorie>[:reconditionné]"
_MARQUE = re.compile(rf"^{MARQUE}:(?P<categorie>[^:]+?)(?::(?P<reconditionne>reconditionn\w*))?$")
FORMATS = ("nr", "numecoeval", "glpi", "ocs", "ecodiag")  # also the order in which ties are broken


def normaliser(texte: object) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: how headers, types and values are compared."""
    return _normaliser(texte if isinstance(texte, str) else str(texte))


@lru_cache(maxsize=65536)
def _normaliser(texte: str) -> str:
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def marque(source_donnee: str) -> tuple[str, bool] | None:
    """(category, refurbished) written by our NumEcoEval export in nomSourceDonnee, else None."""
    m = _MARQUE.match(source_donnee.strip())
    return (m.group("categorie"), bool(m.group("reconditionne"))) if m else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _motif(v: str) -> str:
    try:
        re.compile(v)
    except re.error as e:
        raise ValueError(f"expression régulière invalide « {v} » ({e})") from e
    return v


def _categorie(v: str | None) -> str | None:
    if v is None or v == IGNORER:
        return v
    connues = {e.categorie for e in referentiel.load().equipements}
    if v not in connues:
        raise ValueError(f"catégorie inconnue « {v} » (attendu : {', '.join(sorted(connues))}, ou « {IGNORER} »)")
    return v


class Regle(_Strict):
    """A type (or chassis, or model) pattern naming one of our categories."""

    motif: str
    categorie: str
    champs: tuple[ChampSource, ...] = ("type", "chassis")
    modele_d_abord: bool = False  # a generic type: the model families decide first

    _m = field_validator("motif")(_motif)
    _c = field_validator("categorie")(_categorie)

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.motif)


class Exclusion(_Strict):
    """Lines that are no device of the inventory (virtual machines, consumables…), left out with a reason."""

    motif: str
    raison: str
    champs: tuple[ChampSource, ...] = ("type",)

    _m = field_validator("motif")(_motif)

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.motif)


class RegleStatut(_Strict):
    motif: str
    statut: Statut

    _m = field_validator("motif")(_motif)

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(self.motif)


class Vocabulaire(_Strict):
    exclusions: tuple[Exclusion, ...]
    types: tuple[Regle, ...]
    modeles: tuple[Regle, ...]
    statuts: tuple[RegleStatut, ...]


class Format(_Strict):
    """How one tool's file names our fields and our categories."""

    nom: str
    libelle: str
    colonnes: dict[ChampSource, tuple[str, ...]]  # our field -> the headers that may hold it
    signature: tuple[str, ...] = ()  # headers that, together, identify the format
    obligatoires: tuple[ChampSource, ...] = ()
    au_moins_un: tuple[ChampSource, ...] = ()  # at least one of these fields must be found
    une_ligne_par_equipement: bool = False  # no quantity column: each line is one device
    separateur_multivaleur: str | None = None  # GLPI joins several values of one cell with <br>
    entetes_approchees: bool = False  # headers only resemble the expected ones (Ecodiag)
    categories: dict[str, str] = Field(default_factory=dict)  # exact source value -> category or "ignorer"
    statuts: dict[str, Statut] = Field(default_factory=dict)  # exact source value -> status
    types: tuple[Regle, ...] = ()  # the format's own patterns, tried before the shared vocabulary

    @field_validator("colonnes", mode="before")
    @classmethod
    def _listes(cls, v):
        return {k: (x,) if isinstance(x, str) else tuple(x) for k, x in (v or {}).items()}

    @field_validator("categories")
    @classmethod
    def _categories(cls, v: dict[str, str]) -> dict[str, str]:
        for c in v.values():
            _categorie(c)
        return {normaliser(k): c for k, c in v.items()}

    @field_validator("statuts")
    @classmethod
    def _statuts(cls, v: dict[str, str]) -> dict[str, str]:
        return {normaliser(k): s for k, s in v.items()}

    @model_validator(mode="after")
    def _obligatoires_declares(self) -> Format:
        manquants = [c for c in (*self.obligatoires, *self.au_moins_un) if c not in self.colonnes]
        if manquants:
            raise ValueError(f"champs obligatoires sans colonne : {', '.join(manquants)}")
        return self


class Correspondances(_Strict):
    """A user's mapping file for any CSV or sheet (`--correspondances`, written by `--proposer`)."""

    colonnes: dict[ChampSource, str | list[str]]
    categories: dict[str, str] = Field(default_factory=dict)
    statuts: dict[str, Statut] = Field(default_factory=dict)
    une_ligne_par_equipement: bool = False

    @field_validator("categories")
    @classmethod
    def _categories(cls, v: dict[str, str]) -> dict[str, str]:
        for c in v.values():
            _categorie(c)
        return v

    def en_format(self, nom: str) -> Format:
        obligatoires = ("quantite",) if "quantite" in self.colonnes and not self.une_ligne_par_equipement else ()
        return Format(nom="correspondances", libelle=f"correspondances de {nom}", colonnes=dict(self.colonnes),
                      obligatoires=obligatoires, une_ligne_par_equipement=self.une_ligne_par_equipement,
                      categories=self.categories, statuts=self.statuts)


class ExportG4IT(_Strict):
    """The physical equipment and datacenter files NumEcoEval and G4IT load."""

    entetes_equipement: tuple[str, ...]
    entetes_datacenter: tuple[str, ...]
    pays: str
    types: dict[str, str]  # our category -> G4IT type
    statuts: dict[Statut, str]

    @field_validator("types")
    @classmethod
    def _categories(cls, v: dict[str, str]) -> dict[str, str]:
        for c in v:
            _categorie(c)
        return v


class ImportTeT(_Strict):
    """Territoires en Transitions' plan import (tet.yaml): labels in order, rows, enumerations, limits."""

    ligne_entetes: int
    premiere_ligne: int
    titre_max: int
    budget_max: float
    colonnes: dict[str, str]  # our key -> TeT's label, in the parser's order (dicts keep it)
    statuts: tuple[str, ...]
    priorites: tuple[str, ...]


def _lire(nom: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(f"{nom}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def vocabulaire() -> Vocabulaire:
    return Vocabulaire.model_validate(_lire("vocabulaire"))


@cache
def format_(nom: str) -> Format:
    return Format.model_validate(_lire(nom))


@lru_cache(maxsize=1)
def import_tet() -> ImportTeT:
    return ImportTeT.model_validate(_lire("tet"))


@lru_cache(maxsize=1)
def export_g4it() -> ExportG4IT:
    return ExportG4IT.model_validate(_lire("g4it"))
