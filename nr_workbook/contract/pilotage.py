"""Steps 4.3 and 5's declaration (Pilotage sheet): budget per year, governance, risks, key success factors,
follow-up indicators."""

from __future__ import annotations

from nr_workbook.contract.elements import F_ANNEE, F_DECIMAL2, F_ENTIER, F_TEXTE, Colonne, Saisie, Table
from nr_workbook.contract.feuilles import PILOTAGE
from nr_workbook.contract.listes import NATURES_BUDGET, SECTIONS_BUDGET

# Follow-up indicators pre-filled from the diagnosis: (label, unit, output name or None for a manual one).
SUIVI_PILOTAGE = (
    ("DEEE par agent et par an", "t/agent/an", "NR_DEEE_T_PAR_AGENT_AN"),
    ("Empreinte carbone annuelle par agent", "kgCO2e/agent/an", "NR_EMPREINTE_KGCO2E_PAR_AGENT_AN"),
    ("Équipements en service par agent", "équipements/agent", "NR_EQUIPEMENTS_PAR_AGENT"),
    ("Âge moyen du parc en service", "ans", "NR_AGE_MOYEN_ANS"),
    ("Part du parc reconditionné", "part (0–1)", "NR_PART_RECONDITIONNE"),
    ("PUE des salles serveurs", "", "NR_PUE"),
    ("Score global de maturité", "/100", "NR_SCORE_GLOBAL"),
    ("Part des agents sensibilisés", "part (0–1)", None),
)
ANNEES_BUDGET = 5  # rows of T_BUDGET_ANNUEL: the reference year and the next four
T_BUDGET_ANNUEL = Table(
    "T_BUDGET_ANNUEL",
    PILOTAGE,
    (Colonne("Année", 10, F_ANNEE, calculee=True),)
    + tuple(Colonne(h, 14, F_ENTIER, calculee=True) for h in (*NATURES_BUDGET, *SECTIONS_BUDGET, "Total")),
)
# One row per fiche and per year of T_BUDGET_ANNUEL: each fiche's own subtotals, which T_BUDGET_ANNUEL adds up with
# SUMIFS. Its formulas keep the same length whatever the number of fiches (Excel: 8,192 characters per formula).
T_BUDGET_FICHES = Table(
    "T_BUDGET_FICHES",
    PILOTAGE,
    (Colonne("Fiche", 24, F_TEXTE, calculee=True), Colonne("Levier retenu", 10, F_TEXTE, calculee=True),
     Colonne("Année", 10, F_ANNEE, calculee=True))
    + tuple(Colonne(h, 14, F_ENTIER, calculee=True) for h in (*NATURES_BUDGET, *SECTIONS_BUDGET, "Total")),
)
T_GOUVERNANCE = Table(
    "T_GOUVERNANCE",
    PILOTAGE,
    (
        Colonne("Instance", 30, F_TEXTE, Saisie("texte")),
        Colonne("Fréquence", 14, F_TEXTE, Saisie("texte")),
        Colonne("Participants", 40, F_TEXTE, Saisie("texte")),
        Colonne("Rôle", 46, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=2,
)
NIVEAUX_RISQUE = ("Faible", "Moyen", "Fort")
T_RISQUES = Table(
    "T_RISQUES",
    PILOTAGE,
    (
        Colonne("Risque", 30, F_TEXTE, Saisie("texte")),
        Colonne("Probabilité", 14, saisie=Saisie("liste", NIVEAUX_RISQUE)),
        Colonne("Impact", 40, saisie=Saisie("liste", NIVEAUX_RISQUE)),
        Colonne("Mesure d'atténuation", 46, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=2,
)
T_FACTEURS = Table(
    "T_FACTEURS",
    PILOTAGE,
    (Colonne("Facteur clé de succès", 30, F_TEXTE, Saisie("texte")), Colonne("Porteur", 14, F_TEXTE, Saisie("texte")),
     Colonne("Comment le garantir", 40, F_TEXTE, Saisie("texte"))),
    lignes_vides=2,
)
T_SUIVI = Table(
    "T_SUIVI",
    PILOTAGE,
    (
        Colonne("Indicateur", 30, F_TEXTE, Saisie("texte")),
        Colonne("Unité", 14, F_TEXTE, Saisie("texte")),
        Colonne("Valeur de référence", 40, F_DECIMAL2, Saisie("decimal", aide="Valeur au diagnostic.")),
        Colonne("Cible", 46, F_DECIMAL2, Saisie("decimal", aide="Valeur visée.")),
        Colonne("Année cible", 14, F_ANNEE, Saisie("entier", minimum=2000, maximum=2100, aide="Année.")),
        Colonne("Valeur an 1", 14, F_DECIMAL2, Saisie("decimal", aide="Valeur mesurée la 1re année.")),
        Colonne("Valeur an 2", 14, F_DECIMAL2, Saisie("decimal", aide="Valeur mesurée la 2e année.")),
        Colonne("Valeur an 3", 14, F_DECIMAL2, Saisie("decimal", aide="Valeur mesurée la 3e année.")),
    ),
    lignes_vides=4,
)
