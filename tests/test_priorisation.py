import pytest

from nr_workbook.classeur import formulas as F
from nr_workbook.engine.priorisation import (
    leviers,
    matrice,
    niveau_constate,
    quadrant,
    retenus_par_dimension,
    suggestion,
)
from nr_workbook.engine.sorties import indicateurs
from tests.helpers import donnees


@pytest.mark.parametrize(("v", "f", "q"), [
    (4, 4, "Gain rapide"), (3, 3, "Gain rapide"), (3, 2, "Projet majeur"), (2, 3, "Tâche d'appoint"),
    (1, 1, "À écarter"), (None, 3, None), (3, "3", None), (2.9, 3, "Tâche d'appoint"),
])
def test_quadrant_of_the_contract(v, f, q):
    assert quadrant(v, f) == q


def test_observed_level_is_the_lowest_answered_linked_question():
    niveaux = [("achats-01", 2.0), ("mesure-02", 1.0), ("deee-01", 0.0)]
    assert niveau_constate("ACHATS-01, MESURE-02", niveaux) == 1.0
    assert niveau_constate("achats-01", niveaux) == 2.0
    assert niveau_constate("TERRITOIRE-01", niveaux) is None
    assert niveau_constate(None, niveaux) is None
    long = "x" * 5000 + " Mesure-02 "  # a long text of the user's: searched, not kept in the cache
    assert niveau_constate(long, niveaux) == 1.0 and niveau_constate(long, niveaux[:1]) is None


@pytest.mark.parametrize(("n", "texte"), [(0, F.SUGGESTIONS[0]), (1.5, F.SUGGESTIONS[1]), (3, F.SUGGESTIONS[3]),
                                          (None, F.NON_EVALUE)])
def test_suggestion_labels(n, texte):
    assert suggestion(n) == texte


def _leviers():
    return [
        {"ID": "ACHATS-01", "Levier": "A", "Cible": "Interne", "Présélection": "Oui", "Valeur": 4, "Faisabilité": 4,
         "Retenu": "Oui", "Questions liées": "ACHATS-01"},
        {"ID": "MESURE-01", "Levier": "B", "Cible": "Prestataire", "Présélection": "Oui", "Valeur": 4,
         "Faisabilité": 1, "Retenu": "Oui", "Questions liées": "MESURE-01"},
        {"ID": "DEEE-01", "Levier": "C", "Cible": "Interne", "Présélection": "oui", "Valeur": 1, "Faisabilité": 1,
         "Retenu": "Non", "Questions liées": ""},
    ]


def test_provider_levers_are_left_out_when_the_provider_is_not_on_board():
    embarque = donnees({"NR_PRESTATAIRE_EMBARQUE": "Oui"}, T_LEVIERS=_leviers())
    assert indicateurs(embarque)["NR_NB_LEVIERS_RETENUS"] == 2
    assert indicateurs(embarque)["NR_NB_LEVIERS_PRESELECTIONNES"] == 3
    pas = donnees({"NR_PRESTATAIRE_EMBARQUE": "Non"}, T_LEVIERS=_leviers())
    assert indicateurs(pas)["NR_NB_LEVIERS_RETENUS"] == 1
    assert [r["Quadrant"] for r in leviers(pas)] == ["Gain rapide", None, "À écarter"]
    assert matrice(pas)["Projet majeur"] == []
    assert matrice(embarque)["Projet majeur"] == ["✔ MESURE-01 – B"]
    assert retenus_par_dimension(pas)["MESURE"] == 0 and retenus_par_dimension(embarque)["MESURE"] == 1


def test_suggestion_follows_the_maturity_answers():
    d = donnees(T_LEVIERS=_leviers(), T_MATURITE=[{"ID": "ACHATS-01", "Niveau": 0}, {"ID": "MESURE-01", "Niveau": 3}])
    assert [r["Suggéré par le diagnostic"] for r in leviers(d)] == [F.SUGGESTIONS[0], F.SUGGESTIONS[3], F.NON_EVALUE]
