"""The workbook printed: every visible sheet of a saved workbook as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

What a spreadsheet's own PDF export cannot give (Calc tags every cell as a paragraph): headings (the document's
title, each sheet's title, its section titles), tables with header cells (each Excel table, each block of bold
column headers, each block of bold labels and their values), the charts drawn again with their alternative text,
French (/Lang fr-FR) and the title shown in the window.

The figures are the values saved in the file (every formula cell carries its computed value,
`classeur.enregistrement`): nothing is recalculated here. Hidden sheets, rows and columns stay hidden; empty rows of
a table are left out. Tables wider than `COLONNES_MAX` are printed one record at a time (label, value).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import range_boundaries, range_to_tuple
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur.archive import date_des_documents
from nr_workbook.classeur.texte_alternatif import lire as lire_alternatives
from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil.graphiques_classeur import dessiner
from nr_workbook.copil.pdf import document, ecrire_pdf

COLONNES_MAX = 10
MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre")
TAILLE_TITRE = 14  # a cell alone on its row in a bold font this size or larger titles its sheet
TAILLE_SECTION = 11.5  # ... this size or larger titles a section

_CSS = """
@page { size: A4 landscape; margin: 14mm 13mm 16mm 13mm;
        @bottom-left { content: string(feuille); font-size: 7.5pt; color: #595959; }
        @bottom-right { content: "page " counter(page) " / " counter(pages); font-size: 7.5pt; color: #595959; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #1e1e1e; }
h1 { color: #000091; font-size: 18pt; margin: 0 0 2mm 0; }
h2 { color: #000091; font-size: 14pt; margin: 0 0 2mm 0; string-set: feuille content(); }
h3 { color: #000091; font-size: 11pt; margin: 4mm 0 1.5mm 0; page-break-after: avoid; }
p { margin: 0.8mm 0; }
p.sous-titre, p.note { color: #595959; }
section.feuille { page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 3mm 0; }
caption { text-align: left; font-weight: bold; color: #000091; padding: 1mm 0; }
th { background: #000091; color: #ffffff; text-align: left; vertical-align: top; padding: 1mm 1.2mm; }
th[scope="row"] { background: #E3E3FD; color: #1e1e1e; width: 30%; }
td { border-bottom: 0.3pt solid #7f7f7f; padding: 0.8mm 1.2mm; vertical-align: top; }
td.nombre { text-align: right; white-space: nowrap; }
td.aide { color: #595959; font-size: 7.5pt; }
table.libelles td { width: 35%; }
tr { page-break-inside: avoid; }
table.fiche { width: 70%; page-break-inside: avoid; }
figure { margin: 3mm 0; page-break-inside: avoid; }
img { display: block; max-width: 100%; max-height: 120mm; }
figcaption { color: #595959; font-size: 8pt; font-style: italic; }
nav ol { columns: 2; }
"""


def afficher(v: Any, format_: str = "General") -> str:
    """A cell's value as Excel shows it in French: the format's decimals, thousands separator, percent, dates."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "VRAI" if v else "FAUX"
    if isinstance(v, (dt.datetime, dt.date)):
        if "d" not in format_.lower() and "m" in format_.lower():
            return f"{MOIS[v.month - 1]} {v.year}"
        return f"{v:%d/%m/%Y}"
    if not isinstance(v, (int, float)):
        return str(v).strip()
    section = format_.split(";")[0]
    if section in ("General", "@", ""):
        return nombre_fr(v, 0) if float(v).is_integer() else nombre_fr(v, 2).rstrip("0").rstrip(",")
    decimales = len(m.group(1)) if (m := re.search(r"\.([0#]+)", section)) else 0
    if "%" in section:
        return nombre_fr(v * 100, decimales) + " %"
    texte = nombre_fr(v, decimales)
    if "," not in section.split(".")[0]:
        texte = texte.replace("\u202f", "")
    return texte + (" €" if "€" in section else "")


@dataclass
class _Cellule:
    colonne: int
    texte: str
    gras: bool
    taille: float
    nombre: bool


@dataclass
class _Feuille:
    """The sheet as read: visible cells with text, tables by header row, figures by anchor row."""
    ws: Worksheet
    colonnes_cachees: set[int] = field(default_factory=set)
    lignes_cachees: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        for d in self.ws.column_dimensions.values():
            if d.hidden and d.min:
                self.colonnes_cachees.update(range(d.min, (d.max or d.min) + 1))
        self.lignes_cachees = {i for i, d in self.ws.row_dimensions.items() if d.hidden}

    def cellules(self, ligne: int, colonnes: range | None = None) -> list[_Cellule]:
        out = []
        for c in self.ws[ligne] if colonnes is None else (self.ws.cell(ligne, j) for j in colonnes):
            if not isinstance(c, Cell) or c.column in self.colonnes_cachees:
                continue
            texte = afficher(c.value, c.number_format or "General")
            if texte:
                out.append(_Cellule(c.column, texte, bool(c.font and c.font.b), float(c.font.sz or 11) if c.font
                                    else 11.0, isinstance(c.value, (int, float)) and not isinstance(c.value, bool)))
        return out


def _td(c: _Cellule | None) -> str:
    if c is None:
        return "<td></td>"
    return f'<td class="nombre">{escape(c.texte)}</td>' if c.nombre else f"<td>{escape(c.texte)}</td>"


def _grille(entetes: list[_Cellule], lignes: list[list[_Cellule]], legende: str = "") -> str:
    """A table with column headers; records wider than COLONNES_MAX are printed one at a time."""
    if not lignes:
        return ""
    if len(entetes) > COLONNES_MAX:
        return "".join(_fiche(entetes, ligne) for ligne in lignes)
    tete = "".join(f'<th scope="col">{escape(e.texte)}</th>' for e in entetes)
    corps = "".join("<tr>" + "".join(_td(next((c for c in ligne if c.colonne == e.colonne), None)) for e in entetes)
                    + "</tr>" for ligne in lignes)
    titre = f"<caption>{escape(legende)}</caption>" if legende else ""
    return f"<table>{titre}<thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


def _fiche(entetes: list[_Cellule], ligne: list[_Cellule]) -> str:
    valeurs = {c.colonne: c for c in ligne}
    titre = " – ".join(valeurs[e.colonne].texte for e in entetes[:2] if e.colonne in valeurs)
    corps = "".join(f'<tr><th scope="row">{escape(e.texte)}</th>{_td(valeurs[e.colonne])}</tr>'
                    for e in entetes[2:] if e.colonne in valeurs)
    return f'<table class="fiche"><caption>{escape(titre)}</caption><tbody>{corps}</tbody></table>'


def _libelles(lignes: list[list[_Cellule]]) -> str:
    """Bold labels, their values (the next column) and their help (further right): a table whose header cells are
    the row labels (identity, parameters)."""
    corps = []
    for ligne in lignes:
        libelle, reste = ligne[0], ligne[1:]
        valeur = [c for c in reste if c.colonne == libelle.colonne + 1]
        aide = [c for c in reste if c.colonne != libelle.colonne + 1]
        corps.append(f'<tr><th scope="row">{escape(libelle.texte)}</th>{_td(valeur[0] if valeur else None)}'
                     f'<td class="aide">{"<br>".join(escape(c.texte) for c in aide)}</td></tr>')
    return f"<table class=\"libelles\"><tbody>{''.join(corps)}</tbody></table>"


class _Redaction:
    """Walks one sheet row by row and writes its blocks."""

    def __init__(self, feuille: _Feuille, figures: dict[int, list[str]]):
        self.f = feuille
        self.figures = figures
        self.parties: list[str] = []
        self.titre = False
        self.entetes: list[_Cellule] = []
        self.donnees: list[list[_Cellule]] = []
        self.libelles: list[list[_Cellule]] = []

    def fermer(self) -> None:
        if self.entetes:
            self.parties.append(_grille(self.entetes, self.donnees) if self.donnees else
                                "<p><strong>" + escape(" · ".join(e.texte for e in self.entetes)) + "</strong></p>")
        if self.libelles:
            self.parties.append(_libelles(self.libelles))
        self.entetes, self.donnees, self.libelles = [], [], []

    def table(self, nom: str, plage: str) -> int:
        self.fermer()
        c1, l1, c2, l2 = range_boundaries(plage)
        colonnes = range(c1, c2 + 1)
        entetes = self.f.cellules(l1, colonnes)
        lignes = [cells for i in range(l1 + 1, l2 + 1) if i not in self.f.lignes_cachees
                  and (cells := self.f.cellules(i, colonnes))]
        self.parties.append(_grille(entetes, lignes) or f'<p class="note">Tableau {escape(nom)} : aucune ligne '
                                                          "saisie.</p>")
        return l2

    def ligne(self, cellules: list[_Cellule]) -> None:
        seule = len(cellules) == 1
        if seule and cellules[0].gras and cellules[0].taille >= TAILLE_SECTION:
            self.fermer()
            niveau = "h3" if self.titre or cellules[0].taille < TAILLE_TITRE else "h2"
            self.titre = True
            self.parties.append(f"<{niveau}>{escape(cellules[0].texte)}</{niveau}>")
        elif len(cellules) >= 2 and all(c.gras for c in cellules):
            self.fermer()
            self.entetes = cellules
        elif self.entetes:
            self.donnees.append(cellules)
        elif cellules[0].gras and (len(cellules) >= 2 or self.libelles):
            self.libelles.append(cellules)
        else:
            self.fermer()
            texte = " · ".join(escape(c.texte) for c in cellules)
            self.parties.append(f"<p><strong>{texte}</strong></p>" if seule and cellules[0].gras else f"<p>{texte}</p>")

    def rediger(self, tables: dict[int, tuple[str, str]]) -> str:
        ws = self.f.ws
        i = 1
        while i <= ws.max_row:
            for figure in self.figures.pop(i, []):
                self.fermer()
                self.parties.append(figure)
            if i in tables:
                i = self.table(*tables[i]) + 1
                continue
            cellules = [] if i in self.f.lignes_cachees else self.f.cellules(i)
            if cellules:
                self.ligne(cellules)
            else:
                self.fermer()
            i += 1
        self.fermer()
        self.parties += [f for _, fs in sorted(self.figures.items()) for f in fs]
        if not self.titre:
            self.parties.insert(0, f"<h2>{escape(ws.title)}</h2>")
        return "".join(self.parties)


def _lecteur(wb):
    def lire(ref: str) -> list[Any]:
        try:
            feuille, (c1, l1, c2, l2) = range_to_tuple(ref if "!" in ref else f"'x'!{ref}")
        except (ValueError, TypeError):
            return []
        if feuille not in wb.sheetnames:
            return []
        return [v for ligne in wb[feuille].iter_rows(min_row=l1, max_row=l2, min_col=c1, max_col=c2,
                                                        values_only=True) for v in ligne]
    return lire


def _figures(ws: Worksheet, alternatives: list[tuple[str, str]], lire) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for rang, chart in enumerate(ws._charts):
        titre, alt = alternatives[rang] if rang < len(alternatives) else ("", "")
        image = dessiner(chart, lire)
        if image is None:
            continue
        donnees = base64.b64encode(image).decode("ascii")
        ancre = getattr(getattr(chart.anchor, "_from", None), "row", ws.max_row) + 1
        out.setdefault(ancre, []).append(
            f'<figure><img src="data:image/png;base64,{donnees}" alt="{escape(alt or titre, quote=True)}">'
            f"<figcaption>{escape(titre)} (graphique de la feuille {escape(ws.title)})</figcaption></figure>")
    return out


def html(classeur: Path) -> str:
    wb = openpyxl.load_workbook(classeur, data_only=True)
    alternatives = lire_alternatives(classeur)
    lire = _lecteur(wb)
    nom = wb.defined_names.get("NR_COLLECTIVITE")
    collectivite = next((str(v) for v in lire(nom.attr_text) if v), "") if nom is not None else ""
    titre = "Stratégie numérique responsable" + (f" – {collectivite}" if collectivite else "")
    visibles = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    sommaire = "".join(f'<li><a href="#feuille-{i}">{escape(ws.title)}</a></li>' for i, ws in enumerate(visibles))
    sections = []
    for i, ws in enumerate(visibles):
        tables = {range_boundaries(t.ref)[1]: (t.displayName, t.ref) for t in ws.tables.values()}
        figures = _figures(ws, alternatives.get(ws.title, []), lire)
        sections.append(f'<section class="feuille" id="feuille-{i}" aria-label="Feuille {escape(ws.title, True)}">'
                        f"{_Redaction(_Feuille(ws), figures).rediger(tables)}</section>")
    entete = (f"<h1>{escape(titre)}</h1><p class=\"sous-titre\">Classeur {escape(classeur.name)} imprimé le "
              f"{date_des_documents():%d/%m/%Y} – méthode de l'ANCT (loi REEN). Les nombres sont ceux enregistrés "
              f"dans le classeur.</p><nav aria-label=\"Sommaire\"><p><strong>Feuilles</strong></p><ol>{sommaire}</ol>"
              "</nav>")
    return document(titre, collectivite or "nr_workbook", "Diagnostic et feuille de route numérique responsable, "
                    "feuille par feuille", "numérique responsable, REEN, ANCT", _CSS, entete + "".join(sections))


def imprimer(classeur: Path, pdf: Path) -> Path:
    """Writes the tagged PDF of the workbook; returns its path."""
    return ecrire_pdf(html(classeur), pdf)


__all__ = ["afficher", "html", "imprimer"]
