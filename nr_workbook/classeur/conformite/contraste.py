"""Colours of a workbook's styles as Excel shows them, and their contrast (WCAG 2.1 §1.4.3, which EN 301 549 and the
RGAA take up): 4.5:1 for text, 3:1 for large text (at least 18 pt, or 14 pt bold)."""

from __future__ import annotations

import colorsys
from xml.etree import ElementTree as ET

from nr_workbook.classeur.paquet import NS, Paquet, q

SEUIL = 4.5
SEUIL_GRAND = 3.0
NOIR, BLANC = "000000", "FFFFFF"

# Excel's legacy palette (indexed colours 0-63), ECMA-376 Part 1 §18.8.27
_INDEXEES = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF "
    "800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF "
    "000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333"
).split()


def luminance(rgb: str) -> float:
    def canal(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * canal(r) + 0.7152 * canal(g) + 0.0722 * canal(b)


def rapport(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _teinte(rgb: str, tint: float) -> str:
    """ECMA-376 §18.8.19: a tint lightens (> 0) or darkens (< 0) the colour's luminance (HLS)."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    return "".join(f"{round(x * 255):02X}" for x in colorsys.hls_to_rgb(h, lum, s))


class Couleurs:
    """Resolves `<color rgb|theme|indexed tint>` of a package through its theme."""

    def __init__(self, p: Paquet):
        self.theme: list[str] = []
        r = p.relation(p.classeur, "theme") if p.classeur else None
        if r is not None and r.cible in p.noms:
            schema = p.xml(r.cible).find(".//a:clrScheme", NS)
            if schema is not None:
                valeurs = {}
                for enfant in schema:
                    nom = enfant.tag.split("}")[1]
                    couleur = next(iter(enfant), None)
                    if couleur is not None:
                        valeurs[nom] = couleur.get("lastClr") or couleur.get("val") or NOIR
                ordre = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                         "hlink", "folHlink")
                self.theme = [valeurs.get(n, NOIR) for n in ordre]

    def resoudre(self, e: ET.Element | None, defaut: str) -> str:
        if e is None:
            return defaut
        rgb = e.get("rgb")
        if rgb:
            return rgb[-6:].upper()
        if e.get("theme") is not None:
            i = int(e.get("theme"))
            base = self.theme[i] if i < len(self.theme) else defaut
        elif e.get("indexed") is not None:
            i = int(e.get("indexed"))
            base = _INDEXEES[i] if i < len(_INDEXEES) else defaut  # 64: system foreground, 65: background
        else:
            return defaut
        tint = float(e.get("tint", "0") or 0)
        return _teinte(base, tint) if tint else base


def couleur_police(police: ET.Element | None, c: Couleurs, defaut: str = NOIR) -> str:
    return c.resoudre(police.find(q("m", "color")) if police is not None else None, defaut)


def couleur_fond(fond: ET.Element | None, c: Couleurs, defaut: str | None = BLANC, dxf: bool = False) -> str | None:
    """The fill colour of a solid pattern (a differential format's solid fill is its bgColor), else `defaut`."""
    if fond is None:
        return defaut
    motif = fond.find(q("m", "patternFill"))
    if motif is None:
        return defaut
    type_ = motif.get("patternType", "solid" if dxf else "none")
    if type_ in ("none", ""):
        return defaut
    couleur = motif.find(q("m", "bgColor" if dxf else "fgColor"))
    if couleur is None:
        couleur = motif.find(q("m", "fgColor" if dxf else "bgColor"))
    return c.resoudre(couleur, defaut or BLANC) if couleur is not None else defaut


def grand(police: ET.Element | None) -> bool:
    if police is None:
        return False
    taille = police.find(q("m", "sz"))
    pt = float(taille.get("val", "11")) if taille is not None else 11.0
    gras = police.find(q("m", "b")) is not None and police.find(q("m", "b")).get("val", "1") not in ("0", "false")
    return pt >= 18 or (gras and pt >= 14)
