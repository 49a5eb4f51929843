"""Print the Python interpreter `make` builds the virtual environment with (the Makefile's PYTHON by default).

Among the Python 3.11+ interpreters on this machine that can make a virtual environment with pip (venv and
ensurepip), prefer one whose executable holds the interpreter itself over one that calls it in a shared
libpython: a distribution's Python (Debian's /usr/bin/python3, built with PGO and LTO, linked statically) runs the
add-in server's Recalculer about 20 % faster than pyenv's default build (`--enable-shared`, no PGO), measured in
benchmarks/serveur.py. Without such a choice, `python3`. `make PYTHON=…` still picks one by hand.

    python3 scripts/choisir_python.py
"""

from __future__ import annotations

import os
import shutil
import subprocess

# Run by each candidate: "<major>.<minor> <venv usable> <libpython loaded as a shared library>".
SONDE = """
import sys
try:
    import ensurepip, venv  # noqa: F401
    utilisable = 1
except ImportError:
    utilisable = 0
try:
    with open("/proc/self/maps") as f:
        partage = int(any("libpython" in ligne for ligne in f))
except OSError:
    partage = -1
print(f"{sys.version_info[0]}.{sys.version_info[1]} {utilisable} {partage}")
"""
NOMS = ("python3.13", "python3.12", "python3.11", "python3")
SYSTEME = ("/usr/bin/python3", "/usr/local/bin/python3")


def candidats() -> list[str]:
    vus, chemins = set(), []
    for c in [*(shutil.which(n) for n in NOMS), *SYSTEME]:
        if c and os.path.exists(c):
            reel = os.path.realpath(c)
            if reel not in vus:
                vus.add(reel)
                chemins.append(c)
    return chemins


def sonder(chemin: str) -> tuple[tuple[int, int], bool, int] | None:
    try:
        sortie = subprocess.run([chemin, "-c", SONDE], capture_output=True, text=True, timeout=20, check=True).stdout
        version, utilisable, partage = sortie.split()
        return tuple(int(x) for x in version.split(".")), utilisable == "1", int(partage)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def choisir() -> str:
    retenus = []
    for rang, chemin in enumerate(candidats()):
        s = sonder(chemin)
        if s is None:
            continue
        version, utilisable, partage = s
        if version >= (3, 11) and utilisable:
            retenus.append((partage == 1, rang, chemin))  # a static interpreter first, then the PATH's order
    return min(retenus)[2] if retenus else "python3"


if __name__ == "__main__":
    print(choisir())
