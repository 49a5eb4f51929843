"""Read a workbook through the contract: defined names and Excel tables, never cell addresses.

Names and table ranges come from the package's XML parts (small, parsed with ElementTree); cell values from
python-calamine (fast). Only input data is read; formula results are not trusted (the engine recomputes them).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET

import python_calamine as pc

from nr_workbook.classeur.garde import verifier_classeur
from nr_workbook.classeur.reader.base import LecteurBase
from nr_workbook.classeur.reader.structure import Plage, Structure, coordonnees
from nr_workbook.contract.anomalies import FichierInvalide

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class ClasseurIllisible(FichierInvalide):
    """The file cannot be read as an xlsx workbook (French message)."""


def _cible(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for p in (PurePosixPath(base).parent / target).parts:
        if p == "..":
            parts.pop()
        elif p != ".":
            parts.append(p)
    return "/".join(parts)


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    p = PurePosixPath(part)
    chemin = str(p.parent / "_rels" / (p.name + ".rels"))
    if chemin not in z.namelist():
        return {}
    root = ET.fromstring(z.read(chemin))
    return {r.get("Id"): _cible(part, r.get("Target")) for r in root.findall("rel:Relationship", _NS)}


def _reference(texte: str) -> tuple[str, str] | None:
    """'Accueil'!$B$5 -> ("Accueil", "B5"); None for anything else (ranges, formulas, external refs)."""
    m = re.match(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$", texte.strip())
    if not m:
        return None
    feuille = (m.group(1) or "").replace("''", "'") or m.group(2)
    return feuille, f"{m.group(3)}{m.group(4)}"


def structure(chemin: Path) -> Structure:
    try:
        with zipfile.ZipFile(chemin) as z:
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            rels = _rels(z, "xl/workbook.xml")
            s = Structure()
            feuilles = [sh.get("name") for sh in wb.findall("m:sheets/m:sheet", _NS)]
            for dn in wb.findall("m:definedNames/m:definedName", _NS):
                ref = _reference(dn.text or "")
                if not ref:
                    continue
                local = dn.get("localSheetId")
                if local is None:
                    s.noms[dn.get("name")] = ref
                elif int(local) < len(feuilles) and ref[0] == feuilles[int(local)]:
                    s.noms_locaux.setdefault(ref[0], {})[dn.get("name")] = ref[1]
            for sh in wb.findall("m:sheets/m:sheet", _NS):
                nom, part = sh.get("name"), rels.get(sh.get(_R_ID))
                s.feuilles.append(nom)
                if not part:
                    continue
                s.parties[nom] = part
                for cible in _rels(z, part).values():
                    if "/tables/" not in cible:
                        continue
                    t = ET.fromstring(z.read(cible))
                    a, b = t.get("ref").split(":")
                    (l1, c1), (l2, c2) = coordonnees(a), coordonnees(b)
                    entetes = [c.get("name") for c in t.findall("m:tableColumns/m:tableColumn", _NS)]
                    s.tables[t.get("displayName") or t.get("name")] = (Plage(nom, l1, c1, l2, c2), entetes)
            return s
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError) as e:
        nom = getattr(chemin, "name", "classeur")
        raise ClasseurIllisible(f"{nom} n'est pas un classeur Excel lisible ({e.__class__.__name__}).") from e


class Lecteur(LecteurBase):
    """Values of one workbook file, sheet grids loaded once each (python-calamine)."""

    def __init__(self, chemin: Path):
        self.chemin = chemin
        if isinstance(chemin, Path):
            verifier_classeur(chemin)
        self.structure = structure(chemin)
        try:
            self._wb = pc.CalamineWorkbook.from_path(str(chemin))
        except pc.PasswordError as e:
            raise ClasseurIllisible(f"{chemin.name} est protégé par un mot de passe.") from e
        except Exception as e:  # calamine raises several error types for broken files
            raise ClasseurIllisible(f"{chemin.name} n'a pas pu être lu ({e}).") from e
        self._grilles: dict[str, list[list[Any]]] = {}

    def grille(self, feuille: str) -> list[list[Any]]:
        if feuille not in self._grilles:
            self._grilles[feuille] = self._wb.get_sheet_by_name(feuille).to_python(skip_empty_area=False)
        return self._grilles[feuille]

