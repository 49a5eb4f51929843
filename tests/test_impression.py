"""The printed workbook (`nr-workbook imprimer`, `build_workbook.py --pdf`): a tagged PDF/UA-1 with headings, tables
with header cells and the charts described, from the values saved in the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table
from typer.testing import CliRunner

from nr_workbook.classeur.texte_alternatif import lire
from nr_workbook.cli import app
from nr_workbook.copil.impression import afficher, html, imprimer
from tests.test_accessibilite import _structure


@pytest.mark.parametrize(("valeur", "format_", "texte"), [
    (12400, "#,##0", "12\u202f400"), (2021, "0", "2021"), (0.2046, "0.0%", "20,5 %"), (1.5, "#,##0.00", "1,50"),
    (0.0035, "0.0000", "0,0035"), (0.5, "General", "0,5"), (3, "General", "3"), (79800, "#,##0 €", "79\u202f800 €"),
    (dt.datetime(2026, 3, 2), "dd/mm/yyyy", "02/03/2026"), (dt.date(2026, 9, 1), "mmm yyyy", "septembre 2026"),
    (True, "General", "VRAI"), (None, "General", ""), ("  Oui ", "@", "Oui"),
])
def test_values_print_as_excel_shows_them_in_french(valeur, format_, texte):
    assert afficher(valeur, format_) == texte


def test_the_printed_example_is_tagged_pdf_ua_with_every_chart_described(produits, tmp_path):
    exemple = produits["exemple"]
    pdf = imprimer(exemple, tmp_path / "exemple.pdf")
    compte, figures = _structure(pdf)
    wb = openpyxl.load_workbook(exemple, read_only=True)
    visibles = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert compte["/H1"] == 1 and compte["/H2"] == len(visibles) == 30
    assert compte["/H3"] > 60
    assert compte["/Table"] > 100 and compte["/TH"] > 1000 and compte["/TD"] > 2000
    descriptions = [d for alternatives in lire(exemple).values() for _, d in alternatives]
    assert len(figures) == 7 and sorted(figures) == sorted(descriptions)
    assert all(len(a) > 40 for a in figures)


def test_the_page_holds_the_saved_figures_and_each_sheet_once(produits):
    page = html(produits["exemple"])
    assert '<html lang="fr-FR">' in page
    assert "<title>Stratégie numérique responsable – Commune de Valmorin-sur-Lèze</title>" in page
    assert "<h2>Inventaire quantitatif du parc numérique</h2>" in page
    assert '<th scope="col">Catégorie</th>' in page and "Dell Latitude 5420" in page
    assert '<th scope="row">Population (habitants)</th><td class="nombre">12\u202f400</td>' in page
    assert "<caption>STRATEGIE-01 – Stratégie et gouvernance</caption>" in page  # 16 columns: one record each
    assert "Listes" not in page.split("<nav")[1].split("</nav>")[0]  # hidden sheet not printed


def _classeur(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Essai"
    ws["A1"] = "Titre de l'essai"
    ws["A1"].font = Font(b=True, sz=16)
    ws["A3"], ws["B3"] = "Libellé", "valeur"
    ws["A3"].font = Font(b=True)
    for j, t in enumerate(("Nom", "Quantité", "Secret"), start=1):
        ws.cell(5, j, t)
    ws.append(["Écran", 3, "caché-colonne"])
    ws.append([None, None, None])
    ws.append(["Serveur", 2, "x"])
    ws.append(["Ligne masquée", 9, "y"])
    ws.row_dimensions[9].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws.add_table(Table(displayName="T_ESSAI", ref="A5:C9"))
    wb.create_sheet("Cachée").sheet_state = "hidden"
    wb["Cachée"]["A1"] = "invisible"
    chemin = tmp_path / "essai.xlsx"
    wb.save(chemin)
    return chemin


def test_hidden_sheets_rows_and_columns_stay_hidden_and_empty_rows_are_left_out(tmp_path):
    page = html(_classeur(tmp_path))
    assert "<h2>Titre de l&#x27;essai</h2>" in page
    assert '<th scope="row">Libellé</th><td>valeur</td>' in page
    corps = page.split("<tbody>", 2)[2].split("</tbody>")[0]
    assert corps.count("<tr>") == 2 and "Serveur" in corps and "Écran" in corps
    assert "caché-colonne" not in page and "Secret" not in page and "Ligne masquée" not in page
    assert "invisible" not in page


def test_the_cli_prints_a_workbook_and_refuses_in_french(tmp_path):
    runner = CliRunner()
    source = _classeur(tmp_path)
    r = runner.invoke(app, ["imprimer", str(source), "-o", str(tmp_path / "essai.pdf")])
    assert r.exit_code == 0 and (tmp_path / "essai.pdf").read_bytes().startswith(b"%PDF-")
    r = runner.invoke(app, ["imprimer", str(source), "-o", str(tmp_path / "essai.pdf")])
    assert r.exit_code == 2 and "existe déjà" in r.output
    r = runner.invoke(app, ["imprimer", str(source), "-o", str(tmp_path / "essai.pdf"), "--force"])
    assert r.exit_code == 0 and len(list(tmp_path.glob("essai.sauvegarde-*.pdf"))) == 1
    r = runner.invoke(app, ["imprimer", str(source), "-o", str(tmp_path / "essai.docx")])
    assert r.exit_code == 2 and "extension .pdf" in r.output
    texte = tmp_path / "notes.xlsx"
    texte.write_text("pas un classeur", encoding="utf-8")
    r = runner.invoke(app, ["imprimer", str(texte), "-o", str(tmp_path / "notes.pdf")])
    assert r.exit_code == 2 and "n'est pas un classeur" in r.output and "Traceback" not in r.output
