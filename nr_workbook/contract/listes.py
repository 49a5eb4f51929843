"""Fixed value lists of the workbook: drop-down lists, statuses, quadrants, Territoires en Transitions' vocabulary."""

STATUTS = ("En service", "En stock", "Réformé")
OUI_NON = ("Oui", "Non")
PARCOURS = ("Complet", "Flash")
DISPONIBILITE_DOCUMENT = ("Oui", "Non", "En cours", "Sans objet")
MOBILISATION = ("Oui", "Non", "À faire")
TYPE_PARTIE_PRENANTE = ("Clé", "Optionnelle")
NIVEAUX = (0, 1, 2, 3)
CIBLES = ("Interne", "Prestataire")
SCENARIOS_LEVIER = ("Allongement", "PUE")  # the gains of the Scénarios sheet a lever can bring
NOTES_1_4 = (1, 2, 3, 4)
QUADRANTS = ("Gain rapide", "Projet majeur", "Tâche d'appoint", "À écarter")
SEUIL_HAUT = 3  # "high" value or feasibility (contract: ≥ 3)
LEVIERS_MIN, LEVIERS_MAX = 10, 15  # ANCT recommendation for the retained levers
# Territoires en Transitions' statuses and priorities (domain.md §7)
STATUTS_FICHE = ("À venir", "En cours", "Réalisé", "En pause", "Abandonné", "Bloqué", "En retard", "A discuter")
PRIORITES_TET = {"Prioritaire": "Élevé", "Recommandée": "Moyen", "Aller plus loin": "Bas"}
NATURES_BUDGET = ("Personnel", "Prestations", "Matériel")
SECTIONS_BUDGET = ("Investissement", "Fonctionnement")
FAMILLE_POSTE = "Poste de travail"  # T_REFERENTIEL[Famille] values used by NR_ECRANS_PAR_POSTE
FAMILLE_ECRAN = "Écran"

# Values of T_LEVIERS[Suggéré par le diagnostic], from the lowest answered level of the lever's questions.
SUGGESTIONS = ("Oui, en priorité (niveau 0)", "Oui (niveau 1)", "À envisager (niveau 2)", "Non (niveau 3)")
NON_EVALUE = "Non évalué"

# Named ranges holding drop-down lists (hidden sheet LISTES).
# A list typed in a validation holds at most 255 characters in Excel: longer lists are ranges of the Listes sheet.
LISTES_NOMMEES = ("L_CATEGORIES", "L_FILIERES", "L_PERIMETRE_ORGANISATION", "L_PERIMETRE_GEOGRAPHIQUE", "L_INDICATEURS",
                  "L_TYPES_PRODUIT")
