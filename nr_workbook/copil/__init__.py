"""COPIL pack (step 5): a PowerPoint deck and a PDF synthesis built from a workbook by the engine."""

from __future__ import annotations

from pathlib import Path

from nr_workbook.copil import diaporama, pdf
from nr_workbook.copil.synthese import Synthese, lire


def ecrire_copil(sy: Synthese, base: str, dossier: Path) -> list[Path]:
    """Write `copil-<base>.pptx` and `synthese-<base>.pdf` into `dossier`; returns their paths."""
    return [diaporama.construire(sy, dossier / f"copil-{base}.pptx"),
            pdf.construire(sy, dossier / f"synthese-{base}.pdf")]


def generer_copil(classeur: Path, dossier: Path) -> list[Path]:
    return ecrire_copil(lire(classeur), classeur.stem, dossier)
