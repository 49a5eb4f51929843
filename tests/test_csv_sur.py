"""Every CSV we write neutralises text a spreadsheet would run as a formula (OWASP), numbers untouched."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from nr_workbook.echanges.csv_sur import DANGEREUX, ecrivain, neutraliser, tableau


def test_formula_like_text_gets_a_leading_apostrophe():
    assert [neutraliser(v) for v in ("=HYPERLINK(\"http://x\";\"clic\")", "+33 1 23", "-2+3+cmd|' /C calc'!A0",
                                     "@SUM(A1)", "\tx", "\rx")] == [
        "'=HYPERLINK(\"http://x\";\"clic\")", "'+33 1 23", "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)", "'\tx", "'\rx"]


def test_numbers_and_plain_text_are_untouched():
    assert [neutraliser(v) for v in (-12, -3.5, 0, "-12", "-12,5", "+3", "1e-3", "Mairie", "", None, "a=b")] == [
        -12, -3.5, 0, "-12", "-12,5", "+3", "1e-3", "Mairie", "", None, "a=b"]


@given(st.text(max_size=20))
def test_no_written_cell_starts_a_formula_unless_it_is_a_number(texte):
    f = io.StringIO(newline="")
    ecrivain(f).writerow([texte, 3])
    (cellule, nombre), = list(csv.reader(io.StringIO(f.getvalue(), newline=""), delimiter=";"))
    attendu = neutraliser(texte).replace("\r\n", "\n").replace("\r", "\n")  # line ends: "\n" in our files
    assert nombre == "3" and cellule == attendu
    if cellule[:1] in DANGEREUX:
        float(cellule.replace(",", "."))  # only a number may still start with a sign


def test_a_dataframe_is_neutralised_column_by_column():
    df = pd.DataFrame({"Collectivité": ["=1+1", "Ville"], "Population": [-5, 1200]})
    out = tableau(df)
    assert out["Collectivité"].tolist() == ["'=1+1", "Ville"] and out["Population"].tolist() == [-5, 1200]
    assert df["Collectivité"].tolist() == ["=1+1", "Ville"]  # the original is not changed
