"""What a workbook is generated from (path, collectivité, pre-filled inventory, rejected rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from nr_workbook.models import Collectivite
from nr_workbook.refdata.models import Parcours


@dataclass
class Contexte:
    parcours: Parcours = "Complet"
    collectivite: Collectivite | None = None
    inventaire: list[dict[str, Any]] = field(default_factory=list)  # rows keyed by T_INVENTAIRE headers
    anomalies: list[Any] = field(default_factory=list)  # nr_workbook.anomalies.Anomalie
    annee: int = field(default_factory=lambda: dt.date.today().year)
