"""The yearly follow-up's declaration (Suivi sheet): the history of past years' values, filled by
`nr-workbook nouvelle-annee` year after year, and what the sheet compares (year N-1 against year N).

T_HISTORIQUE holds one row per (year, indicator); T_HISTORIQUE_FICHES one row per (year, fiche). From them and the
live outputs, T_EVOLUTION compares each indicator with the previous year, T_TENDANCE shows the last six years of a
few key indicators (charted), and T_SUIVI_FICHES each fiche's status and progress against the previous year.
"""

from __future__ import annotations

from nr_workbook.contract.elements import F_ANNEE, F_DECIMAL2, F_POURCENT, F_TEXTE, Colonne, Saisie, Table
from nr_workbook.contract.feuille_de_route import SORTIES_FICHES
from nr_workbook.contract.feuilles import SUIVI
from nr_workbook.contract.inventaire import SORTIES_INVENTAIRE
from nr_workbook.contract.leviers import SORTIES_LEVIERS
from nr_workbook.contract.listes import STATUTS_FICHE
from nr_workbook.contract.maturite import SORTIES_MATURITE
from nr_workbook.contract.obligations import SORTIES_OBLIGATIONS

# Outputs followed from year to year: every numeric one, in layout order (the dimension scores stay contiguous).
INDICATEURS_SUIVIS = tuple(n for n in SORTIES_INVENTAIRE + SORTIES_MATURITE + SORTIES_LEVIERS + SORTIES_FICHES
                           + SORTIES_OBLIGATIONS[:1] + SORTIES_OBLIGATIONS[2:3] if n.format is not None)
# The last six years of these are charted: output, column header.
TENDANCE = (("NR_SCORE_GLOBAL", "Score global (/100)"), ("NR_EMPREINTE_TOTALE_KGCO2E_AN", "Empreinte (kgCO2e/an)"),
            ("NR_EQUIPEMENTS_PAR_AGENT", "Équipements par agent"), ("NR_DEEE_T_PAR_AGENT_AN", "DEEE (t/agent/an)"))
ANNEES_TENDANCE = 6
LIGNES_SUIVI_FICHES = 40  # fiches compared (the method retains 10 to 15 levers)

T_HISTORIQUE = Table(
    "T_HISTORIQUE",
    SUIVI,
    (
        Colonne("Indicateur", 40, F_TEXTE, Saisie("liste", plage="L_INDICATEURS",
                                                   aide="Nom d'un indicateur (liste : feuille Indicateurs).")),
        Colonne("Année", 9, F_ANNEE, Saisie("entier", minimum=2000, maximum=2100, aide="Année de la valeur.")),
        Colonne("Valeur", 14, F_DECIMAL2, Saisie("decimal", aide="Valeur de l'indicateur cette année-là.")),
    ),
    lignes_vides=3,
)
T_HISTORIQUE_FICHES = Table(
    "T_HISTORIQUE_FICHES",
    SUIVI,
    (
        Colonne("Année", 9, F_ANNEE, Saisie("entier", minimum=2000, maximum=2100, aide="Année.")),
        Colonne("ID", 16, F_TEXTE, Saisie("texte")),
        Colonne("Levier", 40, F_TEXTE, Saisie("texte")),
        Colonne("Statut", 12, saisie=Saisie("liste", STATUTS_FICHE)),
        Colonne("Avancement", 12, F_POURCENT, Saisie("decimal", minimum=0, maximum=1,
                                                     aide="Part des actions faites, de 0 à 100 %.")),
    ),
    lignes_vides=3,
)
T_EVOLUTION = Table(
    "T_EVOLUTION",
    SUIVI,
    (
        Colonne("Indicateur", 44),
        Colonne("Unité", 16),
        Colonne("Code", 12),
        Colonne("N-1", 13, calculee=True),
        Colonne("N", 13, calculee=True),
        Colonne("Écart", 13, calculee=True),
        Colonne("Évolution", 11, F_POURCENT, calculee=True),
    ),
)
T_TENDANCE = Table(
    "T_TENDANCE",
    SUIVI,
    (Colonne("Année", 9, F_ANNEE, calculee=True),) + tuple(Colonne(h, 16, calculee=True) for _, h in TENDANCE),
)
T_SUIVI_FICHES = Table(
    "T_SUIVI_FICHES",
    SUIVI,
    (
        Colonne("Levier", 44, calculee=True),
        Colonne("ID", 16, calculee=True),
        Colonne("Statut N-1", 12, calculee=True),
        Colonne("Statut N", 12, calculee=True),
        Colonne("Avancement N-1", 13, F_POURCENT, calculee=True),
        Colonne("Avancement N", 13, F_POURCENT, calculee=True),
    ),
)
TABLES_SUIVI = (T_HISTORIQUE, T_HISTORIQUE_FICHES, T_EVOLUTION, T_TENDANCE, T_SUIVI_FICHES)
