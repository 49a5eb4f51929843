"""The classic xlwings add-in (.xlam), rebuilt from xlwings' ribbon template and the files of `complement/`.

Only the parts we own are replaced: the ribbon (`complement/customUI.xml`) and the settings sheet (activated as
`myaddin.conf`: UDF module `nr_udfs`, PYTHONPATH the `complement/` folder of the installed package, whose two
modules import everything else from that package). The template's VBA project is kept as shipped by the installed
xlwings, so its DLL version always matches. All of it ships in the wheel (package data): the add-in builds from
`pip install nr_workbook` as from a clone.
"""

from __future__ import annotations

import re
import zipfile
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from nr_workbook.classeur import archive

NOM = "nr_numerique_responsable"  # the template's RunMain imports the module named after the add-in file
MODULE_UDFS = "nr_udfs"


def dossier_complement() -> Path:
    """The installed folder the .xlam puts on PYTHONPATH (its two modules and the ribbon)."""
    return Path(str(resources.files(__package__).joinpath("complement")))


def modele() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"


def _reglages(feuille: str, valeurs: dict[str, str], chaines: list[str]) -> str:
    """Fill column B of the settings sheet for the given keys (column A holds shared-string keys)."""
    for cle, valeur in valeurs.items():
        index = chaines.index(cle)
        motif = re.compile(rf'(<row r="(\d+)"[^>]*>)(<c r="A\2"[^>]*t="s"[^>]*><v>{index}</v></c>)')
        m = motif.search(feuille)
        if not m:
            raise ValueError(f"réglage {cle} introuvable dans le modèle d'xlwings")
        ligne = m.group(2)
        cellule = f'<c r="B{ligne}" t="inlineStr"><is><t>{escape(valeur)}</t></is></c>'
        debut = m.end()
        fin = feuille.index("</row>", debut)
        feuille = feuille[:debut] + re.sub(rf'<c r="B{ligne}"[^>]*?(/>|>.*?</c>)', "", feuille[debut:fin]) \
            + cellule + feuille[fin:]
    return feuille


def construire(sortie: Path, pythonpath: Path | None = None) -> Path:
    """Write the add-in to `sortie` (a .xlam path)."""
    pythonpath = pythonpath or dossier_complement()
    ruban = resources.files(__package__).joinpath("complement", "customUI.xml").read_text(encoding="utf-8")
    sortie.parent.mkdir(parents=True, exist_ok=True)
    parties = []
    with zipfile.ZipFile(modele()) as src:
        chaines = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", src.read("xl/sharedStrings.xml").decode())
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "customUI/customUI.xml":
                data = ruban.encode("utf-8")
            elif item.filename == "xl/workbook.xml":
                data = data.replace(b'name="_myaddin.conf"', b'name="myaddin.conf"')
            elif item.filename == "xl/worksheets/sheet1.xml":
                data = _reglages(data.decode(), {"UDF Modules": MODULE_UDFS, "PYTHONPATH": str(pythonpath)},
                                 chaines).encode()
            elif item.filename == "docProps/core.xml":
                data = _proprietes().encode("utf-8")
            parties.append(archive.Entree.depuis(item.filename, data))
    archive.ecrire(parties, sortie)  # the same add-in gives the same bytes
    return sortie


def _proprietes() -> str:
    """Our properties, in French, rather than the xlwings template's (its author, its dates, an empty
    cp:contentType that the OPC schema does not allow)."""
    date = archive.date_des_documents().strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>Complément Numérique responsable (nr_workbook)</dc:title>"
            "<dc:subject>Fonctions NR_… et ruban « Numérique responsable » pour les classeurs nr_workbook</dc:subject>"
            "<dc:creator>nr_workbook</dc:creator><cp:lastModifiedBy>nr_workbook</cp:lastModifiedBy>"
            "<dc:language>fr-FR</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>')
