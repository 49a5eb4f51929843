"""Shared fixtures: generated workbooks, LibreOffice availability (mandatory under CI=true)."""

from __future__ import annotations

import os
from pathlib import Path

# xlwings' remote book (replaying a workbook's payload) and its Lite/Server decorators accept the non-commercial
# key, which covers public bodies; it must be set before xlwings is first imported.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest

from nr_workbook.classeur.libreoffice import soffice
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.contexte import Contexte


@pytest.fixture(scope="session")
def libreoffice() -> str:
    exe = soffice()
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) est requis sous CI=true : installez libreoffice-calc.")
        pytest.skip("LibreOffice absent : test de recalcul ignoré hors CI.")
    return exe


@pytest.fixture(scope="session")
def vierge_complet(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("modeles") / "complet.xlsx"
    construire(Contexte(parcours="Complet")).save(p)
    return p


@pytest.fixture(scope="session")
def vierge_flash(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("modeles") / "flash.xlsx"
    construire(Contexte(parcours="Flash")).save(p)
    return p


@pytest.fixture(scope="session")
def produits(tmp_path_factory) -> dict[str, Path]:
    """Every kind of file we write (tests/produits.py), built once."""
    from tests.produits import produire

    return produire(tmp_path_factory.mktemp("produits"))
