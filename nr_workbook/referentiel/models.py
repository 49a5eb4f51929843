"""Pydantic models of the versioned reference data (validated when loaded)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Parcours = Literal["Complet", "Flash"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    court: str  # short label shown beside each figure, e.g. "ADEME Impact CO2"
    titre: str
    editeur: str
    annee: int = Field(ge=1990, le=2100)
    lien: str
    licence: str


class ValeurSourcee(_Strict):
    """A figure with the id of the source it comes from."""

    valeur: float = Field(ge=0)
    source: str
    commentaire: str = ""


class Equipement(_Strict):
    categorie: str
    famille: str
    salle_serveur: bool
    poids_kg: ValeurSourcee
    duree_vie_ans: ValeurSourcee
    fabrication_kgco2e: ValeurSourcee
    conso_kwh_an: ValeurSourcee
    commentaire: str = ""

    @field_validator("duree_vie_ans")
    @classmethod
    def _positive_lifespan(cls, v: ValeurSourcee) -> ValeurSourcee:
        if v.valeur <= 0:
            raise ValueError("la durée de vie doit être strictement positive")
        return v

    def valeurs(self) -> dict[str, ValeurSourcee]:
        return {
            "poids_kg": self.poids_kg,
            "duree_vie_ans": self.duree_vie_ans,
            "fabrication_kgco2e": self.fabrication_kgco2e,
            "conso_kwh_an": self.conso_kwh_an,
        }


class Dimension(_Strict):
    code: str = Field(pattern=r"^[A-Z]+$")
    libelle: str


class NiveauMaturite(_Strict):
    seuil: float = Field(ge=0, le=100)
    libelle: str
    description: str


class Question(_Strict):
    id: str = Field(pattern=r"^[A-Z]+-\d{2}$")
    question: str
    niveaux: tuple[str, str, str, str]
    interlocuteurs: tuple[str, ...] = Field(min_length=1)
    theme_decret: str
    flash: bool = False
    flash_question: str | None = None

    @property
    def dimension(self) -> str:
        return self.id.split("-")[0]

    def libelle(self, parcours: Parcours) -> str:
        if parcours == "Flash" and self.flash_question:
            return self.flash_question
        return self.question


Cible = Literal["Interne", "Prestataire"]
PRIORITES = ("Prioritaire", "Recommandée", "Aller plus loin")
DIFFICULTES = ("Facile", "Moyenne", "Difficile")


class Levier(_Strict):
    id: str = Field(pattern=r"^[A-Z]+-\d{2}$")
    levier: str
    description: str
    cible: Cible
    priorite: Literal["Prioritaire", "Recommandée", "Aller plus loin"]
    difficulte: Literal["Facile", "Moyenne", "Difficile"]
    actions: tuple[str, ...] = Field(min_length=1)
    indicateurs: tuple[str, ...] = Field(min_length=1)
    questions: tuple[str, ...] = Field(min_length=1)
    scenario: Literal["Allongement", "PUE"] | None = None  # the Scénarios sheet's gain this lever brings

    @property
    def dimension(self) -> str:
        return self.id.split("-")[0]


class Etape(_Strict):
    code: str
    libelle: str
    semaines_min: int = Field(ge=0)
    semaines_max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Etape:
        if self.semaines_min > self.semaines_max:
            raise ValueError(f"étape {self.code} : durée minimale supérieure à la maximale")
        return self


class PartiesPrenantes(_Strict):
    cles: tuple[str, ...]
    optionnelles: tuple[str, ...]


class Perimetre(_Strict):
    organisation: tuple[str, ...]
    geographie: tuple[str, ...]


class Filiere(_Strict):
    libelle: str
    reemploi: bool


class Instance(_Strict):
    instance: str
    frequence: str
    participants: str
    role: str


class Risque(_Strict):
    risque: str
    probabilite: Literal["Faible", "Moyen", "Fort"]
    impact: Literal["Faible", "Moyen", "Fort"]
    attenuation: str


class FacteurSucces(_Strict):
    facteur: str
    comment: str


class Demarche(_Strict):
    etapes: tuple[Etape, ...]
    parties_prenantes: PartiesPrenantes
    perimetre: Perimetre
    documents: tuple[str, ...]
    instances: tuple[str, ...]
    filieres_deee: tuple[Filiere, ...]
    gouvernance: tuple[Instance, ...]
    risques: tuple[Risque, ...]
    facteurs_succes: tuple[FacteurSucces, ...]


class Parametres(_Strict):
    facteur_elec_kgco2e_kwh: ValeurSourcee
    pue_defaut: ValeurSourcee
    prix_elec_eur_kwh: ValeurSourcee


class ObjectifReforme(_Strict):
    """The decree's objective of reuse of scrapped IT equipment from a year on (décret 2023-266 art. 3)."""

    annee: int = Field(ge=2000, le=2100)
    taux: float = Field(ge=0, le=100)
    source: str


class MinimumAchats(_Strict):
    """The minimum share of a product type's yearly purchases from reuse, reutilisation or recycled materials, in
    force from a year on (décret 2021-254 annex, as amended)."""

    type_produit: str
    depuis: int = Field(ge=2000, le=2100)
    jusqu_a: int | None = Field(default=None, ge=2000, le=2100)  # last year in force (included); None: still
    minimum: float = Field(ge=0, le=100)
    dont_reemploi: float | None = Field(default=None, ge=0, le=100)  # None: the part from reuse is not given apart
    source: str
    commentaire: str = ""


class ValeurDon(_Strict):
    """A flat-rate value of a donated good (arrêté of 29 February 2024), to value donations in T_ACHATS."""

    produit: str
    type_produit: str
    valeur_eur: float = Field(ge=0)
    source: str
    commentaire: str = ""


class Obligations(_Strict):
    objectifs_reforme: tuple[ObjectifReforme, ...]
    minima_achats: tuple[MinimumAchats, ...]
    dons: tuple[ValeurDon, ...] = ()

    @model_validator(mode="after")
    def _ordre(self) -> Obligations:
        annees = [o.annee for o in self.objectifs_reforme]
        if annees != sorted(set(annees)):
            raise ValueError("les objectifs de réemploi doivent suivre l'ordre des années, sans doublon")
        return self

    def sources(self) -> list[str]:
        return ([o.source for o in self.objectifs_reforme] + [m.source for m in self.minima_achats]
                + [d.source for d in self.dons])


class Equivalent(_Strict):
    """An everyday item's footprint (Impact CO2's `equivalents.csv`) and the size band of values it speaks for."""

    id: str  # Impact CO2's ID
    nom: str  # its « Nom de l'objet ou du geste »
    libelle: str  # what the workbook writes after the count, plural: "allers-retours Paris – New York en avion"
    kgco2e: float = Field(gt=0)
    au_dela_de: float = Field(default=0, ge=0)  # band: values above this (kgCO2e)…
    jusqu_a: float | None = Field(default=None, gt=0)  # …up to this one, included (None: no upper bound)
    url: str


class Equivalences(_Strict):
    source: str
    date: dt.date
    mise_en_garde: str
    equivalents: tuple[Equivalent, ...]

    @model_validator(mode="after")
    def _tranches(self) -> Equivalences:
        for e in self.equivalents:
            if e.jusqu_a is not None and e.jusqu_a <= e.au_dela_de:
                raise ValueError(f"équivalent {e.id} : tranche vide ({e.au_dela_de} à {e.jusqu_a} kgCO2e)")
        return self


class Referentiel(_Strict):
    """All reference data, cross-checked (every source id exists, every question's dimension exists…)."""

    sources: dict[str, Source]
    derniere_verification: dt.date
    equipements: tuple[Equipement, ...]
    parametres: Parametres
    dimensions: tuple[Dimension, ...]
    themes_decret: tuple[str, ...]
    interlocuteurs: tuple[str, ...]
    niveaux_maturite: tuple[NiveauMaturite, ...]
    questions: tuple[Question, ...]
    leviers: tuple[Levier, ...]
    demarche: Demarche
    obligations: Obligations
    equivalences: Equivalences

    @model_validator(mode="after")
    def _cross_check(self) -> Referentiel:
        errors: list[str] = []
        cited = [v.source for e in self.equipements for v in e.valeurs().values()]
        cited += [self.parametres.facteur_elec_kgco2e_kwh.source, self.parametres.pue_defaut.source,
                  self.parametres.prix_elec_eur_kwh.source] + self.obligations.sources()
        cited.append(self.equivalences.source)
        errors += [f"source inconnue : {s}" for s in sorted(set(cited) - set(self.sources))]
        cats = [e.categorie for e in self.equipements]
        errors += [f"catégorie en double : {c}" for c in sorted({c for c in cats if cats.count(c) > 1})]
        codes = {d.code for d in self.dimensions}
        ids = [q.id for q in self.questions]
        errors += [f"question en double : {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
        for q in self.questions:
            if q.dimension not in codes:
                errors.append(f"{q.id} : dimension inconnue")
            if q.theme_decret not in self.themes_decret:
                errors.append(f"{q.id} : thème du décret inconnu « {q.theme_decret} »")
            errors += [f"{q.id} : interlocuteur inconnu « {i} »" for i in q.interlocuteurs
                       if i not in self.interlocuteurs]
        ids_leviers = [lv.id for lv in self.leviers]
        errors += [f"levier en double : {i}" for i in sorted({i for i in ids_leviers if ids_leviers.count(i) > 1})]
        for lv in self.leviers:
            if lv.dimension not in codes:
                errors.append(f"{lv.id} : dimension inconnue")
            errors += [f"{lv.id} : question inconnue {q}" for q in lv.questions if q not in ids]
        seuils = [n.seuil for n in self.niveaux_maturite]
        if not seuils or seuils[0] != 0 or seuils != sorted(set(seuils)):
            errors.append("les seuils de maturité doivent commencer à 0 et être strictement croissants")
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def filieres_reemploi(self) -> tuple[str, ...]:
        return tuple(f.libelle for f in self.demarche.filieres_deee if f.reemploi)

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)

    def questions_du_parcours(self, parcours: Parcours) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if parcours == "Complet" or q.flash)

    def libelle_source(self, source_id: str) -> str:
        s = self.sources[source_id]
        return f"{s.court} {s.annee}"
