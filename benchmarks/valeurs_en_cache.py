"""Benchmark of issue 18 on 2 cores: what carrying every formula's computed value costs, before and after, side by
side in one run, through the command line a user types (so that both revisions run the very same commands):

- one build: `nr-workbook build` of a pre-filled workbook (collectivité JSON, 40-line inventory), median of 5;
- `nr-workbook lot` for 1,000 members (goal: under 10 s with the values, against 20.9 s before);
- `nr-workbook fiches` then `nr-workbook copil` on a workbook with 15 retained levers;
- `nr-workbook consolider` on 1,000 returned workbooks (20 filled variants, each copied with its own identity).

"Avant" is a git worktree of `--avant` (default bb19f1e, the last commit before issue 18: no cached values),
"après" this checkout; both use this virtual environment's packages.

    python benchmarks/valeurs_en_cache.py [--avant bb19f1e] [--nb 1000]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
PY = sys.executable


def lancer(racine: Path, *args: str, cwd: Path | None = None) -> float:
    """Seconds taken by one command run with `racine`'s code."""
    env = {**os.environ, "PYTHONPATH": str(racine), "NR_LIMITE_FICHIER_MO": "0"}
    t0 = time.perf_counter()
    r = subprocess.run([PY, *args], cwd=cwd or racine, env=env, capture_output=True, text=True, check=False)
    duree = time.perf_counter() - t0
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} ({racine}) : {r.stderr[-2000:]}")
    return duree


def entrees(dossier: Path, nb: int) -> dict[str, Path]:
    """Inputs shared by both revisions: members' CSV, a collectivité, an inventory."""
    sys.path.insert(0, str(RACINE))
    from nr_workbook.mutualisation.generateur import adherents, ecrire

    dossier.mkdir(parents=True, exist_ok=True)
    collectivite = dossier / "commune.json"
    collectivite.write_text(json.dumps({"nom": "Commune de Mesure", "code_insee": "31999", "population": 12400,
                                        "nb_agents": 215, "annee_reference": 2026}), encoding="utf-8")
    inventaire = dossier / "parc.csv"
    lignes = ["Catégorie;Modèle;Quantité;Année d'acquisition;Statut"]
    cats = ["Ordinateur portable", "Ordinateur fixe", "Écran", "Smartphone", "Imprimante", "Serveur"]
    lignes += [f"{cats[i % 6]};Modèle {i};{1 + i % 30};{2014 + i % 12};En service" for i in range(40)]
    inventaire.write_text("\n".join(lignes), encoding="utf-8")
    return {"collectivite": collectivite, "inventaire": inventaire,
            "adherents": ecrire(dossier / "adherents.csv", adherents(nb, graine=18)),
            "adherents20": ecrire(dossier / "adherents20.csv", adherents(20, graine=19))}


_PREPARER = """
import sys
from pathlib import Path
from nr_workbook import referentiel
from nr_workbook.classeur.exemple import _exemple_diagnostic
from nr_workbook.classeur.remplissage import remplir_table
wb = _exemple_diagnostic()
ids = [lv.id for lv in referentiel.load().leviers]
choix = set(ids[::4][:15])
remplir_table(wb, "T_LEVIERS", [{"Présélection": "Oui", "Valeur": 3, "Faisabilité": 3, "Retenu": "Oui"}
                                if i in choix else {"Retenu": "Non"} for i in ids])
wb.save(Path(sys.argv[1]))
"""


def identite(octets: bytes, code: str, nom: str) -> bytes:
    """A returned workbook copied with another INSEE code and name (the named cells' XML set as Excel would)."""
    with zipfile.ZipFile(io.BytesIO(octets)) as z:
        parties = {i.filename: z.read(i) for i in z.infolist()}
    classeur = parties["xl/workbook.xml"].decode()
    rels = parties["xl/_rels/workbook.xml.rels"].decode()
    for nom_defini, valeur in (("NR_CODE_INSEE", code), ("NR_COLLECTIVITE", nom)):
        m = re.search(rf'<definedName name="{nom_defini}"[^>]*>\'?([^\'!<]+)\'?!\$([A-Z]+)\$(\d+)<', classeur)
        feuille, ref = m.group(1), f"{m.group(2)}{m.group(3)}"
        rid = re.search(rf'<sheet [^>]*name="{re.escape(feuille)}"[^>]*r:id="(rId\d+)"', classeur).group(1)
        cible = re.search(rf'Id="{rid}"[^>]*Target="/?(?:xl/)?([^"]+)"|Target="/?(?:xl/)?([^"]+)"[^>]*Id="{rid}"',
                          rels)
        partie = "xl/" + (cible.group(1) or cible.group(2))
        xml = parties[partie].decode()
        xml = re.sub(rf'<c r="{ref}"([^>]*?)(?:/>|>.*?</c>)',
                     lambda m, v=valeur, r=ref: f'<c r="{r}"{re.sub(r" t=.[a-zA-Z]+.", "", m.group(1))} '
                     f't="inlineStr"><is><t>{v}</t></is></c>', xml, count=1, flags=re.S)
        parties[partie] = xml.encode()
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as z:
        for n, o in parties.items():
            z.writestr(n, o)
    return sortie.getvalue()


def mesurer(racine: Path, e: dict[str, Path], dossier: Path, nb: int) -> dict[str, float]:
    dossier.mkdir(parents=True)
    m: dict[str, float] = {}
    m["build_s"] = statistics.median(
        lancer(racine, "-m", "nr_workbook", "build", "-o", str(dossier / "build.xlsx"), "--collectivite",
               str(e["collectivite"]), "--inventaire", str(e["inventaire"]), "--force") for _ in range(5))
    m["lot_s"] = lancer(racine, "-m", "nr_workbook", "lot", str(e["adherents"]), "-o", str(dossier / "lot"),
                        "--annee", "2026", "--mutualisateur", "Syndicat mixte")
    quinze = dossier / "quinze.xlsx"
    lancer(racine, "-c", _PREPARER, str(quinze))
    m["fiches_s"] = lancer(racine, "-m", "nr_workbook", "fiches", str(quinze))
    m["copil_s"] = lancer(racine, "-m", "nr_workbook", "copil", str(quinze), "-o", str(dossier / "copil"))
    vingt = dossier / "vingt"
    lancer(racine, "-m", "nr_workbook", "lot", str(e["adherents20"]), "-o", str(vingt), "--annee", "2026")
    lancer(racine, "build_workbook.py", "--retours", str(vingt))
    variantes = [p.read_bytes() for p in sorted(vingt.glob("*.xlsx")) if ".sauvegarde-" not in p.name]
    retours = dossier / "retours"
    retours.mkdir()
    for i in range(nb):
        (retours / f"{31000 + i}.xlsx").write_bytes(identite(variantes[i % len(variantes)], f"{31000 + i}",
                                                             f"Commune {i}"))
    m["consolider_s"] = lancer(racine, "-m", "nr_workbook", "consolider", str(retours), "-o",
                               str(dossier / "consolidation.xlsx"), "--force")
    return m


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--avant", default="bb19f1e")
    parser.add_argument("--nb", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        avant = d / "avant"
        subprocess.run(["git", "-C", str(RACINE), "worktree", "add", "--detach", str(avant), args.avant],
                       check=True, capture_output=True)
        try:
            e = entrees(d / "entrees", args.nb)
            resultats = {"avant": mesurer(avant, e, d / "mesures-avant", args.nb),
                         "après": mesurer(RACINE, e, d / "mesures-apres", args.nb)}
        finally:
            subprocess.run(["git", "-C", str(RACINE), "worktree", "remove", "--force", str(avant)], check=False)
            shutil.rmtree(avant, ignore_errors=True)
    print(f"Machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]} ; avant = {args.avant}, "
          f"après = l'arbre de travail ; {args.nb} adhérents")
    print(f"{'mesure':<34}{'avant':>10}{'après':>10}")
    libelles = {"build_s": "build (un classeur pré-rempli)", "lot_s": f"lot ({args.nb} adhérents)",
                "fiches_s": "fiches (15 leviers retenus)", "copil_s": "copil", "consolider_s":
                f"consolider ({args.nb} retours)"}
    for cle, libelle in libelles.items():
        print(f"{libelle:<34}{resultats['avant'][cle]:>9.2f}s{resultats['après'][cle]:>9.2f}s")
    sortie = Path(__file__).parent / "resultats"
    sortie.mkdir(exist_ok=True)
    (sortie / "valeurs_en_cache.json").write_text(json.dumps(resultats, indent=2, ensure_ascii=False),
                                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
