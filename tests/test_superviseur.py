"""`nr-workbook serveur --processus 2` as it runs in production: two server processes behind the supervisor's one
listening socket, the connections dealt out to them in turn, a process that dies restarted, all stopped by SIGTERM.
Linux only (elsewhere uvicorn's workers are used)."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.serveur_tls import certificats_jetables, port_libre

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="descripteurs passés : Linux")


def _enfants(pid: int) -> list[int]:
    enfants = []
    for d in Path("/proc").iterdir():
        try:
            if d.name.isdigit() and int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                enfants.append(int(d.name))
        except OSError:
            continue
    return sorted(enfants)


def _serveurs(pid: int) -> list[int]:
    """The server processes the supervisor started (spawned Python processes, not the resource tracker)."""
    return [p for p in _enfants(pid) if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]


def _inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            cible = os.readlink(fd)
        except OSError:
            continue
        if cible.startswith("socket:["):
            inodes.add(cible[8:-1])
    return inodes


def _connexions(port: int) -> tuple[int, dict[str, int]]:
    """Listening sockets on the port, and each established connection's inode -> count."""
    ecoutes, etablies = 0, {}
    for ligne in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        champs = ligne.split()
        if int(champs[1].split(":")[1], 16) != port:
            continue
        if champs[3] == "0A":
            ecoutes += 1
        elif champs[3] == "01":
            etablies[champs[9]] = 1
    return ecoutes, etablies


def _sante(port: int) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as brut:  # a new connection each time
        contexte = ssl.create_default_context()
        contexte.check_hostname, contexte.verify_mode = False, ssl.CERT_NONE
        with contexte.wrap_socket(brut, server_hostname="localhost") as s:
            s.sendall(b"GET /sante HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            return int(s.recv(64).split()[1])


@pytest.fixture
def serveur(tmp_path):
    ca, crt, cle = certificats_jetables(tmp_path)
    port = port_libre()
    journal = open(tmp_path / "serveur.log", "wb")  # noqa: SIM115 - closed at the end
    p = subprocess.Popen([sys.executable, "-m", "nr_workbook", "serveur", "--hote", "127.0.0.1", "--port", str(port),
                          "--certificat", str(crt), "--cle", str(cle), "--processus", "2"],
                         stdout=journal, stderr=subprocess.STDOUT, start_new_session=True)
    fin = time.monotonic() + 60
    try:
        while time.monotonic() < fin:
            assert p.poll() is None, (tmp_path / "serveur.log").read_text(errors="replace")[-2000:]
            try:
                if httpx.get(f"https://localhost:{port}/sante", verify=ssl.create_default_context(cafile=str(ca)),
                             timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield p, port
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(10)
        journal.close()


def test_the_connections_are_dealt_out_to_the_server_processes_in_turn(serveur):
    p, port = serveur
    serveurs = _serveurs(p.pid)
    assert len(serveurs) == 2
    assert _connexions(port)[0] == 1  # the supervisor's one listening socket
    assert _inodes(p.pid).isdisjoint(_connexions(port)[1])  # it keeps no connection: it passed them
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
    try:
        time.sleep(1.0)  # the supervisor accepts and passes each one
        etablies = _connexions(port)[1]
        parts = [len(_inodes(pid) & set(etablies)) for pid in serveurs]
        assert parts == [20, 20], parts
    finally:
        for c in clients:
            c.close()


def test_a_server_process_that_dies_is_restarted_and_sigterm_stops_them_all(serveur):
    p, port = serveur
    for _ in range(2):  # two new connections, one to each process in turn: both have started
        assert _sante(port) == 200
    avant = _serveurs(p.pid)
    os.kill(avant[0], signal.SIGKILL)
    fin = time.monotonic() + 30
    while time.monotonic() < fin and (len(_serveurs(p.pid)) < 2 or avant[0] in _serveurs(p.pid)):
        time.sleep(0.2)
    apres = _serveurs(p.pid)
    assert len(apres) == 2 and avant[0] not in apres and avant[1] in apres
    assert p.poll() is None and all(_sante(port) == 200 for _ in range(2))  # both serve again
    os.kill(p.pid, signal.SIGTERM)
    assert p.wait(30) == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in apres)
    assert _connexions(port)[0] == 0  # the port is free again


def test_a_server_process_that_cannot_start_stops_the_server_with_a_french_message(tmp_path):
    ca, crt, cle = certificats_jetables(tmp_path)
    port = port_libre()
    p = subprocess.Popen([sys.executable, "-m", "nr_workbook", "serveur", "--hote", "127.0.0.1", "--port", str(port),
                          "--certificat", str(crt), "--cle", str(cle), "--processus", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        fin = time.monotonic() + 30
        while _connexions(port)[0] == 0 and time.monotonic() < fin and p.poll() is None:
            time.sleep(0.02)  # the supervisor listens: its settings were checked, its processes are starting
        crt.unlink()  # the processes load the certificate after importing the engine: they fail
        sortie = p.communicate(timeout=60)[0].decode(errors="replace")
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode != 0
    assert "un processus du serveur s'est arrêté en démarrant" in " ".join(sortie.split())
    assert "démarrage impossible (FileNotFoundError" in sortie and "Traceback" not in sortie
    assert _connexions(port)[0] == 0
