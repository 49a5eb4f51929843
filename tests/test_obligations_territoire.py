"""The territory's legal rates over a consolidation's members: Σ numerators ÷ Σ denominators per year, against the
texts' objective and minimum of that year, and how many members meet them."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nr_workbook.engine.obligations import part_achats, taux_reemploi_reforme
from nr_workbook.mutualisation.obligations import ANNEE_INCONNUE, obligations_territoire


def _membre(annee, a, b, comptes, total):
    return {"annee": annee, "reemploi": a, "stock": b, "achats_comptes": comptes, "achats_total": total}


def test_rates_are_sums_over_members_not_averages_of_their_rates():
    ob = obligations_territoire([
        _membre(2026, 58, 68, 12_000, 84_000),  # the example: 85.3 %, 14.3 %
        _membre(2026, 2, 10, 30_000, 100_000),  # 20 %, 30 %
        _membre(2025, 0, 0, 0, 0),
        _membre(None, 5, 5, 0, 0),
    ])
    assert ob["Année"].tolist() == [2025, 2026, ANNEE_INCONNUE]
    an = ob.set_index("Année").loc[2026]
    assert an["Collectivités"] == 2
    assert (an["Orientés vers le réemploi (A)"], an["Réformés en stock au 1er janvier (B)"]) == (60, 78)
    assert an["Taux de réemploi du territoire (%)"] == pytest.approx(60 / 78 * 100)  # not (85.3 + 20) / 2 = 52.6
    assert an["Objectif du décret 2023-266 (%)"] == 50.0  # 2025's objective holds from then on
    assert (an["Collectivités ayant du matériel réformé"], an["Collectivités à l'objectif"]) == (2, 1)
    assert an["Achats informatiques (€ HT)"] == 184_000
    assert an["Dont réemploi, dons, matières recyclées (€ HT)"] == 42_000
    assert an["Part du territoire (%)"] == pytest.approx(42_000 / 184_000 * 100)
    assert an["Minimum du décret 2021-254 (%)"] == 20.0
    assert (an["Collectivités ayant des achats"], an["Collectivités au minimum"]) == (2, 1)
    vide = ob.set_index("Année").loc[2025]
    assert pd.isna(vide["Taux de réemploi du territoire (%)"]) and pd.isna(vide["Part du territoire (%)"])
    assert (vide["Collectivités ayant du matériel réformé"], vide["Collectivités à l'objectif"]) == (0, 0)
    inconnue = ob.set_index("Année").loc[ANNEE_INCONNUE]
    assert pd.isna(inconnue["Objectif du décret 2023-266 (%)"]) and pd.isna(inconnue["Collectivités à l'objectif"])
    assert inconnue["Taux de réemploi du territoire (%)"] == 100.0


def test_a_rate_exactly_at_the_objective_meets_it():
    ob = obligations_territoire([_membre(2025, 1, 2, 1, 5)]).iloc[0]
    assert ob["Collectivités à l'objectif"] == 1 and ob["Collectivités au minimum"] == 1  # 50 % and 20 %


def test_no_member_gives_an_empty_table_with_its_columns():
    ob = obligations_territoire([])
    assert ob.empty and "Taux de réemploi du territoire (%)" in ob.columns


_LIGNE_REFORME = st.fixed_dictionaries({
    "Quantité": st.integers(0, 500), "Année d'acquisition": st.integers(2012, 2026), "Année de réforme": st.just(2026),
    "Présent au 1er janvier": st.sampled_from(["Oui", "Non"]),
    "Destination": st.sampled_from(["Don", "Vente", "Recyclage", "En stock"]),
    "Engagement du repreneur": st.sampled_from(["Oui", "Non", None])})
_LIGNE_ACHAT = st.fixed_dictionaries({
    "Type de produit": st.just("Matériel informatique et téléphonie"), "Montant total (€ HT)": st.integers(0, 10**6),
    "Réemploi et réutilisation (€ HT)": st.integers(0, 10**5), "Issus du don (€ HT)": st.integers(0, 10**4),
    "Matières recyclées (€ HT)": st.integers(0, 10**4)})


@given(st.lists(st.tuples(st.lists(_LIGNE_REFORME, max_size=5), st.lists(_LIGNE_ACHAT, max_size=3)), max_size=6))
def test_territory_rate_is_the_engine_rate_of_every_member_row_together(membres):
    """Σ over the members equals the engine's own rate on all their rows pooled: one rule, no second formula."""
    from nr_workbook.engine.donnees import Donnees
    from nr_workbook.mutualisation.obligations import comptes_membre

    lignes = [comptes_membre(Donnees(noms={"NR_ANNEE_REFERENCE": 2026}, tables={"T_REFORME": r, "T_ACHATS": a},
                                     fiches=[])) for r, a in membres]
    ob = obligations_territoire(lignes)
    reforme = [x for r, _ in membres for x in r]
    achats = [x for _, a in membres for x in a]
    if not membres:
        assert ob.empty
        return
    an = ob.iloc[0]
    for colonne, attendu in (("Taux de réemploi du territoire (%)", taux_reemploi_reforme(reforme)),
                             ("Part du territoire (%)", part_achats(achats))):
        assert pd.isna(an[colonne]) if attendu is None else an[colonne] == pytest.approx(attendu)
