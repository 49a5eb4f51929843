"""What a workbook is generated from (path, collectivité, pre-filled inventory, rejected rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nr_workbook.contract.collectivite import Collectivite
from nr_workbook.referentiel.models import Parcours


@dataclass
class Contexte:
    parcours: Parcours = "Complet"
    collectivite: Collectivite | None = None
    inventaire: list[dict[str, Any]] = field(default_factory=list)  # rows keyed by T_INVENTAIRE headers
    salles: list[dict[str, Any]] = field(default_factory=list)  # rows keyed by T_SALLES headers
    reforme: list[dict[str, Any]] = field(default_factory=list)  # T_REFORME rows (e.g. the inventory's Réformé)
    achats: list[dict[str, Any]] = field(default_factory=list)  # T_ACHATS rows
    anomalies: list[Any] = field(default_factory=list)  # nr_workbook.contract.anomalies.Anomalie
    mutualisateur: str | None = None
    contact_mutualisateur: str | None = None
    annee: int | None = None  # NR_ANNEE_REFERENCE when the collectivité does not give it (blank templates: none)
