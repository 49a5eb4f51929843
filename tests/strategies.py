"""Hypothesis strategies: filled workbooks' data as any program (or a careless user) might write it."""

from __future__ import annotations

from hypothesis import strategies as st

from nr_workbook import referentiel
from nr_workbook.contract import layout as L

REF = referentiel.load()
CATEGORIES = [e.categorie for e in REF.equipements]
QUESTIONS_COMPLET = [q.id for q in REF.questions_du_parcours("Complet")]

_vide = st.none()
_texte_bizarre = st.sampled_from(["", "abc", "12", "=1+1", "-", "@x", "N/A"])
_decimal = st.decimals(min_value=0, max_value=5000, places=2).map(float)


def _parfois(strategie, *autres, poids_vide: int = 1):
    return st.one_of(strategie, *autres, *([_vide] * poids_vide))


categorie = _parfois(st.sampled_from(CATEGORIES), st.sampled_from(CATEGORIES).map(str.upper),
                     st.just("Catégorie inconnue"))
quantite = _parfois(st.integers(0, 500), st.integers(-20, -1), st.floats(0, 50).map(lambda x: round(x, 1)),
                    _texte_bizarre)
annee = _parfois(st.integers(1995, 2030), _texte_bizarre)
statut = _parfois(st.sampled_from(["En service", "En service", "En stock", "Réformé"]),
                  st.sampled_from(["en service", "RÉFORMÉ", "Perdu"]))
oui_non = _parfois(st.sampled_from(["Oui", "Non"]), st.just("oui"), st.just("peut-être"))
valeur_optionnelle = st.one_of(_vide, _vide, _vide, _decimal, _texte_bizarre)

ligne_inventaire = st.fixed_dictionaries({
    "Catégorie": categorie, "Modèle": _parfois(st.text(max_size=20), _texte_bizarre), "Quantité": quantite,
    "Année d'acquisition": annee, "Statut": statut, "Reconditionné": oui_non,
    "Poids unitaire (kg)": valeur_optionnelle, "Conso (kWh/an)": valeur_optionnelle,
})
ligne_salle = st.fixed_dictionaries({
    "Salle": st.just("Salle"),
    "Énergie totale (kWh/an)": _parfois(st.integers(0, 200_000), _texte_bizarre),
    "Énergie IT (kWh/an)": _parfois(st.integers(0, 150_000), _texte_bizarre),
})
ligne_deee = st.fixed_dictionaries({
    "Année": _parfois(st.integers(2015, 2027), _texte_bizarre),
    "Poids (kg)": _parfois(_decimal, _texte_bizarre),
})
# Scrapped equipment (décret 2023-266) and purchases (loi AGEC): ages around the ten-year limit, destinations in
# any case, amounts as text, negative or above the total.
ligne_reforme = st.fixed_dictionaries({
    "Catégorie": categorie, "Quantité": quantite,
    "Année d'acquisition": _parfois(st.integers(2008, 2027), _texte_bizarre),
    "Année de réforme": _parfois(st.integers(2015, 2027), _texte_bizarre),
    "Présent au 1er janvier": oui_non,
    "Destination": _parfois(st.sampled_from(L.DESTINATIONS), st.sampled_from(["don", "VENTE", "Perdu"])),
    "Engagement du repreneur": oui_non,
})
_montant = _parfois(st.decimals(min_value=0, max_value=90_000, places=2).map(float), st.just(0), _texte_bizarre,
                    st.just(-50.0))
ligne_achat = st.fixed_dictionaries({
    "Type de produit": _parfois(st.sampled_from([L.TYPE_INFORMATIQUE] * 3 + list(L.TYPES_PRODUIT[:5])),
                                st.just(L.TYPE_INFORMATIQUE.upper()), st.just("Ordinateurs")),
    "Montant total (€ HT)": _montant, **{m: _montant for m in L.MONTANTS_ACHATS},
})
# The table of equivalents edited by the user: its first rows replaced (the template's others kept), any bound
# missing or as text, a factor of zero or negative.
ligne_equivalent = st.fixed_dictionaries({
    "Équivalent": _parfois(st.sampled_from(["km à vélo", "tartines", "Réunions en visio"]), _texte_bizarre),
    "kgCO2e par unité": _parfois(st.sampled_from([0.5, 2.06, 4.4, 80.16, 1000.0, 9100.0]), st.just(0),
                                 st.just(-3.0), _texte_bizarre),
    "Tranche : au-delà de (kgCO2e)": _parfois(st.sampled_from([0, 1, 50, 500, 10_000, 20_000]), _texte_bizarre),
    "Tranche : jusqu'à (kgCO2e)": _parfois(st.sampled_from([1, 50, 500, 10_000, 100_000]), _texte_bizarre),
})
niveau = st.one_of(_vide, _vide, st.integers(0, 3), st.integers(0, 3), st.sampled_from([1.5, 4, -1, "2", "x"]))


NB_LEVIERS = len(REF.leviers)
_note = st.one_of(_vide, st.integers(1, 4), st.integers(1, 4), st.sampled_from([0, 5, 2.5, "3", "x"]))
ligne_levier = st.fixed_dictionaries({
    "Présélection": st.one_of(st.sampled_from(["Oui", "Oui", "Non"]), st.sampled_from(["oui", "peut-être"]), _vide),
    "Valeur": _note, "Faisabilité": _note,
    "Retenu": st.one_of(st.sampled_from(["Oui", "Non", "Non"]), st.just("OUI"), _vide),
}, optional={"Cible": st.sampled_from(["Interne", "Prestataire", "prestataire"])})
levier_personnalise = st.fixed_dictionaries({
    "ID": st.sampled_from(["ACHATS-11", "PERSO-01", "MESURE-12"]), "Levier": st.text(min_size=1, max_size=15),
    "Cible": st.sampled_from(["Interne", "Prestataire"]), "Présélection": st.just("Oui"),
    "Valeur": st.integers(1, 4), "Faisabilité": st.integers(1, 4), "Retenu": st.sampled_from(["Oui", "Non"]),
    "Questions liées": st.sampled_from(["ACHATS-01", "DEEE-02, MESURE-01", "", "inconnue"]),
})


CODES_SUIVIS = [n.nom for n in L.INDICATEURS_SUIVIS]
cible_allongement = st.one_of(st.just(1), st.just(0), st.decimals(0, 6, places=1).map(float), _vide,
                              st.sampled_from(["deux", -1]))
cible_pue = st.one_of(_vide, st.decimals(1, 3, places=2).map(float), st.just(1.2), st.just("x"))


@st.composite
def lignes_historique(draw, annee: int):
    """T_HISTORIQUE rows as a person or an older run may leave them: past years, duplicates, text, unknown codes."""
    ligne = st.fixed_dictionaries({
        "Indicateur": st.one_of(st.sampled_from(CODES_SUIVIS), st.sampled_from(CODES_SUIVIS).map(str.lower),
                                st.just("NR_INCONNU"), _vide),
        "Année": st.one_of(st.sampled_from([annee - 1, annee - 1, annee - 2, annee - 5, annee - 6, annee]),
                           st.just(str(annee - 1)), _vide),
        "Valeur": st.one_of(_decimal, st.integers(-50, 50), _texte_bizarre, _vide),
    })
    return draw(st.lists(ligne, max_size=12))


@st.composite
def jeux_de_donnees(draw, max_inventaire: int = 25):
    """(names, tables) to write into a blank complete workbook through the contract."""
    noms = {
        "NR_NB_AGENTS": draw(_parfois(st.integers(1, 5000), st.just(0), _texte_bizarre)),
        "NR_ANNEE_REFERENCE": draw(_parfois(st.integers(2020, 2030), poids_vide=0)),
        "NR_FACTEUR_ELEC_KGCO2E_KWH": draw(st.one_of(st.just(0.0461), st.just(0.0813), _vide)),
        "NR_COLLECTIVITE": draw(st.one_of(st.text(min_size=1, max_size=30), _texte_bizarre)),
        "NR_PRESTATAIRE_EMBARQUE": draw(st.sampled_from(["Oui", "Non", "non", None])),
        "NR_CIBLE_ALLONGEMENT_ANS": draw(cible_allongement),
        "NR_CIBLE_PUE": draw(cible_pue),
        "NR_PRIX_ELEC_EUR_KWH": draw(st.one_of(st.just(0.239), st.just(0.18), _vide)),
    }
    niveaux = draw(st.lists(niveau, min_size=len(QUESTIONS_COMPLET), max_size=len(QUESTIONS_COMPLET)))
    tables = {
        "T_INVENTAIRE": draw(st.lists(ligne_inventaire, max_size=max_inventaire)),
        "T_SALLES": draw(st.lists(ligne_salle, max_size=4)),
        "T_DEEE": draw(st.lists(ligne_deee, max_size=6)),
        "T_MATURITE": [{"Niveau": n} for n in niveaux],
        "T_REFERENTS": draw(st.lists(st.fixed_dictionaries({"Nom": _parfois(st.text(max_size=10))}), max_size=4)),
        "T_LEVIERS": draw(st.lists(ligne_levier, min_size=NB_LEVIERS, max_size=NB_LEVIERS))
        + draw(st.lists(levier_personnalise, max_size=2)),
        "T_HISTORIQUE": draw(lignes_historique(noms["NR_ANNEE_REFERENCE"])),
        "T_REFORME": draw(st.lists(ligne_reforme, max_size=8)),
        "T_ACHATS": draw(st.lists(ligne_achat, max_size=6)),
        "T_EQUIVALENCES": draw(st.one_of(st.just([]), st.lists(ligne_equivalent, min_size=1, max_size=5))),
    }
    return noms, tables
