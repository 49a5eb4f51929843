"""Record a template version's signature: its layout (from the contract) and the labels of its blank workbooks.

The labels are the values a blank template holds outside names, tables and formulas; migration uses them to tell
the template's own text from what a user typed elsewhere. Run on a version bump:

    python -m nr_workbook.classeur.signature            # the current version, from freshly built templates
    python -m nr_workbook.classeur.signature --depuis tests/donnees/versions/1.1.0   # labels of a frozen version
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.saisies import ID_FICHE, cellules_libres, est_fiche, texte_libelle
from nr_workbook.contract.migrations import DOSSIER_SIGNATURES, signature_actuelle
from nr_workbook.contract.version import VERSION_MODELE

VIERGES = ("nr-diagnostic-complet.xlsx", "nr-diagnostic-flash.xlsx")
AVEC_FICHES = "exemple-rempli.xlsx"


def libelles(dossier: Path) -> dict[str, Any]:
    """Labels of the blank templates (per sheet) and of a fiche sheet of the example, in `dossier`."""
    par_feuille: dict[str, set[str]] = {}
    for nom in VIERGES:
        lecteur = Lecteur(dossier / nom)
        tables = set(lecteur.structure.tables)
        for feuille in lecteur.structure.feuilles:
            valeurs = cellules_libres(lecteur, feuille, tables).values()
            par_feuille.setdefault(feuille, set()).update(texte_libelle(v) for v in valeurs)
    out: dict[str, Any] = {"libelles": {f: sorted(v) for f, v in par_feuille.items() if v}}
    exemple = Lecteur(dossier / AVEC_FICHES)
    fiche: set[str] = set()
    for feuille in exemple.structure.feuilles:
        if est_fiche(exemple, feuille):
            ident = str(exemple.cellule(feuille, exemple.structure.noms_locaux[feuille]["FA_ID"].replace("$", "")))
            fiche |= {texte_libelle(v).replace(ident, ID_FICHE) for v in cellules_libres(exemple, feuille).values()}
    if fiche:
        out["libelles_fiche"] = sorted(fiche)
    return out


def signature_courante() -> dict[str, Any]:
    """The current version's full signature, from freshly built blank templates and example."""
    from nr_workbook.classeur.exemple import construire_exemple
    from nr_workbook.classeur.writer.contexte import Contexte
    from nr_workbook.classeur.writer.workbook import construire

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        construire(Contexte("Complet")).save(d / VIERGES[0])
        construire(Contexte("Flash")).save(d / VIERGES[1])
        construire_exemple().save(d / AVEC_FICHES)
        return {**signature_actuelle(), **libelles(d)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--depuis", type=Path, help="dossier des classeurs figés d'une version (labels seulement)")
    args = p.parse_args(argv)
    if args.depuis:
        version = args.depuis.name
        chemin = DOSSIER_SIGNATURES / f"{version}.json"
        sig = {**json.loads(chemin.read_text(encoding="utf-8")), **libelles(args.depuis)}
    else:
        version, sig = VERSION_MODELE, signature_courante()
        chemin = DOSSIER_SIGNATURES / f"{version}.json"
    chemin.write_text(json.dumps(sig, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{chemin} écrit.")


if __name__ == "__main__":
    main()
