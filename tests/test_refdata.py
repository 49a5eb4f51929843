from collections import Counter

import pytest
import yaml
from pydantic import ValidationError

from nr_workbook import referentiel
from nr_workbook.referentiel.models import Equipement, Referentiel

REF = referentiel.load()


def test_seven_dimensions_with_stable_codes():
    assert [d.code for d in REF.dimensions] == [
        "STRATEGIE", "MESURE", "ACHATS", "TRANSFORMATION", "DEEE", "SENSIBILISATION", "TERRITOIRE"]
    assert REF.dimension("TERRITOIRE").libelle == "Le numérique pour un territoire éco-responsable"


def test_complete_path_has_at_least_35_questions_and_5_per_dimension():
    questions = REF.questions_du_parcours("Complet")
    assert len(questions) >= 35
    par_dim = Counter(q.dimension for q in questions)
    assert set(par_dim) == {d.code for d in REF.dimensions}
    assert min(par_dim.values()) >= 5


def test_flash_path_has_at_most_20_questions_over_all_dimensions():
    flash = REF.questions_du_parcours("Flash")
    assert 7 <= len(flash) <= 20
    assert {q.dimension for q in flash} == {d.code for d in REF.dimensions}


def test_every_question_has_a_described_scale_interlocutors_and_decree_theme():
    for q in REF.questions:
        assert len(q.niveaux) == 4 and all(len(t) > 2 for t in q.niveaux), q.id
        assert q.interlocuteurs and set(q.interlocuteurs) <= set(REF.interlocuteurs)
        assert q.theme_decret in REF.themes_decret
        assert q.question.endswith("?")


def test_question_ids_follow_the_contract_scheme():
    assert REF.questions[0].id == "STRATEGIE-01"
    assert all(q.id.split("-")[0] == q.dimension and len(q.id.split("-")[1]) == 2 for q in REF.questions)


def test_equipment_values_carry_a_source_with_a_year():
    assert len(REF.equipements) >= 15
    for e in REF.equipements:
        for v in e.valeurs().values():
            assert v.source in REF.sources
            assert 2020 <= REF.sources[v.source].annee <= 2026


def test_ademe_figures_of_domain_brief():
    portable = next(e for e in REF.equipements if e.categorie == "Ordinateur portable")
    assert (portable.fabrication_kgco2e.valeur, portable.duree_vie_ans.valeur, portable.conso_kwh_an.valeur) == (
        170, 5, 29.0)
    assert REF.parametres.facteur_elec_kgco2e_kwh.valeur == 0.0461
    assert REF.parametres.pue_defaut.valeur == 1.75


def test_server_room_categories():
    salle = {e.categorie for e in REF.equipements if e.salle_serveur}
    assert "Serveur" in salle and "Ordinateur portable" not in salle


def test_invalid_equipment_is_refused():
    with pytest.raises(ValidationError):
        Equipement(categorie="X", famille="Y", salle_serveur=False,
                   poids_kg={"valeur": -1, "source": "ademe_impactco2"},
                   duree_vie_ans={"valeur": 0, "source": "ademe_impactco2"},
                   fabrication_kgco2e={"valeur": 1, "source": "ademe_impactco2"},
                   conso_kwh_an={"valeur": 1, "source": "ademe_impactco2"})


def test_unknown_source_is_refused():
    data = REF.model_dump()
    data["equipements"][0]["poids_kg"]["source"] = "inconnue"
    with pytest.raises(ValidationError, match="source inconnue"):
        Referentiel.model_validate(data)


def test_unknown_interlocutor_is_refused():
    data = REF.model_dump()
    data["questions"][0]["interlocuteurs"] = ["Personne"]
    with pytest.raises(ValidationError, match="interlocuteur inconnu"):
        Referentiel.model_validate(data)


def test_yaml_files_are_valid_utf8_yaml():
    from importlib import resources

    for f in resources.files("nr_workbook.referentiel").iterdir():
        if f.name.endswith(".yaml"):
            assert yaml.safe_load(f.read_text(encoding="utf-8"))


def test_lever_catalogue_has_70_levers_and_6_per_dimension():
    assert len(REF.leviers) >= 70
    par_dim = Counter(lv.dimension for lv in REF.leviers)
    assert set(par_dim) == {d.code for d in REF.dimensions} and min(par_dim.values()) >= 6


def test_levers_name_existing_questions_and_both_targets():
    ids = {q.id for q in REF.questions}
    assert all(set(lv.questions) <= ids for lv in REF.leviers)
    assert {lv.cible for lv in REF.leviers} == {"Interne", "Prestataire"}
    assert all(lv.actions and lv.indicateurs and lv.description for lv in REF.leviers)


def test_lever_with_unknown_question_is_refused():
    data = REF.model_dump()
    data["leviers"][0]["questions"] = ["ACHATS-99"]
    with pytest.raises(ValidationError, match="question inconnue ACHATS-99"):
        Referentiel.model_validate(data)
