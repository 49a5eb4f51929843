"""The committed workbooks of workbooks/ are what build_workbook.py generates now, byte for byte: a build is
reproducible (the same workbook gives the same bytes; dates from the template's release or SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

import build_workbook
from nr_workbook.classeur.enregistrement import en_octets, enregistrer

DOSSIER = Path(build_workbook.__file__).parent / "workbooks"


def contenu(chemin: Path) -> dict:
    wb = load_workbook(chemin)
    feuilles = {}
    for ws in wb.worksheets:
        cellules = {c.coordinate: getattr(c.value, "text", c.value) for row in ws.iter_rows() for c in row
                    if c.value is not None}
        feuilles[ws.title] = {
            "cellules": cellules,
            "tables": {t.displayName: (t.ref, [c.name for c in t.tableColumns]) for t in ws.tables.values()},
            "validations": sorted((str(dv.sqref), dv.type or "", dv.formula1 or "")
                                  for dv in ws.data_validations.dataValidation),
            "formats": sorted(str(r.sqref) for r in ws.conditional_formatting),
            "fusions": sorted(str(m) for m in ws.merged_cells.ranges),
            "protection": ws.protection.sheet,
        }
    noms = {n: wb.defined_names[n].attr_text for n in wb.defined_names}
    return {"feuilles": feuilles, "noms": noms}


@pytest.mark.parametrize("nom", list(build_workbook.classeurs()))
def test_committed_workbook_is_up_to_date(nom, tmp_path):
    engage = DOSSIER / nom
    assert engage.exists(), f"{nom} absent : lancez python build_workbook.py"
    frais = tmp_path / nom
    enregistrer(build_workbook.classeurs()[nom](), frais)
    if engage.read_bytes() != frais.read_bytes():
        assert contenu(engage) == contenu(frais), f"{nom} est périmé : lancez python build_workbook.py"
        pytest.fail(f"{nom} : même contenu, octets différents (construction non reproductible ?)")


def test_the_same_workbook_built_twice_gives_the_same_bytes():
    fabrique = build_workbook.classeurs()["exemple-rempli.xlsx"]
    assert en_octets(fabrique()) == en_octets(fabrique())


def test_source_date_epoch_dates_every_part_and_the_properties(monkeypatch):
    import datetime as dt
    import io
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2031, 5, 4, 12, 0, tzinfo=dt.UTC).timestamp())))
    octets = en_octets(build_workbook.classeurs()["nr-diagnostic-flash.xlsx"]())
    with zipfile.ZipFile(io.BytesIO(octets)) as z:
        assert {i.date_time for i in z.infolist()} == {(2031, 5, 4, 12, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count(">2031-05-04T12:00:00Z<") == 2  # created and modified
    assert re.search(r"<dc:language[^>]*>fr-FR</dc:language>", core)
