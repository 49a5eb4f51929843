"""The workbook's layout, declared once: sheets, tables, columns and defined names.

The writer places what is declared here; the reader and the checker find data by these names and headers only
(`workbook-contract.md`). Positions are the writer's business and never part of the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from nr_workbook import refdata

# --- Sheets ------------------------------------------------------------------------------------------------------
ACCUEIL = "Accueil"
PREREQUIS = "Prérequis"
INVENTAIRE = "Inventaire"
SALLES = "Salles serveurs"
DEEE = "DEEE"
ENTRETIEN = "Grille d'entretien"
COTATION = "Grille de cotation"
INDICATEURS = "Indicateurs"
REFERENTIEL = "Référentiel"
LISTES = "Listes"
XLWINGS_CONF = "xlwings.conf"  # settings read by the classic xlwings add-in (hidden)
DETAIL = "Parc par catégorie"
LEVIERS = "Leviers"
MATRICE = "Matrice"
FEUILLE_DE_ROUTE = "Feuille de route"
PILOTAGE = "Pilotage"
PREFIXE_FICHE = "Fiche "  # a fiche action's sheet is "Fiche " + lever ID
ANOMALIES = "Anomalies"

FEUILLES = (ACCUEIL, PREREQUIS, INVENTAIRE, SALLES, DEEE, ENTRETIEN, COTATION, INDICATEURS, DETAIL, LEVIERS, MATRICE,
            FEUILLE_DE_ROUTE, PILOTAGE, REFERENTIEL, LISTES, XLWINGS_CONF)

# --- Fixed value lists ---------------------------------------------------------------------------------------------
STATUTS = ("En service", "En stock", "Réformé")
OUI_NON = ("Oui", "Non")
PARCOURS = ("Complet", "Flash")
DISPONIBILITE_DOCUMENT = ("Oui", "Non", "En cours", "Sans objet")
MOBILISATION = ("Oui", "Non", "À faire")
TYPE_PARTIE_PRENANTE = ("Clé", "Optionnelle")
NIVEAUX = (0, 1, 2, 3)
CIBLES = ("Interne", "Prestataire")
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

# --- Number formats (Excel codes; the reader's locale shows French separators) ------------------------------------
F_ENTIER = "#,##0"
F_DECIMAL1 = "#,##0.0"
F_DECIMAL2 = "#,##0.00"
F_DECIMAL3 = "#,##0.000"
F_DECIMAL4 = "0.0000"
F_ANNEE = "0"
F_POURCENT = "0.0%"
F_DATE = "dd/mm/yyyy"
F_TEXTE = "@"

Kind = Literal["liste", "entier", "decimal", "texte", "date", "niveau"]


@dataclass(frozen=True)
class Saisie:
    """What a cell accepts, turned into a data validation with a French message by the writer."""

    kind: Kind
    valeurs: tuple[str, ...] = ()  # inline list
    plage: str | None = None  # or a named range holding the list
    minimum: float | None = None
    maximum: float | None = None
    aide: str = ""


@dataclass(frozen=True)
class Colonne:
    entete: str
    largeur: float = 14
    format: str | None = None
    saisie: Saisie | None = None
    calculee: bool = False  # filled by a per-row formula, locked


@dataclass(frozen=True)
class Table:
    nom: str
    feuille: str
    colonnes: tuple[Colonne, ...]
    lignes_vides: int = 0  # empty rows a blank template holds for entry

    @property
    def entetes(self) -> tuple[str, ...]:
        return tuple(c.entete for c in self.colonnes)

    def colonne(self, entete: str) -> Colonne:
        return next(c for c in self.colonnes if c.entete == entete)

    def ref(self, entete: str) -> str:
        """Structured reference to a column, with the apostrophe escaped as Excel requires."""
        return f"{self.nom}[{entete.replace(chr(39), chr(39) * 2)}]"


@dataclass(frozen=True)
class Nom:
    nom: str
    feuille: str
    sens: Literal["entree", "sortie"]
    libelle: str
    unite: str = ""
    definition: str = ""
    format: str | None = None
    saisie: Saisie | None = None
    contrat: bool = True  # part of workbook-contract.md (others are ours, free to change)
    extra: dict = field(default_factory=dict, compare=False)


_annee = Saisie("entier", minimum=1980, maximum=2100, aide="Année sur quatre chiffres, par exemple 2021.")
_positif = Saisie("decimal", minimum=0, aide="Nombre positif ou nul.")
_oui_non = Saisie("liste", OUI_NON)

# --- Tables --------------------------------------------------------------------------------------------------------
T_INVENTAIRE = Table(
    "T_INVENTAIRE",
    INVENTAIRE,
    (
        Colonne("Catégorie", 30, saisie=Saisie("liste", plage="L_CATEGORIES",
                                               aide="Choisissez une catégorie du référentiel.")),
        Colonne("Modèle", 28, F_TEXTE, Saisie("texte")),
        Colonne("Quantité", 11, F_ENTIER, Saisie("entier", minimum=0, maximum=10**7,
                                                 aide="Nombre entier d'équipements, positif ou nul.")),
        Colonne("Année d'acquisition", 13, F_ANNEE, _annee),
        Colonne("Statut", 13, saisie=Saisie("liste", STATUTS)),
        Colonne("Reconditionné", 14, saisie=_oui_non),
        Colonne("Poids unitaire (kg)", 13, F_DECIMAL2, _positif),
        Colonne("Conso (kWh/an)", 13, F_DECIMAL1, _positif),
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
        Colonne("Poids unitaire (kg)", 12, F_DECIMAL2, _positif),
        Colonne("Durée de vie (ans)", 11, F_DECIMAL1, Saisie("decimal", minimum=0.1, maximum=50,
                                                             aide="Durée de vie en années, strictement positive.")),
        Colonne("Fabrication (kgCO2e)", 13, F_DECIMAL1, _positif),
        Colonne("Conso (kWh/an)", 12, F_DECIMAL1, _positif),
        Colonne("Salle serveur", 10, saisie=_oui_non),
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
        Colonne("Énergie totale (kWh/an)", 18, F_ENTIER, _positif),
        Colonne("Énergie IT (kWh/an)", 18, F_ENTIER, _positif),
        Colonne("PUE de la salle", 12, F_DECIMAL2, calculee=True),
        Colonne("Méthode de mesure", 40, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=5,
)

T_DEEE = Table(
    "T_DEEE",
    DEEE,
    (
        Colonne("Année", 10, F_ANNEE, _annee),
        Colonne("Poids (kg)", 12, F_DECIMAL1, _positif),
        Colonne("Filière", 30, saisie=Saisie("liste", plage="L_FILIERES")),
        Colonne("Bordereau", 22, F_TEXTE, Saisie("texte")),
        Colonne("Commentaire", 40, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=20,
)

T_MATURITE = Table(
    "T_MATURITE",
    COTATION,
    (
        Colonne("ID", 17),
        Colonne("Dimension", 20),
        Colonne("Question", 48),
        Colonne("Niveau", 8, "0", Saisie("niveau", NIVEAUX, aide="Niveau de 0 à 3, ou vide si non répondu.")),
        Colonne("Commentaire", 36, F_TEXTE, Saisie("texte")),
        Colonne("Interlocuteur", 20, F_TEXTE, Saisie("texte")),
        Colonne("Signification du niveau", 36, calculee=True),
        Colonne("Niveau 0", 26),
        Colonne("Niveau 1", 26),
        Colonne("Niveau 2", 26),
        Colonne("Niveau 3", 26),
        Colonne("Thème du décret", 18),
    ),
)

T_NIVEAUX = Table(
    "T_NIVEAUX",
    REFERENTIEL,
    (Colonne("Seuil", 10, F_ENTIER), Colonne("Niveau", 18), Colonne("Description", 70)),
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

_note = Saisie("liste", NOTES_1_4, aide="Note de 1 (faible) à 4 (forte).")

T_LEVIERS = Table(
    "T_LEVIERS",
    LEVIERS,
    (
        Colonne("ID", 17, F_TEXTE, Saisie("texte")),
        Colonne("Dimension", 20, F_TEXTE, Saisie("texte")),
        Colonne("Levier", 46, F_TEXTE, Saisie("texte")),
        Colonne("Cible", 11, saisie=Saisie("liste", CIBLES)),
        Colonne("Présélection", 11, saisie=_oui_non),
        Colonne("Valeur", 8, "0", _note),
        Colonne("Faisabilité", 10, "0", _note),
        Colonne("Quadrant", 14, calculee=True),
        Colonne("Retenu", 8, saisie=_oui_non),
        Colonne("Suggéré par le diagnostic", 18, calculee=True),
        Colonne("Niveau constaté", 9, "0.0", calculee=True),
        Colonne("Pris en compte", 9, calculee=True),
        Colonne("Priorité", 13),
        Colonne("Difficulté", 10),
        Colonne("Description", 50),
        Colonne("Exemples d'actions", 50),
        Colonne("Indicateurs suggérés", 40),
        Colonne("Questions liées", 18),
    ),
    lignes_vides=10,
)

T_FICHES = Table(
    "T_FICHES",
    FEUILLE_DE_ROUTE,
    (
        Colonne("ID", 17, calculee=True),
        Colonne("Levier", 40, calculee=True),
        Colonne("Responsable", 22, calculee=True),
        Colonne("Début", 11, F_DATE, calculee=True),
        Colonne("Fin", 11, F_DATE, calculee=True),
        Colonne("Budget (€)", 12, F_ENTIER, calculee=True),
        Colonne("ETP", 7, F_DECIMAL2, calculee=True),
        Colonne("Priorité", 13, calculee=True),
        Colonne("Statut", 11, calculee=True),
        Colonne("Levier retenu", 9, calculee=True),
        Colonne("Dimension", 20, calculee=True),
    ),
)

# Fields of a fiche action sheet: sheet-scoped defined names (they follow the cells when rows are inserted).
CHAMPS_FICHE = (
    # name, label, format, input
    ("FA_ID", "Identifiant du levier", F_TEXTE, None),
    ("FA_DIMENSION", "Dimension", F_TEXTE, None),
    ("FA_LEVIER", "Levier", F_TEXTE, Saisie("texte")),
    ("FA_LIEN_DISPOSITIFS", "Lien avec les dispositifs existants", F_TEXTE, Saisie("texte")),
    ("FA_PRIORITE", "Priorité", None, Saisie("liste", ("Prioritaire", "Recommandée", "Aller plus loin"))),
    ("FA_DIFFICULTE", "Difficulté de mise en œuvre", None, Saisie("liste", ("Facile", "Moyenne", "Difficile"))),
    ("FA_STATUT", "Statut", None, Saisie("liste", STATUTS_FICHE)),
    ("FA_RESULTATS", "Résultat(s) attendu(s)", F_TEXTE, Saisie("texte")),
    ("FA_DEBUT", "Début", F_DATE, Saisie("date", aide="Date de début (jj/mm/aaaa).")),
    ("FA_FIN", "Fin", F_DATE, Saisie("date", aide="Date de fin (jj/mm/aaaa), après le début.")),
    ("FA_RESPONSABLE", "Responsable (1 maximum)", F_TEXTE, Saisie("texte")),
    ("FA_CONTRIBUTEURS", "Contributeur(s)", F_TEXTE, Saisie("texte")),
    ("FA_ETP", "Moyens humains (ETP)", F_DECIMAL2, Saisie("decimal", minimum=0, maximum=1000,
                                                         aide="Équivalents temps plein, nombre ≥ 0.")),
    ("FA_JH", "Moyens humains (jours-homme)", F_DECIMAL1, Saisie("decimal", minimum=0, maximum=100000,
                                                                 aide="Jours-homme, nombre ≥ 0.")),
    ("FA_PERIMETRE_DSI", "Périmètre : la DSI", None, Saisie("liste", OUI_NON)),
    ("FA_PERIMETRE_SERVICES", "Périmètre : les services généraux de la collectivité", None, Saisie("liste", OUI_NON)),
    ("FA_PERIMETRE_TOUS", "Périmètre : tous les services et équipements de la collectivité", None,
     Saisie("liste", OUI_NON)),
    ("FA_PERIMETRE_TERRITOIRE", "Périmètre : le territoire", None, Saisie("liste", OUI_NON)),
    ("FA_PREREQUIS", "Prérequis", F_TEXTE, Saisie("texte")),
)
FA_BUDGET = "FA_BUDGET"  # formula: total of the fiche's budget table
FA_ETAT = "FA_ETAT"  # written by the `fiches` command: empty, or why the fiche is kept although not retained


def tables_fiche(id_levier: str) -> dict[str, Table]:
    """The three tables of a fiche action (names are unique in the workbook)."""
    base = "T_FA_" + "".join(c if c.isalnum() else "_" for c in id_levier)
    return {
        "indicateurs": Table(base + "_KPI", PREFIXE_FICHE + id_levier, (
            Colonne("Indicateur", 46, F_TEXTE, Saisie("texte")),
            Colonne("Valeur de référence", 14, F_TEXTE, Saisie("texte")),
            Colonne("Cible", 14, F_TEXTE, Saisie("texte")),
            Colonne("Valeur", 14, F_TEXTE, Saisie("texte")),
        ), lignes_vides=2),
        "actions": Table(base + "_ACTIONS", PREFIXE_FICHE + id_levier, (
            Colonne("Action", 46, F_TEXTE, Saisie("texte")),
            Colonne("Qui ?", 14, F_TEXTE, Saisie("texte")),
            Colonne("Échéance", 14, F_DATE, Saisie("date", aide="Date d'échéance (jj/mm/aaaa).")),
            Colonne("Fait", 14, saisie=Saisie("liste", OUI_NON)),
        ), lignes_vides=3),
        "budget": Table(base + "_BUDGET", PREFIXE_FICHE + id_levier, (
            Colonne("Année", 46, F_ANNEE, Saisie("entier", minimum=2000, maximum=2100, aide="Année budgétaire.")),
            Colonne("Nature", 14, saisie=Saisie("liste", NATURES_BUDGET)),
            Colonne("Section", 14, saisie=Saisie("liste", SECTIONS_BUDGET)),
            Colonne("Montant (€ HT)", 14, F_ENTIER, Saisie("decimal", minimum=0, maximum=10**9,
                                                           aide="Montant en euros hors taxes, nombre ≥ 0.")),
            Colonne("Financeur", 20, F_TEXTE, Saisie("texte")),
        ), lignes_vides=5),
    }


ANNEES_BUDGET = 5  # rows of T_BUDGET_ANNUEL: the reference year and the next four
T_BUDGET_ANNUEL = Table(
    "T_BUDGET_ANNUEL",
    PILOTAGE,
    (Colonne("Année", 10, F_ANNEE, calculee=True),)
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

TABLES = (T_INVENTAIRE, T_REFERENTIEL, T_SALLES, T_DEEE, T_MATURITE, T_LEVIERS, T_NIVEAUX, T_DETAIL, T_FICHES,
          T_BUDGET_ANNUEL, T_GOUVERNANCE, T_RISQUES, T_FACTEURS, T_SUIVI, T_REFERENTS,
          T_PARTIES_PRENANTES, T_PLANNING, T_DOCUMENTS, T_INSTANCES)
TABLES_CONTRAT = (T_INVENTAIRE, T_REFERENTIEL, T_SALLES, T_DEEE, T_MATURITE, T_LEVIERS)
TABLES_PAR_NOM = {t.nom: t for t in TABLES}

# --- Defined names -------------------------------------------------------------------------------------------------
_entier_pos = Saisie("entier", minimum=1, maximum=10**8, aide="Nombre entier strictement positif.")

ENTREES = (
    Nom("NR_VERSION_MODELE", ACCUEIL, "entree", "Version du modèle"),
    Nom("NR_PARCOURS", ACCUEIL, "entree", "Parcours", saisie=Saisie("liste", PARCOURS)),
    Nom("NR_COLLECTIVITE", ACCUEIL, "entree", "Collectivité", format=F_TEXTE, saisie=Saisie("texte")),
    Nom("NR_CODE_INSEE", ACCUEIL, "entree", "Code INSEE ou SIREN", format=F_TEXTE, saisie=Saisie("texte")),
    Nom("NR_POPULATION", ACCUEIL, "entree", "Population", "habitants", format=F_ENTIER, saisie=_entier_pos),
    Nom("NR_NB_AGENTS", ACCUEIL, "entree", "Nombre d'agents", "agents", format=F_ENTIER, saisie=_entier_pos),
    Nom("NR_ANNEE_REFERENCE", ACCUEIL, "entree", "Année du diagnostic", format=F_ANNEE,
        saisie=Saisie("entier", minimum=2000, maximum=2100, aide="Année sur quatre chiffres.")),
    Nom("NR_A_UNE_DSI", ACCUEIL, "entree", "La collectivité a sa propre DSI", saisie=_oui_non, contrat=False),
    Nom("NR_MUTUALISATEUR", ACCUEIL, "entree", "Accompagnée par (mutualisateur)", format=F_TEXTE,
        saisie=Saisie("texte"), contrat=False),
    Nom("NR_MUTUALISATEUR_CONTACT", ACCUEIL, "entree", "Contact du mutualisateur", format=F_TEXTE,
        saisie=Saisie("texte"), contrat=False),
    Nom("NR_FACTEUR_ELEC_KGCO2E_KWH", REFERENTIEL, "entree", "Facteur d'émission de l'électricité",
        "kgCO2e/kWh", format=F_DECIMAL4, saisie=Saisie("decimal", minimum=0, maximum=2,
                                                        aide="Facteur en kgCO2e par kWh, entre 0 et 2.")),
    Nom("NR_PUE_DEFAUT", REFERENTIEL, "entree", "PUE par défaut (salle non mesurée)", format=F_DECIMAL2,
        saisie=Saisie("decimal", minimum=1, maximum=5, aide="PUE entre 1 et 5."), contrat=False),
    Nom("NR_PERIMETRE_ORGANISATION", PREREQUIS, "entree", "Périmètre organisationnel",
        saisie=Saisie("liste", plage="L_PERIMETRE_ORGANISATION"), contrat=False),
    Nom("NR_PERIMETRE_GEOGRAPHIQUE", PREREQUIS, "entree", "Périmètre géographique",
        saisie=Saisie("liste", plage="L_PERIMETRE_GEOGRAPHIQUE"), contrat=False),
    Nom("NR_DATE_DEBUT", PREREQUIS, "entree", "Date de début de la démarche", format=F_DATE,
        saisie=Saisie("date", aide="Date au format jj/mm/aaaa."), contrat=False),
    Nom("NR_PRESTATAIRE_EMBARQUE", LEVIERS, "entree", "Prestataire SI embarqué dans la démarche",
        saisie=Saisie("liste", OUI_NON, aide="Non : les leviers du prestataire sont écartés de la priorisation."),
        contrat=False),
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

SORTIES_MATURITE = tuple(
    Nom(f"NR_SCORE_{code}", INDICATEURS, "sortie", f"Score : {libelle}", "/100",
        "Moyenne des niveaux répondus de la dimension ÷ 3 × 100 ; les questions sans réponse ne comptent pas.",
        F_DECIMAL1, extra={"dimension": code})
    for code, libelle in ((d.code, d.libelle) for d in refdata.load().dimensions)
) + (
    Nom("NR_SCORE_GLOBAL", INDICATEURS, "sortie", "Score global de maturité", "/100",
        "Moyenne des scores des dimensions qui ont une valeur.", F_DECIMAL1),
    Nom("NR_NIVEAU_MATURITE", INDICATEURS, "sortie", "Niveau de maturité", "",
        "Libellé du score global selon les seuils du référentiel (table T_NIVEAUX)."),
    Nom("NR_TAUX_COMPLETUDE", INDICATEURS, "sortie", "Taux de complétude de la grille", "%",
        "Questions répondues ÷ questions de la grille de cotation.", F_POURCENT),
)

SORTIES_LEVIERS = (
    Nom("NR_NB_LEVIERS_PRESELECTIONNES", INDICATEURS, "sortie", "Leviers présélectionnés", "leviers",
        "Leviers présélectionnés pris en compte (hors leviers du prestataire s'il n'est pas embarqué).", F_ENTIER,
        contrat=False),
    Nom("NR_NB_LEVIERS_RETENUS", INDICATEURS, "sortie", "Leviers retenus", "leviers",
        f"Leviers retenus pris en compte ; l'ANCT recommande {LEVIERS_MIN} à {LEVIERS_MAX} leviers répartis sur "
        "les 7 dimensions.", F_ENTIER),
)

SORTIES_FICHES = (
    Nom("NR_NB_FICHES", FEUILLE_DE_ROUTE, "sortie", "Fiches actions", "fiches",
        "Fiches actions du classeur dont le levier est toujours retenu.", F_ENTIER),
    Nom("NR_BUDGET_TOTAL_EUR", FEUILLE_DE_ROUTE, "sortie", "Budget total de la feuille de route", "€ HT",
        "Somme des budgets des fiches actions dont le levier est retenu.", F_ENTIER),
    Nom("NR_ETP_TOTAL", FEUILLE_DE_ROUTE, "sortie", "Moyens humains de la feuille de route", "ETP",
        "Somme des ETP des fiches actions dont le levier est retenu.", F_DECIMAL2),
)

SORTIES_PREREQUIS = (
    Nom("NR_NB_REFERENTS", PREREQUIS, "sortie", "Nombre de référents", "personnes",
        "Lignes de T_REFERENTS dont le nom est renseigné (au moins 2 recommandés).", F_ENTIER, contrat=False),
)

SORTIES = SORTIES_INVENTAIRE + SORTIES_MATURITE + SORTIES_LEVIERS + SORTIES_FICHES + SORTIES_PREREQUIS
NOMS = ENTREES + SORTIES
NOMS_PAR_NOM = {n.nom: n for n in NOMS}
SCORES_DIMENSIONS = tuple(n for n in SORTIES_MATURITE if "dimension" in n.extra)

# Named ranges holding drop-down lists (hidden sheet LISTES).
LISTES_NOMMEES = ("L_CATEGORIES", "L_FILIERES", "L_PERIMETRE_ORGANISATION", "L_PERIMETRE_GEOGRAPHIQUE")
