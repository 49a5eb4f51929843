"""Figures of the COPIL pack (matplotlib, Agg): what formulas and native charts cannot draw well.

Each function takes plain data computed by the engine and returns PNG bytes (or draws on a given axis).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from nr_workbook.contract import layout as L  # noqa: E402

BLEU = "#000091"
BLEU_CLAIR = "#6A6AF4"
ORANGE = "#E4794A"
ORANGE_TEXTE = "#A3410F"  # provider levers' labels: 5.9:1 on the lightest quadrant
GRIS = "#666666"
COULEURS_QUADRANTS = {L.QUADRANTS[0]: "#E2EFDA", L.QUADRANTS[1]: "#FFF2CC", L.QUADRANTS[2]: "#DDEBF7",
                      L.QUADRANTS[3]: "#F2F2F2"}
COULEURS_NATURES = ("#000091", "#6A6AF4", "#E4794A")

plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 10, "axes.spines.top": False,
                     "axes.spines.right": False})


def png(fig) -> bytes:
    tampon = io.BytesIO()
    fig.savefig(tampon, format="png", dpi=160, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    return tampon.getvalue()


def radar(scores: dict[str, float | None], libelles: dict[str, str], ax=None):
    """Maturity radar; a dimension without answers is drawn at 0 and marked "non évaluée"."""
    codes = list(scores)
    angles = [2 * math.pi * i / len(codes) for i in range(len(codes))]
    valeurs = [scores[c] if scores[c] is not None else 0 for c in codes]
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 5.2), subplot_kw={"polar": True})
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(angles + angles[:1], valeurs + valeurs[:1], color=BLEU, linewidth=2)
    ax.fill(angles + angles[:1], valeurs + valeurs[:1], color=BLEU_CLAIR, alpha=0.25)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.set_yticklabels(["25", "50", "75", "100"], color=GRIS, fontsize=8)
    ax.set_xticks(angles)
    ax.set_xticklabels([_couper(libelles[c] + ("\n(non évaluée)" if scores[c] is None else ""), 18) for c in codes],
                       fontsize=8.5)
    for a, v, c in zip(angles, valeurs, codes, strict=True):
        if scores[c] is not None:
            ax.annotate(f"{v:.0f}", (a, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8,
                        color=BLEU, fontweight="bold")
    return fig


def _couper(texte: str, largeur: int) -> str:
    lignes, courante = [], ""
    for mot in texte.split(" "):
        if len(courante) + len(mot) + 1 > largeur and courante:
            lignes.append(courante)
            courante = mot
        else:
            courante = f"{courante} {mot}".strip()
    lignes.append(courante)
    return "\n".join(lignes)


def matrice(leviers: list[dict[str, Any]], ax=None):
    """Pre-selected levers on the value × feasibility grid, in their quadrant; retained ones bold with a ✔."""
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 6.2))
    ax.set_xlim(0.5, 5.3)  # room for the labels of the levers at feasibility 4
    ax.set_ylim(0.5, 4.5)
    for (x0, y0), q in (((2.5, 2.5), L.QUADRANTS[0]), ((0.5, 2.5), L.QUADRANTS[1]), ((2.5, 0.5), L.QUADRANTS[2]),
                        ((0.5, 0.5), L.QUADRANTS[3])):
        ax.add_patch(Rectangle((x0, y0), 2.8 if x0 > 1 else 2, 2, color=COULEURS_QUADRANTS[q], zorder=0))
        ax.text(x0 + 0.05, y0 + 0.06, q, fontsize=11, fontweight="bold", color=GRIS, va="bottom", zorder=2)
    par_case: dict[tuple[float, float], list[dict]] = {}
    for lv in leviers:
        par_case.setdefault((float(lv["Faisabilité"]), float(lv["Valeur"])), []).append(lv)
    for (f, v), groupe in par_case.items():
        for k, lv in enumerate(groupe):
            dy = 0.32 - 0.16 * k if len(groupe) > 1 else 0
            prestataire = lv.get("Cible") == "Prestataire"  # orange, and a square and « (P) » too: not colour alone
            couleur = ORANGE_TEXTE if prestataire else BLEU
            retenu = str(lv.get("Retenu")).casefold() == "oui"
            ax.plot(f, v + dy, "s" if prestataire else "o", color=couleur, markersize=7 if retenu else 5, zorder=3)
            ax.text(f + 0.06, v + dy, ("✔ " if retenu else "") + str(lv["ID"]) + (" (P)" if prestataire else ""),
                    fontsize=7.5, va="center", fontweight="bold" if retenu else "normal", color=couleur, zorder=4)
    ax.set_xticks([1, 2, 3, 4])
    ax.set_yticks([1, 2, 3, 4])
    ax.set_xlabel("Faisabilité (1 faible – 4 forte)")
    ax.set_ylabel("Valeur (1 faible – 4 forte)")
    ax.axvline(2.5, color="white", linewidth=3)
    ax.axhline(2.5, color="white", linewidth=3)
    ax.set_title("Matrice valeur × faisabilité des leviers présélectionnés (✔ retenus ; ■ (P) : prestataire)",
                 fontsize=10)
    return fig


def gantt(fiches: list[dict[str, Any]], ax=None):
    """One bar per fiche with both dates; fiches without dates are listed as such."""
    datees = [f for f in fiches if isinstance(f.get("Début"), dt.date) and isinstance(f.get("Fin"), dt.date)]
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, max(2.5, 0.38 * len(fiches) + 1.2)))
    noms = [f"{f['ID']}" for f in fiches]
    for i, f in enumerate(fiches):
        if f in datees:
            debut, fin = f["Début"], f["Fin"]
            ax.barh(i, (fin - debut).days or 1, left=debut, color=BLEU_CLAIR if fin >= debut else "#C00000",
                    height=0.6)
        else:
            ax.text(0.01, i, "dates à renseigner", transform=ax.get_yaxis_transform(), va="center", fontsize=8,
                    color=GRIS, style="italic")
    ax.set_yticks(range(len(fiches)))
    ax.set_yticklabels(noms, fontsize=8)
    ax.invert_yaxis()
    if datees:
        import matplotlib.dates as mdates

        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=3))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
        ax.tick_params(axis="x", labelsize=8)
    else:
        ax.set_xticks([])
    ax.set_title("Planning des fiches actions", fontsize=10)
    ax.grid(axis="x", color="#DDDDDD")
    return fig


def budget(annees: list[dict[str, Any]], ax=None):
    """Stacked bars per year by nature (€ HT)."""
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4))
    x = [str(int(a["Année"])) if a.get("Année") is not None else f"année {i + 1}" for i, a in enumerate(annees)]
    bas = [0.0] * len(annees)
    for nature, couleur in zip(L.NATURES_BUDGET, COULEURS_NATURES, strict=True):
        valeurs = [a[nature] for a in annees]
        ax.bar(x, valeurs, bottom=bas, color=couleur, label=nature, width=0.6)
        bas = [b + v for b, v in zip(bas, valeurs, strict=True)]
    for i, a in enumerate(annees):
        if a["Total"]:
            ax.text(i, bas[i], f"{a['Total']:,.0f} €".replace(",", "\u202f"), ha="center", va="bottom", fontsize=8)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", "\u202f")))
    ax.legend(frameon=False, fontsize=8, ncols=3, loc="upper right")
    ax.set_title("Budget par année et par nature (€ HT)", fontsize=10)
    return fig


def trajectoire(lignes: list[dict[str, Any]], ax=None):
    """The fleet's yearly footprint over the roadmap's horizon, without and with the plan (kgCO2e)."""
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4))
    x = [str(int(r["Année"])) for r in lignes]
    sans = [r["Sans le plan (kgCO2e)"] for r in lignes]
    avec = [r["Avec le plan (kgCO2e)"] for r in lignes]
    ax.plot(x, sans, color=GRIS, linewidth=2, linestyle="--", marker="o", label="Sans le plan")
    ax.plot(x, avec, color=BLEU, linewidth=2.5, marker="o", label="Avec le plan")
    ax.fill_between(x, avec, sans, color=BLEU, alpha=0.12)
    for i, r in enumerate(lignes):
        if r["Gain du plan (kgCO2e)"]:
            ax.annotate(f"−{r['Gain du plan (kgCO2e)']:,.0f}".replace(",", "\u202f"), (i, avec[i]),
                        textcoords="offset points", xytext=(0, -14), ha="center", fontsize=8, color=BLEU)
    haut = max(sans + [1.0])
    ax.set_ylim(0, haut * 1.15)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", "\u202f")))
    ax.legend(frameon=False, fontsize=9, loc="lower left")
    ax.set_title("Empreinte carbone annuelle du parc (kgCO2e)", fontsize=10)
    ax.grid(axis="y", color="#DDDDDD")
    return fig
