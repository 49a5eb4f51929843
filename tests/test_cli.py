"""The French CLI: exit codes, messages, no traceback, never overwriting without --force."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.cli import app
from nr_workbook.contract import layout as L

runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1"})


def run(*args):
    r = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in r.output
    return r


@pytest.fixture
def collectivite(tmp_path) -> Path:
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"nom": "Commune de Test", "code_insee": "01001", "population": 2100, "nb_agents": 18,
                             "annee_reference": 2025, "a_une_dsi": False}), encoding="utf-8")
    return p


@pytest.fixture
def inventaire(tmp_path) -> Path:
    p = tmp_path / "i.csv"
    p.write_text("Catégorie;Quantité;Année d'acquisition;Statut\nÉcran;10;2020;En service\n"
                 "Inconnu;1;2020;En service\nOrdinateur portable;-2;2020;En service\n", encoding="utf-8")
    return p


def test_build_blank_complete(tmp_path):
    r = run("build", "-o", tmp_path / "v.xlsx")
    assert r.exit_code == 0, r.output
    assert "Classeur Complet écrit" in r.output


def test_build_prefilled_flash_from_json_and_csv(tmp_path, collectivite, inventaire):
    sortie = tmp_path / "c.xlsx"
    r = run("build", "--collectivite", collectivite, "--inventaire", inventaire, "-o", sortie)
    assert r.exit_code == 0, r.output
    assert "3 ligne(s) lue(s) : 1 importée(s)" in r.output and "2 rejetée(s)" in r.output
    wb = load_workbook(sortie)
    assert L.ANOMALIES in wb.sheetnames
    nom = list(wb.defined_names["NR_PARCOURS"].destinations)[0]
    assert wb[nom[0]][nom[1].replace("$", "")].value == "Flash"  # no DSI, no parcours given
    lignes = [r for r in wb[L.ANOMALIES].iter_rows(min_row=5, values_only=True)]
    assert len(lignes) == 2 and lignes[0][3] == 3 and lignes[0][4] == "Catégorie"


def test_strict_exits_1_when_rows_are_rejected(tmp_path, inventaire):
    r = run("build", "--inventaire", inventaire, "-o", tmp_path / "x.xlsx", "--strict")
    assert r.exit_code == 1


def test_existing_output_is_kept_without_force_and_backed_up_with_it(tmp_path):
    sortie = tmp_path / "x.xlsx"
    sortie.write_bytes(b"ancien")
    r = run("build", "-o", sortie)
    assert r.exit_code == 2 and "existe déjà" in r.output and sortie.read_bytes() == b"ancien"
    r = run("build", "-o", sortie, "--force")
    assert r.exit_code == 0
    sauvegardes = list(tmp_path.glob("x.sauvegarde-*.xlsx"))
    assert len(sauvegardes) == 1 and sauvegardes[0].read_bytes() == b"ancien"


@pytest.mark.parametrize(("contenu", "attendu"), [
    ("{pas du json", "JSON invalide"),
    ('{"nom": "X", "nb_agents": 0}', "nb_agents"),
    ('["liste"]', "objet JSON"),
])
def test_invalid_json_is_one_french_line_exit_2(tmp_path, contenu, attendu):
    p = tmp_path / "c.json"
    p.write_text(contenu, encoding="utf-8")
    r = run("build", "--collectivite", p, "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2 and attendu in r.output and "Erreur" in r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_missing_inputs_exit_2(tmp_path):
    assert run("build", "--inventaire", tmp_path / "absent.csv", "-o", tmp_path / "x.xlsx").exit_code == 2
    r = run("indicateurs", tmp_path / "absent.xlsx")
    assert r.exit_code == 2 and "introuvable" in r.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_exit_2(tmp_path):  # pragma: no cover - depends on the user
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    r = run("build", "-o", d / "x.xlsx")
    assert r.exit_code == 2 and "Écriture impossible" in r.output


def test_output_in_a_missing_place_exit_2(tmp_path):
    (tmp_path / "fichier").write_text("x")
    r = run("build", "-o", tmp_path / "fichier" / "x.xlsx")
    assert r.exit_code == 2 and "Écriture impossible" in r.output


def test_not_a_workbook_exit_2(tmp_path):
    p = tmp_path / "faux.xlsx"
    p.write_text("ceci n'est pas un classeur")
    r = run("indicateurs", p)
    assert r.exit_code == 2 and "n'est pas un classeur Excel lisible" in r.output


def test_indicateurs_json_reads_data_not_cached_results(tmp_path):
    p = tmp_path / "e.xlsx"
    construire_exemple().save(p)  # openpyxl writes no cached results at all
    r = run("indicateurs", p, "--json")
    assert r.exit_code == 0, r.output
    v = json.loads(r.output)
    assert v["NR_NB_EQUIPEMENTS"] == 898
    assert v["NR_DEEE_SOURCE"] == "Bordereaux"
    assert v["NR_SCORE_STRATEGIE"] == pytest.approx(5 / 6 / 3 * 100)


def test_indicateurs_table_in_french(tmp_path):
    p = tmp_path / "e.xlsx"
    construire_exemple().save(p)
    r = run("indicateurs", p)
    assert "Équipements en service" in r.output and "898" in r.output


def test_verifier_lists_anomalies_with_sheet_and_cell(tmp_path):
    p = tmp_path / "e.xlsx"
    construire_exemple().save(p)
    r = run("verifier", p, "--json")
    assert r.exit_code == 1
    anomalies = json.loads(r.output)
    sans_reponse = [a for a in anomalies if a["type"] == "question-sans-reponse"]
    assert len(sans_reponse) == 2
    assert sans_reponse[0]["feuille"] == L.COTATION and sans_reponse[0]["cellule"].startswith("D")


def test_verifier_exit_0_when_clean(tmp_path):
    from nr_workbook.classeur.remplissage import remplir

    p = tmp_path / "e.xlsx"
    construire_exemple().save(p)
    from nr_workbook import referentiel

    niveaux = [{"Niveau": 1} for _ in referentiel.load().questions]
    remplir(p, p, tables={"T_MATURITE": niveaux})
    wb = load_workbook(p)
    for ws in wb.worksheets:
        if "FA_RESPONSABLE" in ws.defined_names:
            ((_, coord),) = list(ws.defined_names["FA_RESPONSABLE"].destinations)
            ws[coord.replace("$", "")] = "Responsable désigné"
    wb.save(p)
    r = run("verifier", p)
    assert r.exit_code == 0, r.output
    assert "Aucune anomalie" in r.output


def test_help_is_french():
    r = run("--help")
    assert "Génère un classeur" in r.output


@pytest.mark.parametrize(("args", "attendu"), [
    (["build"], "option obligatoire manquante : -o / --sortie"),
    (["build", "-o", "x.xlsx", "--parcours", "Rapide"], "« Rapide » n'est pas une valeur admise"),
    (["inconnue"], "commande inconnue : inconnue"),
    (["indicateurs"], "argument manquant"),
])
def test_usage_errors_are_french_exit_2_without_traceback(tmp_path, args, attendu):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "nr_workbook", *args], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 2
    assert attendu in r.stderr and "Traceback" not in r.stderr + r.stdout


@pytest.mark.parametrize(("v", "fmt", "texte"), [
    (0.1998, "0.0%", "20,0 %"), (23013.2, "#,##0", "23\u202f013"), (None, None, "—"),
    ("Bordereaux", None, "Bordereaux"),
    (0.00353, "0.0000", "0,0035"), (4.425, "#,##0.000", "4,425"),
])
def test_french_display(v, fmt, texte):
    from nr_workbook.contract.affichage import formater

    assert formater(v, fmt) == texte
