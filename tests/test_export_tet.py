"""Export to the Territoires en Transitions import layout: exact headers on row 2, data from row 4."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.echanges.export_tet import COLONNES, exporter


def test_export_layout_and_values(tmp_path):
    source = tmp_path / "exemple.xlsx"
    construire_exemple().save(source)
    cible = tmp_path / "tet.xlsx"
    assert exporter(Lecteur(source).donnees(), cible) == 12
    ws = load_workbook(cible).active
    assert ws["A2"].value == "Axe (x)"
    assert tuple(c.value for c in ws[2]) == COLONNES and len(COLONNES) == 34
    lignes = {r[3]: dict(zip(range(34), r, strict=True)) for r in ws.iter_rows(min_row=4, values_only=True)}
    assert len(lignes) == 12
    f = lignes["Dédier une personne à la coordination de la démarche numérique responsable"]
    assert f[0] == "Stratégie et gouvernance"
    assert f[22] == 54_000  # Budget prévisionnel total € HT
    assert f[23] == "En cours" and f[24] == "Élevé"
    assert f[25] == dt.datetime(2026, 9, 1) and f[26] == dt.datetime(2026, 12, 31)
    assert f[11] == "Direction générale des services" and "0,50 ETP" in f[9]
    assert "Rédiger et valider la fiche de poste" in f[32]
    assert all(r[23] in (None, "À venir", "En cours", "Réalisé", "En pause", "Abandonné", "Bloqué", "En retard",
                         "A discuter") for r in lignes.values())


def test_cli_export_refuses_to_overwrite(tmp_path):
    source = tmp_path / "exemple.xlsx"
    construire_exemple().save(source)
    cible = tmp_path / "tet.xlsx"
    runner = CliRunner(env={"COLUMNS": "200"})
    assert runner.invoke(app, ["export-tet", str(source), "-o", str(cible)]).exit_code == 0
    r = runner.invoke(app, ["export-tet", str(source), "-o", str(cible)])
    assert r.exit_code == 2 and "existe déjà" in r.output
