"""The committed workbooks of workbooks/ are what build_workbook.py generates now (contents, not bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import build_workbook

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
    build_workbook.classeurs()[nom]().save(frais)
    assert contenu(engage) == contenu(frais), f"{nom} est périmé : lancez python build_workbook.py"
