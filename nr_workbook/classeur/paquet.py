"""An Office file as an OPC package (ECMA-376 Part 2): its parts, their relationships, the sheets of a workbook.

Read-only and library-free (zipfile and ElementTree), so the conformity checks and the finishing step see a file
exactly as Excel does: through `[Content_Types].xml`, `_rels/*.rels` and the workbook part, never through
openpyxl's object model.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_DOCUMENT = RT + "officeDocument"


def q(prefixe: str, nom: str) -> str:
    """Clark notation of a qualified name: q("m", "c") gives "{...spreadsheetml/2006/main}c"."""
    return f"{{{NS[prefixe]}}}{nom}"


@dataclass(frozen=True)
class Relation:
    id: str
    type: str  # the last segment of the relationship type ("worksheet", "table", "hyperlink"…)
    cible: str  # the target part's name in the package, or the external target
    externe: bool


@dataclass(frozen=True)
class Feuille:
    nom: str
    partie: str  # "xl/worksheets/sheet1.xml"
    etat: str  # visible, hidden, veryHidden
    position: int


class Paquet:
    """The parts of one Office file, read on demand."""

    def __init__(self, source: Path | bytes | BinaryIO, nom: str = ""):
        if isinstance(source, bytes):
            source = io.BytesIO(source)
        self.nom = nom or (source.name if isinstance(source, Path) else "")
        self.zip = zipfile.ZipFile(source)
        self.noms = set(self.zip.namelist())

    def __enter__(self) -> Paquet:
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def octets(self, partie: str) -> bytes:
        return self.zip.read(partie)

    def xml(self, partie: str) -> ET.Element:
        return ET.fromstring(self.zip.read(partie))

    def relations(self, partie: str) -> list[Relation]:
        """Relationships of a part ("" for the package's own), targets resolved to part names."""
        dossier, fichier = posixpath.split(partie)
        rels = posixpath.join(dossier, "_rels", fichier + ".rels")
        if rels not in self.noms:
            return []
        out = []
        for r in self.xml(rels).iter(q("rel", "Relationship")):
            externe = r.get("TargetMode") == "External"
            cible = r.get("Target", "")
            if not externe and cible.startswith("/"):
                cible = cible.lstrip("/")
            elif not externe:
                cible = posixpath.normpath(posixpath.join(dossier, cible))
            out.append(Relation(r.get("Id", ""), r.get("Type", "").rsplit("/", 1)[-1], cible, externe))
        return out

    def relation(self, partie: str, type_: str) -> Relation | None:
        return next((r for r in self.relations(partie) if r.type == type_), None)

    @cached_property
    def types(self) -> dict[str, str]:
        """Content type of each part (overrides, then defaults by extension)."""
        racine = self.xml("[Content_Types].xml")
        defauts = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in racine.iter(q("ct", "Default"))}
        out = {n: defauts.get(n.rsplit(".", 1)[-1].lower(), "") for n in self.noms if not n.endswith("/")}
        for o in racine.iter(q("ct", "Override")):
            out[o.get("PartName", "").lstrip("/")] = o.get("ContentType", "")
        return out

    @cached_property
    def classeur(self) -> str:
        """The workbook part ("xl/workbook.xml"), or "" for a file that is no workbook."""
        r = self.relation("", "officeDocument")
        return r.cible if r and r.cible in self.noms and r.cible.startswith("xl/") else ""

    @cached_property
    def feuilles(self) -> list[Feuille]:
        """The workbook's worksheets in tab order (chart sheets and dialog sheets left out)."""
        if not self.classeur:
            return []
        cibles = {r.id: r for r in self.relations(self.classeur)}
        out = []
        for i, s in enumerate(self.xml(self.classeur).iter(q("m", "sheet"))):
            rel = cibles.get(s.get(q("r", "id"), ""))
            if rel is not None and rel.type == "worksheet":
                out.append(Feuille(s.get("name", ""), rel.cible, s.get("state", "visible"), i))
        return out

    def partie_styles(self) -> str:
        r = self.relation(self.classeur, "styles") if self.classeur else None
        return r.cible if r and r.cible in self.noms else ""

    def partie_chaines(self) -> str:
        r = self.relation(self.classeur, "sharedStrings") if self.classeur else None
        return r.cible if r and r.cible in self.noms else ""
