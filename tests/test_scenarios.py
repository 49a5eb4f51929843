"""The scenarios' gains: the engine against the contract's definitions computed here apart (plain Python over the
rows, docs/contrat-classeur.md), the UDFs against the engine, and the edge cases. The formulas are compared with the
engine through LibreOffice in tests/test_recalcul_libreoffice.py (every output, generated workbooks)."""

from __future__ import annotations

import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from nr_workbook.contract import layout as L  # noqa: E402
from nr_workbook.engine.donnees import est_nombre  # noqa: E402
from nr_workbook.engine.sorties import indicateurs  # noqa: E402
from nr_workbook.excel.fonctions import appeler  # noqa: E402
from tests.helpers import donnees, referentiel_par_defaut  # noqa: E402
from tests.strategies import cible_allongement, cible_pue, ligne_inventaire, ligne_salle  # noqa: E402

FACTEUR = 0.0461


def _texte(v):
    return v.casefold() if isinstance(v, str) else None


def _somme_categorie(referentiel, categorie, colonne):
    """SUMIF over T_REFERENTIEL: case-insensitive match, numeric cells only, 0 when nothing matches."""
    cle = _texte(categorie)
    return sum(float(r[colonne]) for r in referentiel
               if cle is not None and _texte(r.get("Catégorie")) == cle and est_nombre(r.get(colonne)))


def _salle(referentiel, categorie):
    cle = _texte(categorie)
    return any(cle is not None and _texte(r.get("Catégorie")) == cle and _texte(r.get("Salle serveur")) == "oui"
               for r in referentiel)


def _en_service(r):
    q = r.get("Quantité")
    return (max(float(q), 0.0) if est_nombre(q) else 0.0) if _texte(r.get("Statut")) == "en service" else 0.0


def _pue_applique(salles, pue_defaut=1.75):
    ok = [(s["Énergie totale (kWh/an)"], s["Énergie IT (kWh/an)"]) for s in salles
          if est_nombre(s.get("Énergie totale (kWh/an)")) and est_nombre(s.get("Énergie IT (kWh/an)"))]
    it = sum(b for _, b in ok)
    return sum(a for a, _ in ok) / it if it else pue_defaut


def contrat(inventaire, salles, a, cible, facteur=FACTEUR, prix=0.239, referentiel=None):
    """The contract's definitions, row by row."""
    ref = referentiel or referentiel_par_defaut()
    out = {}
    if est_nombre(a) and a >= 0:
        co2 = deee = 0.0
        for r in inventaire:
            duree = _somme_categorie(ref, r.get("Catégorie"), "Durée de vie (ans)")
            if duree <= 0:
                continue
            k = 1 / duree - 1 / (duree + a)
            poids = r.get("Poids unitaire (kg)")
            poids = float(poids) if est_nombre(poids) else _somme_categorie(ref, r.get("Catégorie"),
                                                                            "Poids unitaire (kg)")
            co2 += _en_service(r) * _somme_categorie(ref, r.get("Catégorie"), "Fabrication (kgCO2e)") * k
            deee += _en_service(r) * poids * k
        out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"], out["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] = co2, deee / 1000
    else:
        out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] = out["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] = None
    if est_nombre(cible):
        p = _pue_applique(salles)
        kwh = 0.0
        if cible < p:
            for r in inventaire:
                if _salle(ref, r.get("Catégorie")):
                    conso = r.get("Conso (kWh/an)")
                    conso = float(conso) if est_nombre(conso) else _somme_categorie(ref, r.get("Catégorie"),
                                                                                     "Conso (kWh/an)")
                    kwh += _en_service(r) * conso * (p - cible)
        out["NR_GAIN_PUE_KWH_AN"], out["NR_GAIN_PUE_KGCO2E_AN"] = kwh, kwh * facteur
        out["NR_GAIN_PUE_EUR_AN"] = kwh * prix
    else:
        out["NR_GAIN_PUE_KWH_AN"] = out["NR_GAIN_PUE_KGCO2E_AN"] = out["NR_GAIN_PUE_EUR_AN"] = None
    valeurs = [v for v in (out["NR_GAIN_ALLONGEMENT_KGCO2E_AN"], out["NR_GAIN_PUE_KGCO2E_AN"]) if v is not None]
    out["NR_GAIN_TOTAL_KGCO2E_AN"] = sum(valeurs) if valeurs else None
    return out


def _proche(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def _engine(inventaire, salles, a, cible, **noms):
    d = donnees({"NR_CIBLE_ALLONGEMENT_ANS": a, "NR_CIBLE_PUE": cible, "NR_PRIX_ELEC_EUR_KWH": 0.239, **noms},
                T_INVENTAIRE=inventaire, T_SALLES=salles)
    return indicateurs(d)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ligne_inventaire, max_size=30), st.lists(ligne_salle, max_size=3), cible_allongement, cible_pue)
def test_the_engine_follows_the_contracts_definitions(inventaire, salles, a, cible):
    moteur = _engine(inventaire, salles, a, cible)
    attendu = contrat(inventaire, salles, a, cible)
    for nom, v in attendu.items():
        assert _proche(moteur[nom], v), (nom, moteur[nom], v)
    total, empreinte = moteur["NR_GAIN_TOTAL_KGCO2E_AN"], moteur["NR_EMPREINTE_TOTALE_KGCO2E_AN"]
    part = total / empreinte if total is not None and empreinte else None
    assert _proche(moteur["NR_GAIN_PART_EMPREINTE"], part)


def _plage(lignes, table):
    entetes = list(L.TABLES_PAR_NOM[table].entetes)
    return [entetes] + [[r.get(h) for h in entetes] for r in lignes]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ligne_inventaire, min_size=1, max_size=20), st.lists(ligne_salle, max_size=3), cible_allongement,
       cible_pue)
def test_the_udfs_give_the_engines_gains(inventaire, salles, a, cible):
    moteur = _engine(inventaire, salles, a, cible)
    inv, ref = _plage(inventaire, "T_INVENTAIRE"), _plage(referentiel_par_defaut(), "T_REFERENTIEL")
    pue = moteur["NR_PUE"]
    vide = "" if a is None else a
    cible_cellule = "" if cible is None else cible
    appels = {
        "NR_GAIN_ALLONGEMENT_KGCO2E_AN": appeler("NR_GAIN_ALLONGEMENT", inv, ref, vide),
        "NR_GAIN_ALLONGEMENT_DEEE_T_AN": appeler("NR_GAIN_ALLONGEMENT_DEEE", inv, ref, vide),
        "NR_GAIN_PUE_KGCO2E_AN": appeler("NR_GAIN_PUE", inv, ref, FACTEUR, "" if pue is None else pue, cible_cellule),
        "NR_GAIN_TOTAL_KGCO2E_AN": appeler("NR_GAIN_TOTAL", inv, ref, FACTEUR, "" if pue is None else pue, vide,
                                           cible_cellule),
    }
    for nom, v in appels.items():
        assert _proche(None if v == "" else v, moteur[nom]), (nom, v, moteur[nom])


_SERVEURS = [{"Catégorie": "Serveur", "Quantité": 4, "Statut": "En service"}]
_POSTES = [{"Catégorie": "Ordinateur portable", "Quantité": 10, "Statut": "En service"}]
_SALLE = [{"Salle": "A", "Énergie totale (kWh/an)": 20_000, "Énergie IT (kWh/an)": 10_000}]  # PUE 2


def test_no_server_room_equipment_means_no_pue_gain():
    g = _engine(_POSTES, [], 1, 1.3)
    assert g["NR_GAIN_PUE_KGCO2E_AN"] == 0 and g["NR_GAIN_PUE_KWH_AN"] == 0 and g["NR_GAIN_PUE_EUR_AN"] == 0


def test_no_measured_room_uses_the_default_pue():
    g = _engine(_SERVEURS, [], 0, 1.25)
    conso = _somme_categorie(referentiel_par_defaut(), "Serveur", "Conso (kWh/an)")
    assert g["NR_GAIN_PUE_KWH_AN"] == pytest.approx(4 * conso * (1.75 - 1.25))


def test_a_target_above_the_current_pue_gains_nothing():
    g = _engine(_SERVEURS, _SALLE, 1, 2.4)
    assert g["NR_GAIN_PUE_KGCO2E_AN"] == 0 and g["NR_GAIN_PUE_KWH_AN"] == 0
    assert g["NR_GAIN_TOTAL_KGCO2E_AN"] == pytest.approx(g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"])


def test_an_empty_target_is_no_scenario_not_an_error():
    g = _engine(_SERVEURS, _SALLE, 1, None)
    assert g["NR_GAIN_PUE_KGCO2E_AN"] is None and g["NR_GAIN_PUE_EUR_AN"] is None
    assert g["NR_GAIN_TOTAL_KGCO2E_AN"] == pytest.approx(g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"])
    inv, ref = _plage(_SERVEURS, "T_INVENTAIRE"), _plage(referentiel_par_defaut(), "T_REFERENTIEL")
    assert appeler("NR_GAIN_PUE", inv, ref, FACTEUR, 2, "") == ""


def test_no_lifetime_extension_gains_nothing():
    g = _engine(_SERVEURS + _POSTES, _SALLE, 0, None)
    assert g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] == 0 and g["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] == 0
    assert g["NR_GAIN_TOTAL_KGCO2E_AN"] == 0


def test_a_category_without_a_lifetime_counts_for_nothing():
    ref = referentiel_par_defaut() + [{"Catégorie": "Robot", "Fabrication (kgCO2e)": 900, "Poids unitaire (kg)": 30}]
    d = donnees({"NR_CIBLE_ALLONGEMENT_ANS": 2}, T_REFERENTIEL=ref,
                T_INVENTAIRE=[{"Catégorie": "Robot", "Quantité": 3, "Statut": "En service"},
                              {"Catégorie": "Inconnue", "Quantité": 3, "Statut": "En service"}])
    g = indicateurs(d)
    assert g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] == 0 and g["NR_GAIN_ALLONGEMENT_DEEE_T_AN"] == 0


def test_one_more_year_for_ten_laptops_by_hand():
    ref = referentiel_par_defaut()
    fab = _somme_categorie(ref, "Ordinateur portable", "Fabrication (kgCO2e)")
    duree = _somme_categorie(ref, "Ordinateur portable", "Durée de vie (ans)")
    g = _engine(_POSTES, [], 1, None)
    assert g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] == pytest.approx(10 * fab * (1 / duree - 1 / (duree + 1)))
    assert g["NR_GAIN_PART_EMPREINTE"] == pytest.approx(
        g["NR_GAIN_TOTAL_KGCO2E_AN"] / g["NR_EMPREINTE_TOTALE_KGCO2E_AN"])


def test_a_pue_target_saves_kwh_co2_and_euros_by_hand():
    conso = _somme_categorie(referentiel_par_defaut(), "Serveur", "Conso (kWh/an)")
    g = _engine(_SERVEURS, _SALLE, 0, 1.5)
    assert g["NR_GAIN_PUE_KWH_AN"] == pytest.approx(4 * conso * 0.5)
    assert g["NR_GAIN_PUE_KGCO2E_AN"] == pytest.approx(4 * conso * 0.5 * FACTEUR)
    assert g["NR_GAIN_PUE_EUR_AN"] == pytest.approx(4 * conso * 0.5 * 0.239)


@pytest.mark.parametrize("a", [-1, "deux", None, ""])
def test_an_unusable_extension_is_empty_not_an_error(a):
    g = _engine(_POSTES, [], a, None)
    assert g["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] is None and g["NR_GAIN_TOTAL_KGCO2E_AN"] is None


def test_indicateurs_json_lists_the_gains(tmp_path):
    import json

    from typer.testing import CliRunner

    from nr_workbook.classeur.exemple import construire_exemple
    from nr_workbook.cli import app

    p = tmp_path / "exemple.xlsx"
    construire_exemple().save(p)
    r = CliRunner().invoke(app, ["indicateurs", str(p), "--json"])
    assert r.exit_code == 0, r.output
    sortie = json.loads(r.stdout)
    valeurs = sortie.get("indicateurs", sortie)
    assert valeurs["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] > 0 and valeurs["NR_GAIN_PUE_KGCO2E_AN"] > 0
    assert valeurs["NR_GAIN_TOTAL_KGCO2E_AN"] == pytest.approx(
        valeurs["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] + valeurs["NR_GAIN_PUE_KGCO2E_AN"])
