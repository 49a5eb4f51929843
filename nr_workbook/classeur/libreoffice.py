"""Recalculate workbooks, or render them to PDF, with LibreOffice headless (one `soffice` call for many files)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from nr_workbook.classeur.texte_alternatif import lire

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
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


# Tagged PDF/UA-1 (structure tree, /Lang from the document's language fr-FR, title shown), the filter's own options
# (LibreOffice 7.4+ takes them as JSON after the filter name).
PDF_ACCESSIBLE = (':{"UseTaggedPDF":{"type":"boolean","value":"true"},'
                  '"PDFUACompliance":{"type":"boolean","value":"true"},'
                  '"ExportBookmarks":{"type":"boolean","value":"true"}}')


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
              "pdf": ("pdf:impress_pdf_Export" if diapos else "pdf:calc_pdf_Export") + PDF_ACCESSIBLE}[format_]
    cmd = [exe, f"-env:UserInstallation={_profil().as_uri()}", "--headless", "--norestore",
           "--convert-to", filtre, "--outdir", str(sortie), *map(str, fichiers)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    sorties = [sortie / (Path(f).stem + "." + format_) for f in fichiers]
    manquants = [s for s in sorties if not s.exists()]
    if res.returncode != 0 or manquants:
        raise RuntimeError(f"LibreOffice a échoué ({res.returncode}) : {res.stderr.strip()[:500]} "
                           f"— fichiers non produits : {[m.name for m in manquants]}")
    if format_ == "pdf":
        for source, pdf in zip(fichiers, sorties, strict=True):
            if Path(source).suffix.lower() in (".xlsx", ".xlsm"):
                alternatives_des_graphiques(Path(source), pdf)
    return sorties


def alternatives_des_graphiques(classeur: Path, pdf: Path) -> int:
    """Calc's tagged export leaves its charts' figures without /Alt: give each, in page order, the description of
    the workbook's chart in sheet order (the drawing's `descr`). Returns the number of figures described."""
    try:
        import pikepdf
    except ImportError:  # pikepdf absent: the PDF stays tagged, its charts without alternative text
        return 0
    textes = [d for alternatives in lire(classeur).values() for _, d in alternatives]
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        figures = []
        pile = [doc.Root.get("/StructTreeRoot")]
        while pile:
            n = pile.pop(0)
            if not isinstance(n, pikepdf.Dictionary):
                continue
            if n.get("/S") == "/Figure":
                figures.append(n)
            k = n.get("/K")
            pile[0:0] = list(k) if isinstance(k, pikepdf.Array) else ([k] if isinstance(k, pikepdf.Dictionary) else [])
        for figure, texte in zip(figures, textes, strict=False):
            figure.Alt = pikepdf.String(texte)
        doc.save(pdf)
    return min(len(figures), len(textes))
