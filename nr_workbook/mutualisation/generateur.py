"""Realistic fictitious members of a mutualisateur (tests and benchmarks): a few hundred to 100,000 inhabitants."""

from __future__ import annotations

import math
import random
from pathlib import Path

from nr_workbook.echanges.csv_sur import ecrivain
from nr_workbook.mutualisation.adherents import COLONNES

_DEBUTS = ("Saint", "Sainte", "Mont", "Val", "Bois", "Pont", "Villeneuve", "Font", "Roche", "Castel", "Bourg",
           "Puy", "Plan", "Mas", "Lac")
_MILIEUX = ("-de-", "-sur-", "-les-", "-en-", "-la-", "-")
_FINS = ("Garonne", "Lèze", "Tarn", "Ariège", "Save", "Touch", "Gers", "Lot", "Aude", "Salat", "Baïse", "Rance",
         "Gimone", "Neste", "Arize", "Volp", "Louge", "Sausse")


def adherents(n: int, graine: int = 2026, departement: str = "99") -> list[dict]:
    """n members: population log-uniform from 150 to 100,000, agents ~ 1 for 60 inhabitants, DSI above ~15,000."""
    rng = random.Random(graine)
    vus: set[str] = set()
    out = []
    for i in range(n):
        population = int(math.exp(rng.uniform(math.log(150), math.log(100_000))))
        nom = f"{rng.choice(_DEBUTS)}{rng.choice(_MILIEUX)}{rng.choice(_FINS)}"
        while nom in vus:
            nom += f" {rng.randint(2, 99)}"
        vus.add(nom)
        agents = max(2, int(population / rng.uniform(45, 80)))
        out.append({
            "nom": f"Commune de {nom}", "code_insee": f"{departement}{i + 1:03d}" if n < 1000 else f"{departement}"
            f"{i + 1:04d}", "population": population, "nb_agents": agents,
            "a_une_dsi": "oui" if population > 15_000 or (population > 5_000 and rng.random() < 0.3) else "non",
            "parcours": "", "contact": f"mairie{i + 1}@exemple.fr",
        })
    return out


def ecrire(chemin: Path, lignes: list[dict]) -> Path:
    with chemin.open("w", encoding="utf-8", newline="") as f:
        w = ecrivain(f, lineterminator="\r\n")
        w.writerow(COLONNES)
        w.writerows([ligne.get(c, "") for c in COLONNES] for ligne in lignes)
    return chemin
