"""Accessible outputs, rule by rule with counts: every workbook we write passes the checker
(`classeur/conformite/accessibilite.py`), and a template of before issue 18 shows what each rule catches."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from nr_workbook.classeur.conformite.accessibilite import verifier_accessibilite
from nr_workbook.classeur.conformite.contraste import rapport
from nr_workbook.classeur.writer import styles as S
from tests.produits import classeurs

VERSIONS = Path(__file__).parent / "donnees" / "versions"


def test_every_workbook_we_write_passes_each_accessibility_rule(produits):
    for genre, chemin in classeurs(produits).items():
        if chemin.suffix == ".xlam":
            continue  # an add-in shows no sheet
        assert Counter(a.type for a in verifier_accessibilite(chemin)) == Counter(), genre


def test_each_chart_states_what_it_shows_with_its_figures(produits):
    with zipfile.ZipFile(produits["exemple"]) as z:
        descriptions = [d for n in z.namelist() if n.startswith("xl/drawings/drawing")
                        for d in re.findall(r'descr="([^"]*)"', z.read(n).decode())]
    assert len(descriptions) == 7  # radar, per category, scenarios (2), follow-up (3)
    radar = next(d for d in descriptions if d.startswith("Radar"))
    assert "Stratégie et gouvernance" in radar and re.search(r"\d+,\d\d", radar)
    trajectoire = next(d for d in descriptions if d.startswith("Courbes"))
    assert "tirets" in trajectoire and "2026 " in trajectoire


def test_properties_say_french_and_give_a_title(produits):
    for genre, chemin in classeurs(produits).items():
        with zipfile.ZipFile(chemin) as z:
            core = z.read("docProps/core.xml").decode()
        assert re.search(r"<dc:language[^>]*>fr-FR<", core), genre
        titre = re.search(r"<dc:title[^>]*>([^<]+)<", core)
        assert titre and len(titre.group(1)) > 10, genre


def test_a_template_of_before_issue_18_breaks_the_rules_it_was_found_breaking():
    """Template 1.3.0 as it was released: no chart alternative text, low contrasts, inputs named by colour only."""
    a = Counter(x.type for x in verifier_accessibilite(VERSIONS / "1.3.0" / "nr-diagnostic-complet.xlsx"))
    assert a["texte-alternatif"] == 7
    assert a["graphique-couleur-seule"] == 1  # the trajectory's two lines
    assert a["contraste"] >= 10  # grey on grey 2.8:1, dark red on salmon 4.36:1
    assert a["saisie-sans-message"] >= 5
    assert a["langue"] == 1


def test_our_alert_and_input_colours_reach_the_contrast_minimum():
    assert rapport(S.ROUGE_TEXTE, S.ROUGE) >= 4.5
    assert rapport("404040", "D9D9D9") >= 4.5  # a lever of a provider not on board
    assert rapport("FFFFFF", S.BLEU) >= 4.5
    assert rapport("7F7F7F", "FFFFFF") >= 3  # an input's border (non-text contrast)


def test_the_checker_reports_accessibility_with_the_cli(tmp_path):
    from typer.testing import CliRunner

    from nr_workbook.cli import app

    r = CliRunner().invoke(app, ["verifier", str(VERSIONS / "1.3.0" / "nr-diagnostic-flash.xlsx"),
                                 "--accessibilite", "--json"])
    assert r.exit_code == 1
    assert '"type": "texte-alternatif"' in r.output and '"type": "contraste"' in r.output


# --- The COPIL deck and the PDFs -------------------------------------------------------------------------------------
def _copil(produits, tmp_path):
    from nr_workbook.copil import generer_copil

    return generer_copil(produits["exemple"], tmp_path / "copil")


def test_the_copil_deck_is_accessible_slide_by_slide(produits, tmp_path):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.oxml.ns import qn

    deck, _ = _copil(produits, tmp_path)
    prs = Presentation(deck)
    titres = []
    for s in prs.slides:
        assert s.shapes.title is not None and s.shapes.title.text.strip()
        titres.append(s.shapes.title.text)
        assert s.shapes[0].shape_id == s.shapes.title.shape_id  # read first: reading order = visual order
        hauts = [f.top for f in s.shapes]
        assert hauts[-1] == max(hauts), s.shapes.title.text  # what is lowest on the slide is read last
        for f in s.shapes:
            nv = f._element.find(".//" + qn("p:cNvPr"))
            if f.shape_type == MSO_SHAPE_TYPE.PICTURE or getattr(f, "has_table", False):
                assert nv.get("descr") and not nv.get("descr").endswith(".png"), (f.name, s.shapes.title.text)
        for r in s._element.iter(qn("a:r")):
            assert r.find(qn("a:rPr")) is not None and r.find(qn("a:rPr")).get("lang") == "fr-FR"
    assert len(titres) == len(set(titres)) == 11
    p = prs.core_properties
    assert p.language == "fr-FR" and "Valmorin" in p.title and "Valmorin" in p.author
    assert p.created.year >= 2026 and "python-pptx" not in (p.author + p.last_modified_by)


def test_the_deck_tables_headers_reach_the_contrast_minimum(produits, tmp_path):
    from pptx import Presentation

    from nr_workbook.classeur.conformite.contraste import rapport

    prs = Presentation(_copil(produits, tmp_path)[0])
    entetes = [c for s in prs.slides for f in s.shapes if f.has_table for c in f.table.rows[0].cells]
    assert entetes
    for c in entetes:
        fond = str(c.fill.fore_color.rgb)
        texte = str(c.text_frame.paragraphs[0].runs[0].font.color.rgb)
        assert rapport(texte, fond) >= 4.5


def _structure(pdf: Path) -> tuple[dict, list]:
    import pikepdf

    compte: Counter = Counter()
    figures: list = []
    with pikepdf.open(pdf) as doc:
        assert doc.Root.MarkInfo.Marked and str(doc.Root.Lang) == "fr-FR"
        assert doc.Root.ViewerPreferences.DisplayDocTitle and len(str(doc.docinfo.Title)) > 10
        pile = [doc.Root.StructTreeRoot]
        while pile:
            n = pile.pop()
            if isinstance(n, pikepdf.Dictionary):
                if "/S" in n:
                    compte[str(n.S)] += 1
                    if n.S == "/Figure":
                        figures.append(str(n.get("/Alt", "")))
                k = n.get("/K")
                pile += list(k) if isinstance(k, pikepdf.Array) else [k]
    return compte, figures


def test_the_synthesis_pdf_is_tagged_pdf_ua(produits, tmp_path):
    import pikepdf

    _, pdf = _copil(produits, tmp_path)
    compte, figures = _structure(pdf)
    assert compte["/H1"] == 1 and compte["/H2"] >= 6
    assert compte["/Table"] >= 4 and compte["/TH"] >= 12
    assert len(figures) == 5 and all(len(a) > 40 for a in figures)
    with pikepdf.open(pdf) as doc:
        assert "pdfuaid" in doc.open_metadata().__str__() or doc.Root.get("/Metadata") is not None


@pytest.mark.libreoffice
def test_the_workbook_pdf_is_tagged_with_its_charts_described(produits, libreoffice, tmp_path):
    from nr_workbook.classeur.libreoffice import convertir

    (pdf,) = convertir([produits["exemple"]], tmp_path, "pdf")
    compte, figures = _structure(pdf)
    assert compte["/P"] > 100
    assert len(figures) == 7 and all(len(a) > 40 for a in figures)
