"""Step 1's declaration (Prérequis sheet): referents, stakeholders, perimeter, planning, documents, bodies."""

from __future__ import annotations

from nr_workbook.contract.elements import F_DATE, F_ENTIER, F_TEXTE, Colonne, Nom, Saisie, Table
from nr_workbook.contract.feuilles import PREREQUIS
from nr_workbook.contract.listes import DISPONIBILITE_DOCUMENT, MOBILISATION, TYPE_PARTIE_PRENANTE

T_REFERENTS = Table(
    "T_REFERENTS",
    PREREQUIS,
    (
        Colonne("Nom", 24, F_TEXTE, Saisie("texte")),
        Colonne("Fonction", 26, F_TEXTE, Saisie("texte")),
        Colonne("Service", 22, F_TEXTE, Saisie("texte")),
        Colonne("Rôle dans la démarche", 26, F_TEXTE, Saisie("texte")),
        Colonne("Courriel", 28, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=4,
)

T_PARTIES_PRENANTES = Table(
    "T_PARTIES_PRENANTES",
    PREREQUIS,
    (
        Colonne("Acteur", 44, F_TEXTE, Saisie("texte")),
        Colonne("Type", 12, saisie=Saisie("liste", TYPE_PARTIE_PRENANTE)),
        Colonne("Contact", 24, F_TEXTE, Saisie("texte")),
        Colonne("Mobilisé", 11, saisie=Saisie("liste", MOBILISATION)),
        Colonne("Commentaire", 28, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=3,
)

T_PLANNING = Table(
    "T_PLANNING",
    PREREQUIS,
    (
        Colonne("Étape", 44),
        Colonne("Durée min. (sem.)", 11, F_ENTIER),
        Colonne("Durée max. (sem.)", 11, F_ENTIER),
        Colonne("Durée retenue (sem.)", 12, F_ENTIER, Saisie("entier", minimum=0, maximum=104,
                                                            aide="Nombre de semaines, entre 0 et 104.")),
        Colonne("Début", 12, F_DATE, calculee=True),
        Colonne("Fin", 12, F_DATE, calculee=True),
    ),
)

T_DOCUMENTS = Table(
    "T_DOCUMENTS",
    PREREQUIS,
    (
        Colonne("Document", 44, F_TEXTE, Saisie("texte")),
        Colonne("Disponible", 12, saisie=Saisie("liste", DISPONIBILITE_DOCUMENT)),
        Colonne("Emplacement ou lien", 34, F_TEXTE, Saisie("texte")),
        Colonne("Commentaire", 28, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=3,
)

T_INSTANCES = Table(
    "T_INSTANCES",
    PREREQUIS,
    (
        Colonne("Instance", 44, F_TEXTE, Saisie("texte")),
        Colonne("Fréquence", 16, F_TEXTE, Saisie("texte")),
        Colonne("Intervention prévue", 40, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=2,
)

ENTREES_PREREQUIS = (
    Nom("NR_PERIMETRE_ORGANISATION", PREREQUIS, "entree", "Périmètre organisationnel",
        saisie=Saisie("liste", plage="L_PERIMETRE_ORGANISATION"), contrat=False),
    Nom("NR_PERIMETRE_GEOGRAPHIQUE", PREREQUIS, "entree", "Périmètre géographique",
        saisie=Saisie("liste", plage="L_PERIMETRE_GEOGRAPHIQUE"), contrat=False),
    Nom("NR_DATE_DEBUT", PREREQUIS, "entree", "Date de début de la démarche", format=F_DATE,
        saisie=Saisie("date", aide="Date au format jj/mm/aaaa."), contrat=False),
)

SORTIES_PREREQUIS = (
    Nom("NR_NB_REFERENTS", PREREQUIS, "sortie", "Nombre de référents", "personnes",
        "Lignes de T_REFERENTS dont le nom est renseigné (au moins 2 recommandés).", F_ENTIER, contrat=False),
)
