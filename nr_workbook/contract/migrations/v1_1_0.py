"""Template 1.0.0 → 1.1.0: the lever catalogue (T_LEVIERS, Matrice), the fiches actions, the Feuille de route and
Pilotage sheets, the mutualisateur's names on Accueil and whether the IT provider is on board.

1.0.0 held none of these: every 1.0.0 input keeps its name, its table and its columns; the new inputs start from
the template's values (no lever pre-selected, the provider on board, no fiche).
"""

from __future__ import annotations

from typing import Any


def appliquer(saisies: Any, journal: list[str]) -> None:
    saisies.noms.setdefault("NR_PRESTATAIRE_EMBARQUE", "Oui")
    journal.append("  Leviers : catalogue vierge (aucun levier présélectionné), prestataire SI embarqué ; aucune fiche "
                   "action.")
