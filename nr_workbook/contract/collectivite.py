"""Pydantic models of the files users exchange with the toolbox (contract § "Files exchanged")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nr_workbook.referentiel.models import Parcours

SEUIL_FLASH = 3500  # inhabitants: below it, the Flash path is advised (seed 001)


class Collectivite(BaseModel):
    """Pre-filling data of one collectivité (JSON file of the contract)."""

    model_config = ConfigDict(extra="ignore")

    nom: str = Field(min_length=1, max_length=200)
    code_insee: str | None = Field(default=None, max_length=20)
    siret: str | None = Field(default=None, max_length=20)  # 14 digits (AGEC declaration); optional
    population: int | None = Field(default=None, ge=0)
    nb_agents: int | None = Field(default=None, gt=0)
    annee_reference: int | None = Field(default=None, ge=2000, le=2100)
    a_une_dsi: bool | None = None
    parcours: Parcours | None = None

    @model_validator(mode="before")
    @classmethod
    def _code_as_text(cls, data):
        if isinstance(data, dict) and isinstance(data.get("code_insee"), int):
            data = {**data, "code_insee": str(data["code_insee"]).zfill(5)}
        if isinstance(data, dict) and isinstance(data.get("siret"), int):
            data = {**data, "siret": str(data["siret"]).zfill(14)}
        return data

    @property
    def parcours_retenu(self) -> Parcours:
        """The path given, else Flash below 3,500 inhabitants or without a DSI, else Complet."""
        if self.parcours:
            return self.parcours
        if self.a_une_dsi is False or (self.population is not None and self.population < SEUIL_FLASH):
            return "Flash"
        return "Complet"
