"""The container: the Dockerfile's promises (slim, non-root, health check, the server as entry point), its exact
configuration run here without Docker, and — when a Docker engine answers — the image built and its manifest."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from tests.schemas_office import erreurs  # noqa: E402
from tests.serveur_tls import port_libre  # noqa: E402

RACINE = Path(__file__).resolve().parents[1]
DOCKERFILE = (RACINE / "Dockerfile").read_text(encoding="utf-8")
PUBLIQUE = "https://nr.opsn-exemple.fr"


def _env_du_dockerfile() -> dict[str, str]:
    bloc = re.search(r"^ENV (.+?)(?=^\S)", DOCKERFILE, re.M | re.S).group(1)
    return dict(re.findall(r"(\w+)=(\S+)", bloc))


def _attendre(url: str, secondes: float = 60) -> httpx.Response:
    fin = time.monotonic() + secondes
    while True:
        try:
            r = httpx.get(url, timeout=2)
            if r.status_code == 200:
                return r
        except httpx.HTTPError:
            pass
        if time.monotonic() > fin:
            raise AssertionError(f"{url} ne répond pas")
        time.sleep(0.3)


def test_the_dockerfile_keeps_its_promises():
    etapes = re.findall(r"^FROM (\S+)", DOCKERFILE, re.M)
    assert etapes and all(e.endswith("-slim") or " AS " in e for e in etapes) and etapes[-1].endswith("-slim")
    assert re.search(r"^USER (\d+)", DOCKERFILE, re.M).group(1) != "0"
    assert '"nr_workbook.excel.sante"' in DOCKERFILE and "HEALTHCHECK" in DOCKERFILE
    assert re.search(r'^ENTRYPOINT \["nr-workbook", "serveur"\]', DOCKERFILE, re.M)
    env = _env_du_dockerfile()
    assert env["NR_SERVEUR_HTTP_SANS_TLS"] == "1" and env["XLWINGS_LICENSE_KEY"] == "noncommercial"
    ignores = (RACINE / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "tests", "sortie"} <= set(ignores)


def test_the_containers_command_runs_here_and_its_health_check_passes(tmp_path):
    """The image's entry point and environment, run as a process: plain HTTP behind the proxy, the manifest
    advertising the public https URL, the health check answering."""
    port = port_libre()
    env = {**os.environ, **_env_du_dockerfile(), "NR_SERVEUR_HOTE": "127.0.0.1", "NR_SERVEUR_PORT": str(port),
           "NR_SERVEUR_URL_PUBLIQUE": PUBLIQUE, "NR_SERVEUR_PROCESSUS": "1", "MPLCONFIGDIR": str(tmp_path)}
    serveur = subprocess.Popen([sys.executable, "-m", "nr_workbook", "serveur"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        manifeste = _attendre(f"http://127.0.0.1:{port}/manifest.xml").text
        assert erreurs(manifeste) == [] and f"{PUBLIQUE}/taskpane.html" in manifeste
        sante = subprocess.run([sys.executable, "-m", "nr_workbook.excel.sante"], env=env, capture_output=True,
                               text=True, timeout=30)
        assert sante.returncode == 0 and "en service" in sante.stdout
    finally:
        serveur.terminate()
        serveur.wait(15)


def test_without_a_public_url_the_container_refuses_in_french():
    env = {**os.environ, **_env_du_dockerfile()}
    env.pop("NR_SERVEUR_URL_PUBLIQUE", None)
    r = subprocess.run([sys.executable, "-m", "nr_workbook", "serveur"], env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "--url-publique" in " ".join((r.stdout + r.stderr).split())
    assert "Traceback" not in r.stderr


def _docker_repond() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not _docker_repond(), reason="pas de moteur Docker sur cette machine")
def test_the_image_builds_and_the_container_answers_the_manifest():
    image, nom, port = "nr-workbook-serveur:test", f"nr-serveur-test-{os.getpid()}", port_libre()
    subprocess.run(["docker", "build", "-t", image, str(RACINE)], check=True, timeout=1800)
    subprocess.run(["docker", "run", "-d", "--name", nom, "-p", f"127.0.0.1:{port}:8000",
                    "-e", f"NR_SERVEUR_URL_PUBLIQUE={PUBLIQUE}", image], check=True, timeout=120)
    try:
        manifeste = _attendre(f"http://127.0.0.1:{port}/manifest.xml", 120).text
        assert erreurs(manifeste) == [] and f"{PUBLIQUE}/taskpane.html" in manifeste
        utilisateur = subprocess.run(["docker", "exec", nom, "id", "-u"], capture_output=True, text=True).stdout
        assert utilisateur.strip() == "10001"
        sante = subprocess.run(["docker", "exec", nom, "python", "-m", "nr_workbook.excel.sante"],
                               capture_output=True, text=True)
        assert sante.returncode == 0
    finally:
        subprocess.run(["docker", "rm", "-f", nom], capture_output=True, timeout=60)
