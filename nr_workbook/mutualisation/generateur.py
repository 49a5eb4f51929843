"""Realistic fictitious members of a mutualisateur (tests and benchmarks): a few hundred to 100,000 inhabitants."""

from __future__ import annotations

import math
import random
from pathlib import Path

from nr_workbook.contract.siret import siret_fictif
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
        code = f"{departement}{i + 1:03d}" if n < 1000 else f"{departement}{i + 1:04d}"
        out.append({
            "nom": f"Commune de {nom}", "code_insee": code, "population": population, "nb_agents": agents,
            "a_une_dsi": "oui" if population > 15_000 or (population > 5_000 and rng.random() < 0.3) else "non",
            "parcours": "", "contact": f"mairie{i + 1}@exemple.fr", "siret": siret_fictif(code),
        })
    return out


def ecrire(chemin: Path, lignes: list[dict]) -> Path:
    with chemin.open("w", encoding="utf-8", newline="") as f:
        w = ecrivain(f, lineterminator="\r\n")
        w.writerow(COLONNES)
        w.writerows([ligne.get(c, "") for c in COLONNES] for ligne in lignes)
    return chemin


_CATEGORIES = ("Ordinateur portable", "Ordinateur fixe", "Écran", "Smartphone", "Imprimante", "Tablette")


def simuler_retours(dossier: Path, graine: int = 2026) -> int:
    """Fill every pre-filled workbook of `dossier` as its member would (demonstration, tests): an inventory,
    answers to every question, DEEE slips, a few retained levers. Returns the number of workbooks filled."""
    from openpyxl import load_workbook

    from nr_workbook.classeur.enregistrement import enregistrer
    from nr_workbook.classeur.reader.fichier import Lecteur
    from nr_workbook.classeur.remplissage import remplir_nom, remplir_table
    from nr_workbook.contract import layout as L
    n = 0
    for p in sorted(dossier.glob("*.xlsx")):
        if ".sauvegarde-" in p.name:
            continue
        rng = random.Random(f"{graine}-{p.name}")
        nb_questions = len(Lecteur(p).table("T_MATURITE") or [])
        wb = load_workbook(p)
        remplir_table(wb, "T_INVENTAIRE", [{
            "Catégorie": rng.choice(_CATEGORIES), "Modèle": f"Modèle {rng.randint(1, 40)}",
            "Quantité": rng.randint(1, 30), "Année d'acquisition": rng.randint(2014, 2025),
            "Statut": rng.choice(("En service",) * 5 + ("Réformé",)),
            "Reconditionné": rng.choice(("Oui", "Non", "Non", "Non"))} for _ in range(rng.randint(8, 30))])
        remplir_table(wb, "T_MATURITE", [{"Niveau": rng.choice((0, 1, 1, 2, 2, 3))} for _ in range(nb_questions)])
        remplir_table(wb, "T_DEEE", [{"Année": 2025, "Poids (kg)": rng.randint(20, 600), "Filière": "Éco-organisme"}])
        remplir_table(wb, "T_LEVIERS", [{"Présélection": "Oui", "Valeur": rng.randint(1, 4),
                                         "Faisabilité": rng.randint(1, 4), "Retenu": rng.choice(("Oui", "Non"))}
                                        for _ in range(12)])
        remplir_table(wb, "T_REFERENTS", [{"Nom": "Référent numérique", "Fonction": "Chargé de mission"},
                                          {"Nom": "Élu référent", "Fonction": "Adjoint au maire"}])
        remplir_nom(wb, "NR_A_UNE_DSI", "Non")
        remplir_nom(wb, "NR_SIRET", siret_fictif(Lecteur(p).nom("NR_CODE_INSEE")))
        remplir_table(wb, "T_REFORME", [{
            "Catégorie": rng.choice(_CATEGORIES), "Quantité": rng.randint(1, 12),
            "Année d'acquisition": rng.randint(2013, 2021), "Année de réforme": 2025, "Présent au 1er janvier": "Oui",
            "Destination": rng.choice(L.DESTINATIONS), "Engagement du repreneur": rng.choice(("Oui", "Oui", "Non"))}
            for _ in range(rng.randint(1, 4))])
        total = rng.randint(2, 60) * 1000
        remplir_table(wb, "T_ACHATS", [
            {"Type de produit": L.TYPE_INFORMATIQUE, "Montant total (€ HT)": total,
             "Réemploi et réutilisation (€ HT)": round(total * rng.choice((0, 0.05, 0.1, 0.25)), 2),
             "Matières recyclées (€ HT)": round(total * rng.choice((0, 0.02)), 2)},
            {"Type de produit": "Papier", "Montant total (€ HT)": rng.randint(1, 9) * 500,
             "Matières recyclées (€ HT)": rng.choice((0, 200, 500))}])
        enregistrer(wb, p)
        n += 1
    return n


def simuler_progression(dossier: Path, graine: int = 2027) -> int:
    """A year later (after `nouvelle-annee`): some answers improve, the fleet grows a little."""
    from openpyxl import load_workbook

    from nr_workbook.classeur.enregistrement import enregistrer
    from nr_workbook.classeur.reader.fichier import Lecteur
    from nr_workbook.classeur.remplissage import ajouter_lignes, remplir_table

    n = 0
    for p in sorted(dossier.glob("*.xlsx")):
        if ".sauvegarde-" in p.name:
            continue
        rng = random.Random(f"{graine}-{p.name}")
        niveaux = [r.get("Niveau") for r in Lecteur(p).table("T_MATURITE") or []]
        wb = load_workbook(p)
        remplir_table(wb, "T_MATURITE", [{"Niveau": min(3, v + (rng.random() < 0.4)) if isinstance(v, (int, float))
                                          else v} for v in niveaux])
        ajouter_lignes(wb, "T_INVENTAIRE", [{"Catégorie": "Ordinateur portable", "Modèle": "Reconditionné",
                                             "Quantité": rng.randint(1, 8), "Année d'acquisition": 2027,
                                             "Statut": "En service", "Reconditionné": "Oui"}])
        enregistrer(wb, p)
        n += 1
    return n
