"""Benchmark of issue 6: `lot` for 1,000 members (goal under 60 s, peak memory under 1 GiB on 2 cores).

    python benchmarks/mutualisation.py [--nb 1000]

The consolidation benchmark (1,000 filled workbooks, goal 30 s) comes with the `consolider` command.
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
from nr_workbook.mutualisation.generateur import adherents, ecrire  # noqa: E402
from nr_workbook.mutualisation.lot import construire_lot  # noqa: E402


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
    pic = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"lot : {len(rapport.construits)} classeurs en {duree:.1f} s ({duree / max(1, args.nb) * 1000:.1f} ms "
          f"par adhérent ; objectif < 60 s) ; mémoire maximale {pic:.0f} Mio (objectif < 1 024 Mio)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
