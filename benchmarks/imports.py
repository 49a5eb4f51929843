"""Benchmarks of issue 11 on 2 cores, each command in a fresh process (time and peak memory of that process):

- a 100,000-line GLPI export imported (read, recognised, converted, grouped): under 3 s;
- `build --inventaire` of a 1,000,000-line CSV: under 30 s, peak memory under 500 MB;
- a zip-bomb workbook (one sheet part inflating to 1 GB, default limits) refused by `indicateurs`, `fiches` and
  `consolider`: under 5 s and 500 MB each.

    python benchmarks/imports.py [--glpi 100000] [--lignes 1000000] [--bombe-mo 1024]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

from tests.helpers import bombe  # noqa: E402

_MESURE = """
import json, resource, sys, time
t0 = time.perf_counter()
from nr_workbook.cli.app import main
import nr_workbook.cli  # registers the commands
sys.argv = ["nr-workbook", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as e:
    code = e.code
print(json.dumps({"secondes": time.perf_counter() - t0, "code": code,
                  "memoire_mo": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from nr_workbook.echanges.import_parc import importer_parc
t0 = time.perf_counter()
imp = importer_parc(Path(sys.argv[1]), annee_max=2026)
memoire = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"secondes": time.perf_counter() - t0, "lignes": imp.rapport.nb_lues,
                  "inventaire": len(imp.lignes), "memoire_mo": memoire}))
"""


def mesurer(script: str, *args: str) -> dict:
    r = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=RACINE)
    if r.returncode != 0 and not r.stdout.strip():
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def glpi(chemin: Path, n: int) -> Path:
    rng = random.Random(11)
    types = [("Laptop", "Latitude 5420", "Dell Inc."), ("Notebook", "ThinkPad T14 Gen 3", "Lenovo"),
             ("Desktop", "OptiPlex 7070", "Dell Inc."), ("Mini Tower", "ProDesk 400 G5", "HP"),
             ("VMware", "VMware Virtual Platform", "VMware, Inc."), ("Other", "Gizmo", "Acme"),
             ("Rack Mount Chassis", "PowerEdge R740", "Dell Inc."), ("Tablet", "Galaxy Tab A8", "Samsung")]
    statuts = ["En service"] * 8 + ["En stock", "Au rebut"]
    with chemin.open("w", encoding="utf-8", newline="") as f:
        f.write('\ufeff"Nom";"Entité";"Statut";"Fabricant";"Numéro de série";"Type";"Modèle";"Lieu";'
                '"Date d\'achat";"Dernière modification";\r\n')
        for i in range(n):
            t, m, fab = rng.choice(types)
            f.write(f'"PC-{i:06d}";"Mairie";"{rng.choice(statuts)}";"{fab}";"SN{i:08d}";"{t}";"{m}";'
                    f'"Site {rng.randint(1, 40)}<br>Bâtiment {rng.randint(1, 3)}";"{rng.randint(2012, 2026)}-'
                    f'{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}";"2026-11-0{rng.randint(1, 9)} 10:00";\r\n')
    return chemin


def csv_nr(chemin: Path, n: int) -> Path:
    rng = random.Random(12)
    from nr_workbook import referentiel

    cats = [e.categorie for e in referentiel.load().equipements]
    with chemin.open("w", encoding="utf-8", newline="") as f:
        f.write("Catégorie;Modèle;Quantité;Année d'acquisition;Statut;Reconditionné;Service\n")
        for _ in range(n):
            f.write(f"{rng.choice(cats)};Modèle {rng.randint(1, 60)};{rng.randint(1, 5)};{rng.randint(2012, 2026)};"
                    f"{rng.choice(('En service', 'En service', 'En stock', 'Réformé'))};{rng.choice(('Oui', 'Non'))};"
                    f"Service {rng.randint(1, 20)}\n")
    return chemin


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--glpi", type=int, default=100_000)
    p.add_argument("--lignes", type=int, default=1_000_000)
    p.add_argument("--bombe-mo", type=int, default=1024)
    args = p.parse_args(argv)
    resultats = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        source = glpi(d / "glpi.csv", args.glpi)
        resultats["glpi"] = mesurer(_IMPORT, str(source))
        print(f"GLPI : {args.glpi} lignes importées en {resultats['glpi']['secondes']:.2f} s "
              f"({resultats['glpi']['inventaire']} lignes d'inventaire, {resultats['glpi']['memoire_mo']:.0f} Mo ; "
              "objectif < 3 s)")
        grand = csv_nr(d / "grand.csv", args.lignes)
        resultats["csv"] = mesurer(_MESURE, json.dumps(["build", "-o", str(d / "grand.xlsx"), "--inventaire",
                                                        str(grand)]))
        print(f"build --inventaire : {args.lignes} lignes en {resultats['csv']['secondes']:.1f} s, mémoire "
              f"maximale {resultats['csv']['memoire_mo']:.0f} Mo (code {resultats['csv']['code']} ; objectifs "
              "< 30 s et < 500 Mo)")
        modele = d / "modele.xlsx"
        mesurer(_MESURE, json.dumps(["build", "-o", str(modele)]))
        b = bombe(modele, d / "bombe.xlsx", args.bombe_mo)
        retours = d / "retours"
        retours.mkdir()
        shutil.copy(b, retours / "bombe.xlsx")
        shutil.copy(modele, retours / "sain.xlsx")
        for nom, commande in (("indicateurs", ["indicateurs", str(b)]), ("fiches", ["fiches", str(b)]),
                              ("consolider", ["consolider", str(retours), "-o", str(d / "conso.xlsx")])):
            r = resultats[f"bombe_{nom}"] = mesurer(_MESURE, json.dumps(commande))
            print(f"bombe zip ({b.stat().st_size / 1024:.0f} Ko, {args.bombe_mo} Mo décompressés) : {nom} en "
                  f"{r['secondes']:.2f} s, {r['memoire_mo']:.0f} Mo (code {r['code']} ; objectifs < 5 s et < 500 Mo)")
    sortie = RACINE / "benchmarks" / "resultats"
    sortie.mkdir(exist_ok=True)
    (sortie / "imports.json").write_text(json.dumps(resultats, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
