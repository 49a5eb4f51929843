"""Export to Territoires en Transitions: the file passes the checks of TeT's own import (ported in tet_parseur.py),
one action per retained lever with its fiche's title, description, status, priority, pilots, dates and budget."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.echanges.export_tet import exporter
from nr_workbook.echanges.formats import import_tet
from nr_workbook.engine.donnees import Donnees
from tests import tet_parseur
from tests.tet_parseur import LIBELLES, RefusTeT


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    d = tmp_path_factory.mktemp("tet")
    source = d / "exemple.xlsx"
    construire_exemple().save(source)
    cible = d / "tet.xlsx"
    assert exporter(Lecteur(source).donnees(), cible) == 12
    return cible


def test_the_labels_kept_as_data_are_the_parsers():
    assert tuple(import_tet().colonnes.values()) == LIBELLES


def test_tets_import_checks_accept_the_export(export):
    actions = tet_parseur.lire(export)
    assert len(actions) == 12
    (f,) = [a for a in actions if a["titre"] == "Dédier une personne à la coordination de la démarche numérique "
                                                   "responsable"]
    assert f["axes"] == ["Stratégie et gouvernance"]
    assert f["budget"] == 54_000 and f["status"] == "En cours" and f["priorite"] == "Élevé"
    assert f["dateDebut"] == dt.datetime(2026, 9, 1) and f["dateFin"] == dt.datetime(2026, 12, 31)
    assert f["services"] == ["Direction générale des services"] and "0,50 ETP" in f["resources"]
    assert f["partenaires"] == ["DRH", "DSI"]
    assert f["referents"] == ["Adjointe au numérique et à la transition écologique"]  # the fiche's FA_ELU
    assert sum(1 for a in actions if a["referents"]) == 2
    assert f["structures"] == ["Commune de Valmorin-sur-Lèze"]
    assert "Rédiger et valider la fiche de poste" in f["description"]
    assert {a["status"] for a in actions} <= {None, *tet_parseur.STATUTS}


def test_export_layout(export):
    ws = load_workbook(export).active
    assert ws["A2"].value == "Axe (x)" and ws.max_column == 28
    assert ws["D2"].value == "Titre de l'action" and ws["E2"].value == "Titre de la sous-action"
    assert all(ws.cell(r, 5).value is None for r in range(4, 16))  # no sous-action


def test_the_old_layout_is_what_tet_rejects(tmp_path):
    wb = Workbook()
    ws = wb.active
    for j, h in enumerate(("Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de la fiche action",
                           "Descriptif"), start=1):
        ws.cell(2, j, h)
    wb.save(tmp_path / "ancien.xlsx")
    with pytest.raises(RefusTeT, match="La colonne D devrait être \"Titre de l'action\" et non \"Titre de la fiche "
                                       "action\""):
        tet_parseur.lire(tmp_path / "ancien.xlsx")


@pytest.mark.parametrize(("champ", "valeur", "message"), [
    ("titre", None, "Un texte est attendu"), ("titre", "  ", "Le titre est obligatoire"),
    ("titre", "x" * 301, "300 caractères"), ("description", 12, "Un texte est attendu"),
    ("services", 3, "Un texte est attendu"), ("budget", "douze", "Un nombre est attendu"),
    ("budget", -1, "négatif"), ("budget", 10**13, "valeur maximale"), ("dateDebut", "32/13/2026", "date"),
    ("Montant1", "1000", "Un montant est attendu"),
])
def test_the_port_refuses_what_tets_schema_refuses(champ, valeur, message):
    ligne = {c: None for c in tet_parseur.CLES} | {"titre": "Action", "Financeur1": "ADEME", champ: valeur}
    if champ == "Montant1":
        ligne["Montant1"] = valeur
    _, erreurs = tet_parseur.action(ligne)
    assert any(message in e for e in erreurs), erreurs


def test_dates_in_the_wrong_order_are_left_out_rather_than_refused(tmp_path):
    fiche = {"FA_ID": "ACHATS-01", "FA_LEVIER": "Acheter mieux", "FA_DIMENSION": "Achats",
             "FA_DEBUT": dt.datetime(2027, 5, 1), "FA_FIN": dt.datetime(2026, 1, 1), "budget": [], "actions": [],
             "indicateurs": []}
    d = Donnees(tables={"T_LEVIERS": [{"ID": "ACHATS-01", "Cible": "Interne", "Retenu": "Oui"}]}, fiches=[fiche])
    assert exporter(d, tmp_path / "t.xlsx") == 1
    (a,) = tet_parseur.lire(tmp_path / "t.xlsx")
    assert a["dateDebut"] is None and a["dateFin"] is None and a["titre"] == "Acheter mieux"


def test_cli_export_refuses_to_overwrite(tmp_path):
    source = tmp_path / "exemple.xlsx"
    construire_exemple().save(source)
    cible = tmp_path / "tet.xlsx"
    runner = CliRunner(env={"COLUMNS": "200"})
    assert runner.invoke(app, ["export-tet", str(source), "-o", str(cible)]).exit_code == 0
    r = runner.invoke(app, ["export-tet", str(source), "-o", str(cible)])
    assert r.exit_code == 2 and "existe déjà" in r.output
