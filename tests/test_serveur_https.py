"""The add-in server for real: uvicorn over HTTPS with a throwaway certificate, called as Excel calls it."""

from __future__ import annotations

import logging
import ssl

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("xmlschema")
httpx = pytest.importorskip("httpx")

from nr_workbook.excel.reglages import Reglages  # noqa: E402
from tests.schemas_office import erreurs  # noqa: E402
from tests.serveur_tls import serveur_tls  # noqa: E402

JETON = "s3cret-de-test-é"
# What Office.js sends for =NR_PUE(B2:B3; C2:C3) (xlwings Server's protocol, custom-functions-code.js)
APPEL_PUE = {"func_name": "NR_PUE", "args": [[[30000], [10000]], [[20000], [None]]], "caller_address": "Feuil1!A1",
             "formula_name": "NR_PUE", "client": "Office.js", "version": "0.33.0", "runtime": "1.4",
             "culture_info_name": "fr-FR", "date_format": "dd/MM/yyyy"}


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    with serveur_tls(tmp_path_factory.mktemp("tls")) as s:
        yield s


@pytest.fixture(scope="module")
def client(serveur):
    contexte = ssl.create_default_context(cafile=str(serveur.autorite))
    with httpx.Client(base_url=serveur.base, verify=contexte, timeout=20) as c:
        yield c


def test_plain_http_is_not_answered_on_the_tls_port(serveur):
    with pytest.raises(httpx.HTTPError):
        httpx.get(serveur.base.replace("https://", "http://") + "/sante", timeout=5)


def test_an_untrusted_certificate_is_refused_by_the_client(serveur):
    with pytest.raises(httpx.ConnectError):
        httpx.get(serveur.base + "/sante", timeout=5)  # the system's store does not know the throwaway authority


def test_the_served_manifest_is_https_and_valid_against_microsofts_schema(client, serveur):
    r = client.get("/manifest.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    assert erreurs(r.text) == []
    assert f"{serveur.base}/taskpane.html" in r.text and "http://" not in r.text.replace(
        "http://schemas.microsoft.com", "").replace("http://www.w3.org", "")


def test_every_icon_of_the_manifest_is_served_as_png(client):
    import re

    manifeste = client.get("/manifest.xml").text
    urls = set(re.findall(r'DefaultValue="(https://[^"]+\.png)"', manifeste))
    assert len(urls) == 4  # 16, 32, 64 and 80 px
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_scripts_call_back_the_servers_https_address(client, serveur):
    assert f'const NR_BASE = "{serveur.base}";' in client.get("/xlwings/custom-functions-code.js").text
    assert f'const NR_BASE = "{serveur.base}";' in client.get("/commands.js").text


def test_nr_pue_with_a_real_office_js_payload(client):
    r = client.post("/xlwings/custom-functions-call", json=APPEL_PUE)
    assert r.status_code == 200, r.text
    assert r.json() == {"result": [[1.5]]}


def test_nr_pue_as_a_simple_cors_request_from_excel_for_the_web(client):
    import json

    r = client.post("/xlwings/custom-functions-call", content=json.dumps(APPEL_PUE),
                    headers={"Content-Type": "text/plain;charset=UTF-8", "Origin": "https://excel.officeapps.live.com"})
    assert r.status_code == 200 and r.json()["result"] == [[1.5]]
    assert r.headers["access-control-allow-origin"] == "https://excel.officeapps.live.com"


def test_cors_is_limited_to_office_and_the_server(client):
    for origine in ("https://evil.example", "https://office.com.evil.example", "http://excel.officeapps.live.com"):
        r = client.post("/xlwings/custom-functions-call", json=APPEL_PUE, headers={"Origin": origine})
        assert "access-control-allow-origin" not in r.headers, origine
        pre = client.options("/xlwings/custom-functions-call",
                             headers={"Origin": origine, "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 400 and "access-control-allow-origin" not in pre.headers
    pre = client.options("/xlwings/custom-scripts-call/nr_recalculer", headers={
        "Origin": "https://contoso.sharepoint.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://contoso.sharepoint.com"


@pytest.mark.parametrize(("requete", "statut", "message"), [
    (dict(url="/xlwings/custom-functions-call", json={**APPEL_PUE, "func_name": "__class__"}), 404,
     "fonction inconnue"),
    (dict(url="/xlwings/custom-functions-call", json={**APPEL_PUE, "func_name": "_lite"}), 404, "fonction inconnue"),
    (dict(url="/xlwings/custom-functions-call", json={**APPEL_PUE, "func_name": "NR_INCONNUE"}), 404,
     "fonction inconnue"),
    (dict(url="/xlwings/custom-scripts-call/__init__", json={}), 404, "action inconnue"),
    (dict(url="/xlwings/custom-functions-call", content=b"{pas du json", headers={"Content-Type": "application/json"}),
     400, "JSON attendu"),
    (dict(url="/xlwings/custom-functions-call", json={"func_name": "NR_PUE"}), 422, "appel de fonction mal formé"),
    (dict(url="/xlwings/custom-scripts-call/nr_recalculer", json={"book": 3}), 422, "classeur mal formé"),
    (dict(url="/xlwings/custom-functions-call", content=b"[" + b"1," * 5_000_000 + b"1]",
          headers={"Content-Type": "application/json"}), 413, "au-delà de la limite"),
])
def test_bad_requests_get_a_french_4xx_and_no_traceback(client, caplog, requete, statut, message):
    with caplog.at_level(logging.INFO):
        r = client.post(**requete)
    assert r.status_code == statut, r.text
    assert message in r.json()["erreur"]
    assert "Traceback" not in caplog.text and "Exception in ASGI" not in caplog.text
    assert f"refusé ({statut})" in caplog.text


def test_text_where_numbers_are_expected_is_an_empty_cell_not_a_500(client, caplog):
    r = client.post("/xlwings/custom-functions-call", json={**APPEL_PUE, "args": [[["beaucoup"]], [[None]]]})
    assert r.status_code == 200 and r.json() == {"result": [[""]]}
    assert "Traceback" not in caplog.text


def test_a_call_exactly_as_the_served_code_sends_it(client):
    """The body built by custom-functions-code.js (no date_format, runtime detected, token absent)."""
    corps = {"func_name": "NR_PUE", "args": [[[30000], [10000]], [[20000], [None]]], "client": "Office.js",
             "version": "", "runtime": "1.1", "caller_address": None, "formula_name": "NR_PUE",
             "culture_info_name": "fr-FR"}
    code = client.get("/xlwings/custom-functions-code.js").text
    for cle in corps:
        assert f"{cle}:" in code, cle
    r = client.post("/xlwings/custom-functions-call", json=corps)
    assert r.json() == {"result": [[1.5]]}


def test_the_health_check_answers_with_the_security_headers(client):
    r = client.get("/sante")
    assert r.json()["etat"] == "ok" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer" and "server" not in r.headers


def test_a_token_is_required_when_set(tmp_path):
    with serveur_tls(tmp_path, Reglages(jeton=JETON)) as s:
        contexte = ssl.create_default_context(cafile=str(s.autorite))
        with httpx.Client(base_url=s.base, verify=contexte, timeout=20) as c:
            sans = c.post("/xlwings/custom-functions-call", json=APPEL_PUE)
            assert sans.status_code == 401 and "jeton d'accès requis" in sans.json()["erreur"]
            faux = c.post("/xlwings/custom-functions-call", json=APPEL_PUE, headers={"Authorization": "Bearer non"})
            assert faux.status_code == 401 and "jeton d'accès refusé" in faux.json()["erreur"]
            entete = c.post("/xlwings/custom-functions-call", json=APPEL_PUE,
                            headers={"Authorization": f"Bearer {JETON}".encode()})
            assert entete.json()["result"] == [[1.5]]
            corps = c.post("/xlwings/custom-functions-call", json={**APPEL_PUE, "jeton": JETON})
            assert corps.json()["result"] == [[1.5]]
            assert c.post("/xlwings/custom-scripts-call/nr_recalculer", json={}).status_code == 401
            assert c.get("/manifest.xml").status_code == 200  # what Office loads stays public
            assert c.get("/sante").json()["jeton"] is True


def test_the_served_functions_code_run_by_node_gets_nr_pue_over_https(client, serveur, tmp_path):
    """The JavaScript Office loads, run in Node as in Office's JavaScript-only runtime (CustomFunctions and
    OfficeRuntime stubbed, fetch real), calls the HTTPS server and returns NR_PUE's value."""
    import os
    import shutil
    import subprocess

    if shutil.which("node") is None:
        pytest.skip("Node.js absent")
    code = client.get("/xlwings/custom-functions-code.js").text
    harnais = """
const fonctions = {};
globalThis.CustomFunctions = {
  associate: (nom, f) => { fonctions[nom] = f; },
  ErrorCode: {invalidValue: '#VALUE!', notAvailable: '#N/A'},
  Error: class extends Error { constructor(code, message) { super(message); this.code = code; } },
};
globalThis.OfficeRuntime = {storage: {getItem: async (cle) => null}};
""" + code + """
(async () => {
  const pue = await fonctions.NR_PUE([[30000], [10000]], [[20000], [null]], {address: 'Feuil1!B4'});
  let erreur = null;
  globalThis.fetch = async () => { throw new TypeError('réseau coupé'); };
  try { await fonctions.NR_PUE([[1]], [[1]], {address: 'Feuil1!B5'}); } catch (e) { erreur = e.code; }
  console.log(JSON.stringify({pue, erreur, noms: Object.keys(fonctions).length}));
})();
"""
    script = tmp_path / "runtime.js"
    script.write_text(harnais, encoding="utf-8")
    r = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "NODE_EXTRA_CA_CERTS": str(serveur.autorite)})
    assert r.returncode == 0, r.stderr
    import json

    sortie = json.loads(r.stdout.strip().splitlines()[-1])
    assert sortie["pue"] == [[1.5]] and sortie["noms"] >= 5
    assert sortie["erreur"] == "#N/A"  # server out of reach: Excel shows #N/A with the French message
