"""Alternative text of the charts of a workbook (Microsoft's Accessibility Checker rule « Texte de remplacement
manquant », EN 301 549 §10.1.1.1): a title and a description of what the chart shows, with its figures when they
are few, written on the drawing's `cNvPr` (`title`, `descr`) as Excel writes them.

The writers say what a chart shows (`cells.graphique`); the figures are read at save time from the cells the chart
plots, with the values the evaluator computed for the formulas among them.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from openpyxl.chart._chart import ChartBase
from openpyxl.workbook.workbook import Workbook

from nr_workbook.classeur.calcul.evaluation import Evaluateur
from nr_workbook.classeur.calcul.valeurs import Erreur, Ref, Tableau
from nr_workbook.classeur.paquet import Paquet
from nr_workbook.contract.affichage import nombre_fr

POINTS_MAX = 12  # beyond, the description sends the reader to the table the chart plots
_CNVPR = re.compile(r"<(?P<p>xdr:)?cNvPr (?P<attrs>[^>]*?)(?P<fin>/?>)")


def titre_graphique(chart: ChartBase) -> str:
    t = chart.title
    if t is None:
        return ""
    if isinstance(t, str):
        return t
    try:  # openpyxl's Title: rich text runs
        return "".join(r.t for p in t.tx.rich.p for r in (p.r or []))
    except AttributeError:
        return ""


def _texte(v: Any, categorie: bool = False) -> str:
    if isinstance(v, bool) or v is None or isinstance(v, Erreur):
        return ""
    if categorie and isinstance(v, float) and v.is_integer():
        return str(int(v))  # a year, a rank
    if isinstance(v, float):
        return nombre_fr(v, 0 if abs(v) >= 100 or v.is_integer() else 2)
    return str(v)


def _valeurs(e: Evaluateur, ref: str | None, feuille: str) -> list[Any]:
    if not ref:
        return []
    r = e.ref(ref, feuille)
    if not isinstance(r, Ref):
        return []
    t = e.valeurs(r)
    return t.v if isinstance(t, Tableau) else []


def chiffres(chart: ChartBase, e: Evaluateur, feuille: str) -> str:
    """The plotted figures as sentences ("Fabrication : Ordinateur portable 1 234, Écran 567."), or where to read
    them when there are too many."""
    phrases = []
    for s in chart.series:
        vals_ref = getattr(getattr(s.val, "numRef", None), "f", None) if s.val is not None else None
        cat = s.cat
        cats_ref = None
        if cat is not None:
            cats_ref = getattr(getattr(cat, "strRef", None), "f", None) or getattr(getattr(cat, "numRef", None),
                                                                                    "f", None)
        valeurs = _valeurs(e, vals_ref, feuille)
        categories = _valeurs(e, cats_ref, feuille) or [f"point {i + 1}" for i in range(len(valeurs))]
        nom = ""
        if s.tx is not None and s.tx.strRef is not None:
            nom = _texte(next(iter(_valeurs(e, s.tx.strRef.f, feuille)), ""))
        elif s.tx is not None and s.tx.v:
            nom = s.tx.v
        points = [(_texte(c, True), _texte(v)) for c, v in zip(categories, valeurs, strict=False)
                  if _texte(v) and _texte(c, True)]
        if not points:
            phrases.append(f"{nom or 'Série'} : aucune valeur pour l'instant.")
        elif len(points) > POINTS_MAX:
            phrases.append(f"{nom or 'Série'} : {len(points)} valeurs, détaillées dans le tableau de la feuille.")
        else:
            phrases.append(f"{nom + ' : ' if nom else ''}" + ", ".join(f"{c} {v}" for c, v in points) + ".")
    return " ".join(phrases)


def textes(wb: Workbook, e: Evaluateur) -> dict[str, list[tuple[str, str]]]:
    """Per sheet, (title, description) of each chart in the order openpyxl writes them."""
    out = {}
    for ws in wb.worksheets:
        if not ws._charts:
            continue
        out[ws.title] = []
        for chart in ws._charts:
            titre = titre_graphique(chart) or "Graphique"
            description = getattr(chart, "nr_description", "") or f"Graphique « {titre} »."
            out[ws.title].append((titre, f"{description} {chiffres(chart, e, ws.title)}".strip()))
    return out


def poser(xml: str, alternatives: list[tuple[str, str]]) -> str:
    """A drawing part with the i-th frame's `cNvPr` given the i-th (title, description)."""
    rang = iter(alternatives)

    def remplacer(m: re.Match) -> str:
        try:
            titre, description = next(rang)
        except StopIteration:
            return m.group(0)
        attrs = re.sub(r'\s(?:descr|title)="[^"]*"', "", m.group("attrs")).rstrip()
        prefixe = m.group("p") or ""
        return f"<{prefixe}cNvPr {attrs} descr={quoteattr(description)} title={quoteattr(titre)}{m.group('fin')}"

    return _CNVPR.sub(remplacer, xml)


def lire(classeur: Path) -> dict[str, list[tuple[str, str]]]:
    """Per sheet, in tab order, (title, description) of each chart as the saved file gives them (drawing order)."""
    out: dict[str, list[tuple[str, str]]] = {}
    with Paquet(classeur) as p:
        for f in p.feuilles:
            r = p.relation(f.partie, "drawing")
            if r is None or r.cible not in p.noms:
                continue
            xml = p.octets(r.cible).decode()
            textes = []
            for m in _CNVPR.finditer(xml):
                attrs = m.group("attrs")
                titre = re.search(r'\stitle="([^"]*)"', attrs)
                descr = re.search(r'\sdescr="([^"]*)"', attrs)
                if descr:
                    textes.append((unescape(titre.group(1)) if titre else "", unescape(descr.group(1))))
            if textes:
                out[f.nom] = textes
    return out
