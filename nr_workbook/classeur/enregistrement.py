"""Saving a workbook we hand out, the one way every command does it.

openpyxl writes the parts; then every formula cell gets the value Excel and LibreOffice compute (`calcul/`), so
that a reader that does not recalculate — Protected View, a preview pane, a phone, pandas, Power Query — shows the
numbers; Excel still recalculates on open (fullCalcOnLoad). Each chart gets its alternative text
(`texte_alternatif.py`). The document properties say French and carry the date
of the template's release (or SOURCE_DATE_EPOCH), and the zip is written the same way every time: the same workbook
gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import BinaryIO

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from nr_workbook.classeur import archive, texte_alternatif
from nr_workbook.classeur.calcul.evaluation import Evaluateur, calculer
from nr_workbook.classeur.calcul.injection import injecter
from nr_workbook.classeur.calcul.modele import depuis_openpyxl
from nr_workbook.classeur.paquet import Paquet

LANGUE = "fr-FR"


def proprietes(wb: Workbook) -> None:
    """French, dated by the template's release, by nr_workbook unless the caller named an author."""
    p = wb.properties
    date = archive.date_des_documents()
    p.created = p.modified = date
    p.language = LANGUE
    p.creator = p.creator if p.creator and p.creator != "openpyxl" else "nr_workbook"
    p.lastModifiedBy = p.lastModifiedBy or p.creator


def valeurs_par_feuille(e: Evaluateur) -> dict[str, dict[tuple[int, int], object]]:
    out: dict[str, dict[tuple[int, int], object]] = {}
    for (feuille, ligne, col), v in e.resultats.items():
        if (feuille, ligne, col) not in e.incertains:
            out.setdefault(feuille, {})[(ligne, col)] = v
    return out


def parties(wb: Workbook, evaluateur: Evaluateur | None = None) -> tuple[list[archive.Entree], Evaluateur]:
    """The workbook's parts, formulas with their values; the evaluator (kept by `lot` to fill its members)."""
    e = evaluateur or calculer(depuis_openpyxl(wb))
    proprietes(wb)
    alternatives = texte_alternatif.textes(wb, e)
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_STORED) as z:
        ExcelWriter(wb, z).write_data()
    par_feuille = valeurs_par_feuille(e)
    with Paquet(tampon.getvalue()) as p:
        feuilles = {f.partie: f.nom for f in p.feuilles}
        dessins = {}
        for f in p.feuilles:
            r = p.relation(f.partie, "drawing")
            if r is not None and f.nom in alternatives:
                dessins[r.cible] = alternatives[f.nom]
        out = []
        for info in p.zip.infolist():
            octets = p.zip.read(info)
            feuille = feuilles.get(info.filename)
            if feuille in par_feuille:
                octets = injecter(octets.decode("utf-8"), par_feuille[feuille]).encode("utf-8")
            elif info.filename in dessins:
                octets = texte_alternatif.poser(octets.decode("utf-8"), dessins[info.filename]).encode("utf-8")
            out.append(archive.Entree.depuis(info.filename, octets))
    return out, e


def enregistrer(wb: Workbook, cible: Path | BinaryIO) -> Evaluateur:
    """Save `wb` to a path (its folder created) or a binary stream, with its computed values."""
    entrees, e = parties(wb)
    if isinstance(cible, Path):
        cible.parent.mkdir(parents=True, exist_ok=True)
    archive.ecrire(entrees, cible)
    return e


def en_octets(wb: Workbook) -> bytes:
    tampon = io.BytesIO()
    enregistrer(wb, tampon)
    return tampon.getvalue()
