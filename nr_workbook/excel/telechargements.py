"""Files a ribbon action produced on the Office.js add-in's server (the COPIL deck and PDF), offered for download.

The agent's Excel cannot receive a file in the action's answer: the server keeps each file under a random,
unguessable address (the capability: a download opened in the browser carries no token) for a limited time, then
deletes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

DUREE_S = 30 * 60  # a file stays downloadable half an hour
TYPES = {".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         ".pdf": "application/pdf", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


VARIABLE_DOSSIER = "NR_SERVEUR_TELECHARGEMENTS"  # the folder several server processes share (set by the supervisor)
_JETON = re.compile(r"[A-Za-z0-9_-]{32}")  # secrets.token_urlsafe(24)


@contextlib.contextmanager
def dossier_partage() -> Iterator[Path]:
    """A download folder for every process this one starts (they read VARIABLE_DOSSIER), removed at the end."""
    dossier = Path(tempfile.mkdtemp(prefix="nr-telechargements-"))
    os.environ[VARIABLE_DOSSIER] = str(dossier)
    try:
        yield dossier
    finally:
        os.environ.pop(VARIABLE_DOSSIER, None)
        shutil.rmtree(dossier, ignore_errors=True)


class Depot:
    """The files offered for download, under `dossier/<token>/<name>`: on disk, so that any process of the server
    finds a file another one deposited (a token's folder expires with its modification time)."""

    def __init__(self, duree_s: float = DUREE_S, dossier: Path | None = None) -> None:
        self.duree_s = duree_s
        self._dossier = dossier
        self._verrou = threading.Lock()

    @classmethod
    def depuis_environnement(cls) -> Depot:
        dossier = os.environ.get(VARIABLE_DOSSIER)
        return cls(dossier=Path(dossier) if dossier else None)

    def _racine(self) -> Path:
        with self._verrou:
            if self._dossier is None:
                self._dossier = Path(tempfile.mkdtemp(prefix="nr-telechargements-"))
            return self._dossier

    def deposer(self, chemins: list[Path]) -> list[dict[str, str]]:
        """Move the files into the store; their names and download paths (relative to the server's address)."""
        self.purger()
        jeton = secrets.token_urlsafe(24)
        dossier = self._racine() / jeton
        dossier.mkdir(parents=True)
        offerts = []
        for chemin in chemins:
            shutil.move(str(chemin), dossier / chemin.name)
            with contextlib.suppress(OSError):  # the producer's temporary folder, now empty, goes too
                chemin.parent.rmdir()
            offerts.append({"nom": chemin.name, "url": f"/telechargements/{jeton}/{chemin.name}"})
        return offerts

    def _perime(self, dossier: Path) -> bool:
        try:
            return time.time() - dossier.stat().st_mtime > self.duree_s
        except OSError:
            return True

    def fichier(self, jeton: str, nom: str) -> Path | None:
        if not _JETON.fullmatch(jeton) or nom in ("", ".", "..") or Path(nom).name != nom or "\\" in nom:
            return None
        dossier = self._racine() / jeton
        chemin = dossier / nom
        if self._perime(dossier) or not chemin.is_file():
            return None
        return chemin

    def purger(self) -> None:
        """Delete the files whose time is over."""
        racine = self._racine()
        for dossier in list(racine.iterdir()) if racine.is_dir() else []:
            if dossier.is_dir() and self._perime(dossier):
                shutil.rmtree(dossier, ignore_errors=True)
