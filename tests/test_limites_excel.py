"""Excel's limits and opening rules (classeur/conformite/limites.py): every file we write keeps within them, and a
file that breaks one is reported in French with its sheet and cell."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table

from nr_workbook.classeur.conformite.limites import defauts_formule, verifier_limites, verifier_limites_csv
from nr_workbook.classeur.libreoffice import convertir
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.verification import verifier
from nr_workbook.contract import layout as L
from nr_workbook.engine.feuille_de_route import budget_annuel
from nr_workbook.engine.sorties import indicateurs
from tests.helpers import meme_valeur
from tests.produits import classeurs, verifier_70_fiches


def test_every_workbook_we_write_is_within_excels_limits(produits):
    vus = classeurs(produits)
    assert len(vus) >= 14  # blank Complet and Flash, example, 70 fiches, lot, next year, 4 migrations, import…
    for genre, chemin in vus.items():
        assert verifier_limites(chemin) == [], genre


def test_every_csv_we_write_is_within_excels_limits(produits):
    csv = {k: v for k, v in produits.items() if v.suffix == ".csv"}
    assert len(csv) == 2
    for genre, chemin in csv.items():
        assert verifier_limites_csv(chemin) == [], genre


def test_the_budget_formulas_no_longer_grow_with_the_number_of_fiches(produits):
    with zipfile.ZipFile(produits["exemple 70 fiches"]) as z:
        longueurs = [len(f) for n in z.namelist() if n.startswith("xl/worksheets/")
                     for f in re.findall(rb"<f[^>]*>([^<]*)</f>", z.read(n))]
    assert verifier_70_fiches(produits["exemple 70 fiches"]) == 70
    assert max(longueurs) < 2_000


@pytest.mark.libreoffice
def test_seventy_fiches_compute_the_engines_numbers_in_libreoffice(produits, libreoffice, tmp_path):
    source = produits["exemple 70 fiches"]
    (recalcule,) = convertir([source], tmp_path)
    d = Lecteur(source).donnees()
    lu = Lecteur(recalcule)
    attendu = budget_annuel(d)
    obtenu = lu.table("T_BUDGET_ANNUEL")
    assert len(obtenu) == len(attendu)
    for a, o in zip(attendu, obtenu, strict=True):
        for k, v in a.items():
            assert meme_valeur(o[k], v), (k, o[k], v)
    assert sum(r["Total"] for r in attendu) > 0
    valeurs = indicateurs(d)
    for nom in ("NR_NB_FICHES", "NR_BUDGET_TOTAL_EUR", "NR_NB_LEVIERS_RETENUS", "NR_SCORE_GLOBAL"):
        assert meme_valeur(lu.nom(nom), valeurs[nom]), nom
    assert valeurs["NR_NB_FICHES"] == 70


# --- Files that break a limit: each is reported with its sheet and cell -------------------------------------------
def _classeur(tmp_path: Path, preparer, retoucher=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Données"
    preparer(wb, ws)
    chemin = tmp_path / "casse.xlsx"
    wb.save(chemin)
    if retoucher:
        with zipfile.ZipFile(chemin) as z:
            parties = {n: z.read(n) for n in z.namelist()}
        for partie, avant, apres in retoucher:
            assert avant in parties[partie], (partie, avant)
            parties[partie] = parties[partie].replace(avant, apres, 1)
        with zipfile.ZipFile(chemin, "w") as z:
            for n, octets in parties.items():
                z.writestr(n, octets)
    return chemin


def _formule(texte):
    return lambda wb, ws: ws.__setitem__("B3", texte)


def _liste(wb, ws):
    dv = DataValidation(type="list", formula1='"' + ",".join(f"NR_INDICATEUR_{i:03d}" for i in range(30)) + '"')
    dv.add("A92:A94")
    ws.add_data_validation(dv)


def _validations_chevauchees(wb, ws):
    for plage in ("A1:A5", "A3:A8"):
        dv = DataValidation(type="whole")
        dv.add(plage)
        ws.add_data_validation(dv)


def _tables_chevauchees(wb, ws):
    for r in range(1, 6):
        ws.append([f"x{r}", r, r])
    ws["A1"], ws["B1"], ws["C1"] = "A", "B", "C"
    ws.add_table(Table(displayName="T_UN", ref="A1:B5"))
    ws.add_table(Table(displayName="T_DEUX", ref="B1:C5"))


def _entete_differente(wb, ws):
    ws.append(["Catégorie", "Quantité"])
    ws.append(["Écran", 1])
    ws.add_table(Table(displayName="T_X", ref="A1:B2"))


def _texte_long(wb, ws):
    ws["C7"] = "x" * 32_767  # openpyxl stops there: one more character is added in the XML


def _fusions(wb, ws):
    ws.merge_cells("A1:B2")
    ws["E5"] = 1


def _liens(wb, ws):
    ws["A1"] = "lien"


_CAS = [
    ("formule-trop-longue", _formule("=" + "+".join(["A1"] * 3000)), None, "Données", "B3"),
    ("imbrication", _formule("=" + "ABS(" * 65 + "1" + ")" * 65), None, "Données", "B3"),
    ("arguments", _formule("=SUM(" + ",".join(["1"] * 256) + ")"), None, "Données", "B3"),
    ("texte-formule-trop-long", _formule('="' + "é" * 256 + '"'), None, "Données", "B3"),
    ("liste-trop-longue", _liste, None, "Données", "A92:A94"),
    ("validations-chevauchees", _validations_chevauchees, None, "Données", "A3:A8"),
    ("tables-chevauchees", _tables_chevauchees, None, "Données", "B1:C5"),
    ("entete-table", _entete_differente, [("xl/worksheets/sheet1.xml", b"<t>Quantit", b"<t>Nombre Quantit")], "Données",
     "B1"),
    ("texte-trop-long", _texte_long, [("xl/worksheets/sheet1.xml", b"<t>x", b"<t>yx")], "Données", "C7"),
    ("fusions-chevauchees", _fusions, [("xl/worksheets/sheet1.xml", b'<mergeCell ref="A1:B2"/>',
                                        b'<mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/>')], "Données", "B2:C3"),
    ("hors-grille", _fusions, [("xl/worksheets/sheet1.xml", b'r="E5"', b'r="XFE5"')], "Données", "XFE5"),
    ("style-inexistant", _fusions, [("xl/worksheets/sheet1.xml", b'<c r="E5"', b'<c r="E5" s="999"')],
     "Données", "E5"),
    ("nom-feuille", _fusions, [("xl/workbook.xml", b'name="Donn', b'name="Plus de trente et un caract\xc3\xa8res '
                                                                b'pour Donn')], None, ""),
    ("nom-feuille", _fusions, [("xl/workbook.xml", b'name="Donn', b'name="Bilan [2026] Donn')], None, ""),
    ("nom-defini", lambda wb, ws: wb.defined_names.__setitem__("NR_X", __import__("openpyxl").workbook.defined_name
                                                                .DefinedName("NR_X", attr_text="Données!$A$1")),
     [("xl/workbook.xml", b'name="NR_X"', b'name="A1"')], None, ""),
    ("lien-trop-long", lambda wb, ws: setattr(ws["A1"], "hyperlink", "https://exemple.fr/" + "a" * 2100), None,
     "Données", "A1"),
    ("en-tete-trop-long", lambda wb, ws: setattr(ws.oddFooter.center, "text", "x" * 256), None, "Données", ""),
]


@pytest.mark.parametrize(("type_", "preparer", "retoucher", "feuille", "cellule"), _CAS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(_CAS)])
def test_a_file_breaking_a_limit_is_reported_with_its_place(tmp_path, type_, preparer, retoucher, feuille, cellule):
    a = [x for x in verifier_limites(_classeur(tmp_path, preparer, retoucher)) if x.type == type_]
    assert len(a) == 1, a
    assert a[0].feuille == (feuille if feuille is not None else a[0].feuille)
    assert a[0].cellule == cellule
    assert a[0].fichier == "casse.xlsx"
    assert "Excel" in a[0].message or "interdit" in a[0].message or "réservé" in a[0].message


def test_too_many_hyperlinks_and_cell_formats_are_reported(tmp_path):
    liens = "".join(f'<hyperlink ref="A{i}" location="Données!A1"/>' for i in range(1, 65_532))
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 64_001
    chemin = _classeur(tmp_path, _liens, [
        ("xl/worksheets/sheet1.xml", b"</sheetData>", f"</sheetData><hyperlinks>{liens}</hyperlinks>".encode()),
        ("xl/styles.xml", b"</cellXfs>", xfs.encode() + b"</cellXfs>")])
    types = {a.type for a in verifier_limites(chemin)}
    assert {"liens-trop-nombreux", "formats-trop-nombreux"} <= types


def test_rows_out_of_order_are_reported(tmp_path):
    chemin = _classeur(tmp_path, lambda wb, ws: [ws.__setitem__("A2", 1), ws.__setitem__("A5", 2)],
                       [("xl/worksheets/sheet1.xml", b'<row r="5"', b'<row r="1"')])
    a = [x for x in verifier_limites(chemin) if x.type == "ordre-lignes"]
    assert [(x.feuille, x.cellule) for x in a] == [("Données", "A1")]


def test_a_formulas_defects_are_named_without_a_file():
    assert defauts_formule("=SUM(A1:A3)") == []
    assert [t for t, _ in defauts_formule("=" + "IF(1," * 70 + "1" + ")" * 70)] == ["imbrication"]


def test_the_checker_reports_excels_limits_with_the_rest(tmp_path, vierge_complet):
    from openpyxl import load_workbook

    wb = load_workbook(vierge_complet)
    ws = wb[L.SUIVI]
    dv = DataValidation(type="list", formula1='"' + ",".join(n.nom for n in L.INDICATEURS_SUIVIS) + '"')
    dv.add("A92:A94")
    ws.add_data_validation(dv)
    chemin = tmp_path / "abime.xlsx"
    wb.save(chemin)
    a = [x for x in verifier(chemin) if x.type == "liste-trop-longue"]
    assert [(x.feuille, x.cellule) for x in a] == [(L.SUIVI, "A92:A94")]
    assert "255" in a[0].message


def test_a_csv_over_excels_limits_is_reported(tmp_path):
    chemin = tmp_path / "physicalEquipment.csv"
    chemin.write_text("nom;modele\nA;" + "x" * 32_768 + "\n", encoding="utf-8")
    a = verifier_limites_csv(chemin)
    assert [(x.type, x.ligne, x.colonne) for x in a] == [("texte-trop-long", 2, "modele")]
