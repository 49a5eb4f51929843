"""Ribbon actions replayed on Linux through xlwings' remote book (xw.Book(json=...)), as Office.js would send it."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
xw = pytest.importorskip("xlwings")

from nr_workbook.classeur.exemple import construire_exemple  # noqa: E402
from nr_workbook.classeur.reader.fichier import Lecteur  # noqa: E402
from nr_workbook.classeur.reader.livre import LecteurLivre  # noqa: E402
from nr_workbook.contract import layout as L  # noqa: E402
from nr_workbook.engine.sorties import indicateurs  # noqa: E402
from nr_workbook.excel.actions import FEUILLE_CONTROLE, controler, recalculer  # noqa: E402
from nr_workbook.excel.payload import charge_utile  # noqa: E402
from tests.helpers import en_series  # noqa: E402


@pytest.fixture(scope="module")
def exemple(tmp_path_factory):
    p = tmp_path_factory.mktemp("actions") / "exemple.xlsx"
    construire_exemple().save(p)
    return p


def livre(chemin):
    return xw.Book(json=charge_utile(chemin, xw.__version__))


def test_open_book_reader_sees_what_the_file_reader_sees(exemple):
    ouvert, fichier = LecteurLivre(livre(exemple)).donnees(), Lecteur(exemple).donnees()
    assert ouvert.tables == fichier.tables
    assert en_series(ouvert.noms) == en_series(fichier.noms)
    assert en_series(ouvert.fiches) == en_series(fichier.fiches)


def test_recalculer_writes_engine_values_and_reports_disagreements(exemple):
    book = livre(exemple)
    r = recalculer(book)
    assert r.valeurs == indicateurs(Lecteur(exemple).donnees())
    # openpyxl saved no formula results: every non-empty engine value disagrees with the (empty) formula
    assert len(r.ecarts) == sum(1 for v in r.valeurs.values() if v not in (None, ""))
    actions = book.json()["actions"]
    feuille = [s.name for s in book.sheets].index(L.INDICATEURS)
    titre, tableau = actions
    assert titre["func"] == "setValues" and titre["sheet_position"] == feuille
    assert (titre["start_row"], titre["start_column"]) == (4, 6)  # G5
    assert titre["values"][0][0].startswith("Contrôle par le moteur Python")
    assert (tableau["start_row"], tableau["row_count"], tableau["column_count"]) == (6, len(L.SORTIES), 4)
    ligne = next(v for v in tableau["values"] if v[0] == "NR_NB_EQUIPEMENTS")
    assert ligne == ["NR_NB_EQUIPEMENTS", 898.0, "", "⚠ écart"]


def test_controler_writes_the_report_to_a_new_sheet(exemple):
    book = livre(exemple)
    anomalies = controler(book)
    actions = book.json()["actions"]
    assert actions[0]["func"] == "addSheet"
    rapport = actions[-1]
    assert rapport["values"][0][:3] == ["Gravité", "Lieu", "Fichier"]
    assert len(rapport["values"]) == len(anomalies) + 1
    assert any(a.type == "question-sans-reponse" for a in anomalies)
    assert FEUILLE_CONTROLE in [s.name for s in book.sheets]


def test_generer_fiches_on_an_open_book(tmp_path):
    from nr_workbook.classeur.exemple import _exemple_diagnostic
    from nr_workbook.excel.actions import generer_fiches

    p = tmp_path / "diagnostic.xlsx"
    _exemple_diagnostic().save(p)
    book = livre(p)
    rapport = generer_fiches(book)
    assert len(rapport.creees) == 12 and rapport.creees[0] == "Fiche STRATEGIE-01"
    actions = book.json()["actions"]
    funcs = [a["func"] for a in actions]
    assert funcs.count("addSheet") == 12 and funcs.count("addTable") == 36
    noms = [a["args"][0] for a in actions if a["func"] == "namesAdd"]
    assert noms.count("FA_ID") == 12 and noms.count("FA_BUDGET") == 12
    route = [s.name for s in book.sheets].index(L.FEUILLE_DE_ROUTE)
    formules = [a for a in actions if a["func"] == "setFormula" and a["sheet_position"] == route]
    assert len(formules) == 12 * len(L.T_FICHES.entetes)
    assert "'Fiche STRATEGIE-01'!$B$5" in formules[0]["values"][0][0]
    assert "resizeTable" in funcs  # 12 fiches: T_FICHES grows from its single blank row
    # each fiche's budget, then its subtotals per year and per nature, section or total (T_BUDGET_FICHES)
    assert funcs.count("setFormulaArray") == 12 + 12 * L.ANNEES_BUDGET * 6
    assert funcs.count("resizeTable") == 2  # T_FICHES and T_BUDGET_FICHES grow from their single blank row


def test_exporter_copil_from_an_open_book(exemple, tmp_path):
    from nr_workbook.excel.actions import exporter_copil

    chemins = exporter_copil(livre(exemple), tmp_path / "copil")
    assert [c.name for c in chemins] == ["copil-exemple.pptx", "synthese-exemple.pdf"]
    assert all(c.stat().st_size > 10_000 for c in chemins)


def _sans_json(monkeypatch):
    """Make LecteurLivre read a remote book through xlwings' Range API (its path for a live Excel book)."""
    monkeypatch.setattr("nr_workbook.classeur.reader.livre._json", lambda sheet: None)


def test_the_payloads_json_is_read_as_xlwings_reads_it(exemple, monkeypatch):
    """The fast path (the protocol's JSON read directly) gives what xlwings' per-cell conversion gives: dates sent
    as ISO text, error values, empty strings, every table, every grid."""
    charge = charge_utile(exemple, xw.__version__)
    feuille = next(f for f in charge["sheets"] if len(f["values"][0]) >= 10)
    feuille["values"][0][-8:] = ["2026-03-01T00:00:00.000Z", "#N/A", "", "#texte", "-12", "2026-13-01T00:00:00Z",
                                 True, 3.5]
    rapide = LecteurLivre(xw.Book(json=charge))
    grilles = {f: list(rapide.grille(f)) for f in rapide.structure.feuilles}
    _sans_json(monkeypatch)
    lent = LecteurLivre(xw.Book(json=charge))
    assert rapide.structure.tables == lent.structure.tables and rapide.structure.noms == lent.structure.noms
    for f in lent.structure.feuilles:
        assert grilles[f] == lent.grille(f), f
    import datetime as dt

    assert grilles[feuille["name"]][0][-8:] == [dt.datetime(2026, 3, 1), None, None, "#texte", "-12",
                                                "2026-13-01T00:00:00Z", True, 3.5]
    assert rapide.donnees() == lent.donnees()
    assert indicateurs(rapide.donnees()) == indicateurs(lent.donnees())



def test_fiches_made_on_an_open_book_name_their_input_cells_as_the_writer_does(tmp_path):
    """Each input cell of a fiche created from the ribbon has the rule and the input message « À saisir » that
    `nr-workbook fiches` writes on the same cells; every action sent to Office.js is one our commands.js applies."""
    import re
    import shutil
    from importlib.resources import files

    import openpyxl
    from openpyxl.utils import get_column_letter

    from nr_workbook.classeur.exemple import _exemple_diagnostic
    from nr_workbook.classeur.fiches import generer_fiches as generer_fiches_fichier
    from nr_workbook.excel.actions import generer_fiches

    p, q = tmp_path / "diagnostic.xlsx", tmp_path / "fichier.xlsx"
    _exemple_diagnostic().save(p)
    shutil.copy(p, q)
    generer_fiches_fichier(q)
    ws = openpyxl.load_workbook(q)["Fiche STRATEGIE-01"]
    ecrites = {(str(r), dv.promptTitle) for dv in ws.data_validations.dataValidation if dv.showInputMessage
               for r in dv.sqref.ranges}
    book = livre(p)
    generer_fiches(book)
    actions = book.json()["actions"]
    rang = [s.name for s in book.sheets].index("Fiche STRATEGIE-01")

    def adresse(a: dict) -> str:
        debut = f"{get_column_letter(a['start_column'] + 1)}{a['start_row'] + 1}"
        if a["row_count"] == a["column_count"] == 1:
            return debut
        return f"{debut}:{get_column_letter(a['start_column'] + a['column_count'])}{a['start_row'] + a['row_count']}"

    invites = [a for a in actions if a["func"] == "setDataValidationPrompt"]
    assert {(adresse(a), a["args"][0]) for a in invites if a["sheet_position"] == rang} == ecrites
    assert len(ecrites) == 32 and len(invites) == 12 * 32
    assert all(len(a["args"][0]) <= 32 and 0 < len(a["args"][1]) <= 255 for a in invites)
    regles = [a["args"][0] for a in actions if a["func"] == "setDataValidationRule"]
    assert sorted({r["type"] for r in regles}) == ["date", "decimal", "whole_number"]
    js = (files("nr_workbook.excel") / "serveur_commandes.js").read_text(encoding="utf-8")
    connues = set(re.findall(r"^  (\w+): \(c, a\) =>", js, re.M))
    assert {a["func"] for a in actions} <= connues
