"""The inventory's declaration: Inventaire, Salles serveurs and DEEE (inputs), the category defaults of the
Référentiel sheet, the breakdown of Parc par catégorie, and the indicators computed from them."""

from __future__ import annotations

from nr_workbook.contract.elements import (
    F_ANNEE,
    F_DECIMAL1,
    F_DECIMAL2,
    F_DECIMAL3,
    F_DECIMAL4,
    F_ENTIER,
    F_POURCENT,
    F_TEXTE,
    SAISIE_ANNEE,
    SAISIE_OUI_NON,
    SAISIE_POSITIF,
    Colonne,
    Nom,
    Saisie,
    Table,
)
from nr_workbook.contract.feuilles import DEEE, DETAIL, INDICATEURS, INVENTAIRE, REFERENTIEL, SALLES
from nr_workbook.contract.listes import FAMILLE_ECRAN, FAMILLE_POSTE, STATUTS

T_INVENTAIRE = Table(
    "T_INVENTAIRE",
    INVENTAIRE,
    (
        Colonne("Catégorie", 30, saisie=Saisie("liste", plage="L_CATEGORIES",
                                               aide="Choisissez une catégorie du référentiel.")),
        Colonne("Modèle", 28, F_TEXTE, Saisie("texte")),
        Colonne("Quantité", 11, F_ENTIER, Saisie("entier", minimum=0, maximum=10**7,
                                                 aide="Nombre entier d'équipements, positif ou nul.")),
        Colonne("Année d'acquisition", 13, F_ANNEE, SAISIE_ANNEE),
        Colonne("Statut", 13, saisie=Saisie("liste", STATUTS)),
        Colonne("Reconditionné", 14, saisie=SAISIE_OUI_NON),
        Colonne("Poids unitaire (kg)", 13, F_DECIMAL2, SAISIE_POSITIF),
        Colonne("Conso (kWh/an)", 13, F_DECIMAL1, SAISIE_POSITIF),
        Colonne("Service", 22, F_TEXTE, Saisie("texte")),
        Colonne("Commentaire", 30, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=200,
)

T_REFERENTIEL = Table(
    "T_REFERENTIEL",
    REFERENTIEL,
    (
        Colonne("Catégorie", 30, F_TEXTE, Saisie("texte")),
        Colonne("Poids unitaire (kg)", 12, F_DECIMAL2, SAISIE_POSITIF),
        Colonne("Durée de vie (ans)", 11, F_DECIMAL1, Saisie("decimal", minimum=0.1, maximum=50,
                                                             aide="Durée de vie en années, strictement positive.")),
        Colonne("Fabrication (kgCO2e)", 13, F_DECIMAL1, SAISIE_POSITIF),
        Colonne("Conso (kWh/an)", 12, F_DECIMAL1, SAISIE_POSITIF),
        Colonne("Salle serveur", 10, saisie=SAISIE_OUI_NON),
        Colonne("Source", 48, F_TEXTE, Saisie("texte")),
        Colonne("Famille", 18, F_TEXTE, Saisie("texte")),
        Colonne("Commentaire", 60, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=10,
)

T_SALLES = Table(
    "T_SALLES",
    SALLES,
    (
        Colonne("Salle", 30, F_TEXTE, Saisie("texte")),
        Colonne("Énergie totale (kWh/an)", 18, F_ENTIER, SAISIE_POSITIF),
        Colonne("Énergie IT (kWh/an)", 18, F_ENTIER, SAISIE_POSITIF),
        Colonne("PUE de la salle", 12, F_DECIMAL2, calculee=True),
        Colonne("Méthode de mesure", 40, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=5,
)

T_DEEE = Table(
    "T_DEEE",
    DEEE,
    (
        Colonne("Année", 10, F_ANNEE, SAISIE_ANNEE),
        Colonne("Poids (kg)", 12, F_DECIMAL1, SAISIE_POSITIF),
        Colonne("Filière", 30, saisie=Saisie("liste", plage="L_FILIERES")),
        Colonne("Bordereau", 22, F_TEXTE, Saisie("texte")),
        Colonne("Commentaire", 40, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=20,
)

T_DETAIL = Table(
    "T_DETAIL",
    DETAIL,
    (
        Colonne("Catégorie", 30, calculee=True),
        Colonne("En service", 11, F_ENTIER, calculee=True),
        Colonne("Par agent", 11, F_DECIMAL2, calculee=True),
        Colonne("Âge moyen (ans)", 11, F_DECIMAL1, calculee=True),
        Colonne("Poids (t)", 11, F_DECIMAL3, calculee=True),
        Colonne("Conso (kWh/an)", 13, F_ENTIER, calculee=True),
        Colonne("Fabrication (kgCO2e/an)", 14, F_ENTIER, calculee=True),
        Colonne("Usage (kgCO2e/an)", 14, F_ENTIER, calculee=True),
    ),
)

ENTREES_REFERENTIEL = (
    Nom("NR_FACTEUR_ELEC_KGCO2E_KWH", REFERENTIEL, "entree", "Facteur d'émission de l'électricité",
        "kgCO2e/kWh", format=F_DECIMAL4, saisie=Saisie("decimal", minimum=0, maximum=2,
                                                        aide="Facteur en kgCO2e par kWh, entre 0 et 2.")),
    Nom("NR_PUE_DEFAUT", REFERENTIEL, "entree", "PUE par défaut (salle non mesurée)", format=F_DECIMAL2,
        saisie=Saisie("decimal", minimum=1, maximum=5, aide="PUE entre 1 et 5."), contrat=False),
)

SORTIES_INVENTAIRE = (
    Nom("NR_NB_EQUIPEMENTS", INDICATEURS, "sortie", "Équipements en service", "équipements",
        "Somme des quantités des lignes « En service » de l'inventaire.", F_ENTIER),
    Nom("NR_EQUIPEMENTS_PAR_AGENT", INDICATEURS, "sortie", "Équipements en service par agent", "équipements/agent",
        "Équipements en service divisés par le nombre d'agents.", F_DECIMAL2),
    Nom("NR_AGE_MOYEN_ANS", INDICATEURS, "sortie", "Âge moyen du parc en service", "ans",
        "Moyenne pondérée par les quantités de (année du diagnostic − année d'acquisition), lignes en service "
        "dont l'année est connue.", F_DECIMAL1),
    Nom("NR_PART_RECONDITIONNE", INDICATEURS, "sortie", "Part du parc reconditionné", "%",
        "Quantités en service reconditionnées divisées par les équipements en service.", F_POURCENT),
    Nom("NR_POIDS_PARC_T", INDICATEURS, "sortie", "Poids du parc en service", "t",
        "Somme des quantités × poids unitaire (valeur de la ligne, sinon celle du référentiel), en tonnes.",
        F_DECIMAL3),
    Nom("NR_CONSO_KWH_AN", INDICATEURS, "sortie", "Consommation électrique annuelle du parc", "kWh/an",
        "Somme des quantités × consommation annuelle (valeur de la ligne, sinon celle du référentiel).", F_ENTIER),
    Nom("NR_PUE", INDICATEURS, "sortie", "PUE des salles serveurs", "",
        "Énergie totale ÷ énergie des équipements informatiques des salles renseignées (ISO/IEC 30134-2). "
        "Toujours ≥ 1 : une valeur inférieure signale une erreur de saisie.", F_DECIMAL2),
    Nom("NR_EMPREINTE_FABRICATION_KGCO2E_AN", INDICATEURS, "sortie", "Empreinte de fabrication amortie",
        "kgCO2e/an", "Somme des quantités en service × fabrication ÷ durée de vie (valeurs du référentiel).",
        F_ENTIER),
    Nom("NR_EMPREINTE_USAGE_KGCO2E_AN", INDICATEURS, "sortie", "Empreinte d'usage (électricité)", "kgCO2e/an",
        "Consommation × facteur d'émission de l'électricité, × PUE pour les équipements de salle serveur "
        "(PUE par défaut si non mesuré).", F_ENTIER),
    Nom("NR_EMPREINTE_TOTALE_KGCO2E_AN", INDICATEURS, "sortie", "Empreinte carbone annuelle du parc",
        "kgCO2e/an", "Fabrication amortie + usage.", F_ENTIER, contrat=False),
    Nom("NR_EMPREINTE_KGCO2E_PAR_AGENT_AN", INDICATEURS, "sortie", "Empreinte carbone annuelle par agent",
        "kgCO2e/agent/an", "Empreinte annuelle divisée par le nombre d'agents.", F_DECIMAL1, contrat=False),
    Nom("NR_ECRANS_PAR_POSTE", INDICATEURS, "sortie", "Écrans par poste de travail", "écrans/poste",
        f"Écrans en service (famille « {FAMILLE_ECRAN} » du référentiel) divisés par les postes de travail en "
        f"service (famille « {FAMILLE_POSTE} »).", F_DECIMAL2, contrat=False),
    Nom("NR_DEEE_T_PAR_AGENT_AN", INDICATEURS, "sortie", "DEEE par agent et par an", "t/agent/an",
        "Poids des bordereaux ÷ années couvertes ÷ 1000 ÷ agents ; à défaut de bordereau, estimation à partir "
        "des lignes « Réformé » de l'inventaire (comptées comme une année).", F_DECIMAL4),
    Nom("NR_DEEE_SOURCE", INDICATEURS, "sortie", "Base du calcul des DEEE", "",
        "« Bordereaux » (pesées réelles) ou « Estimation » (inventaire × poids unitaires)."),
    Nom("NR_PART_REEMPLOI_DEEE", INDICATEURS, "sortie", "Part des DEEE réemployés ou donnés", "%",
        "Poids des bordereaux des filières de réemploi (reconditionneur, don) ÷ poids de tous les bordereaux.",
        F_POURCENT, contrat=False),
)
