"""The package's structure says itself: layers enforced by import-linter, no cycle, few loose modules, small modules,
a map that names every room, and the public entry points still working."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

RACINE = Path(__file__).resolve().parents[1]
PAQUET = RACINE / "nr_workbook"
CARTE = RACINE / "docs" / "architecture.md"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_LIGNES = 450
MAX_MODULES_RACINE = 8


def _lint_imports(dossier: Path, *contrats: str) -> subprocess.CompletedProcess:
    options = [x for c in contrats for x in ("--contract", c)]
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", *options], cwd=dossier, capture_output=True, text=True,
                          timeout=300)


def test_import_contracts_are_kept():
    r = _lint_imports(RACINE)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


@pytest.fixture
def copie(tmp_path) -> Path:
    """A copy of the package and its contracts, to break on purpose."""
    shutil.copytree(PAQUET, tmp_path / "nr_workbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(RACINE / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(("fichier", "ligne", "contrat"), [
    ("engine/maturite.py", "from nr_workbook.cli.app import app", "layers"),  # a layer importing one above it
    ("contract/listes.py", "from nr_workbook.engine.donnees import Donnees", "layers"),
    ("engine/inventaire.py", "import openpyxl", "pure-core"),  # the engine touching a spreadsheet library
    ("copil/figures.py", "import xlwings", "xlwings"),
    ("mutualisation/lot.py", "import rich", "terminal"),
    ("echanges/texte.py", "import python_calamine", "calamine"),
    ("engine/donnees.py", "from nr_workbook.engine.sorties import indicateurs", "no-cycle"),
])
def test_a_forbidden_import_breaks_the_build(copie, fichier, ligne, contrat):
    module = copie / "nr_workbook" / fichier
    assert _lint_imports(copie, contrat).returncode == 0
    module.write_text(module.read_text(encoding="utf-8") + f"\n{ligne}  # noqa\n", encoding="utf-8")
    r = _lint_imports(copie, contrat)
    assert r.returncode == 1 and "BROKEN" in r.stdout, r.stdout + r.stderr


def test_a_loose_module_at_the_root_breaks_the_build(copie):
    (copie / "nr_workbook" / "outils.py").write_text('"""Loose."""\n', encoding="utf-8")
    r = _lint_imports(copie, "layers")
    assert r.returncode == 1 and "nr_workbook.outils" in r.stdout, r.stdout


def _cycles(graphe: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), and modules importing themselves."""
    index: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    sur_pile: set[str] = set()
    composantes: list[list[str]] = []
    compteur = 0

    def visiter(depart: str) -> None:  # iterative, so that deep chains never hit the recursion limit
        nonlocal compteur
        travail = [(depart, iter(sorted(graphe.find_modules_directly_imported_by(depart))))]
        index[depart] = bas[depart] = compteur
        compteur += 1
        pile.append(depart)
        sur_pile.add(depart)
        while travail:
            m, suivants = travail[-1]
            for s in suivants:
                if s not in index:
                    index[s] = bas[s] = compteur
                    compteur += 1
                    pile.append(s)
                    sur_pile.add(s)
                    travail.append((s, iter(sorted(graphe.find_modules_directly_imported_by(s)))))
                    break
                if s in sur_pile:
                    bas[m] = min(bas[m], index[s])
            else:
                travail.pop()
                if travail:
                    parent = travail[-1][0]
                    bas[parent] = min(bas[parent], bas[m])
                if bas[m] == index[m]:
                    composante = []
                    while True:
                        x = pile.pop()
                        sur_pile.discard(x)
                        composante.append(x)
                        if x == m:
                            break
                    if len(composante) > 1 or m in graphe.find_modules_directly_imported_by(m):
                        composantes.append(sorted(composante))

    for module in sorted(graphe.modules):
        if module not in index:
            visiter(module)
    return composantes


def test_no_import_cycle_anywhere_in_the_package():
    graphe = grimp.build_graph("nr_workbook", cache_dir=None)
    assert len(graphe.modules) > 50
    assert _cycles(graphe) == []


def test_the_cycle_finder_finds_a_cycle():
    graphe = grimp.ImportGraph()
    for m in ("p", "p.a", "p.b", "p.c"):
        graphe.add_module(m)
    graphe.add_import(importer="p.a", imported="p.b")
    graphe.add_import(importer="p.b", imported="p.c")
    graphe.add_import(importer="p.c", imported="p.a")
    assert _cycles(graphe) == [["p.a", "p.b", "p.c"]]


def test_few_loose_modules_at_the_root():
    loose = sorted(p.name for p in PAQUET.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "lite.py", "serveur.py"]
    assert len(loose) <= MAX_MODULES_RACINE


def test_no_module_over_450_lines():
    trop_longs = {str(p.relative_to(RACINE)): n for p in PAQUET.rglob("*.py")
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LIGNES}
    assert trop_longs == {}


def _sous_paquets() -> list[str]:
    return sorted(str(p.parent.relative_to(PAQUET)) for p in PAQUET.rglob("__init__.py") if p.parent != PAQUET)


def test_the_map_names_every_subpackage_and_every_layer():
    carte = CARTE.read_text(encoding="utf-8")
    absents = [s for s in _sous_paquets() if f"{s}/" not in carte]
    assert absents == []
    assert len(carte.splitlines()) < 200  # one page
    assert "docs/architecture.md" in (RACINE / "README.md").read_text(encoding="utf-8")


def test_the_map_names_existing_functions_on_the_path_of_a_value():
    """Every `module.function` the map cites (`engine/inventaire.py:indicateurs_inventaire`) exists."""
    carte = CARTE.read_text(encoding="utf-8")
    cites = re.findall(r"`((?:nr_workbook/)?[a-z_/]+\.py):([A-Za-z_][A-Za-z_0-9.]*)`", carte)
    assert len(cites) >= 6
    for fichier, nom in cites:
        chemin = (RACINE / fichier) if fichier.startswith("nr_workbook/") else (PAQUET / fichier)
        texte = chemin.read_text(encoding="utf-8")
        dernier = nom.split(".")[-1]
        assert re.search(rf"^\s*(?:def |class )?{dernier}\b", texte, re.M), f"{fichier}:{nom} introuvable"


# --- Public entry points ----------------------------------------------------------------------------------------
def _python(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", "COLUMNS": "120"}
    return subprocess.run([sys.executable, *args], cwd=RACINE, capture_output=True, text=True, env=env, timeout=120)


def test_python_dash_m_runs_the_command_line():
    r = _python("-m", "nr_workbook", "--help")
    assert r.returncode == 0, r.stderr
    commandes = re.findall(r"^│ ([a-z][a-z-]+)\s", r.stdout, re.M)
    assert commandes == ["build", "indicateurs", "verifier", "importer", "export-numecoeval", "fiches", "copil",
                         "imprimer", "export-tet", "export-agec", "export-opendata", "migrer", "nouvelle-annee",
                         "serveur", "manifeste", "lot", "consolider", "historique", "addin"]


def test_import_nr_workbook_gives_the_template_version():
    r = _python("-c", "import nr_workbook; print(nr_workbook.VERSION_MODELE, nr_workbook.__version__)")
    assert r.returncode == 0, r.stderr
    from nr_workbook.contract.version import VERSION_MODELE

    assert r.stdout.split() == [VERSION_MODELE, "0.1.0"]


def test_build_workbook_script_answers():
    r = _python("build_workbook.py", "--help")
    assert r.returncode == 0 and "--complement" in r.stdout, r.stderr


def test_server_entry_point_serves_the_manifest():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from nr_workbook.serveur import creer_app

    r = TestClient(creer_app()).get("/manifest.xml")
    assert r.status_code == 200 and "<OfficeApp" in r.text
