"""A real add-in server for the tests: uvicorn over TLS on 127.0.0.1, a throwaway authority and certificate made
in a temporary folder, run in a thread and stopped at the end."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from nr_workbook.excel.certificats import autorite, certificat_serveur
from nr_workbook.excel.reglages import Reglages


@dataclass
class ServeurLance:
    base: str  # https://localhost:<port>
    autorite: Path  # the throwaway authority to trust in the client
    reglages: Reglages


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def certificats_jetables(dossier: Path) -> tuple[Path, Path, Path]:
    ca, ca_cle = autorite(dossier)
    crt, cle = certificat_serveur(dossier, ca, ca_cle)
    return ca, crt, cle


@contextlib.contextmanager
def serveur_tls(dossier: Path, reglages: Reglages | None = None) -> Iterator[ServeurLance]:
    import uvicorn

    from nr_workbook.excel.lancement import config_uvicorn
    from nr_workbook.excel.serveur import creer_app

    ca, crt, cle = certificats_jetables(dossier)
    reglages = replace(reglages or Reglages(), hote="127.0.0.1", port=port_libre(), certificat=crt, cle=cle).verifier()
    options = {**config_uvicorn(reglages), "log_config": None, "log_level": "warning"}
    serveur = uvicorn.Server(uvicorn.Config(creer_app(reglages), **options))
    fil = threading.Thread(target=serveur.run, daemon=True)
    fil.start()
    fin = time.monotonic() + 20
    while not serveur.started:
        if time.monotonic() > fin or not fil.is_alive():
            raise RuntimeError("le serveur de test n'a pas démarré")
        time.sleep(0.02)
    try:
        yield ServeurLance(f"https://localhost:{reglages.port}", ca, reglages)
    finally:
        serveur.should_exit = True
        fil.join(10)
