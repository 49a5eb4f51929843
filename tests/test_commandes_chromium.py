"""The Office.js add-in's page run in headless Chromium (Debian's package, driven by puppeteer-core): the real
/taskpane.html and /commands.js of the HTTPS server, Office.js replaced by a stub over Microsoft's mock of the Excel
JavaScript API (office-addin-mock, bundled for the browser by esbuild) loaded from one of our workbooks. Every
ribbon button writes what the classic xlwings path writes, and the pane's status line says so; a server that is
down is told in the pane, never as an unhandled rejection."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("xlwings")
pytest.importorskip("uvicorn")

from nr_workbook.excel.actions import ACTIONS_RUBAN  # noqa: E402
from tests import test_commandes_office as node_run  # noqa: E402
from tests.serveur_tls import port_libre  # noqa: E402
from tests.test_commandes_office import _classique, _commandes, _sans_changement, _sans_heure  # noqa: E402

# the fixtures of the Node run, shared: the HTTPS server, the example and the diagnostic workbooks
serveur, exemple, diagnostic = node_run.serveur, node_run.exemple, node_run.diagnostic

RACINE = Path(__file__).resolve().parents[1]
PILOTE = RACINE / "tests" / "js" / "chromium_simule.js"


@pytest.fixture(scope="module")
def chromium(tmp_path_factory) -> dict:
    """Node, Chromium and the browser bundle of the mock (built here by esbuild)."""
    node, navigateur = shutil.which("node"), shutil.which("chromium")
    outils = [RACINE / "node_modules" / m for m in ("puppeteer-core", "esbuild", "office-addin-mock", "axe-core")]
    if node is None or navigateur is None or not all(p.is_dir() for p in outils):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Node.js, Chromium (paquet chromium) et les outils de package.json sont requis sous "
                        "CI=true : make test les installe.")
        pytest.skip("Node.js, Chromium ou les outils JavaScript des tests sont absents.")
    paquet = tmp_path_factory.mktemp("paquet") / "office-simule.js"
    subprocess.run([str(RACINE / "node_modules" / ".bin" / "esbuild"), "tests/js/office_navigateur.js", "--bundle",
                    "--platform=browser", "--format=iife", "--log-level=warning",
                    "--alias:office-addin-manifest=./node_modules/office-addin-manifest/lib/officeApp.js",
                    f"--outfile={paquet}"], check=True, cwd=RACINE, capture_output=True, timeout=120)
    return {"node": node, "chromium": navigateur, "paquet": paquet}


def _lancer(chromium: dict, serveur, classeur: dict, dossier: Path, *boutons: str, options: tuple = ()) -> dict:
    entree, sortie = dossier / "classeur.json", dossier / "sortie.json"
    entree.write_text(json.dumps(classeur), encoding="utf-8")
    r = subprocess.run([chromium["node"], str(PILOTE), serveur.base, str(entree), str(chromium["paquet"]),
                        str(sortie), *options, *boutons], capture_output=True, text=True, timeout=600, cwd=RACINE,
                       env={**os.environ, "CHROMIUM": chromium["chromium"]})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(sortie.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("fonction", "classeur"), [
    ("nr_recalculer", "exemple"), ("nr_controler", "exemple"), ("nr_generer_fiches", "diagnostic"),
    ("nr_feuille_de_route", "diagnostic"), ("nr_exporter_copil", "exemple"),
])
def test_every_button_in_chromium_writes_what_the_classic_path_writes(chromium, serveur, tmp_path, request,
                                                                     fonction, classeur):
    donnees = request.getfixturevalue(classeur)
    sortie = _lancer(chromium, serveur, donnees, tmp_path, fonction)
    attendu = _classique(donnees, fonction)
    assert sortie["rejets"] == [], sortie["rejets"]
    assert not [c for c in sortie["consigne"] if c[0] in ("error", "pageerror")
                and "appsforoffice" not in c[1]], sortie["consigne"]
    (resultat,) = sortie["resultats"]
    libelle = next(a.libelle for a in ACTIONS_RUBAN if a.fonction == fonction)
    assert resultat["genre"] == "succes" and resultat["volet"].startswith(f"{libelle} : terminé"), resultat
    obtenu = sortie["classeur"]["feuilles"]
    assert [f["nom"] for f in obtenu] == [f["nom"] for f in attendu["feuilles"]]
    for f, g in zip(obtenu, attendu["feuilles"], strict=True):
        assert _sans_heure(f["cellules"]) == _sans_heure(g["cellules"]), f["nom"]
    if fonction == "nr_exporter_copil":  # opened by Office and linked in the pane
        assert [Path(u).suffix for u in sortie["ouverts"]] == [".pptx", ".pdf"]
        assert sortie["liens"] == ["Télécharger copil-exemple-rempli.pptx", "Télécharger synthese-exemple-rempli.pdf"]


def test_a_server_that_is_down_is_told_in_the_pane(chromium, serveur, tmp_path, exemple):
    eteint = f"https://localhost:{port_libre()}"
    code = _commandes(serveur, tmp_path, base=eteint)
    capture = tmp_path / "volet-320.png"
    sortie = _lancer(chromium, serveur, exemple, tmp_path, "nr_recalculer",
                     options=("--commandes", str(code), "--capture", str(capture)))
    (resultat,) = sortie["resultats"]
    assert resultat["genre"] == "erreur"
    assert resultat["volet"] == (f"Recalculer : serveur nr_workbook injoignable ({eteint}) : vérifiez la connexion "
                                 "au réseau, ou signalez-le à votre mutualisateur.")
    assert sortie["rejets"] == []
    _sans_changement(sortie, exemple)
    assert capture.read_bytes()[:4] == b"\x89PNG"


def _version(classeur: dict, version: str) -> dict:
    """The workbook with another template version in NR_VERSION_MODELE."""
    copie = json.loads(json.dumps(classeur))
    (nom,) = [n for n in copie["names"] if n["name"] == "NR_VERSION_MODELE"]
    feuille = copie["sheets"][nom["sheet_index"]]
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    col, ligne = coordinate_from_string(nom["address"].replace("$", ""))
    feuille["values"][ligne - 1][column_index_from_string(col) - 1] = version
    return copie


def test_the_pane_tells_where_the_agent_stands(chromium, serveur, tmp_path, exemple):
    sortie = _lancer(chromium, serveur, exemple, tmp_path)
    situation = sortie["situation"]
    assert situation["nr-serveur"] == {"texte": "joignable, modèle 1.6.0", "genre": "succes"}
    assert situation["nr-classeur"] == {"texte": "modèle 1.6.0, à jour.", "genre": "succes"}
    assert situation["nr-jeton-statut"]["texte"] == "non demandé par ce serveur."
    assert sortie["boutonsActifs"] == [a.fonction for a in ACTIONS_RUBAN]
    ancien = _lancer(chromium, serveur, _version(exemple, "1.4.0"), tmp_path)["situation"]["nr-classeur"]
    assert ancien["genre"] == "alerte" and ancien["texte"].startswith("modèle 1.4.0, à migrer vers le 1.6.0 : "
                                                                      "nr-workbook migrer")


def test_the_pane_checks_the_token_by_a_real_call(chromium, tmp_path, exemple, monkeypatch):
    from nr_workbook.excel.reglages import Reglages
    from tests.serveur_tls import serveur_tls

    with serveur_tls(tmp_path / "tls", Reglages(jeton="jeton-du-mutualisateur")) as s:
        sans = _lancer(chromium, s, exemple, tmp_path)["situation"]["nr-jeton-statut"]
        assert sans == {"texte": "demandé par le serveur : saisissez le jeton ci-dessous.", "genre": "erreur"}
        monkeypatch.setenv("NR_JETON", "mauvais")  # the token the stubbed Office storage holds
        faux = _lancer(chromium, s, exemple, tmp_path)["situation"]["nr-jeton-statut"]
        monkeypatch.setenv("NR_JETON", "jeton-du-mutualisateur")
        bon = _lancer(chromium, s, exemple, tmp_path)["situation"]["nr-jeton-statut"]
    assert faux["genre"] == "erreur" and faux["texte"].startswith("refusé par le serveur")
    assert bon == {"texte": "enregistré et accepté par le serveur.", "genre": "succes"}


def test_the_panes_own_buttons_run_the_actions(chromium, serveur, tmp_path, exemple):
    sortie = _lancer(chromium, serveur, exemple, tmp_path, "nr_controler", options=("--volet",))
    (resultat,) = sortie["resultats"]
    assert resultat["genre"] == "succes" and resultat["volet"].startswith("Contrôler : terminé")
    assert "Contrôle" in [f["nom"] for f in sortie["classeur"]["feuilles"]]
    assert sortie["rejets"] == []


def test_outside_office_the_pane_still_loads_and_says_no_workbook_is_connected(chromium, serveur, tmp_path,
                                                                              exemple):
    capture = tmp_path / "hors-office-320.png"
    sortie = _lancer(chromium, serveur, exemple, tmp_path,
                     options=("--hors-office", "--capture", str(capture), "--largeur", "320"))
    situation = sortie["situation"]
    assert situation["nr-serveur"]["texte"] == "joignable, modèle 1.6.0"
    assert situation["nr-classeur"]["texte"].startswith("aucun classeur connecté")
    assert sortie["boutonsActifs"] == [] and sortie["rejets"] == []
    assert capture.read_bytes()[:4] == b"\x89PNG"


def test_the_pane_passes_axe_and_is_reachable_by_keyboard(chromium, serveur, tmp_path, exemple):
    sortie = _lancer(chromium, serveur, exemple, tmp_path, options=("--axe", "--largeur", "320"))
    assert sortie["violations"] == []
    assert [a.fonction for a in ACTIONS_RUBAN] == [t for t in sortie["tabulation"] if t.startswith("nr_")][:5]
