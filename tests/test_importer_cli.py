"""`nr-workbook importer` and `build --inventaire` on other tools' files: backup first, append or replace, the
server rooms of a NumEcoEval datacenter file, the summary, `--proposer`, and the table grown as Excel grows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.engine.sorties import indicateurs

DOSSIER = Path(__file__).parent / "donnees" / "imports"
runner = CliRunner()


def lancer(*args: str):
    return runner.invoke(app, list(map(str, args)), env={"COLUMNS": "200"})


@pytest.fixture
def classeur(tmp_path, vierge_complet) -> Path:
    p = tmp_path / "commune.xlsx"
    shutil.copy(vierge_complet, p)
    return p


def inventaire(chemin: Path) -> list[dict]:
    return Lecteur(chemin).table("T_INVENTAIRE") or []


def test_build_accepts_a_glpi_export_and_says_which_format_it_chose(tmp_path):
    sortie = tmp_path / "c.xlsx"
    r = lancer("build", "-o", sortie, "--inventaire", DOSSIER / "glpi-ordinateurs-fr.csv")
    assert r.exit_code == 0, r.output
    assert "format GLPI (export d'une liste de recherche) (reconnu à ses en-têtes" in r.output
    assert "Types inconnus" in r.output and "machine virtuelle" in r.output
    assert sum(x["Quantité"] for x in inventaire(sortie)) == 9
    wb = load_workbook(sortie)
    assert "Anomalies" in wb.sheetnames and wb["Anomalies"]["A1"].value.startswith("Anomalies de l'import (3)")


def test_importer_appends_after_a_backup_then_replaces_on_request(classeur, tmp_path):
    source = DOSSIER / "ecodiag.csv"
    r = lancer("importer", classeur, source)
    assert r.exit_code == 0, r.output
    assert "10 ligne(s) lue(s) : 8 importée(s)" in r.output and "Sauvegarde de l'original" in r.output
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 8
    assert len(list(tmp_path.glob("commune.sauvegarde-*.xlsx"))) == 1
    lancer("importer", classeur, source)
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 16
    r = lancer("importer", classeur, source, "--remplacer")
    assert r.exit_code == 0 and "remplacées" in r.output
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 8
    assert len(list(tmp_path.glob("commune.sauvegarde-*.xlsx"))) == 3


def test_importer_numecoeval_fills_the_server_rooms_and_the_pue(classeur):
    r = lancer("importer", classeur, DOSSIER / "numecoeval" / "physicalEquipment.csv")
    assert r.exit_code == 0, r.output
    assert "2 salle(s) serveur(s)" in r.output
    salles = Lecteur(classeur).table("T_SALLES")
    total = sum(s["Énergie totale (kWh/an)"] for s in salles)
    it = sum(s["Énergie IT (kWh/an)"] for s in salles)
    valeurs = indicateurs(Lecteur(classeur).donnees())
    assert valeurs["NR_PUE"] == pytest.approx(total / it)
    assert valeurs["NR_PUE"] == pytest.approx((1.80 * 12600 + 1.45 * 900) / (12600 + 900))


def test_a_source_with_only_bad_rows_imports_nothing_and_says_why(classeur, tmp_path):
    p = tmp_path / "mauvais.csv"
    p.write_text("Catégorie;Quantité\nGrille-pain;2\nÉcran;-1\n", encoding="utf-8")
    r = lancer("importer", classeur, p)
    assert r.exit_code == 0 and "0 importée(s)" in r.output and "ligne 3" in r.output


def test_importer_refuses_a_workbook_that_is_not_ours(tmp_path):
    from openpyxl import Workbook

    autre = tmp_path / "autre.xlsx"
    Workbook().save(autre)
    r = lancer("importer", autre, DOSSIER / "ecodiag.csv")
    assert r.exit_code == 2 and "T_INVENTAIRE" in r.output and "Traceback" not in r.output
    assert not list(tmp_path.glob("autre.sauvegarde-*"))


def test_an_unrecognised_source_is_a_french_error_with_the_way_out(classeur, tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("Référence;Libellé\nA;B\n", encoding="utf-8")
    r = lancer("importer", classeur, p)
    assert r.exit_code == 2 and "format non reconnu" in r.output and "--proposer" in r.output


def test_proposer_writes_a_mapping_that_imports_once_completed(classeur, tmp_path):
    source = tmp_path / "parc.xlsx"
    shutil.copy(DOSSIER / "autre" / "parc-mairie.xlsx", source)
    r = lancer("importer", classeur, source, "--proposer")
    assert r.exit_code == 0, r.output
    proposition = tmp_path / "parc.xlsx.correspondances.yaml"
    texte = proposition.read_text(encoding="utf-8")
    assert 'type: "Famille de matériel"' in texte and 'quantite: "Nb"' in texte
    assert '"PC portable": "Ordinateur portable"' in texte and '"Électroménager": "À COMPLÉTER"' in texte
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 0  # nothing imported
    r = lancer("importer", classeur, source, "--correspondances", proposition)
    assert r.exit_code == 2 and "À COMPLÉTER" in r.output
    proposition.write_text(texte.replace('"Électroménager": "À COMPLÉTER"', '"Électroménager": "ignorer"'),
                           encoding="utf-8")
    r = lancer("importer", classeur, source, "--correspondances", proposition)
    assert r.exit_code == 0, r.output
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 45


def test_a_large_import_grows_the_table_with_its_validations(classeur, tmp_path):
    p = tmp_path / "grand.csv"
    lignes = [f"Écran;Modèle {i};1;2020;En service" for i in range(260)]
    p.write_text("Catégorie;Modèle;Quantité;Année d'acquisition;Statut\n" + "\n".join(lignes), encoding="utf-8")
    assert lancer("importer", classeur, p).exit_code == 0
    wb = load_workbook(classeur)
    ws = wb["Inventaire"]
    table = ws.tables["T_INVENTAIRE"]
    assert table.ref.endswith(str(int(table.ref.split(":")[0][1:]) + 260))
    derniere = int(table.ref.split(":")[1][1:])
    assert ws.cell(derniere, 1).value == "Écran" and ws.cell(derniere, 2).value == "Modèle 259"
    couvertes = [dv for dv in ws.data_validations.dataValidation if f"C{derniere}" in dv.sqref]
    assert couvertes, "la validation de la quantité couvre les nouvelles lignes"
    assert sum(x["Quantité"] for x in inventaire(classeur)) == 260
