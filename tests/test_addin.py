"""Classic add-in: rebuilt from xlwings' ribbon template, our ribbon and settings; VBA checked with oletools."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("xlwings")
from nr_workbook.cli import app  # noqa: E402
from nr_workbook.excel.addin import construire, dossier_complement  # noqa: E402


@pytest.fixture(scope="module")
def xlam(tmp_path_factory) -> Path:
    return construire(tmp_path_factory.mktemp("addin") / "nr_numerique_responsable.xlam", Path("C:/nr/udfs"))


def test_ribbon_is_ours(xlam):
    ruban = zipfile.ZipFile(xlam).read("customUI/customUI.xml").decode()
    assert 'label="Numérique responsable"' in ruban and 'onAction="RibbonMyAddin.RunMain"' in ruban


def test_settings_sheet_is_active_with_udf_module_and_pythonpath(xlam):
    import re

    z = zipfile.ZipFile(xlam)
    assert 'name="myaddin.conf"' in z.read("xl/workbook.xml").decode()
    chaines = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", z.read("xl/sharedStrings.xml").decode())
    feuille = z.read("xl/worksheets/sheet1.xml").decode()
    cles = {m[0]: chaines[int(m[1])] for m in re.findall(r'<c r="A(\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', feuille)}
    valeurs = {m[0]: m[1] for m in re.findall(r'<c r="B(\d+)" t="inlineStr"><is><t>([^<]*)</t>', feuille)}
    reglages = {cles[r]: v for r, v in valeurs.items()}
    assert reglages == {"UDF Modules": "nr_udfs", "PYTHONPATH": "C:/nr/udfs"}


def test_vba_project_read_back_with_oletools(xlam):
    from oletools.olevba import VBA_Parser

    vba = VBA_Parser(str(xlam))
    modules = {nom: code for _, _, nom, code in vba.extract_macros()}
    assert "Sub RunMain(control As IRibbonControl)" in modules["RibbonMyAddin.bas"]
    assert "RunPython" in modules["RibbonMyAddin.bas"]


def test_context_aware_button_picks_the_action_from_the_active_sheet():
    sys.path.insert(0, str(dossier_complement()))
    try:
        import nr_numerique_responsable as bouton
    finally:
        sys.path.pop(0)
    assert bouton.action_pour("Indicateurs")[0] == "Recalculer"
    assert bouton.action_pour("Matrice")[0] == "Générer les fiches actions"
    assert bouton.action_pour("Pilotage")[0] == "Exporter le dossier COPIL"
    assert bouton.action_pour("Inventaire")[0] == "Contrôler"


def test_cli_builds_the_addin(tmp_path):
    sortie = tmp_path / "nr_numerique_responsable.xlam"
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["addin", "installer", "-o", str(sortie),
                                                       "--construire-seulement"])
    assert r.exit_code == 0, r.output
    assert zipfile.is_zipfile(sortie)
    r = CliRunner().invoke(app, ["addin", "installer", "-o", str(tmp_path / "autre.xlam"), "--construire-seulement"])
    assert r.exit_code == 2 and "nr_numerique_responsable.xlam" in r.output
