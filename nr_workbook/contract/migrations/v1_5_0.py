"""Template 1.4.0 → 1.5.0: what the law asks a collectivité to report every year.

Every 1.4.0 input keeps its name, its table and its columns. New: the Réforme sheet (T_REFORME: scrapped IT
equipment and where it went, décret 2023-266), the Achats sheet (T_ACHATS: purchases of the year from reuse,
donations or with recycled materials, loi AGEC art. 58), the SIRET of the collectivité (NR_SIRET, Accueil), the
texts' figures on the Référentiel sheet (T_OBJECTIFS_REFORME, T_MINIMA_ACHATS) and the outputs
NR_TAUX_REEMPLOI_REFORME, NR_OBJECTIF_REEMPLOI_REFORME, NR_PART_ACHATS_REEMPLOI_INFO; each fiche action gains the
field FA_ELU (« Élu·e référent·e », TeT's column of the same name). The inventory's « Réformé »
rows are offered as the first rows of T_REFORME, for the user to say where they went.
"""

from __future__ import annotations

from typing import Any

from nr_workbook.contract.obligations import candidats_reforme


def appliquer(saisies: Any, journal: list[str]) -> None:
    if not saisies.tables.get("T_REFORME"):
        candidats = candidats_reforme(saisies.tables.get("T_INVENTAIRE") or [], saisies.noms.get("NR_ANNEE_REFERENCE"))
        if candidats:
            saisies.tables["T_REFORME"] = candidats
            journal.append(f"  Réforme : {len(candidats)} ligne(s) « Réformé » de l'inventaire proposée(s) ; "
                           "précisez leur destination et le stock au 1er janvier.")
    journal.append("  Réforme : nouvelle feuille du matériel réformé et de son réemploi (décret 2023-266), taux et "
                   "objectif de l'année.")
    journal.append("  Fiches actions : nouveau champ « Élu·e référent·e » (repris dans l'export Territoires en "
                   "Transitions).")
    journal.append("  Achats : nouvelle feuille des achats de l'année (loi AGEC), part issue du réemploi, du don ou "
                   "recyclée ; SIRET de la collectivité sur l'Accueil (à saisir).")
