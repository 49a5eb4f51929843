"""Regenerate every workbook of `workbooks/` (blank complete and Flash templates, filled example).

    python build_workbook.py [--pdf DOSSIER] [--complement DOSSIER]
    python build_workbook.py --retours LOT                      # demonstration: members fill their workbooks
    python build_workbook.py --annee-suivante LOT LOT_SUIVANT   # demonstration: a year later

With --pdf, the filled example is also printed to a tagged PDF (`nr-workbook imprimer`, no LibreOffice). The two
demonstration modes simulate what a mutualisateur's members send back (fictitious data), for `make demo`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nr_workbook.classeur.enregistrement import enregistrer
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
    parser.add_argument("--pdf", type=Path, help="dossier où imprimer l'exemple rempli en PDF accessible")
    parser.add_argument("--complement", type=Path, help="dossier où construire le complément xlwings (.xlam)")
    parser.add_argument("--retours", type=Path, help="démonstration : remplit les classeurs d'un lot comme leurs "
                        "adhérents (données fictives)")
    parser.add_argument("--annee-suivante", nargs=2, type=Path, metavar=("LOT", "SORTIE"),
                        help="démonstration : classeurs de l'année suivante (nouvelle-annee), un peu de progrès")
    args = parser.parse_args(argv)
    if args.retours or args.annee_suivante:
        return _demonstration(args.retours, args.annee_suivante)
    DOSSIER.mkdir(exist_ok=True)
    for nom, fabrique in classeurs().items():
        enregistrer(fabrique(), DOSSIER / nom)
        print(f"✔ {DOSSIER.relative_to(RACINE) / nom}")
    from nr_workbook.mutualisation.generateur import adherents, ecrire

    ecrire(DOSSIER / "exemple-adherents.csv", adherents(12, graine=31, departement="98"))
    print(f"✔ {DOSSIER.relative_to(RACINE) / 'exemple-adherents.csv'}")
    if args.pdf:
        from nr_workbook.copil.impression import imprimer

        print(f"✔ {imprimer(DOSSIER / 'exemple-rempli.xlsx', args.pdf / 'exemple-rempli.pdf')}")
    if args.complement:
        from nr_workbook.excel.addin import NOM, construire

        print(f"✔ {construire(args.complement / f'{NOM}.xlam')}")
    return 0


def _demonstration(retours: Path | None, annee_suivante: tuple[Path, Path] | None) -> int:
    from nr_workbook.classeur.nouvelle_annee import nouvelle_annee
    from nr_workbook.mutualisation.generateur import simuler_progression, simuler_retours

    if retours:
        print(f"✔ {simuler_retours(retours)} classeur(s) d'adhérents remplis (données fictives) dans {retours}")
    if annee_suivante:
        lot, sortie = annee_suivante
        sortie.mkdir(parents=True, exist_ok=True)
        for p in sorted(lot.glob("*.xlsx")):
            if ".sauvegarde-" not in p.name:
                nouvelle_annee(p, sortie / p.name)
        print(f"✔ {simuler_progression(sortie)} classeur(s) de l'année suivante dans {sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
