"""Recalculate workbooks, or render them to PDF, with LibreOffice headless (one `soffice` call for many files)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

# LibreOffice keeps cached results of xlsx files unless told otherwise: a private profile sets
# "recalculation on load" to Always for OOXML and ODF files (Calc/Formula/Load/*RecalcMode = 0), and renders
# numbers with French separators (system locale fr-FR).
_REGISTRE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


class LibreOfficeAbsent(RuntimeError):
    pass


def soffice() -> str | None:
    for nom in ("soffice", "libreoffice"):
        chemin = shutil.which(nom)
        if chemin:
            return chemin
    return None


def _profil() -> Path:
    dossier = Path(tempfile.gettempdir()) / f"nr_workbook_lo_{os.getuid()}"
    user = dossier / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_REGISTRE, encoding="utf-8")
    return dossier


def convertir(fichiers: Sequence[Path], sortie: Path, format_: str = "xlsx", timeout: float = 600) -> list[Path]:
    """Convert (and so recalculate) files into `sortie`; returns the converted paths, in input order."""
    exe = soffice()
    if exe is None:
        raise LibreOfficeAbsent("LibreOffice (soffice) est introuvable : installez le paquet libreoffice-calc.")
    sortie.mkdir(parents=True, exist_ok=True)
    if not fichiers:
        return []
    diapos = all(Path(f).suffix.lower() == ".pptx" for f in fichiers)
    filtre = {"xlsx": "xlsx:Calc MS Excel 2007 XML",
              "pdf": "pdf:impress_pdf_Export" if diapos else "pdf:calc_pdf_Export"}[format_]
    cmd = [exe, f"-env:UserInstallation={_profil().as_uri()}", "--headless", "--norestore",
           "--convert-to", filtre, "--outdir", str(sortie), *map(str, fichiers)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    sorties = [sortie / (Path(f).stem + "." + format_) for f in fichiers]
    manquants = [s for s in sorties if not s.exists()]
    if res.returncode != 0 or manquants:
        raise RuntimeError(f"LibreOffice a échoué ({res.returncode}) : {res.stderr.strip()[:500]} "
                           f"— fichiers non produits : {[m.name for m in manquants]}")
    return sorties
