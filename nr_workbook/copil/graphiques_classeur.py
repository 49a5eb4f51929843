"""A workbook's native charts drawn again by matplotlib, from the values the saved file holds, for the printed
workbook (`impression`): radar, bar and column (clustered or stacked), line; other kinds are not drawn (their
alternative text still stands in the PDF).

Series are told apart by more than colour (WCAG 1.4.1): hatches on bars, dash and marker on lines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from openpyxl.chart._chart import ChartBase

from nr_workbook.classeur.texte_alternatif import titre_graphique
from nr_workbook.copil import figures as G

plt = G.plt
COULEURS = (G.BLEU, G.ORANGE, "#18753C", G.GRIS, G.BLEU_CLAIR)
HACHURES = ("", "//", "..", "xx", "\\\\")
TRAITS = (("-", "o"), ("--", "s"), (":", "^"), ("-.", "D"), ("-", "v"))

Lecteur = Callable[[str], list[Any]]  # a reference ("'Feuille'!$A$1:$A$9") -> its values, row by row


def _ref(source: Any) -> str | None:
    if source is None:
        return None
    for attribut in ("numRef", "strRef"):
        r = getattr(source, attribut, None)
        if r is not None and r.f:
            return r.f
    return None


def _nombre(v: Any) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan


def _etiquette(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def series(chart: ChartBase, lire: Lecteur) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """The chart's categories and its (name, values) series, read from the cells it plots."""
    categories: list[str] = []
    out = []
    for i, s in enumerate(chart.series):
        ref = _ref(s.val)
        valeurs = [_nombre(v) for v in (lire(ref) if ref else [])]
        cats = _ref(s.cat)
        if cats and not categories:
            categories = [_etiquette(v) for v in lire(cats)]
        nom = f"Série {i + 1}"
        if s.tx is not None and s.tx.strRef is not None:
            nom = _etiquette(next(iter(lire(s.tx.strRef.f)), "")) or nom
        elif s.tx is not None and s.tx.v:
            nom = s.tx.v
        out.append((nom, valeurs))
    n = max((len(v) for _, v in out), default=0)
    categories = (categories + [f"point {i + 1}" for i in range(len(categories), n)])[:n]
    return categories, out


def _titre_axe(axe: Any) -> str:
    t = getattr(axe, "title", None)
    if t is None:
        return ""
    try:
        return "".join(r.t for p in t.tx.rich.p for r in (p.r or []))
    except AttributeError:
        return ""


def _couper(texte: str, largeur: int = 28) -> str:
    return texte if len(texte) <= largeur else texte[: largeur - 1] + "…"


def _radar(ax, categories, donnees) -> None:
    angles = [2 * math.pi * i / len(categories) for i in range(len(categories))]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    for i, (nom, v) in enumerate(donnees):
        valeurs = [0 if math.isnan(x) else x for x in v]
        trait, marque = TRAITS[i % len(TRAITS)]
        ax.plot(angles + angles[:1], valeurs + valeurs[:1], color=COULEURS[i % len(COULEURS)], linestyle=trait,
                marker=marque, linewidth=2, label=nom)
        ax.fill(angles + angles[:1], valeurs + valeurs[:1], color=COULEURS[i % len(COULEURS)], alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels([_couper(c, 22) for c in categories], fontsize=8)


def _barres(ax, chart, categories, donnees) -> None:
    horizontal = getattr(chart, "type", "col") == "bar"
    empile = getattr(chart, "grouping", "clustered") in ("stacked", "percentStacked")
    positions = list(range(len(categories)))
    largeur = 0.8 if empile or len(donnees) == 1 else 0.8 / len(donnees)
    base = [0.0] * len(categories)
    for i, (nom, v) in enumerate(donnees):
        valeurs = [0.0 if math.isnan(x) else x for x in v]
        decalage = 0 if empile else (i - (len(donnees) - 1) / 2) * largeur
        pos = [p + decalage for p in positions]
        style = {"color": COULEURS[i % len(COULEURS)], "hatch": HACHURES[i % len(HACHURES)], "edgecolor": "white",
                 "label": nom}
        if horizontal:
            ax.barh(pos, valeurs, height=largeur, left=base if empile else None, **style)
        else:
            ax.bar(pos, valeurs, width=largeur, bottom=base if empile else None, **style)
        if empile:
            base = [b + x for b, x in zip(base, valeurs, strict=True)]
    etiquettes = [_couper(c) for c in categories]
    if horizontal:
        ax.set_yticks(positions, etiquettes, fontsize=8)
        ax.invert_yaxis()
    else:
        ax.set_xticks(positions, etiquettes, fontsize=8, rotation=0 if len(categories) <= 6 else 45,
                      ha="center" if len(categories) <= 6 else "right")


def _lignes(ax, categories, donnees) -> None:
    for i, (nom, v) in enumerate(donnees):
        trait, marque = TRAITS[i % len(TRAITS)]
        ax.plot(range(len(v)), v, color=COULEURS[i % len(COULEURS)], linestyle=trait, marker=marque, linewidth=2,
                label=nom)
    ax.set_xticks(range(len(categories)), categories, fontsize=8)


def dessiner(chart: ChartBase, lire: Lecteur) -> bytes | None:
    """PNG of the chart, or None for a kind this module does not draw or a chart without any series."""
    genre = type(chart).__name__
    if genre not in ("RadarChart", "BarChart", "LineChart"):
        return None
    categories, donnees = series(chart, lire)
    if not donnees or not categories:
        return None
    if genre == "RadarChart":
        fig, ax = plt.subplots(figsize=(6.2, 5), subplot_kw={"polar": True})
        _radar(ax, categories, donnees)
    else:
        fig, ax = plt.subplots(figsize=(8, max(3.2, 0.32 * len(categories)) if getattr(chart, "type", "") == "bar"
                                        else 4))
        _barres(ax, chart, categories, donnees) if genre == "BarChart" else _lignes(ax, categories, donnees)
        horizontal = getattr(chart, "type", "") == "bar"
        categorie, valeur = _titre_axe(chart.x_axis), _titre_axe(chart.y_axis)
        ax.set_xlabel(valeur if horizontal else categorie, fontsize=9)
        ax.set_ylabel(categorie if horizontal else valeur, fontsize=9)
        ax.grid(axis="x" if horizontal else "y", color="#D9D9D9", linewidth=0.6)
    ax.set_title(titre_graphique(chart), fontsize=11, color=G.BLEU, loc="left")
    if len(donnees) > 1:
        ax.legend(fontsize=8, frameon=False, loc="best")
    return G.png(fig)
