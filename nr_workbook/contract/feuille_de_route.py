"""Steps 4.2–4.3's declaration: the fiche action sheets (their fields and three tables), the T_FICHES summary and
the roadmap totals."""

from __future__ import annotations

from functools import lru_cache

from nr_workbook.contract.elements import (
    F_ANNEE,
    F_DATE,
    F_DECIMAL1,
    F_DECIMAL2,
    F_ENTIER,
    F_POURCENT,
    F_TEXTE,
    Colonne,
    Nom,
    Saisie,
    Table,
)
from nr_workbook.contract.feuilles import FEUILLE_DE_ROUTE, PREFIXE_FICHE
from nr_workbook.contract.listes import NATURES_BUDGET, OUI_NON, SECTIONS_BUDGET, STATUTS_FICHE

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
        Colonne("Avancement", 11, F_POURCENT, calculee=True),
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
    ("FA_ELU", "Élu·e référent·e", F_TEXTE, Saisie("texte", aide="Élu·e qui porte l'action (plusieurs : séparés par "
                                                                 "des virgules).")),
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
FA_GAIN = "FA_GAIN"  # formula: the lever's yearly gain (T_LEVIERS « Gain (kgCO2e/an) »), live
FA_ETAT = "FA_ETAT"  # written by the `fiches` command: empty, or why the fiche is kept although not retained


PREFIXE_TABLES_FICHE = "T_FA_"  # every fiche's tables are named so


def tables_fiche(id_levier: str) -> dict[str, Table]:
    """The three tables of a fiche action (names are unique in the workbook)."""
    return dict(_tables_fiche(id_levier))


@lru_cache(maxsize=1024)  # every fiche's, read at each recalculation
def _tables_fiche(id_levier: str) -> dict[str, Table]:
    base = PREFIXE_TABLES_FICHE + "".join(c if c.isalnum() else "_" for c in id_levier)
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


SORTIES_FICHES = (
    Nom("NR_NB_FICHES", FEUILLE_DE_ROUTE, "sortie", "Fiches actions", "fiches",
        "Fiches actions du classeur dont le levier est toujours retenu.", F_ENTIER),
    Nom("NR_BUDGET_TOTAL_EUR", FEUILLE_DE_ROUTE, "sortie", "Budget total de la feuille de route", "€ HT",
        "Somme des budgets des fiches actions dont le levier est retenu.", F_ENTIER),
    Nom("NR_ETP_TOTAL", FEUILLE_DE_ROUTE, "sortie", "Moyens humains de la feuille de route", "ETP",
        "Somme des ETP des fiches actions dont le levier est retenu.", F_DECIMAL2),
)
