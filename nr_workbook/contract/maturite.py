"""The maturity diagnostic's declaration: the scoring grid (T_MATURITE), the level thresholds (T_NIVEAUX) and the
scores, one per dimension of the reference data."""

from __future__ import annotations

from nr_workbook import referentiel
from nr_workbook.contract.elements import F_DECIMAL1, F_ENTIER, F_POURCENT, F_TEXTE, Colonne, Nom, Saisie, Table
from nr_workbook.contract.feuilles import COTATION, INDICATEURS, REFERENTIEL
from nr_workbook.contract.listes import NIVEAUX

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

SORTIES_MATURITE = tuple(
    Nom(f"NR_SCORE_{code}", INDICATEURS, "sortie", f"Score : {libelle}", "/100",
        "Moyenne des niveaux répondus de la dimension ÷ 3 × 100 ; les questions sans réponse ne comptent pas.",
        F_DECIMAL1, extra={"dimension": code})
    for code, libelle in ((d.code, d.libelle) for d in referentiel.load().dimensions)
) + (
    Nom("NR_SCORE_GLOBAL", INDICATEURS, "sortie", "Score global de maturité", "/100",
        "Moyenne des scores des dimensions qui ont une valeur.", F_DECIMAL1),
    Nom("NR_NIVEAU_MATURITE", INDICATEURS, "sortie", "Niveau de maturité", "",
        "Libellé du score global selon les seuils du référentiel (table T_NIVEAUX)."),
    Nom("NR_TAUX_COMPLETUDE", INDICATEURS, "sortie", "Taux de complétude de la grille", "%",
        "Questions répondues ÷ questions de la grille de cotation.", F_POURCENT),
)
