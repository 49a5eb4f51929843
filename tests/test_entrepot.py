"""The mutualisateur's history: three years through nouvelle-annee and consolider, a DuckDB warehouse keyed
(INSEE code, year), idempotent, hive-partitioned Parquet, the Évolution sheet and `nr-workbook historique`."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.nouvelle_annee import nouvelle_annee
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.cli import app
from nr_workbook.engine import indicateurs
from nr_workbook.mutualisation.adherents import lire
from nr_workbook.mutualisation.entrepot import ENTREPOT, PARQUET, TABLE, verser
from nr_workbook.mutualisation.generateur import adherents, ecrire
from nr_workbook.mutualisation.lot import construire_lot

runner = CliRunner(env={"COLUMNS": "200"})
ANNEES = (2026, 2027, 2028)


def _remplir(p: Path, k: int) -> None:
    remplir(p, p, tables={
        "T_INVENTAIRE": [{"Catégorie": "Ordinateur portable", "Quantité": 10 + k, "Année d'acquisition": 2020,
                          "Statut": "En service"},
                         {"Catégorie": "Écran", "Quantité": 5, "Année d'acquisition": 2018, "Statut": "Réformé"}],
        "T_MATURITE": [{"Niveau": (k + i) % 4} for i in range(14)]})


@pytest.fixture(scope="module")
def campagne(tmp_path_factory) -> Path:
    """Three members over three years: year 1 filled, years 2 and 3 from nouvelle-annee, a level raised each
    year; each year consolidated into the same warehouse."""
    d = tmp_path_factory.mktemp("campagne")
    membres = lire(ecrire(d / "adh.csv", adherents(3, graine=7)), ANNEES[0]).adherents
    construire_lot(membres, d / "retours-2026")
    for k, p in enumerate(sorted((d / "retours-2026").glob("*.xlsx"))):
        _remplir(p, k)
    for annee in ANNEES[1:]:
        (d / f"retours-{annee}").mkdir()
        for p in sorted((d / f"retours-{annee - 1}").glob("*.xlsx")):
            cible = d / f"retours-{annee}" / p.name
            nouvelle_annee(p, cible)
            remplir(cible, cible, tables={"T_MATURITE": [{"Niveau": 3}] * (annee - 2025)})
    for annee in ANNEES:
        r = runner.invoke(app, ["consolider", str(d / f"retours-{annee}"), "-o", str(d / "sortie" / f"c{annee}.xlsx")])
        assert r.exit_code == 0, r.output
    return d


def _entrepot(d: Path) -> pd.DataFrame:
    con = duckdb.connect(str(d / "sortie" / ENTREPOT), read_only=True)
    try:
        return con.execute(f"SELECT * FROM {TABLE} ORDER BY code_insee, annee").df()
    finally:
        con.close()


def test_the_warehouse_holds_three_years_per_member(campagne):
    df = _entrepot(campagne)
    assert len(df) == 9
    assert df.groupby("code_insee")["annee"].apply(list).tolist() == [list(ANNEES)] * 3
    p = sorted((campagne / "retours-2027").glob("*.xlsx"))[0]
    attendu = indicateurs(Lecteur(p).donnees())
    ligne = df[(df["annee"] == 2027) & (df["code_insee"] == str(Lecteur(p).nom("NR_CODE_INSEE")))].iloc[0]
    assert ligne["NR_SCORE_GLOBAL"] == pytest.approx(attendu["NR_SCORE_GLOBAL"])
    assert ligne["NR_NIVEAU_MATURITE"] == attendu["NR_NIVEAU_MATURITE"] and ligne["version_modele"]


def test_parquet_partitions_read_back_with_duckdb(campagne):
    dossier = campagne / "sortie" / PARQUET
    assert sorted(p.name for p in dossier.iterdir()) == [f"annee={a}" for a in ANNEES]
    lu = duckdb.sql(f"SELECT annee, count(*) AS n, avg(NR_SCORE_GLOBAL) AS s FROM read_parquet("
                    f"'{dossier}/**/*.parquet', hive_partitioning = true) GROUP BY annee ORDER BY annee").fetchall()
    assert [(a, n) for a, n, _ in lu] == [(a, 3) for a in ANNEES]
    assert lu[0][2] < lu[2][2]  # levels raised each year
    assert len(pd.read_parquet(dossier)) == 9  # any Parquet engine (pyarrow) reads the dataset too


def test_consolidating_a_year_again_changes_nothing(campagne, tmp_path):
    avant = _entrepot(campagne).drop(columns=["consolide_le"])
    r = runner.invoke(app, ["consolider", str(campagne / "retours-2027"), "-o", str(tmp_path / "again.xlsx"),
                            "--entrepot", str(campagne / "sortie" / ENTREPOT)])
    assert r.exit_code == 0, r.output
    assert "dont 3 remplacée(s)" in r.output
    apres = _entrepot(campagne).drop(columns=["consolide_le"])
    pd.testing.assert_frame_equal(avant, apres)
    assert len(pd.read_parquet(campagne / "sortie" / PARQUET)) == 9


def test_the_evolution_sheet_shows_each_member_against_last_year(campagne):
    ws = load_workbook(campagne / "sortie" / "c2028.xlsx")["Évolution"]
    entetes = [c.value for c in ws[4]]
    lignes = [dict(zip(entetes, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=5)]
    assert len(lignes) == 3 and all(r["Année"] == 2028 for r in lignes)
    assert any(r["Score global N"] > r["Score global N-1"] for r in lignes)
    for r in lignes:
        assert r["Score global N-1"] is not None and r["Score global N"] >= r["Score global N-1"]
        assert r["Score global écart"] == pytest.approx(r["Score global N"] - r["Score global N-1"])
    premier = load_workbook(campagne / "sortie" / "c2026.xlsx")["Évolution"]
    assert [c.value for c in premier[5]][3] is None  # no 2025 in the warehouse


def test_members_without_insee_code_or_year_are_reported_not_stored(tmp_path):
    lignes = pd.DataFrame([{"Fichier": "a.xlsx", "Code INSEE": None, "Année": 2026},
                           {"Fichier": "b.xlsx", "Code INSEE": "31001", "Année": None},
                           {"Fichier": "c.xlsx", "Code INSEE": 31002.0, "Année": 2026.0},
                           {"Fichier": "d.xlsx", "Code INSEE": "31002", "Année": 2026}])
    v = verser(lignes, tmp_path)
    assert v.lignes == 1 and [a.fichier for a in v.anomalies] == ["a.xlsx", "b.xlsx"]
    assert duckdb.connect(str(tmp_path / ENTREPOT)).execute(f"SELECT code_insee, fichier FROM {TABLE}").fetchall() == [
        ("31002", "c.xlsx")]


def test_an_older_warehouse_gains_the_new_indicators(tmp_path):
    lignes = pd.DataFrame([{"Fichier": "c.xlsx", "Code INSEE": "31002", "Année": 2026, "NR_SCORE_GLOBAL": 50.0}])
    verser(lignes, tmp_path)
    con = duckdb.connect(str(tmp_path / ENTREPOT))
    con.execute(f"ALTER TABLE {TABLE} DROP COLUMN NR_ETP_TOTAL")
    con.close()
    lignes["Année"] = 2027
    verser(lignes, tmp_path)
    df = duckdb.connect(str(tmp_path / ENTREPOT)).execute(f"SELECT annee, NR_ETP_TOTAL FROM {TABLE}").df()
    assert sorted(df["annee"]) == [2026, 2027]


def test_cli_historique(campagne, tmp_path):
    sortie = campagne / "sortie"
    r = runner.invoke(app, ["historique", str(sortie)])
    assert r.exit_code == 0 and "2028" in r.output and "Années consolidées" in r.output
    code = str(_entrepot(campagne)["code_insee"].iloc[0])
    r = runner.invoke(app, ["historique", str(sortie / ENTREPOT), "--insee", code, "-o", str(tmp_path / "s.csv")])
    assert r.exit_code == 0, r.output
    assert "Score global de maturité" in r.output and "2026" in r.output
    csv = pd.read_csv(tmp_path / "s.csv", sep=";", encoding="utf-8-sig")
    assert set(csv["Année"]) == set(ANNEES) and "Repère des adhérents" in csv.columns
    r = runner.invoke(app, ["historique", str(sortie), "--indicateur", "nr_score_global", "-o",
                            str(tmp_path / "i.xlsx")])
    assert r.exit_code == 0 and "Médiane" in r.output
    assert len(pd.read_excel(tmp_path / "i.xlsx")) == 3
    r = runner.invoke(app, ["historique", str(sortie), "--indicateur", "NR_INCONNU"])
    assert r.exit_code == 2 and "indicateur inconnu" in r.output
    r = runner.invoke(app, ["historique", str(tmp_path)])
    assert r.exit_code == 2 and "Entrepôt introuvable" in r.output


def test_the_same_member_twice_in_one_year_is_reported(campagne, tmp_path):
    dossier = tmp_path / "retours"
    shutil.copytree(campagne / "retours-2026", dossier)
    premier = sorted(dossier.glob("*.xlsx"))[0]
    shutil.copy(premier, dossier / "zz-copie.xlsx")
    r = runner.invoke(app, ["consolider", str(dossier), "-o", str(tmp_path / "c.xlsx")])
    assert r.exit_code == 0 and "insee en double" in r.output
    assert duckdb.connect(str(tmp_path / ENTREPOT)).execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0] == 3
