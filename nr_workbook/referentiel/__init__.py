"""Versioned reference data of the toolbox, loaded from the YAML files beside this module."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from nr_workbook.referentiel.models import Referentiel


def _read(name: str) -> dict:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def load() -> Referentiel:
    """Load and validate every reference file (cached: the data is immutable)."""
    equipements = _read("equipements.yaml")
    dimensions = _read("dimensions.yaml")
    return Referentiel(
        sources=_read("sources.yaml"),
        derniere_verification=equipements["derniere_verification"],
        equipements=equipements["equipements"],
        parametres=_read("parametres.yaml"),
        dimensions=dimensions["dimensions"],
        themes_decret=dimensions["themes_decret"],
        interlocuteurs=dimensions["interlocuteurs"],
        niveaux_maturite=dimensions["niveaux_maturite"],
        questions=_read("questions.yaml")["questions"],
        leviers=_read("leviers.yaml")["leviers"],
        demarche=_read("demarche.yaml"),
        obligations=_read("obligations.yaml"),
        equivalences=_read("equivalences.yaml"),
    )
