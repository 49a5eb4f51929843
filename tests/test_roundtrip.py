"""Write through the contract, read back through the contract: nothing is lost or changed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir_nom, remplir_table
from tests.strategies import CATEGORIES

texte = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s)
ligne = st.fixed_dictionaries({
    "Catégorie": st.sampled_from(CATEGORIES),
    "Modèle": st.one_of(texte, st.sampled_from(["=1+1", "+33", "-x", "@y"])),
    "Quantité": st.integers(0, 10**6),
    "Année d'acquisition": st.integers(1980, 2026),
    "Statut": st.sampled_from(["En service", "En stock", "Réformé"]),
    "Poids unitaire (kg)": st.one_of(st.none(), st.floats(0, 1e4, allow_nan=False).map(lambda x: round(x, 3))),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lignes=st.lists(ligne, max_size=230), agents=st.integers(1, 10**6), nom=texte)
def test_inventory_and_names_round_trip(vierge_complet, tmp_path_factory, lignes, agents, nom):
    wb = load_workbook(vierge_complet)
    remplir_nom(wb, "NR_NB_AGENTS", agents)
    remplir_nom(wb, "NR_COLLECTIVITE", nom)
    remplir_table(wb, "T_INVENTAIRE", lignes)
    p = tmp_path_factory.mktemp("rt") / "rt.xlsx"
    wb.save(p)
    d = Lecteur(p).donnees()
    assert d.noms["NR_NB_AGENTS"] == agents and d.noms["NR_COLLECTIVITE"] == nom
    lu = [{k: v for k, v in r.items() if k in lignes[0] and v is not None} for r in d.tables["T_INVENTAIRE"]]
    assert lu == [{k: v for k, v in x.items() if v is not None} for x in lignes]
