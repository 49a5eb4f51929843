"""Every XML part of every xlsx, xlam and pptx we write validates against the ISO/IEC 29500-4 transitional schemas and
the OPC schemas after markup-compatibility processing, the ribbon against Microsoft's customUI schema (tests/ooxml.py);
the validator accepts files Excel itself saved and rejects a part with an element out of order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.ooxml import valider
from tests.produits import classeurs

EXCEL = Path(__file__).parent / "donnees" / "excel"


def _retouche(chemin: Path, partie: str, avant: bytes, apres: bytes) -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(chemin) as z, zipfile.ZipFile(sortie, "w") as dst:
        for n in z.namelist():
            octets = z.read(n)
            if n == partie:
                assert avant in octets
                octets = octets.replace(avant, apres, 1)
            dst.writestr(n, octets)
    return sortie.getvalue()


def test_every_part_of_every_workbook_we_write_validates(produits):
    total = 0
    for genre, chemin in classeurs(produits).items():
        r = valider(chemin)
        assert r.erreurs == {}, (genre, r.erreurs)
        total += r.parties
    assert total > 1_000  # the 70-fiche workbook alone has 300 parts


def test_every_part_of_the_copil_deck_validates(produits, tmp_path):
    from nr_workbook.copil import generer_copil

    deck, _ = generer_copil(produits["exemple"], tmp_path)
    r = valider(deck)
    assert r.parties > 40 and r.erreurs == {}


def test_the_add_ins_ribbon_validates_against_microsofts_customui_schema(produits):
    r = valider(produits["complément .xlam"])
    assert r.erreurs == {}
    with zipfile.ZipFile(produits["complément .xlam"]) as z:
        assert any(n.lower().startswith("customui/") for n in z.namelist())
    casse = _retouche(produits["complément .xlam"], "customUI/customUI.xml", b"<tab ", b'<tab couleur="orange" ')
    assert "customUI/customUI.xml" in valider(casse).erreurs


def test_the_validator_accepts_files_excel_saved():
    fichiers = sorted(EXCEL.glob("*.xlsx"))
    assert len(fichiers) == 10  # XlsxWriter's comparison files, saved by Excel (BSD-2, LICENSE-XlsxWriter.txt)
    for f in fichiers:
        assert valider(f).erreurs == {}, f.name


def test_the_validator_rejects_an_element_out_of_order():
    casse = _retouche(EXCEL / "simple01.xlsx", "xl/worksheets/sheet1.xml", b"<sheetFormatPr",
                      b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                      b"<sheetFormatPr")
    erreurs = valider(casse).erreurs
    assert list(erreurs) == ["xl/worksheets/sheet1.xml"] and "not expected" in erreurs["xl/worksheets/sheet1.xml"][0]
