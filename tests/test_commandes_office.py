"""The Office.js add-in's ribbon code, run for real: /commands.js as the HTTPS server serves it, in Node, against
Microsoft's mock of the Excel JavaScript API (office-addin-mock) loaded from one of our workbooks. Every ribbon
button runs end to end; the mock then holds the cells the classic xlwings path writes on the same workbook. A
refusal (401, 413, 422) or a server that is down shows a French message in the pane, never an unhandled rejection.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

xw = pytest.importorskip("xlwings")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from nr_workbook.classeur.exemple import _exemple_diagnostic  # noqa: E402
from nr_workbook.excel.actions import ACTIONS_RUBAN  # noqa: E402
from nr_workbook.excel.payload import charge_utile  # noqa: E402
from nr_workbook.excel.reglages import Reglages  # noqa: E402
from tests.serveur_tls import port_libre, serveur_tls  # noqa: E402

RACINE = Path(__file__).resolve().parents[1]
HARNAIS = RACINE / "tests" / "js" / "excel_simule.js"
_HEURE = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}")


@pytest.fixture(scope="module")
def node() -> str:
    exe = shutil.which("node")
    if exe is None or not (RACINE / "node_modules" / "office-addin-mock").is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Node.js et office-addin-mock sont requis sous CI=true : make test les installe.")
        pytest.skip("Node.js ou office-addin-mock absent (npm install à la racine du dépôt).")
    return exe


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    with serveur_tls(tmp_path_factory.mktemp("tls")) as s:
        yield s


def _commandes(serveur, dossier: Path, base: str | None = None) -> Path:
    contexte = ssl.create_default_context(cafile=str(serveur.autorite))
    code = httpx.get(f"{serveur.base}/commands.js", verify=contexte, timeout=20).text
    if base is not None:
        code = code.replace(json.dumps(serveur.base), json.dumps(base))
    chemin = dossier / "commands.js"
    chemin.write_text(code, encoding="utf-8")
    return chemin


def _lancer(node: str, serveur, classeur: dict, commandes: Path, dossier: Path, *boutons: str,
            env: dict | None = None) -> dict:
    entree, sortie = dossier / "classeur.json", dossier / "sortie.json"
    entree.write_text(json.dumps(classeur), encoding="utf-8")
    r = subprocess.run([node, str(HARNAIS), str(entree), str(commandes), str(sortie), *boutons],
                       capture_output=True, text=True, timeout=300, cwd=RACINE,
                       env={**os.environ, "NODE_EXTRA_CA_CERTS": str(serveur.autorite), **(env or {})})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(sortie.read_text(encoding="utf-8"))


def _lettres(col: int) -> str:
    s = ""
    while col:
        col, reste = divmod(col - 1, 26)
        s = chr(65 + reste) + s
    return s


def _classique(classeur: dict, fonction: str) -> dict:
    """What the classic xlwings path writes: the action run on `xw.Book`, its actions applied cell by cell."""
    book = xw.Book(json=json.loads(json.dumps(classeur)))
    next(a for a in ACTIONS_RUBAN if a.fonction == fonction).executer(book)
    feuilles = [{"nom": f["name"], "cellules": {f"{_lettres(c + 1)}{r + 1}": v for r, ligne in enumerate(f["values"])
                                              for c, v in enumerate(ligne) if v not in ("", None)}}
                for f in classeur["sheets"]]
    for a in book.json()["actions"]:
        if a["func"] == "addSheet":
            nouvelle = {"nom": a["args"][1], "cellules": {}}
            if a["args"][0] is None:
                feuilles.append(nouvelle)
            else:
                feuilles.insert(a["args"][0], nouvelle)
            continue
        if a["func"] == "sheetClearContents":
            feuilles[a["sheet_position"]]["cellules"].clear()
            continue
        if a["func"] not in ("setValues", "setFormula", "setFormulaArray"):
            continue
        grille = (a["values"] if a["func"] != "setFormulaArray"
                  else [[a["args"][0]] * a["column_count"]] * a["row_count"])
        cellules = feuilles[a["sheet_position"]]["cellules"]
        for i, ligne in enumerate(grille):
            for j, v in enumerate(ligne):
                cle = f"{_lettres(a['start_column'] + j + 1)}{a['start_row'] + i + 1}"
                if v in ("", None):
                    cellules.pop(cle, None)
                else:
                    cellules[cle] = v
    return {"actions": book.json()["actions"], "feuilles": feuilles}


def _sans_heure(cellules: dict) -> dict:
    return {k: _HEURE.sub("<heure>", v) if isinstance(v, str) else v for k, v in cellules.items()}


@pytest.fixture(scope="module")
def exemple() -> dict:
    return charge_utile(RACINE / "workbooks" / "exemple-rempli.xlsx", xw.__version__)


@pytest.fixture(scope="module")
def diagnostic(tmp_path_factory) -> dict:
    """A workbook whose twelve retained levers have no fiche yet: the fiches' button has work to do."""
    p = tmp_path_factory.mktemp("diagnostic") / "diagnostic.xlsx"
    _exemple_diagnostic().save(p)
    return charge_utile(p, xw.__version__)


@pytest.mark.parametrize(("fonction", "classeur"), [
    ("nr_recalculer", "exemple"), ("nr_controler", "exemple"), ("nr_generer_fiches", "diagnostic"),
    ("nr_feuille_de_route", "diagnostic"), ("nr_exporter_copil", "exemple"),
])
def test_every_button_writes_what_the_classic_path_writes(node, serveur, tmp_path, request, fonction, classeur):
    donnees = request.getfixturevalue(classeur)
    sortie = _lancer(node, serveur, donnees, _commandes(serveur, tmp_path), tmp_path, fonction)
    attendu = _classique(donnees, fonction)
    assert sortie["rejets"] == [] and not [c for c in sortie["consigne"] if c[0] == "error"], sortie["consigne"]
    (resultat,) = sortie["resultats"]
    assert resultat["genre"] == "succes", resultat
    assert resultat["volet"].startswith(next(a.libelle for a in ACTIONS_RUBAN if a.fonction == fonction) + " : ")
    obtenu = sortie["classeur"]["feuilles"]
    assert [f["nom"] for f in obtenu] == [f["nom"] for f in attendu["feuilles"]]
    for f, g in zip(obtenu, attendu["feuilles"], strict=True):
        assert _sans_heure(f["cellules"]) == _sans_heure(g["cellules"]), f["nom"]
    n = len(attendu["actions"])
    assert (f"terminé, {n} modification(s) du classeur." if n else "terminé, classeur inchangé.") in resultat["volet"]
    if fonction == "nr_generer_fiches":  # 12 fiches, each with its three tables and its names
        fiches = [f for f in obtenu if f["nom"].startswith("Fiche ")]
        assert len(fiches) == 12 and all(len(f["tables"]) == 3 for f in fiches)
        assert sum(1 for f in fiches for nom in f["noms"] if nom["nom"] == "FA_ID") == 12
    if fonction == "nr_exporter_copil":  # the deck and the PDF, downloaded from the server over HTTPS
        assert [Path(u).suffix for u in sortie["ouverts"]] == [".pptx", ".pdf"]
        assert "Fichiers à télécharger : copil-exemple-rempli.pptx, synthese-exemple-rempli.pdf." in resultat["volet"]
        contexte = ssl.create_default_context(cafile=str(serveur.autorite))
        debuts = [httpx.get(u, verify=contexte, timeout=30) for u in sortie["ouverts"]]
        assert [r.status_code for r in debuts] == [200, 200]
        assert debuts[0].content[:2] == b"PK" and debuts[1].content[:5] == b"%PDF-"
        assert debuts[1].headers["content-disposition"].startswith("attachment")
        assert httpx.get(sortie["ouverts"][0] + "x", verify=contexte, timeout=30).status_code == 404
    else:
        assert sortie["ouverts"] == []
    if fonction == "nr_recalculer":
        indicateurs = next(f for f in obtenu if f["nom"] == "Indicateurs")["cellules"]
        assert "aucun écart" in next(v for v in indicateurs.values() if str(v).startswith("Contrôle par le moteur"))


def _sans_changement(sortie: dict, classeur: dict) -> None:
    assert sortie["rejets"] == []
    for f, g in zip(sortie["classeur"]["feuilles"], classeur["sheets"], strict=True):
        assert len(f["cellules"]) == sum(1 for ligne in g["values"] for v in ligne if v not in ("", None))


def test_recalculer_sends_only_what_it_reads(node, serveur, tmp_path, exemple):
    """The button posts the extract its action declares (excel/actions.py), the very one `payload.extrait` builds
    from the file: names with their sheet and address, declared tables with their header row, the fiches' names."""
    from nr_workbook.excel.actions import LECTURE_RECALCULER
    from nr_workbook.excel.payload import extrait

    corps = tmp_path / "corps.json"
    sortie = _lancer(node, serveur, exemple, _commandes(serveur, tmp_path), tmp_path, "nr_recalculer",
                     env={"NR_CHARGE_UTILE": str(corps)})
    assert sortie["resultats"][0]["genre"] == "succes"
    envoye = json.loads(corps.read_text(encoding="utf-8"))
    attendu = json.loads(json.dumps(extrait(RACINE / "workbooks" / "exemple-rempli.xlsx", LECTURE_RECALCULER)))
    assert envoye["nr_extrait"] == 1 and envoye["feuilles"] == attendu["feuilles"]
    for cle in ("noms", "noms_locaux"):
        assert sorted(envoye[cle], key=lambda n: (n["feuille"], n["nom"])) == sorted(
            attendu[cle], key=lambda n: (n["feuille"], n["nom"])), cle
    assert {t["nom"]: t for t in envoye["tables"]} == {t["nom"]: t for t in attendu["tables"]}
    assert len(corps.read_bytes()) < len(json.dumps(exemple)) / 2.5  # the whole workbook is not sent


def test_a_missing_token_is_explained_in_the_pane(node, tmp_path, exemple):
    with serveur_tls(tmp_path / "tls", Reglages(jeton="jeton-du-mutualisateur")) as s:
        sortie = _lancer(node, s, exemple, _commandes(s, tmp_path), tmp_path, "nr_recalculer")
        (resultat,) = sortie["resultats"]
        assert resultat["genre"] == "erreur"
        assert "Recalculer : jeton d'accès absent ou refusé" in resultat["volet"]
        _sans_changement(sortie, exemple)
        bon = _lancer(node, s, exemple, _commandes(s, tmp_path), tmp_path, "nr_recalculer",
                      env={"NR_JETON": "jeton-du-mutualisateur"})
        assert bon["resultats"][0]["genre"] == "succes"
    assert json.loads(sortie["dernier"])["texte"].startswith("jeton d'accès absent")  # the pane shows it on opening


def test_a_workbook_too_large_for_the_server_is_explained(node, serveur, tmp_path, exemple, monkeypatch):
    monkeypatch.setenv("NR_SERVEUR_CORPS_MAX_MO", "0.05")
    sortie = _lancer(node, serveur, exemple, _commandes(serveur, tmp_path), tmp_path, "nr_controler")
    (resultat,) = sortie["resultats"]
    assert resultat["genre"] == "erreur" and "classeur trop volumineux pour ce serveur" in resultat["volet"]
    assert "au-delà de la limite de 0,05 Mo" in resultat["volet"]  # the server's own words follow
    _sans_changement(sortie, exemple)


def test_an_action_the_server_cannot_run_is_explained(node, serveur, tmp_path):
    etranger = {"client": "Office.js", "version": "", "book": {"name": "budget.xlsx", "active_sheet_index": 0,
                                                              "selection": "A1"}, "names": [],
                "sheets": [{"name": "Feuil1", "values": [["Budget", 12]], "tables": [], "visibility": "Visible"}]}
    sortie = _lancer(node, serveur, etranger, _commandes(serveur, tmp_path), tmp_path, "nr_recalculer")
    (resultat,) = sortie["resultats"]
    assert resultat["genre"] == "erreur" and "n'a pas pu exécuter l'action sur ce classeur" in resultat["volet"]
    _sans_changement(sortie, etranger)


def test_a_server_that_is_down_is_explained(node, serveur, tmp_path, exemple):
    eteint = f"https://localhost:{port_libre()}"
    sortie = _lancer(node, serveur, exemple, _commandes(serveur, tmp_path, base=eteint), tmp_path,
                     "nr_recalculer", "nr_controler")
    for resultat in sortie["resultats"]:
        assert resultat["genre"] == "erreur"
        assert f"serveur nr_workbook injoignable ({eteint})" in resultat["volet"]
    _sans_changement(sortie, exemple)


def test_the_pane_page_has_the_status_line():
    from nr_workbook.excel.serveur import page_volet

    assert 'id="nr-etat-action" role="status" aria-live="polite"' in page_volet(False)
