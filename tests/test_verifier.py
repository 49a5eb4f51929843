from __future__ import annotations

import zipfile

import pytest

from nr_workbook.classeur.reader.fichier import ClasseurIllisible
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.classeur.verification import verifier
from nr_workbook.contract import layout as L


@pytest.fixture
def rempli(vierge_complet, tmp_path):
    def _remplir(noms=None, **tables):
        base = {"NR_COLLECTIVITE": "X", "NR_NB_AGENTS": 10, "NR_ANNEE_REFERENCE": 2025}
        return remplir(vierge_complet, tmp_path / "v.xlsx", {**base, **(noms or {})}, tables)
    return _remplir


def _types(anomalies):
    return {(a.type, a.feuille, a.cellule) for a in anomalies}


def test_bad_inventory_values_are_located(rempli):
    p = rempli(T_INVENTAIRE=[{"Catégorie": "Écran", "Quantité": -1, "Statut": "En service"},
                             {"Catégorie": "Frigo", "Quantité": 1, "Statut": "Volé", "Année d'acquisition": 2030}])
    a = [x for x in verifier(p) if x.feuille == L.INVENTAIRE]
    assert {(x.cellule, x.message.split(" ")[0]) for x in a} == {
        ("C6", "quantité"), ("A7", "catégorie"), ("E7", "statut"), ("D7", "année")}


def test_pue_below_one_and_future_slip(rempli):
    p = rempli(T_SALLES=[{"Salle": "S", "Énergie totale (kWh/an)": 90, "Énergie IT (kWh/an)": 100}],
               T_DEEE=[{"Année": 2026, "Poids (kg)": 10}])
    types = {x.type for x in verifier(p)}
    assert {"pue-inferieur-a-1", "deee"} <= types


def test_missing_agents_and_invalid_level(rempli):
    p = rempli({"NR_NB_AGENTS": None}, T_MATURITE=[{"Niveau": 7}])
    t = _types(verifier(p))
    assert ("valeur-manquante", L.ACCUEIL, "B9") in t
    assert any(x[0] == "niveau-invalide" and x[1] == L.COTATION for x in t)


def test_foreign_workbook_reports_missing_contract(tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "autre.xlsx"
    Workbook().save(p)
    a = verifier(p)
    assert any(x.type == "nom-absent" and "NR_NB_AGENTS" in x.message for x in a)
    assert any(x.type == "table-absente" for x in a)


def test_corrupted_file_raises_a_french_error(tmp_path):
    p = tmp_path / "casse.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("autre.txt", "x")
    with pytest.raises(ClasseurIllisible, match="pas un classeur Excel lisible"):
        verifier(p)


def test_bad_lever_marks_are_located(rempli):
    p = rempli(T_LEVIERS=[{"Valeur": 7, "Faisabilité": "3", "Retenu": "peut-être"}, {"Cible": "Autre"}])
    a = {(x.type, x.cellule) for x in verifier(p) if x.feuille == L.LEVIERS}
    assert {("note-invalide", "F10"), ("note-invalide", "G10"), ("valeur-invalide", "I10"),
            ("cible-invalide", "D11")} <= a


def test_unusable_scenario_inputs_are_located_and_an_empty_target_is_not(rempli):
    mauvais = rempli({"NR_CIBLE_ALLONGEMENT_ANS": -3, "NR_CIBLE_PUE": "beaucoup"})
    a = {x.cellule: x for x in verifier(mauvais) if x.feuille == L.SCENARIOS}
    assert {x.type for x in a.values()} == {"valeur-invalide"} and len(a) == 2
    assert any("« beaucoup »" in x.message and "de 1 à 5" in x.message for x in a.values())
    bon = rempli({"NR_CIBLE_ALLONGEMENT_ANS": 2, "NR_CIBLE_PUE": None})
    assert not [x for x in verifier(bon) if x.feuille == L.SCENARIOS]
