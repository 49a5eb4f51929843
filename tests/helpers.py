"""Helpers for tests: building engine inputs, comparing values as the workbook shows them."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path
from typing import Any

from nr_workbook import referentiel
from nr_workbook.classeur.writer.referentiel import ligne_referentiel
from nr_workbook.engine.donnees import Donnees


def en_series(x: Any) -> Any:
    """Dates as Excel serial numbers (what Office.js sends for a date cell), in nested dicts and lists."""
    import datetime as dt

    if isinstance(x, dict):
        return {k: en_series(v) for k, v in x.items()}
    if isinstance(x, list):
        return [en_series(v) for v in x]
    if isinstance(x, dt.date):
        return (dt.datetime(x.year, x.month, x.day) - dt.datetime(1899, 12, 30)).days
    return x


def referentiel_par_defaut() -> list[dict]:
    ref = referentiel.load()
    return [ligne_referentiel(ref, e) for e in ref.equipements]


def donnees(noms: dict | None = None, **tables: list[dict]) -> Donnees:
    base = {"NR_NB_AGENTS": 100, "NR_ANNEE_REFERENCE": 2026, "NR_FACTEUR_ELEC_KGCO2E_KWH": 0.0461,
            "NR_PUE_DEFAUT": 1.75}
    t = {"T_REFERENTIEL": referentiel_par_defaut()}
    t.update(tables)
    return Donnees(noms={**base, **(noms or {})}, tables=t)


def meme_valeur(a: Any, b: Any) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def bombe(modele: Path, cible: Path, mo: int) -> Path:
    """Our workbook with one sheet part inflated to `mo` megabytes of blanks inside its XML (compresses ~1000:1)."""
    with zipfile.ZipFile(modele) as src, zipfile.ZipFile(cible, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet3.xml":
                xml = src.read(item.filename)
                fin = xml.rindex(b"</worksheet>")
                with dst.open(item.filename, "w", force_zip64=True) as f:
                    f.write(xml[:fin])
                    bloc = b" " * (1 << 20)
                    for _ in range(mo):
                        f.write(bloc)
                    f.write(xml[fin:])
            else:
                dst.writestr(item, src.read(item.filename))
    return cible
