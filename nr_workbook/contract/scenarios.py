"""The Scénarios sheet's declaration: what the plan would change, in numbers (the quantified roadmap).

Two scenarios, defined in `docs/contrat-classeur.md` (the first four gains are the shared contract's):
- keeping the devices in service `NR_CIBLE_ALLONGEMENT_ANS` years longer spreads their manufacturing footprint
  (and their waste) over more years: Σ Quantité × Fabrication × (1/L − 1/(L + a)) per year;
- bringing the server rooms to `NR_CIBLE_PUE` cuts the rooms' overhead: Σ Quantité × kWh × (p − cible) for the
  server-room categories, in kWh, kgCO2e (× electricity factor) and euros (× `NR_PRIX_ELEC_EUR_KWH`).
"""

from __future__ import annotations

from nr_workbook.contract.elements import (
    F_ANNEE,
    F_DECIMAL1,
    F_DECIMAL2,
    F_DECIMAL3,
    F_DECIMAL4,
    F_ENTIER,
    F_POURCENT,
    Colonne,
    Nom,
    Saisie,
    Table,
)
from nr_workbook.contract.feuilles import SCENARIOS
from nr_workbook.contract.pilotage import ANNEES_BUDGET

ALLONGEMENT_DEFAUT = 1  # years: the ANCT toolbox's first lever, one more year of use

ENTREES_SCENARIOS = (
    Nom("NR_CIBLE_ALLONGEMENT_ANS", SCENARIOS, "entree", "Allongement de la durée d'usage visé", "ans",
        "Années ajoutées à la durée de vie des équipements en service (1 par défaut).", F_DECIMAL1,
        Saisie("decimal", minimum=0, maximum=20, aide="Nombre d'années, de 0 à 20 (0 : pas d'allongement).")),
    Nom("NR_CIBLE_PUE", SCENARIOS, "entree", "PUE visé pour les salles serveurs",
        definition="Vide : pas de scénario sur les salles serveurs.", format=F_DECIMAL2,
        saisie=Saisie("decimal", minimum=1, maximum=5, aide="PUE visé, entre 1 et 5 ; laissez vide sans scénario.")),
    Nom("NR_PRIX_ELEC_EUR_KWH", SCENARIOS, "entree", "Prix de l'électricité", "€/kWh",
        "Prix payé par la collectivité, taxes comprises (par défaut le tarif réglementé moyen, CRE 2025).",
        F_DECIMAL4, Saisie("decimal", minimum=0, maximum=5, aide="Prix en euros par kWh, entre 0 et 5."),
        contrat=False),
)

SORTIES_SCENARIOS = (
    Nom("NR_GAIN_ALLONGEMENT_KGCO2E_AN", SCENARIOS, "sortie", "Gain de l'allongement de la durée d'usage",
        "kgCO2e/an", "Σ des lignes « En service » de Quantité × Fabrication × (1/L − 1/(L + a)), L = durée de vie "
        "de la catégorie, a = allongement visé ; 0 pour une catégorie sans durée de vie.", F_ENTIER),
    Nom("NR_GAIN_ALLONGEMENT_DEEE_T_AN", SCENARIOS, "sortie", "DEEE évités par l'allongement", "t/an",
        "Même calcul avec le poids unitaire (celui de la ligne, sinon celui de la catégorie) au lieu de la "
        "fabrication, ÷ 1000.", F_DECIMAL3),
    Nom("NR_GAIN_PUE_KGCO2E_AN", SCENARIOS, "sortie", "Gain du PUE visé", "kgCO2e/an",
        "Σ des lignes « En service » des catégories de salle serveur de Quantité × kWh/an × facteur d'émission × "
        "(PUE actuel − PUE visé), si le PUE visé est plus bas, sinon 0 ; vide sans PUE visé.", F_ENTIER),
    Nom("NR_GAIN_PUE_KWH_AN", SCENARIOS, "sortie", "Électricité économisée par le PUE visé", "kWh/an",
        "Le même calcul sans le facteur d'émission.", F_ENTIER, contrat=False),
    Nom("NR_GAIN_PUE_EUR_AN", SCENARIOS, "sortie", "Économie sur la facture d'électricité", "€/an",
        "Électricité économisée × prix de l'électricité.", F_ENTIER, contrat=False),
    Nom("NR_GAIN_TOTAL_KGCO2E_AN", SCENARIOS, "sortie", "Gain total des scénarios", "kgCO2e/an",
        "Somme des gains en kgCO2e/an qui ont une valeur.", F_ENTIER),
    Nom("NR_GAIN_PART_EMPREINTE", SCENARIOS, "sortie", "Part de l'empreinte évitée", "%",
        "Gain total ÷ empreinte carbone annuelle du parc.", F_POURCENT, contrat=False),
)

ANNEES_TRAJECTOIRE = ANNEES_BUDGET  # the roadmap's horizon: the reference year and the next four

T_TRAJECTOIRE = Table(
    "T_TRAJECTOIRE",
    SCENARIOS,
    (
        Colonne("Année", 10, F_ANNEE, calculee=True),
        Colonne("Sans le plan (kgCO2e)", 16, F_ENTIER, calculee=True),
        Colonne("Avec le plan (kgCO2e)", 16, F_ENTIER, calculee=True),
        Colonne("Gain du plan (kgCO2e)", 16, F_ENTIER, calculee=True),
    ),
)
