"""Regenerate every workbook of `workbooks/` (blank complete and Flash templates, filled example).

    python build_workbook.py [--pdf DOSSIER]

With --pdf, the filled example is also rendered to PDF by LibreOffice (recalculated on load).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.contexte import Contexte

RACINE = Path(__file__).resolve().parent
DOSSIER = RACINE / "workbooks"


def classeurs():
    """Name -> function building the workbook (also used by the staleness test)."""
    return {
        "nr-diagnostic-complet.xlsx": lambda: construire(Contexte(parcours="Complet")),
        "nr-diagnostic-flash.xlsx": lambda: construire(Contexte(parcours="Flash")),
        "exemple-rempli.xlsx": construire_exemple,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Régénère les classeurs de workbooks/.")
    parser.add_argument("--pdf", type=Path, help="dossier où rendre l'exemple rempli en PDF (LibreOffice)")
    parser.add_argument("--complement", type=Path, help="dossier où construire le complément xlwings (.xlam)")
    args = parser.parse_args(argv)
    DOSSIER.mkdir(exist_ok=True)
    for nom, fabrique in classeurs().items():
        fabrique().save(DOSSIER / nom)
        print(f"✔ {DOSSIER.relative_to(RACINE) / nom}")
    from nr_workbook.mutualisation.generateur import adherents, ecrire

    ecrire(DOSSIER / "exemple-adherents.csv", adherents(12, graine=31, departement="98"))
    print(f"✔ {DOSSIER.relative_to(RACINE) / 'exemple-adherents.csv'}")
    if args.pdf:
        from nr_workbook.classeur.libreoffice import convertir

        (pdf,) = convertir([DOSSIER / "exemple-rempli.xlsx"], args.pdf, "pdf")
        print(f"✔ {pdf}")
    if args.complement:
        from nr_workbook.excel.addin import NOM, construire

        print(f"✔ {construire(args.complement / f'{NOM}.xlam')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
