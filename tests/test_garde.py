"""Size guards: a zip bomb, a file too big, a CSV with too many lines are refused at once, with a French message that
names the limit and the variable that changes it; the limits come from the environment."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.garde import FichierTropVolumineux, Limites, verifier_classeur, verifier_taille
from nr_workbook.cli import app
from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.echanges.import_parc import importer_parc
from tests.helpers import bombe

runner = CliRunner()


@pytest.fixture
def petites_limites(monkeypatch):
    monkeypatch.setenv("NR_LIMITE_DECOMPRESSE_MO", "20")
    monkeypatch.setenv("NR_LIMITE_LIGNES", "100")


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("NR_LIMITE_FICHIER_MO", "12,5")
    monkeypatch.setenv("NR_LIMITE_LIGNES", "1000")
    assert Limites.depuis_environnement() == Limites(taille_fichier_mo=12.5, lignes=1000)
    monkeypatch.setenv("NR_LIMITE_LIGNES", "beaucoup")
    with pytest.raises(FichierInvalide, match="NR_LIMITE_LIGNES"):
        Limites.depuis_environnement()


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path, vierge_complet, petites_limites):
    b = bombe(vierge_complet, tmp_path / "bombe.xlsx", 40)
    assert b.stat().st_size < 2_000_000
    with pytest.raises(FichierTropVolumineux, match=r"contenu décompressé.*NR_LIMITE_DECOMPRESSE_MO"):
        verifier_classeur(b)


def test_a_part_compressed_too_much_is_refused(tmp_path, vierge_complet, monkeypatch):
    monkeypatch.setenv("NR_LIMITE_TAUX_COMPRESSION", "50")
    b = bombe(vierge_complet, tmp_path / "bombe.xlsx", 12)
    with pytest.raises(FichierTropVolumineux, match=r"compressée \d+ fois"):
        verifier_classeur(b)


def test_zero_turns_a_limit_off(tmp_path, vierge_complet, monkeypatch):
    monkeypatch.setenv("NR_LIMITE_DECOMPRESSE_MO", "0")
    monkeypatch.setenv("NR_LIMITE_TAUX_COMPRESSION", "0")
    verifier_classeur(bombe(vierge_complet, tmp_path / "bombe.xlsx", 12))


@pytest.mark.parametrize("commande", [["indicateurs"], ["verifier"], ["fiches"], ["copil", "-o", "copil"],
                                      ["export-tet", "-o", "tet.xlsx"]])
def test_every_command_refuses_a_zip_bomb_without_a_traceback(tmp_path, vierge_complet, petites_limites, commande):
    b = bombe(vierge_complet, tmp_path / "bombe.xlsx", 40)
    args = [commande[0], str(b), *[str(tmp_path / a) if a.endswith(("copil", ".xlsx")) else a for a in commande[1:]]]
    r = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert r.exit_code == 2, r.output
    assert "dépasse la limite" in r.output and "Traceback" not in r.output


def test_consolider_skips_a_zip_bomb_and_reads_the_others(tmp_path, vierge_complet, petites_limites):
    dossier = tmp_path / "retours"
    dossier.mkdir()
    construire_exemple().save(dossier / "a.xlsx")
    bombe(vierge_complet, dossier / "b.xlsx", 40)
    r = runner.invoke(app, ["consolider", str(dossier), "-o", str(tmp_path / "c.xlsx")], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "1 adhérent(s) consolidé(s)" in r.output and "b.xlsx" in r.output and "dépasse la limite" in r.output


def test_a_csv_beyond_the_line_limit_is_refused(tmp_path, petites_limites):
    p = tmp_path / "long.csv"
    p.write_text("Catégorie;Quantité\n" + "Écran;1\n" * 150, encoding="utf-8")
    with pytest.raises(FichierTropVolumineux, match="NR_LIMITE_LIGNES"):
        importer_parc(p)


def test_a_file_beyond_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("NR_LIMITE_FICHIER_MO", "0.001")
    p = tmp_path / "gros.csv"
    p.write_text("Catégorie;Quantité\n" + "Écran;1\n" * 500, encoding="utf-8")
    with pytest.raises(FichierTropVolumineux, match=r"sa taille.*NR_LIMITE_FICHIER_MO"):
        verifier_taille(p)
    r = runner.invoke(app, ["build", "-o", str(tmp_path / "c.xlsx"), "--inventaire", str(p)], env={"COLUMNS": "200"})
    assert r.exit_code == 2 and "dépasse la limite" in r.output
