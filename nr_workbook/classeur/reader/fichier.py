"""Read a workbook through the contract: defined names and Excel tables, never cell addresses.

Names and table ranges come from the package's XML parts (small, parsed with ElementTree); cell values from
python-calamine (fast). Only input data is read; formula results are not trusted (the engine recomputes them).
"""

from __future__ import annotations

import html
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

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
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


# Small parts (relationships, tables) are read with these patterns rather than a full XML parser: a workbook holds
# dozens of them and a consolidation reads thousands of workbooks. A namespace prefix and either quote are allowed.
_ATTRIBUT = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_RELATION = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_TABLE = re.compile(rb"<(?:[\w.-]+:)?table\b([^>]*)>")
_COLONNE = re.compile(rb"""<(?:[\w.-]+:)?tableColumn\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributs(balise: bytes) -> dict[str, str]:
    """Attributes of a start tag (local names, XML entities decoded)."""
    out = {}
    for nom, guillemets, apostrophes in _ATTRIBUT.findall(balise):
        local = nom.decode("utf-8").rpartition(":")[2]
        out[local] = html.unescape((guillemets or apostrophes).decode("utf-8"))
    return out


def _rels(z: zipfile.ZipFile, part: str, noms: set[str]) -> dict[str, str]:
    p = PurePosixPath(part)
    chemin = str(p.parent / "_rels" / (p.name + ".rels"))
    if chemin not in noms:
        return {}
    out = {}
    for balise in _RELATION.findall(z.read(chemin)):
        a = _attributs(balise)
        if a.get("TargetMode") != "External" and "Id" in a and "Target" in a:
            out[a["Id"]] = _cible(part, a["Target"])
    return out


def _table(xml: bytes) -> tuple[str, str, list[str]]:
    """(name, range, column names) of a table part."""
    racine = _TABLE.search(xml)
    if racine is None:
        raise KeyError("table")
    a = _attributs(racine.group(1))
    colonnes = [(g or a_).decode("utf-8") for g, a_ in _COLONNE.findall(xml)]
    return a.get("displayName") or a["name"], a["ref"], [html.unescape(c) if "&" in c else c for c in colonnes]


def _reference(texte: str) -> tuple[str, str] | None:
    """'Accueil'!$B$5 -> ("Accueil", "B5"); None for anything else (ranges, formulas, external refs)."""
    m = re.match(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$", texte.strip())
    if not m:
        return None
    feuille = (m.group(1) or "").replace("''", "'") or m.group(2)
    return feuille, f"{m.group(3)}{m.group(4)}"


_DEJA_LUES: dict[tuple, Structure] = {}  # by the checksums of the parts read: workbooks of one template share them


def _empreinte(z: zipfile.ZipFile) -> tuple:
    """Name, CRC-32 and size of every part `structure` reads (workbook, relationships, tables)."""
    return tuple((i.filename, i.CRC, i.file_size) for i in z.infolist()
                 if i.filename == "xl/workbook.xml" or i.filename.endswith(".rels") or "/tables/" in i.filename)


def _copie(s: Structure) -> Structure:
    return Structure(noms=dict(s.noms), noms_locaux={k: dict(v) for k, v in s.noms_locaux.items()},
                     tables=dict(s.tables), feuilles=list(s.feuilles), parties=dict(s.parties))


def structure(chemin: Path) -> Structure:
    """Where names and tables sit, from the package's parts. A consolidation reads hundreds of workbooks made from
    the same template: one whose parts have the checksums of a workbook already read gets its structure at once."""
    try:
        with zipfile.ZipFile(chemin) as z:
            empreinte = _empreinte(z)
            if empreinte in _DEJA_LUES:
                return _copie(_DEJA_LUES[empreinte])
            noms = set(z.namelist())
            wb = ET.fromstring(z.read("xl/workbook.xml"))
            rels = _rels(z, "xl/workbook.xml", noms)
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
                for cible in _rels(z, part, noms).values():
                    if "/tables/" not in cible:
                        continue
                    nom_table, ref, entetes = _table(z.read(cible))
                    a, b = ref.split(":")
                    (l1, c1), (l2, c2) = coordonnees(a), coordonnees(b)
                    s.tables[nom_table] = (Plage(nom, l1, c1, l2, c2), entetes)
            if len(_DEJA_LUES) >= 64:
                _DEJA_LUES.pop(next(iter(_DEJA_LUES)))
            _DEJA_LUES[empreinte] = _copie(s)
            return s
    except (zipfile.BadZipFile, KeyError, ValueError, ET.ParseError, OSError) as e:
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

