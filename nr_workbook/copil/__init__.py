"""COPIL pack (step 5): a PowerPoint deck and a PDF synthesis built from a workbook by the engine."""

from __future__ import annotations

from pathlib import Path

from nr_workbook.copil import diaporama, pdf
from nr_workbook.copil.synthese import lire


def generer_copil(classeur: Path, dossier: Path) -> list[Path]:
    """Write `copil-<file>.pptx` and `synthese-<file>.pdf` into `dossier`; returns their paths."""
    sy = lire(classeur)
    base = classeur.stem
    return [diaporama.construire(sy, dossier / f"copil-{base}.pptx"),
            pdf.construire(sy, dossier / f"synthese-{base}.pdf")]
