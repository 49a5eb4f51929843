"""Benchmarks of issue 6 on 2 cores: `lot` for 1,000 members (goal under 60 s), then `consolider` on the 1,000
workbooks, each filled with an inventory, answers and DEEE slips through the contract (goal under 30 s);
peak memory under 1 GiB.

    python benchmarks/mutualisation.py [--nb 1000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nr_workbook.mutualisation.adherents import lire  # noqa: E402
from nr_workbook.mutualisation.consolidation import consolider  # noqa: E402
from nr_workbook.mutualisation.generateur import adherents, ecrire  # noqa: E402
from nr_workbook.mutualisation.lot import construire_lot  # noqa: E402
from nr_workbook.mutualisation.rapport import ecrire_consolidation  # noqa: E402


def remplir_tous(dossier: Path) -> None:
    """What members send back: an inventory, maturity answers and DEEE slips, written through the contract."""
    import random

    from openpyxl import load_workbook

    from nr_workbook.classeur.remplissage import remplir_table

    rng = random.Random(6)
    cats = ["Ordinateur portable", "Ordinateur fixe", "Écran", "Smartphone", "Imprimante", "Serveur"]
    for p in sorted(dossier.glob("*.xlsx")):
        wb = load_workbook(p)
        remplir_table(wb, "T_INVENTAIRE", [{"Catégorie": rng.choice(cats), "Quantité": rng.randint(1, 40),
                                            "Année d'acquisition": rng.randint(2015, 2025), "Statut": "En service"}
                                           for _ in range(25)])
        remplir_table(wb, "T_MATURITE", [{"Niveau": rng.randint(0, 3)} for _ in range(14)])
        remplir_table(wb, "T_DEEE", [{"Année": 2025, "Poids (kg)": rng.randint(50, 900)}])
        wb.save(p)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nb", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        csv = ecrire(Path(d) / "adherents.csv", adherents(args.nb))
        t0 = time.perf_counter()
        lecture = lire(csv, 2026)
        rapport = construire_lot(lecture.adherents, Path(d) / "lot", mutualisateur="Syndicat mixte du numérique")
        duree = time.perf_counter() - t0
        remplir_tous(Path(d) / "lot")
        t0 = time.perf_counter()
        c = consolider(Path(d) / "lot")
        ecrire_consolidation(c, Path(d) / "consolidation.xlsx")
        duree_conso = time.perf_counter() - t0
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pic_travailleurs = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"lot : {len(rapport.construits)} classeurs en {duree:.1f} s ({duree / max(1, args.nb) * 1000:.1f} ms "
          f"par adhérent ; objectif < 60 s)")
    print(f"consolider : {len(c.lignes)} classeurs remplis en {duree_conso:.1f} s (objectif < 30 s)")
    print(f"mémoire maximale : processus principal {pic:.0f} Mio, plus gros processus de lecture "
          f"{pic_travailleurs:.0f} Mio (objectif < 1 024 Mio au total)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
