"""The Accueil sheet's declaration: the template version, the path and the collectivité's identity."""

from __future__ import annotations

from nr_workbook.contract.elements import F_ANNEE, F_ENTIER, F_TEXTE, SAISIE_OUI_NON, Nom, Saisie
from nr_workbook.contract.feuilles import ACCUEIL
from nr_workbook.contract.listes import PARCOURS

_entier_positif = Saisie("entier", minimum=1, maximum=10**8, aide="Nombre entier strictement positif.")

ENTREES_ACCUEIL = (
    Nom("NR_VERSION_MODELE", ACCUEIL, "entree", "Version du modèle"),
    Nom("NR_PARCOURS", ACCUEIL, "entree", "Parcours", saisie=Saisie("liste", PARCOURS)),
    Nom("NR_COLLECTIVITE", ACCUEIL, "entree", "Collectivité", format=F_TEXTE, saisie=Saisie("texte")),
    Nom("NR_CODE_INSEE", ACCUEIL, "entree", "Code INSEE ou SIREN", format=F_TEXTE, saisie=Saisie("texte")),
    Nom("NR_SIRET", ACCUEIL, "entree", "SIRET", format=F_TEXTE, saisie=Saisie(
        "texte", aide="Numéro SIRET de la collectivité : 14 chiffres, sans espace (déclaration AGEC).")),
    Nom("NR_POPULATION", ACCUEIL, "entree", "Population", "habitants", format=F_ENTIER, saisie=_entier_positif),
    Nom("NR_NB_AGENTS", ACCUEIL, "entree", "Nombre d'agents", "agents", format=F_ENTIER, saisie=_entier_positif),
    Nom("NR_ANNEE_REFERENCE", ACCUEIL, "entree", "Année du diagnostic", format=F_ANNEE,
        saisie=Saisie("entier", minimum=2000, maximum=2100, aide="Année sur quatre chiffres.")),
    Nom("NR_A_UNE_DSI", ACCUEIL, "entree", "La collectivité a sa propre DSI", saisie=SAISIE_OUI_NON, contrat=False),
    Nom("NR_MUTUALISATEUR", ACCUEIL, "entree", "Accompagnée par (mutualisateur)", format=F_TEXTE,
        saisie=Saisie("texte"), contrat=False),
    Nom("NR_MUTUALISATEUR_CONTACT", ACCUEIL, "entree", "Contact du mutualisateur", format=F_TEXTE,
        saisie=Saisie("texte"), contrat=False),
)

