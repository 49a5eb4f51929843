"""COPIL pack: deck and PDF produced from the engine's numbers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.copil import figures, generer_copil
from nr_workbook.copil.synthese import lire
from nr_workbook.engine.sorties import indicateurs


@pytest.fixture(scope="module")
def exemple(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("copil") / "exemple.xlsx"
    construire_exemple().save(p)
    return p


def test_synthesis_uses_the_engine(exemple):
    sy = lire(exemple)
    assert sy.valeurs == indicateurs(Lecteur(exemple).donnees())
    assert len(sy.retenus) == 12 and len(sy.fiches) == 12
    assert sy.indicateur("NR_PART_RECONDITIONNE")[1] == "13,8 %"
    assert sum(a["Total"] for a in sy.budget) == 79_900
    assert any("sans dates" in a for a in sy.alertes)


def test_deck_and_pdf(exemple, tmp_path):
    deck, pdf = generer_copil(exemple, tmp_path / "copil")
    titres = [s.shapes[0].text_frame.paragraphs[0].text for s in Presentation(deck).slides]
    assert titres == ["Feuille de route numérique responsable", "Diagnostic quantitatif : les chiffres clés",
                      "Maturité par dimension", "Priorisation des leviers", "Leviers retenus et fiches actions",
                      "Planning", "Budget et moyens", "Ce que change le plan : trajectoire de l'empreinte",
                      "En équivalents", "Gouvernance et risques", "Décisions attendues du comité de pilotage"]
    texte = "\n".join(sh.text_frame.text for s in Presentation(deck).slides for sh in s.shapes if sh.has_text_frame)
    assert "79\u202f900 € HT" in texte
    trajectoire = Presentation(deck).slides[7]
    sous_titre = "\n".join(sh.text_frame.text for sh in trajectoire.shapes if sh.has_text_frame)
    assert "En 2030 : 17\u202f230 kgCO2e/an avec le plan, contre 23\u202f013 sans" in sous_titre, sous_titre
    tableau = next(sh.table for sh in trajectoire.shapes if sh.has_table)
    assert tableau.cell(1, 0).text == "Gain de l'allongement de la durée d'usage"
    assert tableau.cell(1, 1).text == "5\u202f393"
    assert any(sh.shape_type == 13 for sh in trajectoire.shapes)  # the chart, as a picture
    contenu = pdf.read_bytes()
    import pikepdf

    assert contenu.startswith(b"%PDF")
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) >= 4
    import subprocess

    if shutil.which("pdftotext"):
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
        page = next(p for p in pages if "Ce que change le plan" in p)
        assert "Gain total des scénarios" in page
        suite = " ".join("".join(pages[pages.index(page):]).split())
        assert "En équivalents" in suite and "allers-retours Paris – New York en avion" in suite
        assert "Ordres de grandeur indicatifs (ADEME, Impact CO2)" in suite


def test_the_equivalents_slide_speaks_in_everyday_items(exemple, tmp_path):
    """23 013 kgCO2e/an (over 10 t) and a gain of 5 782 kgCO2e/an (0.5 to 10 t), each in three of Impact CO2's
    items of its size band, with ADEME's caution beside them."""
    deck, _ = generer_copil(exemple, tmp_path / "copil")
    diapo = next(s for s in Presentation(deck).slides if s.shapes[0].text_frame.text == "En équivalents")
    tableau = next(sh.table for sh in diapo.shapes if sh.has_table)
    lignes = [[tableau.cell(r, c).text for c in range(3)] for r in range(len(tableau.rows))]
    assert lignes[0] == ["Chaque année", "Soit environ", "Équivalent"]
    assert lignes[1] == ["Empreinte carbone annuelle du parc : 23 013 kgCO2e/an", "11",
                         "allers-retours Paris – New York en avion"]
    assert [r[2] for r in lignes[4:]] == ["allers-retours Paris – New York en avion",
                                          "années d'empreinte carbone d'un Français", "ordinateurs portables"]
    assert lignes[4][1] == "2,8"  # 5 782 / 2 060
    texte = "\n".join(sh.text_frame.text for sh in diapo.shapes if sh.has_text_frame)
    assert "Ordres de grandeur indicatifs" in texte and "licence MIT" in texte


def test_figures_are_png():
    annee = {"Année": 2026.0, "Personnel": 1.0, "Prestations": 0.0, "Matériel": 2.0, "Investissement": 2.0,
             "Fonctionnement": 1.0, "Total": 3.0}
    assert figures.png(figures.budget([annee]))[:4] == b"\x89PNG"
    assert figures.png(figures.gantt([{"ID": "A-01", "Début": None, "Fin": None}]))[:4] == b"\x89PNG"


def test_cli_copil(exemple, tmp_path):
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["copil", str(exemple), "-o", str(tmp_path / "c")])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["copil-exemple.pptx", "synthese-exemple.pdf"]
