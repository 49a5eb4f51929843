"""Both add-ins from the installed package, as users install it: the wheel built from this checkout, installed in a
fresh virtual environment and run from a folder outside the checkout. The classic add-in builds, names a folder of
the installed package on its PYTHONPATH, and its UDF module gives the engine's numbers; the Office.js add-in's
commands script and manifest are served from the same installed package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("xlwings")
RACINE = Path(__file__).resolve().parents[1]

_SCRIPT = textwrap.dedent('''
    import json, subprocess, sys, zipfile, re
    from pathlib import Path
    import nr_workbook
    from nr_workbook.excel.addin import construire, dossier_complement
    out = {"paquet": nr_workbook.__file__, "complement": str(dossier_complement())}
    xlam = construire(Path(sys.argv[1]) / "nr_numerique_responsable.xlam")
    feuille = zipfile.ZipFile(xlam).read("xl/worksheets/sheet1.xml").decode()
    cli = subprocess.run([sys.executable, "-m", "nr_workbook", "addin", "installer", "--construire-seulement", "-o",
                          str(Path(sys.argv[1]) / "cli" / "nr_numerique_responsable.xlam")], capture_output=True,
                         text=True)
    out["cli"] = [cli.returncode, cli.stdout + cli.stderr]
    out["reglages"] = re.findall(r'<c r="B\\d+" t="inlineStr"><is><t>([^<]*)</t>', feuille)
    sys.path.insert(0, out["complement"])  # what the .xlam's PYTHONPATH does
    import nr_udfs, nr_numerique_responsable
    out["modules"] = [nr_udfs.__file__, nr_numerique_responsable.__file__]
    out["bouton"] = nr_numerique_responsable.action_pour("Indicateurs")[0]
    sys.path.append(sys.argv[2])  # the checkout last: only for the test helper, never for nr_workbook
    from tests.test_fonctions import arguments
    from nr_workbook.classeur.reader.fichier import Lecteur
    from nr_workbook.engine.sorties import indicateurs
    lecteur = Lecteur(Path(sys.argv[3]))
    attendu = indicateurs(lecteur.donnees())
    out["udfs"] = {nom: [getattr(nr_udfs, args[0])(*args[1:]), attendu[nom]]
                   for nom, args in arguments(lecteur).items()}
    from nr_workbook.serveur import creer_app
    from fastapi.testclient import TestClient
    client = TestClient(creer_app())
    out["commandes_js"] = client.get("/commands.js").status_code
    print(json.dumps(out, default=str))
''')


@pytest.fixture(scope="module")
def installe(tmp_path_factory) -> dict:
    d = tmp_path_factory.mktemp("installe")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w",
                    str(d / "roue"), str(RACINE)], check=True, cwd=d, capture_output=True)
    (roue,) = (d / "roue").glob("nr_workbook-*.whl")
    venv = d / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(roue)], check=True,
                   cwd=d, capture_output=True)
    # the dependencies come from this environment, after the fresh one's own site-packages (a .pth line is appended
    # to sys.path; the .pth files of that folder, such as the editable install of the checkout, are not run)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "dependances.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    (d / "essai.py").write_text(_SCRIPT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([str(python), "essai.py", str(d / "sortie"), str(RACINE),
                        str(RACINE / "workbooks" / "exemple-rempli.xlsx")], cwd=d, capture_output=True, text=True,
                       env={**env, "XLWINGS_LICENSE_KEY": "noncommercial"})
    assert r.returncode == 0, r.stderr[-3000:]
    return {"venv": venv, **json.loads(r.stdout.strip().splitlines()[-1])}


def test_the_package_is_the_installed_wheel_not_the_checkout(installe):
    assert Path(installe["paquet"]).is_relative_to(installe["venv"])
    assert not Path(installe["paquet"]).is_relative_to(RACINE)


def test_the_classic_addin_builds_and_names_a_folder_of_the_installed_package(installe):
    assert sorted(installe["reglages"]) == sorted(["nr_udfs", installe["complement"]])
    assert installe["cli"][0] == 0, installe["cli"][1]
    assert Path(installe["complement"]).is_relative_to(installe["venv"])
    assert all(Path(m).parent == Path(installe["complement"]) for m in installe["modules"])
    assert installe["bouton"] == "Recalculer"


def test_the_installed_udf_module_gives_the_engines_numbers(installe):
    assert len(installe["udfs"]) == 10  # every function that reads the workbook's tables
    for nom, (udf, moteur) in installe["udfs"].items():
        assert udf == pytest.approx(moteur, rel=1e-9), nom


def test_the_office_addin_is_served_from_the_installed_package(installe):
    assert installe["commandes_js"] == 200
