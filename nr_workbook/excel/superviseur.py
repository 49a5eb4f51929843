"""Several server processes behind one port: the supervisor accepts each connection and hands it to the next process
in turn (round robin), as Node.js's cluster module does by default, for the reason its documentation gives.

With uvicorn's own workers every process accepts on one shared socket, and the first one awake takes every
connection waiting: of 50 agents' connections opened together, 41 to 46 went to one of two processes (measured
with `ss`). A connection then stays with its process (HTTP keep-alive), so that process queued the agents' clicks
while the other had little to do. One socket per process (SO_REUSEPORT) lets the kernel spread the connections by a
hash of their addresses: 30/20 of 50 in most runs measured, still a third more waiting on one side. Here the
supervisor, which does nothing else, accepts and passes each connection's descriptor (SCM_RIGHTS, over a Unix
socket pair) to the processes in turn: 25/25. Each process runs uvicorn on the connections it receives (TLS and HTTP
are its own). The processes share the download folder (a file an action produced in one process is downloaded from
any). A process that dies is restarted, unless it died while starting (the server then stops, saying so, rather than
loop); SIGINT/SIGTERM stop them all. Where the system cannot pass descriptors this
way (Windows, macOS), uvicorn's workers are used (`repartition_possible`).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import selectors
import signal
import socket
import sys

from nr_workbook.excel.reglages import Reglages
from nr_workbook.excel.telechargements import dossier_partage

SONDE_S = 0.5  # how often the supervisor looks for a process that died
PRET = b"pret"  # what a server process sends the supervisor once it serves


class DemarrageImpossible(RuntimeError):
    """A server process died while starting: restarting it would only loop (French message)."""


def repartition_possible() -> bool:
    """Linux passes descriptors between processes over SOCK_SEQPACKET Unix socket pairs."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


def _ecoute(reglages: Reglages) -> socket.socket:
    famille = socket.AF_INET6 if ":" in reglages.hote else socket.AF_INET
    s = socket.socket(famille, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((reglages.hote, reglages.port))
    s.listen(2048)
    return s


def _servir(reglages: Reglages, options: dict, canal: socket.socket) -> None:  # pragma: no cover - in a child
    import asyncio

    import uvicorn

    from nr_workbook.excel.serveur import creer_app

    class Serveur(uvicorn.Server):
        """uvicorn on the connections the supervisor passes (no listening socket of its own)."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=[])
            config = self.config
            protocole = functools.partial(config.http_protocol_class, config=config, server_state=self.server_state,
                                          app_state=self.lifespan.state)
            boucle = asyncio.get_running_loop()
            canal.setblocking(False)

            def recevoir() -> None:
                while True:
                    try:
                        _, fds, _, _ = socket.recv_fds(canal, 1, 1)
                    except BlockingIOError:
                        return
                    if not fds:  # the supervisor is gone
                        boucle.remove_reader(canal.fileno())
                        self.should_exit = True
                        return
                    connexion = socket.socket(fileno=fds[0])
                    boucle.create_task(boucle.connect_accepted_socket(protocole, connexion, ssl=config.ssl))

            boucle.add_reader(canal.fileno(), recevoir)
            canal.send(PRET)  # to the supervisor: started, serving

    try:
        Serveur(uvicorn.Config(creer_app(reglages), **options)).run()
    except Exception as e:  # noqa: BLE001 - one French line, not a traceback: the supervisor says the rest
        print(f"processus du serveur {os.getpid()} : démarrage impossible ({e.__class__.__name__} : {e})",
              file=sys.stderr)
        sys.exit(1)


class Superviseur:
    """`reglages.processus` server processes; the supervisor accepts and deals the connections out in turn."""

    def __init__(self, reglages: Reglages, options: dict):
        self.reglages, self.options = reglages, options
        self._contexte = multiprocessing.get_context("spawn")
        self._processus: list[multiprocessing.process.BaseProcess | None] = []
        self._prets: list[bool] = []
        self._canaux: list[socket.socket | None] = []
        self._suivant = 0
        self._arret = False

    def _demarrer(self, i: int) -> None:
        ancien = self._canaux[i]
        if ancien is not None:
            ancien.close()
        nous, eux = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        p = self._contexte.Process(target=_servir, args=(self.reglages, self.options, eux), name=f"nr-serveur-{i + 1}")
        p.start()
        eux.close()
        self._processus[i], self._canaux[i], self._prets[i] = p, nous, False

    def _donner(self, connexion: socket.socket) -> None:
        """Pass the connection to the next process able to take it."""
        for _ in range(len(self._canaux)):
            i, self._suivant = self._suivant, (self._suivant + 1) % len(self._canaux)
            canal = self._canaux[i]
            if canal is None:
                continue
            try:
                socket.send_fds(canal, [b"c"], [connexion.fileno()])
                return
            except OSError:  # that process died: the next one takes it, the probe restarts it
                continue

    def _pret(self, i: int) -> bool:
        """Whether process i said it was serving (its message read now if it is waiting)."""
        canal = self._canaux[i]
        if not self._prets[i] and canal is not None:
            canal.setblocking(False)
            with contextlib.suppress(BlockingIOError, OSError):
                self._prets[i] = canal.recv(16) == PRET
            canal.setblocking(True)
        return self._prets[i]

    def _arreter(self, *_: object) -> None:
        self._arret = True

    def executer(self) -> None:
        """Run until SIGINT or SIGTERM. A port taken fails here (OSError). A connection that comes while the
        processes import the engine waits in its process's channel."""
        ecoute = _ecoute(self.reglages)
        with dossier_partage():  # the processes inherit it: one download folder for all
            self._boucle(ecoute)

    def _boucle(self, ecoute: socket.socket) -> None:
        anciens = {s: signal.signal(s, self._arreter) for s in (signal.SIGINT, signal.SIGTERM)}
        n = self.reglages.processus
        self._processus, self._canaux, self._prets = [None] * n, [None] * n, [False] * n
        selecteur = selectors.DefaultSelector()
        try:
            for i in range(n):
                self._demarrer(i)
            ecoute.setblocking(False)
            selecteur.register(ecoute, selectors.EVENT_READ)
            while not self._arret:
                if selecteur.select(SONDE_S):
                    with contextlib.suppress(OSError):  # none waiting any more, or one given up by its client
                        while True:
                            connexion, _ = ecoute.accept()
                            with connexion:
                                self._donner(connexion)
                for i, p in enumerate(self._processus):
                    if p is not None and not p.is_alive() and not self._arret:
                        if not self._pret(i):
                            raise DemarrageImpossible(f"un processus du serveur s'est arrêté en démarrant (code "
                                                      f"{p.exitcode}) : voir ses messages ci-dessus.")
                        print(f"processus du serveur {p.pid} arrêté (code {p.exitcode}) : relancé", file=sys.stderr)
                        self._demarrer(i)
        finally:
            selecteur.close()
            ecoute.close()
            for p in self._processus:
                if p is not None and p.is_alive():
                    p.terminate()  # SIGTERM: uvicorn finishes the requests under way
            for p in self._processus:
                if p is not None:
                    p.join(15)
                    if p.is_alive():  # pragma: no cover
                        p.kill()
            for canal in self._canaux:
                if canal is not None:
                    canal.close()
            for s, ancien in anciens.items():
                signal.signal(s, ancien)
