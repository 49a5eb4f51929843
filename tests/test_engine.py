import pytest

from nr_workbook.engine.sorties import indicateurs
from tests.helpers import donnees

INV = "T_INVENTAIRE"


def ligne(cat="Ordinateur portable", q=1, an=2020, statut="En service", rec=None, poids=None, conso=None):
    return {"Catégorie": cat, "Quantité": q, "Année d'acquisition": an, "Statut": statut, "Reconditionné": rec,
            "Poids unitaire (kg)": poids, "Conso (kWh/an)": conso}


def test_empty_workbook_gives_zero_counts_and_empty_ratios():
    r = indicateurs(donnees())
    assert r["NR_NB_EQUIPEMENTS"] == 0
    assert r["NR_EQUIPEMENTS_PAR_AGENT"] == 0
    assert r["NR_AGE_MOYEN_ANS"] is None
    assert r["NR_PART_RECONDITIONNE"] is None
    assert r["NR_PUE"] is None
    assert r["NR_DEEE_T_PAR_AGENT_AN"] is None and r["NR_DEEE_SOURCE"] == ""
    assert r["NR_SCORE_GLOBAL"] is None and r["NR_TAUX_COMPLETUDE"] is None


def test_counts_only_in_service_rows_with_valid_quantities():
    rows = [ligne(q=10), ligne(q=5, statut="En stock"), ligne(q=3, statut="Réformé"), ligne(q="12"),
            ligne(q=-4), ligne(q=2, statut="en service")]
    r = indicateurs(donnees(**{INV: rows}))
    assert r["NR_NB_EQUIPEMENTS"] == 12
    assert r["NR_EQUIPEMENTS_PAR_AGENT"] == pytest.approx(0.12)


def test_mean_age_is_weighted_by_quantity_and_skips_unknown_years():
    rows = [ligne(q=10, an=2020), ligne(q=30, an=2024), ligne(q=50, an=None), ligne(q=5, an="vieux")]
    r = indicateurs(donnees(**{INV: rows}))
    assert r["NR_AGE_MOYEN_ANS"] == pytest.approx((10 * 6 + 30 * 2) / 40)


def test_refurbished_share():
    rows = [ligne(q=30, rec="Oui"), ligne(q=70, rec="Non"), ligne(q=50, rec="Oui", statut="Réformé")]
    assert indicateurs(donnees(**{INV: rows}))["NR_PART_RECONDITIONNE"] == pytest.approx(0.3)


def test_weight_uses_row_value_else_category_default():
    rows = [ligne(q=10, poids=2.0), ligne(q=10), ligne(cat="Inconnue", q=10)]
    r = indicateurs(donnees(**{INV: rows}))
    assert r["NR_POIDS_PARC_T"] == pytest.approx((10 * 2.0 + 10 * 1.65) / 1000)


def test_category_lookup_ignores_case():
    r = indicateurs(donnees(**{INV: [ligne(cat="ordinateur PORTABLE", q=1)]}))
    assert r["NR_CONSO_KWH_AN"] == pytest.approx(29.0)


def test_pue_is_total_over_it_for_rooms_with_both_values():
    salles = [{"Salle": "A", "Énergie totale (kWh/an)": 30000, "Énergie IT (kWh/an)": 20000},
              {"Salle": "B", "Énergie totale (kWh/an)": 10000, "Énergie IT (kWh/an)": None}]
    assert indicateurs(donnees(T_SALLES=salles))["NR_PUE"] == pytest.approx(1.5)


def test_pue_below_one_is_shown_not_hidden():
    salles = [{"Salle": "A", "Énergie totale (kWh/an)": 800, "Énergie IT (kWh/an)": 1000}]
    assert indicateurs(donnees(T_SALLES=salles))["NR_PUE"] == pytest.approx(0.8)


def test_manufacturing_footprint_is_amortised_over_lifespan():
    r = indicateurs(donnees(**{INV: [ligne(q=10), ligne(cat="Serveur", q=2)]}))
    assert r["NR_EMPREINTE_FABRICATION_KGCO2E_AN"] == pytest.approx(10 * 170 / 5 + 2 * 748 / 5)


def test_usage_footprint_applies_pue_to_server_room_equipment_only():
    rows = [ligne(q=10), ligne(cat="Serveur", q=2)]
    salles = [{"Salle": "A", "Énergie totale (kWh/an)": 2000, "Énergie IT (kWh/an)": 1000}]
    r = indicateurs(donnees(**{INV: rows, "T_SALLES": salles}))
    assert r["NR_EMPREINTE_USAGE_KGCO2E_AN"] == pytest.approx((10 * 29.0 + 2 * 3504 * 2.0) * 0.0461)


def test_usage_footprint_uses_default_pue_when_not_measured():
    r = indicateurs(donnees(**{INV: [ligne(cat="Serveur", q=1)]}))
    assert r["NR_EMPREINTE_USAGE_KGCO2E_AN"] == pytest.approx(3504 * 1.75 * 0.0461)


def test_usage_footprint_is_empty_without_electricity_factor():
    r = indicateurs(donnees({"NR_FACTEUR_ELEC_KGCO2E_KWH": None}, **{INV: [ligne()]}))
    assert r["NR_EMPREINTE_USAGE_KGCO2E_AN"] is None
    assert r["NR_EMPREINTE_TOTALE_KGCO2E_AN"] is None


def test_deee_from_slips_divides_by_years_covered():
    slips = [{"Année": 2023, "Poids (kg)": 600}, {"Année": 2025, "Poids (kg)": 300},
             {"Année": None, "Poids (kg)": 999}]
    r = indicateurs(donnees({"NR_NB_AGENTS": 50}, T_DEEE=slips, **{INV: [ligne(q=100, statut="Réformé")]}))
    assert r["NR_DEEE_SOURCE"] == "Bordereaux"
    assert r["NR_DEEE_T_PAR_AGENT_AN"] == pytest.approx(900 / 3 / 1000 / 50)


def test_deee_estimated_from_retired_rows_without_slips():
    r = indicateurs(donnees({"NR_NB_AGENTS": 50}, **{INV: [ligne(q=100, statut="Réformé", poids=2.0)]}))
    assert r["NR_DEEE_SOURCE"] == "Estimation"
    assert r["NR_DEEE_T_PAR_AGENT_AN"] == pytest.approx(100 * 2.0 / 1000 / 50)


def test_deee_per_agent_is_empty_without_agents():
    r = indicateurs(donnees({"NR_NB_AGENTS": None}, T_DEEE=[{"Année": 2025, "Poids (kg)": 10}]))
    assert r["NR_DEEE_SOURCE"] == "Bordereaux" and r["NR_DEEE_T_PAR_AGENT_AN"] is None


def _maturite(niveaux: dict[str, list]) -> list[dict]:
    return [{"ID": f"{code}-{i + 1:02d}", "Niveau": n} for code, ns in niveaux.items() for i, n in enumerate(ns)]


def test_unanswered_questions_never_count_as_zero():
    mat = _maturite({"ACHATS": [3, None, None], "MESURE": [0, 3]})
    r = indicateurs(donnees(T_MATURITE=mat))
    assert r["NR_SCORE_ACHATS"] == pytest.approx(100)
    assert r["NR_SCORE_MESURE"] == pytest.approx(50)
    assert r["NR_SCORE_STRATEGIE"] is None
    assert r["NR_SCORE_GLOBAL"] == pytest.approx(75)
    assert r["NR_TAUX_COMPLETUDE"] == pytest.approx(3 / 5)


def test_out_of_scale_and_text_levels_are_ignored():
    mat = _maturite({"DEEE": [2, 5, "3", -1, 1.5]})
    r = indicateurs(donnees(T_MATURITE=mat))
    assert r["NR_SCORE_DEEE"] == pytest.approx((2 + 1.5) / 2 / 3 * 100)
    assert r["NR_TAUX_COMPLETUDE"] == pytest.approx(2 / 5)


@pytest.mark.parametrize(("score", "niveau"), [(0, "Initial"), (24.9, "Initial"), (25, "En démarrage"),
                                               (50, "Structuré"), (100, "Maîtrisé")])
def test_maturity_level_thresholds(score, niveau):
    mat = [{"ID": "ACHATS-01", "Niveau": score / 100 * 3}]
    assert indicateurs(donnees(T_MATURITE=mat))["NR_NIVEAU_MATURITE"] == niveau


def test_referents_count_ignores_blank_names():
    r = indicateurs(donnees(T_REFERENTS=[{"Nom": "A"}, {"Nom": "  "}, {"Nom": None}, {"Nom": "B"}]))
    assert r["NR_NB_REFERENTS"] == 2
