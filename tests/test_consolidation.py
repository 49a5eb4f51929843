"""`nr-workbook consolider`: every returned workbook recomputed by the engine; broken files reported, skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.migration import donnees_migrees
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.cli import app
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.engine.sorties import indicateurs
from nr_workbook.mutualisation.adherents import lire
from nr_workbook.mutualisation.consolidation import consolider, tranche
from nr_workbook.mutualisation.generateur import adherents, ecrire
from nr_workbook.mutualisation.lot import construire_lot
from nr_workbook.mutualisation.rapport import ecrire_consolidation
from tests.helpers import meme_valeur

VERSIONS = Path(__file__).parent / "donnees" / "versions"


def _propre(v):
    """A consolidated cell: NaN (pandas' empty) as None, numpy numbers as Python numbers."""
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("retours")
    membres = lire(ecrire(d.parent / "adh.csv", adherents(6)), 2026).adherents
    construire_lot(membres, d)
    premier = d / membres[0].fichier
    remplir(premier, premier, tables={"T_INVENTAIRE": [{"Catégorie": "Écran", "Quantité": 12, "Statut": "En service"}],
                                      "T_MATURITE": [{"Niveau": 2}, {"Niveau": 1}]})
    for i, m in enumerate(membres[1:5], start=1):  # members 1 to 4 answered a few questions; member 5 returned it blank
        remplir(d / m.fichier, d / m.fichier, tables={"T_MATURITE": [{"Niveau": i % 4}] * i})
    shutil.copy(VERSIONS / "1.0.0" / "exemple-rempli.xlsx", d / "v100.xlsx")  # a workbook of the first template
    remplir(VERSIONS / "1.1.0" / "exemple-rempli.xlsx", d / "v110.xlsx", noms={"NR_CODE_INSEE": "99110"})
    construire_exemple().save(d / "exemple.xlsx")
    (d / "casse.xlsx").write_text("corrompu")
    Workbook().save(d / "autre.xlsx")
    ancien = d / "ancien.xlsx"
    remplir(d / membres[1].fichier, ancien, noms={"NR_VERSION_MODELE": "0.9.0"})
    (d / "~$exemple.xlsx").write_text("verrou")
    return d


def test_rows_are_recomputed_by_the_engine(dossier):
    c = consolider(dossier, processus=1)
    # 5 members, the 1.0.0 and 1.1.0 workbooks; the 6th member is blank, exemple.xlsx is open in Excel (lock
    # file), ancien.xlsx claims an unknown template
    assert len(c.lignes) == 7
    versions = dict(zip(c.lignes["Fichier"], c.lignes["Version du modèle"], strict=True))
    assert versions["v100.xlsx"] == "1.0.0" and versions["v110.xlsx"] == "1.1.0"
    assert {versions[f] for f in versions if f.startswith("99")} == {VERSION_MODELE}
    for _, ligne in c.lignes.iterrows():
        lecteur = Lecteur(dossier / ligne["Fichier"])
        migre = ligne["Fichier"].startswith("v1")
        attendu = indicateurs(donnees_migrees(lecteur)[0] if migre else lecteur.donnees())
        for nom, v in attendu.items():
            assert meme_valeur(_propre(ligne[nom]), v), nom


def test_broken_foreign_old_and_open_files_are_reported_and_skipped(dossier):
    c = consolider(dossier, processus=1)
    vide = [f for f in c.ignores if f.startswith("99006")]
    assert sorted(c.ignores) == sorted(["ancien.xlsx", "autre.xlsx", "casse.xlsx", "exemple.xlsx", *vide])
    types = {a.fichier: a.type for a in c.anomalies if a.fichier in c.ignores}
    assert types == {"ancien.xlsx": "version", "autre.xlsx": "etranger", "casse.xlsx": "illisible",
                     "exemple.xlsx": "ouvert", vide[0]: "non-rempli"}
    assert [a.message for a in c.anomalies if a.fichier == vide[0]] == [
        "classeur retourné sans aucune donnée au-delà de son identité (ni inventaire, ni cotation, ni levier, ni "
        "fiche) : non rempli, ignoré."]


def test_two_returned_workbooks_of_one_collectivite_are_reported(dossier, tmp_path):
    premier = sorted(dossier.glob("99001-*.xlsx"))[0]
    shutil.copy(premier, tmp_path / premier.name)
    shutil.copy(premier, tmp_path / "zz-renvoi.xlsx")
    c = consolider(tmp_path, processus=1)
    assert len(c.lignes) == 2
    assert [(a.type, a.fichier) for a in c.anomalies if a.type == "insee-en-double"] == [
        ("insee-en-double", "zz-renvoi.xlsx")]
    assert premier.name in next(a.message for a in c.anomalies if a.type == "insee-en-double")


def test_consolidation_csv_never_carries_a_live_formula(dossier, tmp_path):
    premier = sorted(dossier.glob("99001-*.xlsx"))[0]
    remplir(premier, tmp_path / premier.name, noms={"NR_COLLECTIVITE": '=HYPERLINK("http://x.example","clic")'})
    c = consolider(tmp_path, processus=1)
    chemins = ecrire_consolidation(c, tmp_path / "sortie" / "consolidation.xlsx")
    texte = chemins[1].read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in texte and ";=HYPERLINK" not in texte
    assert load_workbook(chemins[0])["Adhérents"]["B5"].data_type == "s"


def test_a_folder_of_blank_workbooks_gives_an_empty_consolidation_not_a_crash(dossier, tmp_path):
    shutil.copy(sorted(dossier.glob("99006-*.xlsx"))[0], tmp_path / "vide.xlsx")
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["consolider", str(tmp_path), "-o", str(tmp_path / "c.xlsx")])
    assert r.exit_code == 0, r.output
    assert "0 adhérent(s) consolidé(s)" in r.output and "non rempli" in r.output


def test_parallel_reading_gives_the_same_table(dossier):
    assert consolider(dossier, processus=2).lignes.equals(consolider(dossier, processus=1).lignes)


def test_bands_positions_levers_and_files(dossier, tmp_path):
    (dossier / "~$exemple.xlsx").unlink()
    try:
        c = consolider(dossier, processus=1)
    finally:
        (dossier / "~$exemple.xlsx").write_text("verrou")
    assert tranche(12_400) == "10 000 à 49 999 hab." and tranche(None) == "population inconnue"
    comp = c.comparaison()
    ligne = comp[(comp["Indicateur"] == "NR_NB_EQUIPEMENTS")].iloc[0]
    assert ligne["1er quartile"] <= ligne["Médiane"] <= ligne["3e quartile"]
    # the example and v110.xlsx (whose TRANSFORMATION-07 the 1.3.0 example swapped for TRANSFORMATION-04)
    assert c.leviers_frequents()[0][1] == 2 and len(c.leviers_frequents()) == 13
    chemins = ecrire_consolidation(c, tmp_path / "consolidation.xlsx")
    assert [p.suffix for p in chemins] == [".xlsx", ".csv", ".parquet"]
    assert len(pd.read_parquet(chemins[2])) == len(c.lignes)
    wb = load_workbook(chemins[0])
    assert wb.sheetnames == ["Adhérents", "Anomalies", "Comparaison", "Positions", "Maturité par tranche", "Leviers",
                             "Obligations"]
    # the territory's legal rates: the example (2026) holds the only scrapped equipment and purchases
    ob = c.obligations()
    assert ob["Année"].tolist() == [2026] and ob.iloc[0]["Collectivités"] == len(c.lignes)
    an = ob.iloc[0]
    assert (an["Orientés vers le réemploi (A)"], an["Réformés en stock au 1er janvier (B)"]) == (58, 68)
    assert an["Taux de réemploi du territoire (%)"] == pytest.approx(58 / 68 * 100)
    assert (an["Collectivités ayant du matériel réformé"], an["Collectivités à l'objectif"]) == (1, 1)
    assert an["Part du territoire (%)"] == pytest.approx(12_000 / 84_000 * 100)
    assert (an["Collectivités ayant des achats"], an["Collectivités au minimum"]) == (1, 0)  # 14.3 % < 20 %
    feuille = wb["Obligations"]
    assert feuille["E4"].value == "Taux de réemploi du territoire (%)" and feuille["E5"].value == pytest.approx(
        58 / 68 * 100) and feuille["E5"].number_format == "#,##0.0"
    assert wb["Leviers"]._charts and wb["Maturité par tranche"]._charts


def test_cli_consolider(dossier, tmp_path):
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["consolider", str(dossier), "-o", str(tmp_path / "c.xlsx")])
    assert r.exit_code == 0, r.output
    assert "5 classeur(s) ignoré(s)" in r.output
    assert "Anomalies par nature" in r.output and "non rempli" in r.output
    assert "1.0.0 × 1" in r.output and "1.1.0 × 1" in r.output
    # the example, which holds the only scrapped equipment, is open in Excel (lock file) here: no rate this year
    assert "Obligations 2026 (feuille Obligations) : réemploi du matériel réformé — (objectif 50,0 %, atteint par 0 " \
           "adhérent(s) sur 0 concerné(s))" in r.output


@pytest.mark.libreoffice
def test_thirty_members_end_to_end_through_libreoffice(libreoffice, tmp_path):
    """Build 30 members, fill them through the contract, recalculate with LibreOffice (one call), consolidate
    the recalculated files: the consolidated values are the engine's and the workbooks' own formulas'."""
    import random

    from nr_workbook.classeur.libreoffice import convertir

    membres = lire(ecrire(tmp_path / "adh.csv", adherents(30, graine=30)), 2026).adherents
    lot = tmp_path / "lot"
    construire_lot(membres, lot)
    rng = random.Random(30)
    cats = ["Ordinateur portable", "Écran", "Serveur", "Smartphone", "Imprimante", "inconnue"]
    for p in sorted(lot.glob("*.xlsx")):
        remplir(p, p, tables={
            "T_INVENTAIRE": [{"Catégorie": rng.choice(cats), "Quantité": rng.choice([rng.randint(0, 50), "x", -1]),
                              "Année d'acquisition": rng.randint(2012, 2027), "Statut": rng.choice(
                                  ["En service", "En service", "Réformé", "En stock"])} for _ in range(12)],
            "T_MATURITE": [{"Niveau": rng.choice([0, 1, 2, 3, None, "?"])} for _ in range(14)],
            "T_DEEE": [{"Année": rng.randint(2022, 2025), "Poids (kg)": rng.randint(10, 500)}
                       for _ in range(rng.randint(0, 3))],
            "T_SALLES": [{"Salle": "S", "Énergie totale (kWh/an)": 15000,
                          "Énergie IT (kWh/an)": rng.randint(5000, 14000)}],
        })
    retours = tmp_path / "retours"
    convertir(sorted(lot.glob("*.xlsx")), retours)
    (retours / "casse.xlsx").write_text("corrompu")
    c = consolider(retours, processus=2)
    assert len(c.lignes) == 30 and c.ignores == ["casse.xlsx"]
    for _, ligne in c.lignes.iterrows():
        lecteur = Lecteur(retours / ligne["Fichier"])
        moteur, formules = indicateurs(lecteur.donnees()), lecteur.valeurs_sorties()
        for nom in moteur:
            for attendu in (moteur[nom], formules[nom]):
                assert meme_valeur(_propre(ligne[nom]), attendu), (ligne["Fichier"], nom, ligne[nom], attendu)
