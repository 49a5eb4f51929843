"""Benchmarks (goals on a 2-core machine):

- build 100 pre-filled workbooks (collectivité + 40-line inventory): under 0.3 s per workbook;
- `indicateurs` on a workbook holding a 20,000-row inventory (read through the contract + engine): under 2 s;
- `fiches` then `copil` on a workbook with 15 retained levers: under 5 s together;
- the ribbon action Recalculer (xlwings remote book) on the example and on a 20,000-row inventory: 1 s and 5 s.

    python benchmarks/run.py [--nb 100] [--lignes 20000]

Prints a table and writes benchmarks/resultats/derniers.json (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nr_workbook import referentiel  # noqa: E402
from nr_workbook.classeur.reader.fichier import Lecteur  # noqa: E402
from nr_workbook.classeur.writer import construire  # noqa: E402
from nr_workbook.classeur.writer.contexte import Contexte  # noqa: E402
from nr_workbook.contract.collectivite import Collectivite  # noqa: E402
from nr_workbook.engine.sorties import indicateurs  # noqa: E402


def inventaire(n: int, graine: int) -> list[dict]:
    rng = random.Random(graine)
    cats = [e.categorie for e in referentiel.load().equipements]
    statuts = ["En service"] * 6 + ["En stock", "Réformé"]
    return [{"Catégorie": rng.choice(cats), "Modèle": f"Modèle {rng.randint(1, 400)}", "Quantité": rng.randint(1, 60),
             "Année d'acquisition": rng.randint(2012, 2026), "Statut": rng.choice(statuts),
             "Reconditionné": rng.choice(["Oui", "Non", "Non", "Non"]), "Service": f"Service {rng.randint(1, 30)}"}
            for _ in range(n)]


def bench_build(nb: int, dossier: Path) -> dict:
    durees = []
    for i in range(nb):
        col = Collectivite(nom=f"Commune {i}", code_insee=f"{10000 + i}", population=500 + 97 * i,
                           nb_agents=5 + i, annee_reference=2026)
        t0 = time.perf_counter()
        construire(Contexte(parcours=col.parcours_retenu, collectivite=col, inventaire=inventaire(40, i))).save(
            dossier / f"c{i}.xlsx")
        durees.append(time.perf_counter() - t0)
    return {"classeurs": nb, "total_s": sum(durees), "par_classeur_s": statistics.mean(durees),
            "max_s": max(durees), "objectif_s": 0.3}


def bench_indicateurs(lignes: int, dossier: Path) -> dict:
    p = dossier / "grand.xlsx"
    col = Collectivite(nom="Grande ville", population=120_000, nb_agents=2500, annee_reference=2026)
    t0 = time.perf_counter()
    construire(Contexte(collectivite=col, inventaire=inventaire(lignes, 7))).save(p)
    ecriture = time.perf_counter() - t0
    mesures = []
    for _ in range(3):
        t0 = time.perf_counter()
        valeurs = indicateurs(Lecteur(p).donnees())
        mesures.append(time.perf_counter() - t0)
    return {"lignes": lignes, "indicateurs_s": min(mesures), "indicateurs_mediane_s": statistics.median(mesures),
            "ecriture_classeur_s": ecriture, "objectif_s": 2.0, "equipements": valeurs["NR_NB_EQUIPEMENTS"]}


def bench_fiches_copil(dossier: Path) -> dict:
    from nr_workbook.classeur.exemple import _exemple_diagnostic
    from nr_workbook.classeur.fiches import generer_fiches
    from nr_workbook.classeur.remplissage import remplir_table
    from nr_workbook.copil import generer_copil

    wb = _exemple_diagnostic()
    ids = [lv.id for lv in referentiel.load().leviers]
    choix = set(ids[::4][:15])  # 15 levers spread over the 7 dimensions
    remplir_table(wb, "T_LEVIERS", [{"Présélection": "Oui", "Valeur": 3, "Faisabilité": 3, "Retenu": "Oui"}
                                    if i in choix else {"Retenu": "Non"} for i in ids])
    p = dossier / "quinze.xlsx"
    wb.save(p)
    t0 = time.perf_counter()
    rapport = generer_fiches(p)
    t1 = time.perf_counter()
    generer_copil(p, dossier / "copil")
    t2 = time.perf_counter()
    return {"fiches": len(rapport.creees), "fiches_s": t1 - t0, "copil_s": t2 - t1, "total_s": t2 - t0,
            "objectif_s": 5.0}


def bench_recalculer(dossier: Path, grand: Path) -> dict:
    import os

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    from nr_workbook.classeur.exemple import construire_exemple
    from nr_workbook.excel.actions import recalculer
    from nr_workbook.excel.payload import charge_utile

    exemple = dossier / "exemple.xlsx"
    construire_exemple().save(exemple)
    out = {}
    for nom, chemin in (("exemple", exemple), ("inventaire_20000", grand)):
        charge = charge_utile(chemin, xw.__version__)
        t0 = time.perf_counter()
        recalculer(xw.Book(json=charge))
        out[f"{nom}_s"] = time.perf_counter() - t0
    out["objectifs_s"] = {"exemple": 1.0, "inventaire_20000": 5.0}
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nb", type=int, default=100)
    parser.add_argument("--lignes", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        build = bench_build(args.nb, Path(d))
        calc = bench_indicateurs(args.lignes, Path(d))
        route = bench_fiches_copil(Path(d))
        ruban = bench_recalculer(Path(d), Path(d) / "grand.xlsx")
    machine = {"python": platform.python_version(), "cpu": os.cpu_count(), "machine": platform.machine()}
    print(f"Machine : {machine}")
    print(f"build     : {build['classeurs']} classeurs pré-remplis en {build['total_s']:.1f} s, "
          f"{build['par_classeur_s']:.3f} s par classeur (max {build['max_s']:.3f} s ; objectif < 0,3 s)")
    print(f"indicateurs : {calc['lignes']} lignes en {calc['indicateurs_s']:.2f} s "
          f"(médiane {calc['indicateurs_mediane_s']:.2f} s ; objectif < 2 s) ; "
          f"écriture du classeur {calc['ecriture_classeur_s']:.1f} s")
    print(f"fiches + copil : {route['fiches']} fiches en {route['fiches_s']:.2f} s, dossier COPIL en "
          f"{route['copil_s']:.2f} s, total {route['total_s']:.2f} s (objectif < 5 s)")
    print(f"Recalculer (xw.Book) : exemple {ruban['exemple_s']:.2f} s (objectif < 1 s), inventaire de 20 000 lignes "
          f"{ruban['inventaire_20000_s']:.2f} s (objectif < 5 s)")
    sortie = Path(__file__).parent / "resultats"
    sortie.mkdir(exist_ok=True)
    resultats = {"machine": machine, "build": build, "indicateurs": calc, "fiches_copil": route, "recalculer": ruban}
    (sortie / "derniers.json").write_text(json.dumps(resultats, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
