"""Indicators as open data (`nr-workbook export-opendata`): long format, a Data Package whose Table Schema is
filled in, validated by frictionless; from one workbook or from a consolidation's warehouse."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.cli import app
from nr_workbook.echanges.opendata import INDICATEURS
from nr_workbook.engine.sorties import indicateurs

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "workbooks" / "exemple-rempli.xlsx"


def _valider(dossier: Path):
    from frictionless import Package

    return Package(str(dossier / "datapackage.json")).validate()


def _lignes(dossier: Path) -> list[dict]:
    with (dossier / "indicateurs.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_one_workbook_publishes_each_indicator_with_a_valid_data_package(tmp_path):
    r = CliRunner().invoke(app, ["export-opendata", str(EXEMPLE), "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    rapport = _valider(tmp_path)
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "note"])
    paquet = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    champs = {f["name"]: f for f in paquet["resources"][0]["schema"]["fields"]}
    assert list(champs) == ["collectivite", "code_insee", "siret", "annee", "indicateur", "libelle", "valeur",
                            "unite", "est_cible", "source", "commentaires"]
    assert champs["annee"]["type"] == "year" and champs["valeur"]["type"] == "number"
    assert champs["est_cible"]["type"] == "boolean" and champs["siret"]["constraints"]["pattern"] == r"^\d{14}$"
    assert paquet["licenses"][0]["name"] == "etalab-2.0"
    valeurs = indicateurs(Lecteur(EXEMPLE).donnees())
    lignes = _lignes(tmp_path)
    attendus = [n.nom for n in INDICATEURS if isinstance(valeurs[n.nom], (int, float))]
    assert [x["indicateur"] for x in lignes] == attendus and len(lignes) >= 35
    par_code = {x["indicateur"]: x for x in lignes}
    assert par_code["NR_NB_EQUIPEMENTS"]["valeur"] == "898"
    assert float(par_code["NR_PART_RECONDITIONNE"]["valeur"]) == pytest.approx(valeurs["NR_PART_RECONDITIONNE"] * 100)
    assert par_code["NR_OBJECTIF_REEMPLOI_REFORME"]["est_cible"] == "true"
    assert par_code["NR_TAUX_REEMPLOI_REFORME"]["est_cible"] == "false"
    assert {(x["collectivite"], x["code_insee"], x["siret"], x["annee"]) for x in lignes} == {
        ("Commune de Valmorin-sur-Lèze", "31999", "21319990000019", "2026")}
    assert par_code["NR_DEEE_T_PAR_AGENT_AN"]["commentaires"] == "Base : Bordereaux."


def test_a_warehouse_publishes_every_member_and_leaves_out_what_the_schema_refuses(tmp_path):
    from nr_workbook.mutualisation.adherents import lire
    from nr_workbook.mutualisation.generateur import adherents, ecrire, simuler_retours
    from nr_workbook.mutualisation.lot import construire_lot

    lot = tmp_path / "lot"
    lot.mkdir()
    membres = lire(ecrire(tmp_path / "adh.csv", adherents(3, graine=8)), 2026).adherents
    construire_lot(membres, lot)
    simuler_retours(lot)
    mauvais = lot / membres[2].fichier
    remplir(mauvais, mauvais, noms={"NR_CODE_INSEE": "1234"})  # neither an INSEE code nor a SIREN
    assert CliRunner().invoke(app, ["consolider", str(lot), "-o", str(tmp_path / "c.xlsx")]).exit_code == 0
    sortie = tmp_path / "od"
    r = CliRunner().invoke(app, ["export-opendata", str(tmp_path), "-o", str(sortie)])
    assert r.exit_code == 1 and "Ligne écartée" in r.output and "code_insee" in r.output, r.output
    assert _valider(sortie).valid
    lignes = _lignes(sortie)
    assert {x["code_insee"] for x in lignes} == {membres[0].collectivite.code_insee, membres[1].collectivite.code_insee}
    assert all(len(x["siret"]) == 14 for x in lignes) and {x["annee"] for x in lignes} == {"2026"}
    r = CliRunner().invoke(app, ["export-opendata", str(tmp_path), "-o", str(sortie)])
    assert r.exit_code == 2 and "existe déjà" in r.output
