"""Benchmark of issue 12 on 2 cores, side by side in one run:

- `consolider` on 1,000 returned workbooks (read through the contract, engine, checks; goal under 6 s), and the whole
  command (plus the consolidation workbook, CSV, Parquet and the warehouse);
- the same sheets read by `pandas.read_excel` with its default engine (openpyxl) and with `engine="calamine"`,
  one process, every sheet our consolidation reads (goals: at least 10× and 3× slower than `consolider`);
- appending 35,000 members to the warehouse (goal under 10 s).

The 1,000 workbooks are 20 filled variants (inventory, answers, DEEE slips, some with fiches actions) whose identity
cells are patched in their XML (`valeurs_en_cache.identite`), so each has its own INSEE code.

    python benchmarks/consolidation.py [--nb 1000] [--membres 35000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402
from valeurs_en_cache import identite  # noqa: E402  (beside this script)

from nr_workbook.classeur.fiches import generer_fiches  # noqa: E402
from nr_workbook.classeur.reader.fichier import Lecteur  # noqa: E402
from nr_workbook.classeur.remplissage import remplir  # noqa: E402
from nr_workbook.mutualisation.consolidation import consolider  # noqa: E402
from nr_workbook.mutualisation.entrepot import verser  # noqa: E402
from nr_workbook.mutualisation.lot import Gabarit  # noqa: E402
from nr_workbook.mutualisation.rapport import consolider_et_historiser  # noqa: E402

CATEGORIES = ["Ordinateur portable", "Ordinateur fixe", "Écran", "Smartphone", "Imprimante", "Serveur", "Tablette"]


def variante(k: int, dossier: Path) -> Path:
    """A member's returned workbook: 20 to 60 inventory lines, answers, DEEE slips; one in four with fiches."""
    rng = random.Random(k)
    parcours = "Flash" if k % 3 == 0 else "Complet"
    modele = dossier / f"modele-{parcours}.xlsx"
    if not modele.exists():
        modele.write_bytes(Gabarit(parcours, 2026).octets)  # what `lot` hands a member
    p = dossier / f"variante-{k}.xlsx"
    nb_questions = 14 if parcours == "Flash" else 42
    leviers = [{"Présélection": "Oui", "Valeur": rng.randint(1, 4), "Faisabilité": rng.randint(1, 4),
                "Retenu": "Oui" if i < 10 and k % 4 == 0 else "Non"} for i in range(20)]
    remplir(modele, p, {"NR_NB_AGENTS": rng.randint(5, 400), "NR_POPULATION": rng.randint(300, 60000)}, {
        "T_INVENTAIRE": [{"Catégorie": rng.choice(CATEGORIES), "Modèle": f"M{rng.randint(1, 90)}",
                          "Quantité": rng.randint(1, 40), "Année d'acquisition": rng.randint(2012, 2026),
                          "Statut": rng.choice(["En service"] * 5 + ["Réformé", "En stock"])}
                         for _ in range(rng.randint(20, 60))],
        "T_MATURITE": [{"Niveau": rng.choice([0, 1, 2, 3, None])} for _ in range(nb_questions)],
        "T_DEEE": [{"Année": 2025, "Poids (kg)": rng.randint(50, 900), "Filière": "Éco-organisme"}],
        "T_SALLES": [{"Salle": "Salle 1", "Énergie totale (kWh/an)": 30000, "Énergie IT (kWh/an)": 18000}],
        "T_LEVIERS": leviers,
    })
    if k % 4 == 0:
        generer_fiches(p, sauvegarde=False)
    return p


def retours(nb: int, dossier: Path) -> Path:
    """`nb` returned workbooks in `dossier/retours`, each a variant with its own identity."""
    sortie = dossier / "retours"
    sortie.mkdir()
    variantes = [variante(k, dossier).read_bytes() for k in range(20)]
    for i in range(nb):
        (sortie / f"{31000 + i}.xlsx").write_bytes(identite(variantes[i % 20], f"{31000 + i}", f"Commune {i}"))
    return sortie


def feuilles_lues(dossier: Path) -> dict[str, list[str]]:
    """The sheets our reading loads, per file (the competitors read the same)."""
    from nr_workbook.classeur.verification import verifier_lecteur
    from nr_workbook.engine import indicateurs

    out = {}
    for p in sorted(dossier.glob("*.xlsx")):
        lecteur = Lecteur(p)
        d = lecteur.donnees()
        indicateurs(d)
        verifier_lecteur(lecteur, d)
        out[p.name] = list(lecteur._grilles)
    return out


def chrono(f) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nb", type=int, default=1000)
    parser.add_argument("--membres", type=int, default=35000)
    args = parser.parse_args()
    resultats: dict = {"machine": {"coeurs": os.cpu_count(), "python": platform.python_version()}}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        dossier = retours(args.nb, d)
        consolider(dossier)  # warm the file cache, as the competitors get it warm too
        duree = chrono(lambda: consolider(dossier))
        commande = chrono(lambda: consolider_et_historiser(dossier, d / "sortie" / "consolidation.xlsx"))
        lues = feuilles_lues(dossier)
        fichiers = sorted(dossier.glob("*.xlsx"))
        calamine = chrono(lambda: [pd.read_excel(p, sheet_name=lues[p.name], engine="calamine") for p in fichiers])
        echantillon = fichiers[: max(1, len(fichiers) // 10)]  # openpyxl is slow: a tenth, scaled up
        openpyxl = chrono(lambda: [pd.read_excel(p, sheet_name=lues[p.name], engine="openpyxl") for p in echantillon])
        openpyxl *= len(fichiers) / len(echantillon)
        lignes = pd.DataFrame([{"Fichier": f"f{i}.xlsx", "Code INSEE": f"{10000 + i}", "Année": 2026,
                                "Collectivité": f"Commune {i}", "NR_SCORE_GLOBAL": (i % 100) * 1.0,
                                "NR_NIVEAU_MATURITE": "En progression"} for i in range(args.membres)])
        entrepot = chrono(lambda: verser(lignes, d / "entrepot"))
        entrepot_bis = chrono(lambda: verser(lignes, d / "entrepot"))
    resultats.update({
        "classeurs": args.nb, "consolider_s": duree, "consolider_ms_par_classeur": duree / args.nb * 1000,
        "commande_complete_s": commande, "pandas_calamine_s": calamine, "pandas_openpyxl_s": openpyxl,
        "rapport_calamine": calamine / duree, "rapport_openpyxl": openpyxl / duree,
        "entrepot_membres": args.membres, "entrepot_s": entrepot, "entrepot_relance_s": entrepot_bis,
        "objectifs": {"consolider_s": 6, "rapport_openpyxl": 10, "rapport_calamine": 3, "entrepot_s": 10},
    })
    print(f"consolider, {args.nb} classeurs ({os.cpu_count()} cœurs) : {duree:.2f} s "
          f"({duree / args.nb * 1000:.1f} ms par classeur ; objectif < 6 s) ; commande complète (classeur, CSV, "
          f"Parquet, entrepôt) : {commande:.2f} s")
    print(f"pandas.read_excel, mêmes feuilles, 1 processus : calamine {calamine:.1f} s ({calamine / duree:.1f}× "
          f"plus lent ; objectif ≥ 3×), openpyxl {openpyxl:.1f} s ({openpyxl / duree:.1f}× ; objectif ≥ 10×)")
    print(f"entrepôt : {args.membres} adhérents versés en {entrepot:.2f} s (objectif < 10 s), même année "
          f"reversée en {entrepot_bis:.2f} s")
    sortie = Path(__file__).parent / "resultats"
    sortie.mkdir(exist_ok=True)
    (sortie / "consolidation.json").write_text(json.dumps(resultats, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
