"""`nr-workbook fiches`: round trip without loss, re-runs keep user values, backups, refusals, bad input."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import _exemple_diagnostic
from nr_workbook.classeur.fiches import ETAT_INCONNU, generer_fiches
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir_table
from nr_workbook.classeur.sauvegarde import ClasseurRefuse, pertes
from nr_workbook.classeur.verification import verifier
from nr_workbook.cli import app
from nr_workbook.contract import layout as L
from tests.test_workbooks_fresh import contenu

RETENUS = 12  # levers retained in the example


@pytest.fixture
def classeur(tmp_path) -> Path:
    p = tmp_path / "commune.xlsx"
    _exemple_diagnostic().save(p)
    return p


def _champ(ws, nom):
    ((_, coord),) = list(ws.defined_names[nom].destinations)
    return ws[coord.replace("$", "")]


def _graphiques(chemin: Path) -> dict:
    wb = load_workbook(chemin)
    return {ws.title: [(c.tagname, len(c.series)) for c in ws._charts] for ws in wb.worksheets}


def test_round_trip_loses_nothing_of_the_template(classeur, tmp_path):
    avant_chemin = tmp_path / "avant.xlsx"
    shutil.copy(classeur, avant_chemin)
    rapport = generer_fiches(classeur)
    assert len(rapport.creees) == RETENUS
    avant, apres = contenu(avant_chemin), contenu(classeur)
    modifiees = (L.FEUILLE_DE_ROUTE, L.PILOTAGE)  # T_FICHES rows and the budget formulas are (re)written
    for feuille, c in avant["feuilles"].items():
        if feuille not in modifiees:
            assert apres["feuilles"][feuille] == c, feuille
    for feuille in modifiees:
        for cle in ("validations", "formats", "fusions", "protection"):
            assert apres["feuilles"][feuille][cle] == avant["feuilles"][feuille][cle], (feuille, cle)
    assert all(apres["noms"][n] == v for n, v in avant["noms"].items())
    graphiques = _graphiques(classeur)
    assert {k: v for k, v in graphiques.items() if k in _graphiques(avant_chemin)} == _graphiques(avant_chemin)
    assert graphiques[L.COTATION] == [("radarChart", 1)]


def test_a_fiche_holds_every_field_of_the_seed_example(classeur):
    generer_fiches(classeur)
    wb = load_workbook(classeur)
    ws = wb["Fiche STRATEGIE-01"]
    noms = set(ws.defined_names)
    assert {n for n, *_ in L.CHAMPS_FICHE} | {L.FA_BUDGET, L.FA_ETAT} <= noms
    assert _champ(ws, "FA_LEVIER").value.startswith("Dédier une personne")
    assert _champ(ws, "FA_PRIORITE").value == "Prioritaire"
    assert {t for t in ws.tables} == {"T_FA_STRATEGIE_01_KPI", "T_FA_STRATEGIE_01_ACTIONS", "T_FA_STRATEGIE_01_BUDGET"}
    assert ws.protection.sheet and not _champ(ws, "FA_RESPONSABLE").protection.locked


def test_rerun_keeps_user_values_adds_new_fiches_and_marks_unretained(classeur):
    generer_fiches(classeur)
    wb = load_workbook(classeur)
    ws = wb["Fiche STRATEGIE-01"]
    _champ(ws, "FA_RESPONSABLE").value = "Mme Durand, DGS"
    _champ(ws, "FA_ETP").value = 0.3
    remplir_table(wb, "T_FA_STRATEGIE_01_BUDGET", [{"Année": 2027, "Montant (€ HT)": 5000}])
    lignes = [{"Retenu": "Oui" if lv_id != "STRATEGIE-01" else "Non"} for lv_id in _ids_leviers(classeur)]
    deee02 = _ids_leviers(classeur).index("DEEE-02")
    lignes[deee02] = {"Présélection": "Oui", "Valeur": 3, "Faisabilité": 3, "Retenu": "Oui"}
    retenus_avant = {i for i, r in enumerate(Lecteur(classeur).table("T_LEVIERS")) if r.get("Retenu") == "Oui"}
    remplir_table(wb, "T_LEVIERS", [lignes[i] if i in retenus_avant or i == deee02 else {}
                                    for i in range(len(lignes))])
    wb.save(classeur)

    rapport = generer_fiches(classeur)
    assert rapport.creees == ["Fiche DEEE-02"]
    assert list(rapport.plan.a_marquer) == ["Fiche STRATEGIE-01"]
    wb = load_workbook(classeur)
    ws = wb["Fiche STRATEGIE-01"]
    assert _champ(ws, "FA_RESPONSABLE").value == "Mme Durand, DGS"
    assert _champ(ws, "FA_ETP").value == 0.3
    assert "non retenu" in _champ(ws, L.FA_ETAT).value
    assert Lecteur(classeur).table("T_FA_STRATEGIE_01_BUDGET")[0]["Montant (€ HT)"] == 5000
    assert len([s for s in wb.sheetnames if s.startswith(L.PREFIXE_FICHE)]) == RETENUS + 1
    sauvegardes = sorted(classeur.parent.glob("commune.sauvegarde-*.xlsx"))
    assert len(sauvegardes) == 2

    assert generer_fiches(classeur).sauvegarde is None  # nothing to do: file and backups untouched
    assert len(list(classeur.parent.glob("commune.sauvegarde-*.xlsx"))) == 2


def _ids_leviers(chemin: Path) -> list:
    return [r.get("ID") for r in Lecteur(chemin).table("T_LEVIERS")]


def test_fiche_of_an_unknown_lever_is_kept_and_marked(classeur):
    generer_fiches(classeur)
    wb = load_workbook(classeur)
    ids = _ids_leviers(classeur)
    remplir_table(wb, "T_LEVIERS", [{"ID": "ACHATS-99"} if i == ids.index("ACHATS-01") else {}
                                    for i in range(len(ids))])
    wb.save(classeur)
    rapport = generer_fiches(classeur)
    assert rapport.plan.a_marquer == {"Fiche ACHATS-01": ETAT_INCONNU}
    assert rapport.creees == ["Fiche ACHATS-99"]


def test_backup_equals_the_original(classeur):
    original = classeur.read_bytes()
    rapport = generer_fiches(classeur)
    assert rapport.sauvegarde.read_bytes() == original


def test_workbook_with_parts_openpyxl_would_drop_is_refused(classeur, tmp_path):
    avec_macro = tmp_path / "macro.xlsx"
    with zipfile.ZipFile(classeur) as src, zipfile.ZipFile(avec_macro, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\x00" * 16)
    assert pertes(avec_macro) == ["des macros VBA"]
    octets = avec_macro.read_bytes()
    with pytest.raises(ClasseurRefuse, match="macros VBA"):
        generer_fiches(avec_macro)
    assert avec_macro.read_bytes() == octets
    r = CliRunner().invoke(app, ["fiches", str(avec_macro)])
    assert r.exit_code == 2 and "n'a pas été modifié" in r.output


def test_foreign_workbook_is_refused(tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "autre.xlsx"
    Workbook().save(p)
    with pytest.raises(ClasseurRefuse, match="antérieure à 1.1.0"):
        generer_fiches(p)


def test_bad_fiche_input_is_reported_with_its_cell(classeur):
    import datetime as dt

    generer_fiches(classeur)
    wb = load_workbook(classeur)
    ws = wb["Fiche ACHATS-02"]
    _champ(ws, "FA_DEBUT").value = dt.datetime(2027, 5, 1)
    _champ(ws, "FA_FIN").value = dt.datetime(2027, 1, 1)
    _champ(ws, "FA_ETP").value = "un demi"
    remplir_table(wb, "T_FA_ACHATS_02_BUDGET", [{"Année": 2027, "Montant (€ HT)": "mille euros"}])
    wb.save(classeur)
    types = {(a.type, a.feuille) for a in verifier(classeur)}
    assert {("dates-inversees", "Fiche ACHATS-02"), ("moyens-invalides", "Fiche ACHATS-02"),
            ("budget-invalide", "Fiche ACHATS-02")} <= types


def test_cli_fiches_reports_what_it_did(classeur):
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["fiches", str(classeur)])
    assert r.exit_code == 0, r.output
    assert f"{RETENUS} fiche(s) créée(s)" in r.output and "Sauvegarde de l'original" in r.output
