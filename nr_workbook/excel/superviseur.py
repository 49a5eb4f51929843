"""Several server processes on one port, each with its own listening socket: the kernel spreads the connections.

With uvicorn's own workers, every process accepts on one shared socket, and the first one awake takes every
connection waiting: of 50 agents' connections opened together, 41 to 46 went to one of two processes (measured
with `ss`). A connection then stays with its process (HTTP keep-alive), so that process queued the agents' clicks
while the other had little to do. Here each process binds the port itself with SO_REUSEPORT, and Linux hands each
new connection to one of the sockets by a hash of its addresses: about half each (31/19 and 27/23 measured).
The processes share the download folder (a file an action produced in one process is downloaded from any).
The supervisor restarts a process that dies and stops them all on SIGINT/SIGTERM. Where the kernel does not
spread connections this way (Windows, macOS), uvicorn's workers are used (`repartition_par_le_noyau`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

from nr_workbook.excel.reglages import Reglages
from nr_workbook.excel.telechargements import VARIABLE_DOSSIER

SONDE_S = 0.5  # how often the supervisor looks for a process that died


def repartition_par_le_noyau() -> bool:
    """Linux spreads connections among the sockets sharing a port with SO_REUSEPORT."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _socket(reglages: Reglages) -> socket.socket:
    famille = socket.AF_INET6 if ":" in reglages.hote else socket.AF_INET
    s = socket.socket(famille, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind((reglages.hote, reglages.port))
    return s


def _servir(reglages: Reglages, options: dict, ecoute: socket.socket) -> None:  # pragma: no cover - in a child
    import uvicorn

    from nr_workbook.excel.serveur import creer_app

    uvicorn.Server(uvicorn.Config(creer_app(reglages), **options)).run(sockets=[ecoute])


class Superviseur:
    """`reglages.processus` server processes, each listening on the port with its own socket."""

    def __init__(self, reglages: Reglages, options: dict):
        self.reglages, self.options = reglages, options
        self._contexte = multiprocessing.get_context("spawn")
        self._processus: list[multiprocessing.process.BaseProcess] = []
        self._ecoutes: list[socket.socket] = []
        self._arret = False

    def _demarrer(self, i: int) -> multiprocessing.process.BaseProcess:
        p = self._contexte.Process(target=_servir, args=(self.reglages, self.options, self._ecoutes[i]),
                                   name=f"nr-serveur-{i + 1}")
        p.start()
        return p

    def _arreter(self, *_: object) -> None:
        self._arret = True

    def executer(self) -> None:
        """Run until SIGINT or SIGTERM. Every socket listens before any process starts: a connection that comes
        while the processes import the engine waits in its socket's queue, so the first ones spread too (one
        socket listening alone would take them all). A port taken fails here (OSError)."""
        for _ in range(self.reglages.processus):
            self._ecoutes.append(_socket(self.reglages))
            self._ecoutes[-1].listen(2048)
        dossier = Path(tempfile.mkdtemp(prefix="nr-telechargements-"))
        os.environ[VARIABLE_DOSSIER] = str(dossier)  # the processes inherit it: one download folder for all
        anciens = {s: signal.signal(s, self._arreter) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._processus = [self._demarrer(i) for i in range(self.reglages.processus)]
            while not self._arret:
                time.sleep(SONDE_S)
                for i, p in enumerate(self._processus):
                    if not p.is_alive() and not self._arret:
                        print(f"processus du serveur {p.pid} arrêté (code {p.exitcode}) : relancé", file=sys.stderr)
                        self._processus[i] = self._demarrer(i)  # its socket kept the connections waiting
        finally:
            for p in self._processus:
                if p.is_alive():
                    p.terminate()  # SIGTERM: uvicorn finishes the requests under way
            for p in self._processus:
                p.join(15)
                if p.is_alive():  # pragma: no cover
                    p.kill()
            for s, ancien in anciens.items():
                signal.signal(s, ancien)
            os.environ.pop(VARIABLE_DOSSIER, None)
            for ecoute in self._ecoutes:
                ecoute.close()
            with contextlib.suppress(OSError):
                shutil.rmtree(dossier)
