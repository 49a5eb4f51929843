"""The footprint and the plan's gain in everyday equivalents (ADEME's Impact CO2): the engine's choice by size
band, the reference data it starts from, and the workbook's table edited by a user."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees
from nr_workbook.engine.equivalences import equivalents, indicateurs_equivalences, lignes_reference

REF = lignes_reference()
DE, A = "Tranche : au-delà de (kgCO2e)", "Tranche : jusqu'à (kgCO2e)"


def _mots(valeur, lignes=REF):
    return [m for _, m in equivalents(valeur, lignes)]


def test_each_size_band_gives_its_own_items_in_table_order():
    assert _mots(0.5) == ["km en TGV", "e-mails", "pommes"]
    assert _mots(30) == ["allers-retours Paris – Marseille en TGV", "repas végétariens", "km en voiture thermique"]
    assert _mots(300) == ["repas avec du bœuf", "allers-retours Lille – Nîmes en voiture", "smartphones"]
    assert _mots(5_000) == ["allers-retours Paris – New York en avion", "années d'empreinte carbone d'un Français",
                            "ordinateurs portables"]
    assert _mots(120_000) == ["allers-retours Paris – New York en avion", "années d'empreinte carbone d'un Français",
                              "tours de la Terre en voiture"]


def test_a_band_holds_its_upper_bound_not_its_lower_one():
    assert _mots(50)[0] == "allers-retours Paris – Marseille en TGV"  # (1, 50]
    assert _mots(50.001)[0] == "repas avec du bœuf"  # (50, 500]
    assert _mots(10_000)[2] == "ordinateurs portables"


def test_the_count_is_the_figure_over_the_items_footprint():
    (n, mots), *_ = equivalents(5_782, REF)
    assert mots == "allers-retours Paris – New York en avion"
    assert n == pytest.approx(5_782 / 2_060)


@pytest.mark.parametrize("valeur", [None, "", 0, -12.5, "1 200", True])
def test_no_equivalent_without_a_positive_number(valeur):
    assert equivalents(valeur, REF) == []


@given(st.floats(min_value=1e-6, max_value=1e10, allow_nan=False))
def test_every_positive_figure_finds_three_equivalents_that_add_back_to_it(valeur):
    trouves = equivalents(valeur, REF)
    kg = {r["Équivalent"]: r["kgCO2e par unité"] for r in REF}
    assert len(trouves) == 3
    for n, mots in trouves:
        assert n * kg[mots] == pytest.approx(valeur, rel=1e-12)


def test_the_reference_data_keeps_impact_co2s_figures_and_sources():
    eq = referentiel.load().equivalences
    par_id = {e.id: e for e in eq.equivalents}
    # public/equivalents.csv at commit 8076a489 (kg CO2e column, to the digit)
    assert par_id["avion-pny"].kgco2e == 2060 and par_id["francais"].kgco2e == 9100
    assert par_id["smartphone"].kgco2e == 80.155343125
    assert par_id["voiturethermique"].kgco2e == 0.14225341222954335
    assert all(e.url == f"https://impactco2.fr/outils/{e.url.split('/outils/')[1]}" and e.url.endswith(e.id)
               for e in eq.equivalents)
    source = referentiel.load().sources[eq.source]
    assert source.licence == "MIT" and "8076a4895ecebd0c781ec6489ba2008b87915b09" in source.titre
    assert "indicatifs" in eq.mise_en_garde and "varient beaucoup" in eq.mise_en_garde


def test_a_users_rows_come_first_and_odd_rows_are_skipped():
    lignes = [
        {"Équivalent": "tartines", "kgCO2e par unité": 0.1, DE: None, A: 100},  # empty lower bound: from 0
        {"Équivalent": "", "kgCO2e par unité": 1.0, DE: 0, A: 100},  # no words
        {"Équivalent": "km à vélo", "kgCO2e par unité": 0, DE: 0, A: 100},  # no footprint
        {"Équivalent": "réunions", "kgCO2e par unité": 2.0, DE: "dix", A: "cent"},  # bound as text: no band
        {"Équivalent": "visios", "kgCO2e par unité": 4.0, DE: 10, A: None},  # no upper bound
    ] + REF
    assert equivalents(40, lignes) == [(400.0, "tartines"), (10.0, "visios"),
                                       (40 / 4.4, "allers-retours Paris – Marseille en TGV")]


def test_outputs_are_empty_beyond_the_equivalents_found():
    lignes = [{"Équivalent": "tartines", "kgCO2e par unité": 0.5, DE: 0, A: 100}]
    d = Donnees(noms={}, tables={"T_EQUIVALENCES": lignes})
    out = indicateurs_equivalences(d, {"NR_EMPREINTE_TOTALE_KGCO2E_AN": 50.0, "NR_GAIN_TOTAL_KGCO2E_AN": None})
    assert out["NR_EQUIVALENT_EMPREINTE_1"] == 100.0 and out["NR_EQUIVALENT_EMPREINTE_1_OBJET"] == "tartines"
    assert out["NR_EQUIVALENT_EMPREINTE_2"] is None and out["NR_EQUIVALENT_EMPREINTE_2_OBJET"] is None
    assert all(out[f"NR_EQUIVALENT_GAIN_{k}"] is None for k in (1, 2, 3))
    assert set(out) == {n.nom for n in L.SORTIES_EQUIVALENCES}


def test_a_program_without_the_table_gets_the_reference_data():
    d = Donnees(noms={}, tables={})
    out = indicateurs_equivalences(d, {"NR_EMPREINTE_TOTALE_KGCO2E_AN": 2_060.0, "NR_GAIN_TOTAL_KGCO2E_AN": 0.0})
    assert out["NR_EQUIVALENT_EMPREINTE_1"] == 1.0
    assert out["NR_EQUIVALENT_GAIN_1"] is None  # no gain, no equivalent (never « 0 fois »)
