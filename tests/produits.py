"""Every kind of file nr_workbook writes, built once per test session into one folder (`produits` fixture).

The conformity tests (Excel's limits, cached values, schemas, accessibility) run over this catalogue, so a new kind
of output joins all of them by being added here.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.fiches import generer_fiches
from nr_workbook.classeur.migration import migrer_classeur
from nr_workbook.classeur.nouvelle_annee import nouvelle_annee
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir_nom
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

RACINE = Path(__file__).resolve().parents[1]
VERSIONS = RACINE / "tests" / "donnees" / "versions"
GLPI = RACINE / "tests" / "donnees" / "imports" / "glpi-ordinateurs-fr.csv"


def exemple_70_fiches(cible: Path) -> Path:
    """The example with every lever of the catalogue pre-selected and retained, then `fiches`: 70 fiche sheets."""
    wb = construire_exemple()
    remplir_nom(wb, "NR_PRESTATAIRE_EMBARQUE", "Oui")
    ws = wb[L.LEVIERS]
    t = ws.tables[L.T_LEVIERS.nom]
    premiere = int(t.ref.split(":")[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    entetes = [c.value for c in ws[premiere]]
    colonnes = {h: entetes.index(h) + 1 for h in ("ID", "Présélection", "Valeur", "Faisabilité", "Retenu")}
    r = premiere + 1
    while ws.cell(r, colonnes["ID"]).value:
        ws.cell(r, colonnes["Présélection"]).value = "Oui"
        ws.cell(r, colonnes["Retenu"]).value = "Oui"
        for h in ("Valeur", "Faisabilité"):
            if ws.cell(r, colonnes[h]).value is None:
                ws.cell(r, colonnes[h]).value = 1 + (r % 4)
        r += 1
    wb.save(cible)
    generer_fiches(cible, sauvegarde=False)
    return cible


def consolidation_1000(exemple: Path, cible: Path) -> Path:
    """A consolidation workbook of 1,000 members (the example's row, varied), as `consolider` writes it."""
    from nr_workbook.mutualisation.consolidation import Consolidation, lire_classeur
    from nr_workbook.mutualisation.rapport import ecrire_consolidation

    lu = lire_classeur(exemple)
    ligne = lu.ligne
    rng = random.Random(18)
    lignes, obligations = [], []
    for i in range(1000):
        obligations.append({k: v * rng.uniform(0.5, 1.5) if k != "annee" else v for k, v in lu.obligations.items()})
        x = dict(ligne)
        x.update({"Fichier": f"{i:05d}-commune.xlsx", "Collectivité": f"Commune n° {i}",
                  "Code INSEE": f"{98000 + i}", "Population": rng.randint(200, 90_000)})
        for nom in ("NR_SCORE_GLOBAL", "NR_EQUIPEMENTS_PAR_AGENT", "NR_EMPREINTE_TOTALE_KGCO2E_AN"):
            if isinstance(x.get(nom), (int, float)):
                x[nom] = x[nom] * rng.uniform(0.5, 1.5)
        lignes.append(x)
    from nr_workbook.mutualisation.consolidation import tranche

    df = pd.DataFrame(lignes)
    df["Tranche"] = df["Population"].map(tranche)
    ecrire_consolidation(Consolidation(df, [], [], [], obligations), cible)  # with its « Obligations » sheet
    return cible


def produire(dossier: Path) -> dict[str, Path]:
    """Kind of file -> its path: workbooks first, then the other files we hand out."""
    from nr_workbook.echanges.export_tet import exporter as exporter_tet
    from nr_workbook.echanges.numecoeval import exporter as exporter_numecoeval
    from nr_workbook.echanges.prefill import generer
    from nr_workbook.mutualisation.adherents import lire
    from nr_workbook.mutualisation.generateur import adherents, ecrire
    from nr_workbook.mutualisation.lot import construire_lot

    dossier.mkdir(parents=True, exist_ok=True)
    p: dict[str, Path] = {}
    for parcours in ("Complet", "Flash"):
        p[f"vierge {parcours}"] = dossier / f"vierge-{parcours.lower()}.xlsx"
        enregistrer(construire(Contexte(parcours=parcours)), p[f"vierge {parcours}"])
    p["exemple"] = dossier / "exemple.xlsx"
    enregistrer(construire_exemple(), p["exemple"])
    p["exemple 70 fiches"] = exemple_70_fiches(dossier / "exemple-70-fiches.xlsx")
    lot = dossier / "lot"
    construire_lot(lire(ecrire(dossier / "adherents.csv", adherents(3, graine=18)), 2026).adherents, lot,
                   mutualisateur="Syndicat mixte")
    p["membre d'un lot"] = sorted(lot.glob("*.xlsx"))[0]
    p["année suivante"] = dossier / "exemple-annee-suivante.xlsx"
    nouvelle_annee(p["exemple"], p["année suivante"])
    for version in sorted(d.name for d in VERSIONS.iterdir()):
        source = dossier / f"exemple-{version}.xlsx"
        shutil.copy(VERSIONS / version / "exemple-rempli.xlsx", source)
        p[f"migré depuis {version}"] = dossier / f"exemple-migre-{version}.xlsx"
        migrer_classeur(source, p[f"migré depuis {version}"])
    p["inventaire importé"] = dossier / "import-glpi.xlsx"
    enregistrer(generer(None, None, GLPI).classeur, p["inventaire importé"])
    p["consolidation de 1 000 adhérents"] = consolidation_1000(p["exemple"], dossier / "consolidation.xlsx")
    d = Lecteur(p["exemple"]).donnees()
    p["export TeT"] = dossier / "plan-tet.xlsx"
    exporter_tet(d, p["export TeT"])
    for f in exporter_numecoeval(d, dossier / "numecoeval").fichiers:
        p[f"NumEcoEval {f.name}"] = f
    try:
        from nr_workbook.excel.addin import construire as construire_xlam
    except ImportError:  # xlwings absent: no add-in to check
        pass
    else:
        p["complément .xlam"] = construire_xlam(dossier / "nr_numerique_responsable.xlam")
    return p


def classeurs(produits: dict[str, Path]) -> dict[str, Path]:
    return {k: v for k, v in produits.items() if v.suffix in (".xlsx", ".xlam")}


def verifier_70_fiches(chemin: Path) -> int:
    return sum(1 for n in load_workbook(chemin, read_only=True).sheetnames if n.startswith(L.PREFIXE_FICHE))
