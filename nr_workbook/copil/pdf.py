"""The COPIL synthesis as an A4 PDF (matplotlib): key figures and radar, matrix and levers, planning and budget."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages

from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil import figures as G
from nr_workbook.copil.synthese import CLES, Synthese

A4 = (8.27, 11.69)


def _entete(fig, sy: Synthese, titre: str, page: int) -> None:
    fig.text(0.06, 0.965, titre, fontsize=15, fontweight="bold", color=G.BLEU)
    fig.text(0.06, 0.945, f"{sy.collectivite} – feuille de route numérique responsable – {sy.date:%d/%m/%Y}",
             fontsize=9, color=G.GRIS)
    fig.text(0.94, 0.02, f"page {page}", fontsize=8, color=G.GRIS, ha="right")


def construire(sy: Synthese, chemin: Path) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with PdfPages(chemin) as pdf:
        fig = plt.figure(figsize=A4)
        _entete(fig, sy, "Synthèse du diagnostic", 1)
        y = 0.9
        for nom in CLES:
            libelle, valeur, unite = sy.indicateur(nom)
            fig.text(0.08, y, libelle, fontsize=10)
            fig.text(0.72, y, valeur, fontsize=11, fontweight="bold", color=G.BLEU, ha="right")
            fig.text(0.74, y, unite, fontsize=9, color=G.GRIS)
            y -= 0.028
        source = sy.valeurs.get("NR_DEEE_SOURCE")
        if source:
            base = ("pesées des bordereaux" if source == "Bordereaux"
                    else "estimation à partir de l'inventaire (lignes réformées)")
            fig.text(0.08, y, f"DEEE : {base}.", fontsize=8, color=G.GRIS, style="italic")
        ax = fig.add_axes([0.17, 0.08, 0.66, 0.5], polar=True)
        G.radar(sy.scores, sy.libelles, ax=ax)
        fig.text(0.5, 0.62, f"Maturité : score global {sy.indicateur('NR_SCORE_GLOBAL')[1]} / 100, niveau "
                 f"« {sy.valeurs.get('NR_NIVEAU_MATURITE') or 'non évalué'} »", ha="center", fontsize=11,
                 fontweight="bold")
        pdf.savefig(fig)
        plt.close(fig)

        fig = plt.figure(figsize=A4)
        _entete(fig, sy, "Leviers : priorisation et sélection", 2)
        ax = fig.add_axes([0.1, 0.52, 0.84, 0.38])
        G.matrice(sy.preselectionnes, ax=ax)
        y = 0.46
        fig.text(0.06, y, f"{len(sy.retenus)} leviers retenus", fontsize=11, fontweight="bold")
        for r in sy.retenus[:18]:
            y -= 0.021
            fig.text(0.08, y, f"{r['ID']} – {str(r.get('Levier') or '')[:95]}", fontsize=8)
        for alerte in sy.alertes:
            y -= 0.025
            fig.text(0.06, y, "⚠ " + alerte, fontsize=8.5, color="#C00000")
        pdf.savefig(fig)
        plt.close(fig)

        fig = plt.figure(figsize=A4)
        total = sy.valeurs.get("NR_BUDGET_TOTAL_EUR") or 0
        _entete(fig, sy, "Planning et budget", 3)
        ax = fig.add_axes([0.22, 0.5, 0.72, 0.4])
        G.gantt(sy.fiches, ax=ax)
        ax = fig.add_axes([0.12, 0.08, 0.82, 0.32])
        G.budget(sy.budget, ax=ax)
        fig.text(0.06, 0.44, f"Budget total : {nombre_fr(total, 0)} € HT – moyens humains : "
                 f"{nombre_fr(sy.valeurs.get('NR_ETP_TOTAL') or 0, 2)} ETP – {len(sy.fiches)} fiches actions",
                 fontsize=10, fontweight="bold")
        pdf.savefig(fig)
        plt.close(fig)

        if sy.trajectoire:
            fig = plt.figure(figsize=A4)
            _entete(fig, sy, "Ce que change le plan : gains et trajectoire", 4)
            y = 0.9
            for libelle, valeur, unite in sy.gains:
                fig.text(0.08, y, libelle, fontsize=10)
                fig.text(0.72, y, valeur, fontsize=11, fontweight="bold", color=G.BLEU, ha="right")
                fig.text(0.74, y, unite, fontsize=9, color=G.GRIS)
                y -= 0.028
            fig.text(0.08, y - 0.01, "Hypothèses de la feuille Scénarios ; chaque gain compte à partir du début de la "
                     "première fiche retenue qui l'apporte.", fontsize=8, color=G.GRIS, style="italic")
            ax = fig.add_axes([0.12, 0.1, 0.82, 0.45])
            G.trajectoire(sy.trajectoire, ax=ax)
            pdf.savefig(fig)
            plt.close(fig)
    return chemin
