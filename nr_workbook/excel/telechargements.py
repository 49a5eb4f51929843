"""Files a ribbon action produced on the Office.js add-in's server (the COPIL deck and PDF), offered for download.

The agent's Excel cannot receive a file in the action's answer: the server keeps each file under a random,
unguessable address (the capability: a download opened in the browser carries no token) for a limited time, then
deletes it.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DUREE_S = 30 * 60  # a file stays downloadable half an hour
TYPES = {".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
         ".pdf": "application/pdf", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Fichier:
    chemin: Path
    expire: float


class Depot:
    """The files offered for download, by (token, name)."""

    def __init__(self, duree_s: float = DUREE_S) -> None:
        self.duree_s = duree_s
        self._dossier: Path | None = None
        self._fichiers: dict[tuple[str, str], Fichier] = {}
        self._verrou = threading.Lock()

    def _racine(self) -> Path:
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
        with self._verrou:
            for chemin in chemins:
                cible = dossier / chemin.name
                shutil.move(str(chemin), cible)
                with contextlib.suppress(OSError):  # the producer's temporary folder, now empty, goes too
                    chemin.parent.rmdir()
                self._fichiers[(jeton, chemin.name)] = Fichier(cible, time.monotonic() + self.duree_s)
                offerts.append({"nom": chemin.name, "url": f"/telechargements/{jeton}/{chemin.name}"})
        return offerts

    def fichier(self, jeton: str, nom: str) -> Path | None:
        with self._verrou:
            f = self._fichiers.get((jeton, nom))
        if f is None or f.expire < time.monotonic() or not f.chemin.is_file():
            return None
        return f.chemin

    def purger(self) -> None:
        """Delete the files whose time is over."""
        maintenant = time.monotonic()
        with self._verrou:
            perimes = [cle for cle, f in self._fichiers.items() if f.expire < maintenant]
            for cle in perimes:
                f = self._fichiers.pop(cle)
                f.chemin.unlink(missing_ok=True)
                if f.chemin.parent.is_dir() and not any(f.chemin.parent.iterdir()):
                    f.chemin.parent.rmdir()
