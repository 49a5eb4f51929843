"""Office.js add-in served with the xlwings Server protocol, exercised with FastAPI's test client."""

from __future__ import annotations

import os
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


# --- The hardened protocol -----------------------------------------------------------------------------------------
_APPEL = {"args": [], "caller_address": "Feuil1!A1", "client": "Office.js", "formula_name": "x", "version": "",
          "runtime": "1.4", "culture_info_name": "fr-FR", "date_format": "dd/mm/yyyy"}


@pytest.mark.parametrize("nom", ["__class__", "_lite", "xw", "FONCTIONS", "actions", "NR_INCONNUE", "nr_recalculer"])
def test_only_registered_functions_can_be_called(client, caplog, nom):
    r = client.post("/xlwings/custom-functions-call", json={**_APPEL, "func_name": nom})
    assert r.status_code == 404 and "fonction inconnue" in r.json()["erreur"] and "NR_PUE" in r.json()["erreur"]
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("nom", ["__init__", "_script", "recalculer", "NR_PUE"])
def test_only_registered_actions_can_be_run(client, nom):
    r = client.post(f"/xlwings/custom-scripts-call/{nom}", json={})
    assert r.status_code == 404 and "action inconnue" in r.json()["erreur"]


def test_malformed_json_is_a_400_in_french(client, caplog):
    r = client.post("/xlwings/custom-functions-call", content=b'{"func_name": "NR_PUE", "args": [',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "JSON attendu (ligne 1" in r.json()["erreur"]
    assert "refusé (400)" in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize("corps", [{"args": []}, {"func_name": "NR_PUE"}, {"func_name": "NR_PUE", "args": 3}, [1, 2]])
def test_a_payload_of_the_wrong_shape_is_a_422(client, corps):
    r = client.post("/xlwings/custom-functions-call", json=corps)
    assert r.status_code == 422 and "appel de fonction mal formé" in r.json()["erreur"]


def test_a_workbook_payload_of_the_wrong_shape_is_a_422(client):
    r = client.post("/xlwings/custom-scripts-call/nr_recalculer", json={"book": "pas un classeur"})
    assert r.status_code == 422 and "classeur mal formé" in r.json()["erreur"]


def test_a_body_over_the_limit_is_a_413_before_being_read(client, monkeypatch, caplog):
    monkeypatch.setenv("NR_SERVEUR_CORPS_MAX_MO", "1")
    gros = b'{"func_name": "NR_PUE", "args": ["' + b"x" * (50 * 1024 * 1024) + b'"]}'
    r = client.post("/xlwings/custom-functions-call", content=gros, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "limite de 1 Mo" in r.json()["erreur"]

    def morceaux():  # no Content-Length: the stream is cut at the limit
        for _ in range(50):
            yield b"x" * (1024 * 1024)

    r = client.post("/xlwings/custom-functions-call", content=morceaux())
    assert r.status_code == 413
    assert "Traceback" not in caplog.text


def test_a_function_failing_on_the_users_values_answers_an_excel_error(client, caplog, monkeypatch):
    from nr_workbook.excel import lite

    def casse(*args):
        raise ZeroDivisionError("division par zéro")

    casse.__xlfunc__ = lite.NR_PUE.__xlfunc__
    monkeypatch.setattr(lite, "NR_PUE", casse)
    r = client.post("/xlwings/custom-functions-call", json={**_APPEL, "func_name": "NR_PUE",
                                                              "args": [[[1]], [[0]]]})
    assert r.status_code == 200
    assert r.json()["error"]["code"] == "#VALUE!" and "NR_PUE" in r.json()["error"]["message"]
    assert "#VALEUR!" in caplog.text and "Traceback" not in caplog.text


def test_the_served_code_turns_errors_into_excel_errors(client):
    code = client.get("/xlwings/custom-functions-code").text
    assert "CustomFunctions.ErrorCode.invalidValue" in code and "donnees.error.message" in code


def test_downloads_expire_and_are_deleted(tmp_path):
    from nr_workbook.excel.telechargements import Depot

    (tmp_path / "copil-x").mkdir()
    produit = tmp_path / "copil-x" / "copil.pptx"
    produit.write_bytes(b"PK")
    depot = Depot(duree_s=-1)  # already over
    (offert,) = depot.deposer([produit])
    jeton = offert["url"].split("/")[2]
    assert offert["nom"] == "copil.pptx" and len(jeton) >= 32 and not produit.exists()
    assert not produit.parent.exists()  # the producer's emptied temporary folder is removed
    assert depot.fichier(jeton, "copil.pptx") is None
    depot.purger()
    assert not any(p.is_file() for p in depot._racine().rglob("*"))
    garde = Depot()
    autre = tmp_path / "synthese.pdf"
    autre.write_bytes(b"%PDF-")
    (offert,) = garde.deposer([autre])
    jeton = offert["url"].split("/")[2]
    assert garde.fichier(jeton, "synthese.pdf").read_bytes() == b"%PDF-"
    assert garde.fichier(jeton, "../synthese.pdf") is None and garde.fichier("autre", "synthese.pdf") is None


def test_xlwings_pyodide_lookups_fail_at_once_outside_pyodide():
    import importlib.util
    import sys

    import nr_workbook.excel  # noqa: F401  (marks the module absent)

    assert "pyodide" in sys.modules and sys.modules["pyodide"] is None
    with pytest.raises(ImportError):
        from pyodide.ffi import JsNull  # noqa: F401
    del sys.modules["pyodide"]
    try:
        assert importlib.util.find_spec("pyodide") is None  # it was not installed, only marked
    finally:
        sys.modules["pyodide"] = None


def test_the_shared_download_folder_lives_as_long_as_the_server(monkeypatch):
    from nr_workbook.excel.telechargements import VARIABLE_DOSSIER, Depot, dossier_partage

    monkeypatch.delenv(VARIABLE_DOSSIER, raising=False)
    with dossier_partage() as dossier:
        assert os.environ[VARIABLE_DOSSIER] == str(dossier) and Depot.depuis_environnement()._racine() == dossier
    assert VARIABLE_DOSSIER not in os.environ and not dossier.exists()


def test_a_file_deposited_by_one_server_process_is_downloaded_from_another(tmp_path, monkeypatch):
    from nr_workbook.excel.telechargements import VARIABLE_DOSSIER, Depot

    monkeypatch.setenv(VARIABLE_DOSSIER, str(tmp_path / "partage"))
    (tmp_path / "partage").mkdir()
    produit = tmp_path / "copil.pptx"
    produit.write_bytes(b"PK")
    (offert,) = Depot.depuis_environnement().deposer([produit])  # the process that ran the action
    jeton = offert["url"].split("/")[2]
    autre = TestClient(creer_app())  # another process of the same server, same shared folder
    r = autre.get(offert["url"])
    assert r.status_code == 200 and r.content == b"PK"
    assert Depot.depuis_environnement().fichier(jeton, "copil.pptx") == tmp_path / "partage" / jeton / "copil.pptx"


def test_the_pane_allows_only_our_origin_and_offices_script_host(client):
    r = client.get("/taskpane.html")
    csp = dict(p.strip().split(" ", 1) for p in r.headers["content-security-policy"].split(";"))
    assert csp["script-src"] == "'self' https://appsforoffice.microsoft.com"
    assert csp["default-src"] == csp["style-src"] == csp["connect-src"] == "'self'"
    assert "<style" not in r.text and 'href="static/volet.css"' in r.text
    assert r.text.index('href="static/fluent.css"') < r.text.index('href="static/volet.css"')
    style = client.get("/static/volet.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in style.text
    assert client.get("/static/fluent.css").status_code == 200
    assert client.get("/static/autre.css").status_code == 404


def test_the_pane_is_styled_by_fluents_tokens_only():
    """Every colour, size and spacing of the pane is one of Fluent UI's tokens, each defined in the vendored
    fluent.css; that file is what scripts/fluent-jetons.js writes from the @fluentui/tokens it names."""
    import os
    import re
    import shutil
    import subprocess
    from pathlib import Path

    dossier = Path(__file__).resolve().parents[1]
    volet = (dossier / "nr_workbook" / "excel" / "volet.css").read_text(encoding="utf-8")
    fluent = (dossier / "nr_workbook" / "excel" / "fluent.css").read_text(encoding="utf-8")
    definis = set(re.findall(r"^  --([A-Za-z0-9]+): ", fluent, re.M))
    utilises = set(re.findall(r"var\(--([A-Za-z0-9]+)\)", volet))
    assert len(definis) > 400 and utilises and utilises <= definis, utilises - definis
    sans_commentaires = re.sub(r"/\*.*?\*/", "", volet, flags=re.S)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", sans_commentaires)  # no colour of our own
    paquet = dossier / "node_modules" / "@fluentui" / "tokens" / "package.json"
    node = shutil.which("node")
    if node is None or not paquet.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Node.js et @fluentui/tokens sont requis sous CI=true : make test les installe.")
        pytest.skip("Node.js ou @fluentui/tokens absent (npm install à la racine du dépôt).")
    import json

    if json.loads(paquet.read_text(encoding="utf-8"))["version"] not in fluent.splitlines()[0]:
        pytest.skip("une autre version de @fluentui/tokens est installée : relancez scripts/fluent-jetons.js.")
    ecrit = subprocess.run([node, str(dossier / "scripts" / "fluent-jetons.js")], capture_output=True, text=True,
                           cwd=dossier, check=True, timeout=60).stdout
    assert ecrit == fluent


def test_the_token_form_shows_only_when_the_server_asks_for_a_token(client):
    from nr_workbook.excel.reglages import Reglages

    assert 'id="nr-jeton"' not in client.get("/taskpane.html").text
    avec = TestClient(creer_app(Reglages(jeton="secret")))
    page = avec.get("/taskpane.html").text
    assert 'id="nr-jeton"' in page and "demande un jeton d'accès" in page


def test_answers_are_written_by_orjson_as_the_standard_library_would_and_nan_is_null():
    import json

    import numpy as np

    from nr_workbook.excel.protocole import ReponseJson

    corps = {"actions": [{"values": [["NR_PUE", 1.5, 1e-05, "é – ✔", None, True, 3]]}]}
    assert json.loads(ReponseJson(corps).body) == corps
    assert ReponseJson({"v": [float("nan"), np.float64(2.5)]}).body == b'{"v":[null,2.5]}'  # stdlib: a 500
    assert json.loads(ReponseJson({"v": 10**30}).body) == {"v": 10**30}  # beyond orjson: the standard library's way


def test_the_server_lifespan_raises_the_collector_threshold_and_restores_it():
    import gc

    from nr_workbook.excel.serveur import SEUIL_GC

    avant = gc.get_threshold()
    with TestClient(creer_app()) as c:  # runs the lifespan
        assert gc.get_threshold()[0] == SEUIL_GC and c.get("/sante").status_code == 200
    assert gc.get_threshold() == avant
