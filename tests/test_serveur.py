"""Office.js add-in served with the xlwings Server protocol, exercised with FastAPI's test client."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from nr_workbook.classeur.exemple import construire_exemple  # noqa: E402
from nr_workbook.excel.payload import charge_utile  # noqa: E402
from nr_workbook.excel.serveur import ONGLET, creer_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    return TestClient(creer_app())


def test_manifest_declares_the_tab_buttons_and_functions(client):
    r = client.get("/manifest.xml")
    assert r.status_code == 200
    racine = ET.fromstring(r.content)
    texte = r.text
    assert f'DefaultValue="{ONGLET}"' in texte
    assert "nr_recalculer" in texte and "nr_controler" in texte
    assert 'DefaultValue="Recalculer"' in texte and "custom-functions-meta" in texte
    assert racine.tag.endswith("OfficeApp")


def test_custom_functions_meta_and_code(client):
    meta = client.get("/xlwings/custom-functions-meta").json()
    assert {f["name"] for f in meta["functions"]} >= {"NR_PUE", "NR_QUADRANT", "NR_EMPREINTE"}
    code = client.get("/xlwings/custom-functions-code").text
    assert 'CustomFunctions.associate("NR_PUE"' in code


def test_custom_function_call(client):
    r = client.post("/xlwings/custom-functions-call", json={
        "func_name": "NR_PUE", "args": [[[30000], [10000]], [[20000], [None]]], "caller_address": "Feuil1!A1",
        "client": "Office.js",
        "formula_name": "NR_PUE", "version": "", "runtime": "1.4", "culture_info_name": "fr-FR",
        "date_format": "dd/mm/yyyy"})
    assert r.status_code == 200, r.text
    assert r.json()["result"] == [[1.5]]


def test_ribbon_action_recalculer(client, tmp_path):
    p = tmp_path / "exemple.xlsx"
    construire_exemple().save(p)
    r = client.post("/xlwings/custom-scripts-call/nr_recalculer", json=charge_utile(p))
    assert r.status_code == 200, r.text
    actions = r.json()["actions"]
    assert actions[0]["func"] == "setValues" and actions[0]["values"][0][0].startswith("Contrôle par le moteur")


def test_unknown_action_is_404(client):
    assert client.post("/xlwings/custom-scripts-call/supprimer_tout", json={}).status_code == 404


def test_ribbon_commands_script_is_valid_and_covers_every_action(client, tmp_path):
    import re
    import shutil
    import subprocess

    import xlwings as xw

    from nr_workbook.classeur.exemple import _exemple_diagnostic
    from nr_workbook.excel import actions

    js = client.get("/commands.js").text
    assert '"nr_recalculer": "nr_recalculer"' in js and "__SCRIPTS__" not in js
    if shutil.which("node"):
        chemin = tmp_path / "commands.js"
        chemin.write_text(js, encoding="utf-8")
        r = subprocess.run(["node", "--check", str(chemin)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    geres = set(re.findall(r"^  (\w+): \(c, a\)", js, flags=re.M))
    p = tmp_path / "d.xlsx"
    _exemple_diagnostic().save(p)
    emis = set()
    for action in (actions.recalculer, actions.controler, actions.generer_fiches):
        book = xw.Book(json=charge_utile(p, xw.__version__))
        action(book)
        emis |= {a["func"] for a in book.json()["actions"]}
    assert emis <= geres, emis - geres
