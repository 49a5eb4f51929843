"""Step 4.1's declaration: the lever catalogue (T_LEVIERS), whether the IT provider is on board, the counts."""

from __future__ import annotations

from nr_workbook.contract.elements import F_ENTIER, F_TEXTE, SAISIE_OUI_NON, Colonne, Nom, Saisie, Table
from nr_workbook.contract.feuilles import INDICATEURS, LEVIERS
from nr_workbook.contract.listes import CIBLES, LEVIERS_MAX, LEVIERS_MIN, NOTES_1_4, OUI_NON, SCENARIOS_LEVIER

_note = Saisie("liste", NOTES_1_4, aide="Note de 1 (faible) à 4 (forte).")

T_LEVIERS = Table(
    "T_LEVIERS",
    LEVIERS,
    (
        Colonne("ID", 17, F_TEXTE, Saisie("texte")),
        Colonne("Dimension", 20, F_TEXTE, Saisie("texte")),
        Colonne("Levier", 46, F_TEXTE, Saisie("texte")),
        Colonne("Cible", 11, saisie=Saisie("liste", CIBLES)),
        Colonne("Présélection", 11, saisie=SAISIE_OUI_NON),
        Colonne("Valeur", 8, "0", _note),
        Colonne("Faisabilité", 10, "0", _note),
        Colonne("Quadrant", 14, calculee=True),
        Colonne("Retenu", 8, saisie=SAISIE_OUI_NON),
        Colonne("Suggéré par le diagnostic", 18, calculee=True),
        Colonne("Niveau constaté", 9, "0.0", calculee=True),
        Colonne("Pris en compte", 9, calculee=True),
        Colonne("Scénario", 12, saisie=Saisie("liste", SCENARIOS_LEVIER, aide="Gain de la feuille Scénarios que ce "
                                                                              "levier apporte (vide : aucun).")),
        Colonne("Gain (kgCO2e/an)", 11, F_ENTIER, calculee=True),
        Colonne("Priorité", 13),
        Colonne("Difficulté", 10),
        Colonne("Description", 50),
        Colonne("Exemples d'actions", 50),
        Colonne("Indicateurs suggérés", 40),
        Colonne("Questions liées", 18),
    ),
    lignes_vides=10,
)

ENTREES_LEVIERS = (
    Nom("NR_PRESTATAIRE_EMBARQUE", LEVIERS, "entree", "Prestataire SI embarqué dans la démarche",
        saisie=Saisie("liste", OUI_NON, aide="Non : les leviers du prestataire sont écartés de la priorisation."),
        contrat=False),
)

SORTIES_LEVIERS = (
    Nom("NR_NB_LEVIERS_PRESELECTIONNES", INDICATEURS, "sortie", "Leviers présélectionnés", "leviers",
        "Leviers présélectionnés pris en compte (hors leviers du prestataire s'il n'est pas embarqué).", F_ENTIER,
        contrat=False),
    Nom("NR_NB_LEVIERS_RETENUS", INDICATEURS, "sortie", "Leviers retenus", "leviers",
        f"Leviers retenus pris en compte ; l'ANCT recommande {LEVIERS_MIN} à {LEVIERS_MAX} leviers répartis sur "
        "les 7 dimensions.", F_ENTIER),
)
