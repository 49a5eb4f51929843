"""`nr-workbook lot`: members' CSV, safe unique names, fast pre-filling, inventories, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.echanges.prefill import generer
from nr_workbook.mutualisation.adherents import lire
from nr_workbook.mutualisation.lot import construire_lot

CSV = (
    "nom;code_insee;population;nb_agents;a_une_dsi;parcours;contact\n"
    "Commune de Sainte-Éulalie/../../etc;31001;1200;9;non;;maire@ste-eulalie.fr\n"
    "Ville X;31002;abc;10;oui;;\n"
    "Ville Y;31003;25000;400;oui;;\n"
    "Ville Y;31003;25000;400;oui;;\n"
    "Bourg Z;31004;4000;30;oui;Flash;\n"
    "Sans nom;31005;;;peut-être;;\n"
)


@pytest.fixture
def adherents(tmp_path) -> Path:
    p = tmp_path / "adherents.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


def test_members_are_read_with_line_numbers(adherents):
    r = lire(adherents, 2026)
    assert [a.fichier for a in r.adherents] == ["31001-commune-de-sainte-eulalie-etc.xlsx", "31003-ville-y.xlsx",
                                                "31004-bourg-z.xlsx"]
    assert [a.collectivite.parcours_retenu for a in r.adherents] == ["Flash", "Complet", "Flash"]
    assert [(a.ligne, a.message.split(" ")[0]) for a in r.anomalies] == [(3, "population"), (5, "même"),
                                                                         (7, "a_une_dsi")]


def test_a_member_file_with_one_insee_code_twice_names_both_lines(tmp_path):
    p = tmp_path / "adherents.csv"
    p.write_text("nom;code_insee\nVille A;31001\nVille B;31002\nVille A bis;31001\n", encoding="utf-8")
    r = lire(p, 2026)
    assert [a.collectivite.nom for a in r.adherents] == ["Ville A", "Ville B"]
    assert [(a.type, a.ligne, a.message) for a in r.anomalies] == [
        ("insee-en-double", 4, "code INSEE 31001 déjà attribué à « Ville A » à la ligne 2 : ligne ignorée.")]


def test_fast_prefilling_equals_a_full_build(adherents, tmp_path):
    r = lire(adherents, 2026)
    rapport = construire_lot(r.adherents, tmp_path / "lot", mutualisateur="Syndicat mixte", contact="nr@sm.fr")
    assert len(rapport.construits) == 3 and not rapport.avec_inventaire
    adh = r.adherents[1]
    rapide = Lecteur(tmp_path / "lot" / adh.fichier).donnees()
    complet_chemin = tmp_path / "complet.xlsx"
    enregistrer(generer(None, adh.collectivite, mutualisateur="Syndicat mixte", contact="nr@sm.fr").classeur,
                complet_chemin)
    complet = Lecteur(complet_chemin).donnees()
    assert rapide.noms == complet.noms and rapide.tables == complet.tables
    assert rapide.noms["NR_MUTUALISATEUR"] == "Syndicat mixte" and rapide.noms["NR_PARCOURS"] == "Complet"


def test_inventory_found_by_insee_code_and_files_never_overwritten(adherents, tmp_path):
    inv = tmp_path / "inv"
    inv.mkdir()
    (inv / "31003.csv").write_text("Catégorie;Quantité;Statut\nÉcran;10;En service\nInconnu;1;En service\n",
                                   encoding="utf-8")
    r = lire(adherents, 2026)
    sortie = tmp_path / "lot"
    rapport = construire_lot(r.adherents, sortie, inv, processus=1)
    assert rapport.avec_inventaire == ["31003-ville-y.xlsx"] and len(rapport.anomalies) == 1
    assert Lecteur(sortie / "31003-ville-y.xlsx").donnees().tables["T_INVENTAIRE"][0]["Quantité"] == 10
    renvoye = sortie / "31001-commune-de-sainte-eulalie-etc.xlsx"
    renvoye.write_bytes(b"rempli par la commune")
    rapport = construire_lot(r.adherents, sortie, inv)
    assert rapport.construits == [] and len(rapport.conserves) == 3
    assert renvoye.read_bytes() == b"rempli par la commune"
    assert sorted(p.name for p in sortie.iterdir()) == sorted(a.fichier for a in r.adherents)


def test_cli_lot(adherents, tmp_path):
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["lot", str(adherents), "-o", str(tmp_path / "lot"),
                                                       "--mutualisateur", "SM"])
    assert r.exit_code == 0, r.output
    assert "3 classeur(s) produit(s)" in r.output and "3 ligne(s) d'adhérent rejetée(s)" in r.output
