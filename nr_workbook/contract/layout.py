"""The workbook's layout, declared once: sheets, tables, columns and defined names.

The writer places what is declared here; the reader and the checker find data by these names and headers only
(`docs/contrat-classeur.md`). Positions are the writer's business and never part of the contract.

Each sheet's tables and names are declared in the module named after it (`accueil`, `prerequis`, `inventaire`,
`maturite`, `leviers`, `scenarios`, `feuille_de_route`, `pilotage`, `suivi`, `obligations`, `equivalences`), with
the vocabulary (`feuilles`, `listes`) and the building blocks (`elements`) beside them; this module gathers them
into the one declaration the rest of the package reads (`from nr_workbook.contract import layout as L`), in the
order the workbook uses.
"""

from __future__ import annotations

from nr_workbook.contract.accueil import ENTREES_ACCUEIL
from nr_workbook.contract.elements import (
    F_ANNEE,
    F_DATE,
    F_DECIMAL1,
    F_DECIMAL2,
    F_DECIMAL3,
    F_DECIMAL4,
    F_ENTIER,
    F_POURCENT,
    F_TEXTE,
    Colonne,
    Kind,
    Nom,
    Saisie,
    Table,
)
from nr_workbook.contract.equivalences import (
    FIGURES_EQUIVALENCES,
    NB_EQUIVALENTS,
    NOMS_EQUIVALENCES,
    SORTIES_EQUIVALENCES,
    T_EQUIVALENCES,
)
from nr_workbook.contract.feuille_de_route import (
    CHAMPS_FICHE,
    FA_BUDGET,
    FA_ETAT,
    FA_GAIN,
    PREFIXE_TABLES_FICHE,
    SORTIES_FICHES,
    T_FICHES,
    tables_fiche,
)
from nr_workbook.contract.feuilles import (
    ACCUEIL,
    ACHATS,
    ANOMALIES,
    COTATION,
    DEEE,
    DETAIL,
    ENTRETIEN,
    FEUILLE_DE_ROUTE,
    FEUILLES,
    INDICATEURS,
    INVENTAIRE,
    LEVIERS,
    LISTES,
    MATRICE,
    PILOTAGE,
    PREFIXE_FICHE,
    PREREQUIS,
    REFERENTIEL,
    REFORME,
    SALLES,
    SCENARIOS,
    SUIVI,
    XLWINGS_CONF,
)
from nr_workbook.contract.inventaire import (
    ENTREES_REFERENTIEL,
    SORTIES_INVENTAIRE,
    T_DEEE,
    T_DETAIL,
    T_INVENTAIRE,
    T_REFERENTIEL,
    T_SALLES,
)
from nr_workbook.contract.leviers import ENTREES_LEVIERS, SORTIES_LEVIERS, T_LEVIERS
from nr_workbook.contract.listes import (
    CIBLES,
    DISPONIBILITE_DOCUMENT,
    FAMILLE_ECRAN,
    FAMILLE_POSTE,
    LEVIERS_MAX,
    LEVIERS_MIN,
    LISTES_NOMMEES,
    MOBILISATION,
    NATURES_BUDGET,
    NIVEAUX,
    NON_EVALUE,
    NOTES_1_4,
    OUI_NON,
    PARCOURS,
    PRIORITES_TET,
    QUADRANTS,
    SCENARIOS_LEVIER,
    SECTIONS_BUDGET,
    SEUIL_HAUT,
    STATUTS,
    STATUTS_FICHE,
    SUGGESTIONS,
    TYPE_PARTIE_PRENANTE,
)
from nr_workbook.contract.maturite import SORTIES_MATURITE, T_MATURITE, T_NIVEAUX
from nr_workbook.contract.obligations import (
    AGE_MAX_REFORME,
    DESTINATIONS,
    DESTINATIONS_REEMPLOI,
    MONTANTS_ACHATS,
    SORTIES_OBLIGATIONS,
    T_ACHATS,
    T_MINIMA_ACHATS,
    T_OBJECTIFS_REFORME,
    T_REFORME,
    TABLES_TEXTES,
    TYPE_INFORMATIQUE,
    TYPES_PRODUIT,
)
from nr_workbook.contract.pilotage import (
    ANNEES_BUDGET,
    NIVEAUX_RISQUE,
    SUIVI_PILOTAGE,
    T_BUDGET_ANNUEL,
    T_BUDGET_FICHES,
    T_FACTEURS,
    T_GOUVERNANCE,
    T_RISQUES,
    T_SUIVI,
)
from nr_workbook.contract.prerequis import (
    ENTREES_PREREQUIS,
    SORTIES_PREREQUIS,
    T_DOCUMENTS,
    T_INSTANCES,
    T_PARTIES_PRENANTES,
    T_PLANNING,
    T_REFERENTS,
)
from nr_workbook.contract.scenarios import (
    ALLONGEMENT_DEFAUT,
    ANNEES_TRAJECTOIRE,
    ENTREES_SCENARIOS,
    SORTIES_SCENARIOS,
    T_TRAJECTOIRE,
)
from nr_workbook.contract.suivi import (
    ANNEES_TENDANCE,
    INDICATEURS_SUIVIS,
    LIGNES_SUIVI_FICHES,
    T_EVOLUTION,
    T_HISTORIQUE,
    T_HISTORIQUE_FICHES,
    T_SUIVI_FICHES,
    T_TENDANCE,
    TENDANCE,
)

TABLES = (T_INVENTAIRE, T_REFERENTIEL, T_SALLES, T_DEEE, T_REFORME, T_ACHATS, T_OBJECTIFS_REFORME, T_MINIMA_ACHATS,
          T_EQUIVALENCES, T_MATURITE, T_LEVIERS, T_NIVEAUX, T_DETAIL, T_FICHES,
          T_BUDGET_ANNUEL, T_GOUVERNANCE, T_RISQUES, T_FACTEURS, T_SUIVI, T_BUDGET_FICHES, T_HISTORIQUE,
          T_HISTORIQUE_FICHES, T_EVOLUTION, T_TENDANCE, T_SUIVI_FICHES, T_TRAJECTOIRE, T_REFERENTS,
          T_PARTIES_PRENANTES, T_PLANNING, T_DOCUMENTS, T_INSTANCES)
TABLES_CONTRAT = (T_INVENTAIRE, T_REFERENTIEL, T_SALLES, T_DEEE, T_MATURITE, T_LEVIERS, T_REFORME, T_ACHATS)
TABLES_PAR_NOM = {t.nom: t for t in TABLES}

ENTREES = ENTREES_ACCUEIL + ENTREES_REFERENTIEL + ENTREES_PREREQUIS + ENTREES_LEVIERS + ENTREES_SCENARIOS
SORTIES = (SORTIES_INVENTAIRE + SORTIES_MATURITE + SORTIES_LEVIERS + SORTIES_FICHES + SORTIES_PREREQUIS
           + SORTIES_SCENARIOS + SORTIES_OBLIGATIONS + SORTIES_EQUIVALENCES)
NOMS = ENTREES + SORTIES
NOMS_PAR_NOM = {n.nom: n for n in NOMS}
SCORES_DIMENSIONS = tuple(n for n in SORTIES_MATURITE if "dimension" in n.extra)
