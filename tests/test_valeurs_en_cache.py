"""Every workbook we hand out carries, in each formula cell, the value Excel and LibreOffice compute: read without
recalculation (calamine), it equals LibreOffice's recalculated value (1e-9, same type, same error code)."""

from __future__ import annotations

import math
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from openpyxl.utils import column_index_from_string

from nr_workbook.classeur.calcul.evaluation import calculer
from nr_workbook.classeur.calcul.modele import Modele
from nr_workbook.classeur.libreoffice import convertir
from nr_workbook.classeur.reader.fichier import Lecteur
from tests.produits import classeurs

_CELLULE = re.compile(r'<c r="([A-Z]{1,3})(\d+)"[^>]*><f')
_FEUILLE = re.compile(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="(rId\d+)"')


def cellules_formules(chemin: Path) -> dict[str, list[tuple[int, int]]]:
    """(row, column) of every formula cell, per sheet, read from the package's XML."""
    out = {}
    with zipfile.ZipFile(chemin) as z:
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        cibles = {i: t for t, i in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*?Id="(rId\d+)"', rels)}
        cibles.update(dict(re.findall(r'Id="(rId\d+)"[^>]*?Target="/?(?:xl/)?([^"]+)"', rels)))
        for nom, rid in _FEUILLE.findall(z.read("xl/workbook.xml").decode()):
            xml = z.read("xl/" + cibles[rid]).decode()
            out[unescape(nom)] = [(int(r), column_index_from_string(c)) for c, r in _CELLULE.findall(xml)]
    return out


def _lue(grille: list[list], ligne: int, col: int):
    return grille[ligne - 1][col - 1] if ligne - 1 < len(grille) and col - 1 < len(grille[ligne - 1]) else None


def ecarts(ours: Path, recalcule: Path) -> tuple[int, list[str]]:
    """(formula cells compared, the differing ones described)."""
    a, b = Lecteur(ours), Lecteur(recalcule)  # python-calamine: values as stored, no recalculation
    n, out = 0, []
    for feuille, cellules in cellules_formules(ours).items():
        ga, gb = a.grille(feuille), b.grille(feuille)
        for ligne, col in cellules:
            va, vb = _lue(ga, ligne, col), _lue(gb, ligne, col)
            n += 1
            egal = type(va) is type(vb) and (va == vb or (isinstance(va, float) and math.isclose(
                va, vb, rel_tol=1e-9, abs_tol=1e-9)))
            if not egal:
                out.append(f"{feuille}!{ligne},{col}: {va!r} au lieu de {vb!r}")
    return n, out


@pytest.mark.libreoffice
def test_every_formula_cell_carries_the_value_libreoffice_computes(produits, libreoffice, tmp_path):
    fichiers = {k: v for k, v in classeurs(produits).items() if v.suffix == ".xlsx"}
    recalcules = convertir(list(fichiers.values()), tmp_path)
    total = 0
    for (genre, chemin), recalcule in zip(fichiers.items(), recalcules, strict=True):
        n, differences = ecarts(chemin, recalcule)
        assert differences == [], (genre, differences[:10])
        total += n
    assert total > 20_000  # every kind holds formulas: 14 workbooks, the 70-fiche one alone several thousand


@pytest.mark.libreoffice
def test_hypothesis_filled_workbooks_carry_libreoffices_values(libreoffice, vierge_complet, tmp_path):
    """Inputs of every kind, bad values included, written through the contract (remplir saves with values)."""
    from hypothesis import HealthCheck, given, settings

    from nr_workbook.classeur.remplissage import remplir
    from tests.strategies import jeux_de_donnees

    fichiers: list[Path] = []

    @settings(max_examples=12, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(jeu=jeux_de_donnees())
    def collecter(jeu):
        noms, tables = jeu
        fichiers.append(remplir(vierge_complet, tmp_path / f"cas{len(fichiers):02d}.xlsx", noms, tables))

    collecter()
    for chemin, recalcule in zip(fichiers, convertir(fichiers, tmp_path / "lo"), strict=True):
        n, differences = ecarts(chemin, recalcule)
        assert n > 1000 and differences == [], (chemin.name, differences[:10])


def test_a_workbook_without_recalculation_shows_its_numbers(produits):
    """What pandas (calamine) reads of the example without any recalculation: the scores, DEEE and footprint."""
    from nr_workbook.engine.sorties import indicateurs

    lu = Lecteur(produits["exemple"])
    attendu = indicateurs(lu.donnees())
    for nom in ("NR_SCORE_GLOBAL", "NR_DEEE_T_PAR_AGENT_AN", "NR_EMPREINTE_TOTALE_KGCO2E_AN", "NR_PUE"):
        assert isinstance(lu.nom(nom), float) and math.isclose(lu.nom(nom), attendu[nom], rel_tol=1e-9), nom


def test_excel_still_recalculates_on_open(produits):
    with zipfile.ZipFile(produits["exemple"]) as z:
        assert re.search(rb'<calcPr[^>]*fullCalcOnLoad="1"', z.read("xl/workbook.xml"))


def test_the_evaluator_follows_excels_rules_where_they_are_subtle():
    m = Modele(feuilles=["F"], constantes={"F": {(1, 1): 2.0, (2, 1): "x", (3, 1): None, (1, 2): 5.0}},
               etendue={"F": (3, 2)})
    m.formules = {
        ("F", 1, 3): ("=-A1^2", False),  # unary minus binds tighter than ^
        ("F", 2, 3): ("=A3=\"\"", False),  # an empty cell equals ""
        ("F", 3, 3): ("=A1:A3", False),  # implicit intersection with row 3: an empty cell shows 0
        ("F", 4, 3): ('=SUM(IF(ISNUMBER(A1:A3),A1:A3,0))', True),
        ("F", 5, 3): ('=SUM(A1:A3*2)', False),  # no intersection for row 5: #VALUE!
        ("F", 6, 3): ('="a"&1.5', False),  # French decimal comma, as LibreOffice fr-FR and Excel fr show it
        ("F", 7, 3): ('=IFERROR(1/0,"d")', False),
        ("F", 8, 3): ('=COUNTIFS(A1:A3,"<>")', False),
        ("F", 9, 3): ('=MATCH("X",A1:A3,0)', False),
    }
    v = calculer(m).resultats
    assert [v[("F", i, 3)] for i in range(1, 10)] == [4.0, True, 0.0, 2.0, v[("F", 5, 3)], "a1,5", "d", 2.0, 2.0]
    assert repr(v[("F", 5, 3)]) == "#VALUE!"


def test_a_formula_we_cannot_compute_is_saved_without_a_value_and_so_are_its_readers(tmp_path):
    """A user's own formula with a function the evaluator does not know: no guessed value, Excel computes it."""
    from openpyxl import Workbook

    from nr_workbook.classeur.enregistrement import enregistrer

    wb = Workbook()
    ws = wb.active
    ws.title = "Calcul"
    ws["A1"], ws["A2"], ws["A3"], ws["A4"] = 2.5, "=ROUNDUP(A1,0)", "=A2*2", "=A1*2"
    chemin = tmp_path / "utilisateur.xlsx"
    enregistrer(wb, chemin)
    with zipfile.ZipFile(chemin) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="A2"[^>]*><f>ROUNDUP\(A1,0\)</f><v></v></c>', xml)
    assert re.search(r'<c r="A3"[^>]*><f>A2\*2</f><v></v></c>', xml)
    assert re.search(r'<c r="A4"[^>]*><f>A1\*2</f><v>5</v></c>', xml)
