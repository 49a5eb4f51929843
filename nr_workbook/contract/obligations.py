"""What the law asks a collectivité to report every year, declared: the reuse of its scrapped IT equipment
(loi REEN art. 16, décret 2023-266: sheet Réforme, T_REFORME) and its purchases from reuse, donations or with
recycled materials (loi AGEC art. 58, décret 2021-254: sheet Achats, T_ACHATS), the SIRET they are declared
under, and the indicators computed from them (`../shared/workbook-contract.md`, « Legal obligations »).

The figures of the texts (the decree's objective per year, the minimum share per product type, the flat-rate grid
of donations) are reference data with their sources (`referentiel/obligations.yaml`), written on the Référentiel
sheet where the user can read them.
"""

from __future__ import annotations

from nr_workbook.contract.elements import (
    F_ANNEE,
    F_DECIMAL1,
    F_DECIMAL2,
    F_ENTIER,
    F_TEXTE,
    SAISIE_ANNEE,
    Colonne,
    Nom,
    Saisie,
    Table,
)
from nr_workbook.contract.feuilles import ACHATS, INDICATEURS, REFERENTIEL, REFORME

# décret 2023-266 art. 3: devices sent to reuse or reutilisation count (with the taker's commitment); recycling and
# devices kept in stock do not (contract, « Destinations of T_REFORME »).
DESTINATIONS_REEMPLOI = ("Réemploi ou réutilisation", "Cession à une personne publique", "Vente", "Don",
                         "Reprise par un éco-organisme")
DESTINATIONS = DESTINATIONS_REEMPLOI + ("Recyclage", "En stock")
AGE_MAX_REFORME = 10  # devices of more than ten years at scrapping are left out (décret 2023-266 art. 3)
# The official schema's `type_produit_acquis` (datagouv/schema-declaration-biens-reemploi-reutilisation-recycle
# v0.1.0), in its order and spelling; the Listes sheet holds it as L_TYPES_PRODUIT (over 255 characters).
TYPES_PRODUIT = (
    "Produits textiles à l'exception des équipements de protection individuels",
    "Matériel informatique et téléphonie",
    "Matériel de reprographie et d'impression",
    "Consommables d'impression",
    "Papier",
    "Fournitures de bureau",
    "Engins de transport et pièces détachées",
    "Véhicules et pièces détachées",
    "Mobilier et aménagement d'intérieur",
    "Mobilier urbain",
    "Equipements de collecte de déchets",
    "Bocaux et flacons",
    "Articles et équipement sportifs",
    "Matériel d'entretien des espaces verts",
    "Bâtiments modulaires ou préfabriqués",
    "Gros électroménager, y compris appareils professionnels",
    "Jeux et jouets",
)
TYPE_INFORMATIQUE = "Matériel informatique et téléphonie"
MONTANTS_ACHATS = ("Réemploi et réutilisation (€ HT)", "Issus du don (€ HT)", "Matières recyclées (€ HT)")

_QUANTITE = Saisie("entier", minimum=0, maximum=10**7, aide="Nombre entier d'équipements, positif ou nul.")
_MONTANT = Saisie("decimal", minimum=0, aide="Montant en euros hors taxes, positif ou nul.")

T_REFORME = Table(
    "T_REFORME",
    REFORME,
    (
        Colonne("Catégorie", 28, saisie=Saisie("liste", plage="L_CATEGORIES",
                                               aide="Choisissez une catégorie du référentiel.")),
        Colonne("Quantité", 10, F_ENTIER, _QUANTITE),
        Colonne("Année d'acquisition", 12, F_ANNEE, SAISIE_ANNEE),
        Colonne("Année de réforme", 11, F_ANNEE, SAISIE_ANNEE),
        Colonne("Présent au 1er janvier", 12, saisie=Saisie(
            "liste", ("Oui", "Non"), aide="Oui : l'équipement était réformé et en stock au 1er janvier de l'année.")),
        Colonne("Destination", 28, saisie=Saisie("liste", DESTINATIONS,
                                                 aide="Où l'équipement est parti pendant l'année (ou « En stock »).")),
        Colonne("Repreneur", 24, F_TEXTE, Saisie("texte", aide="Organisme qui reprend les équipements.")),
        Colonne("Engagement du repreneur", 13, saisie=Saisie(
            "liste", ("Oui", "Non"), aide="Oui : le repreneur s'est engagé à réemployer ou réutiliser.")),
        Colonne("Âge à la réforme (ans)", 12, F_ENTIER, calculee=True),
        Colonne("Compté pour le décret", 42, F_TEXTE, calculee=True),
        Colonne("Commentaire", 30, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=30,
)

T_ACHATS = Table(
    "T_ACHATS",
    ACHATS,
    (
        Colonne("Type de produit", 40, saisie=Saisie("liste", plage="L_TYPES_PRODUIT",
                                                     aide="Type de produit de la déclaration officielle.")),
        Colonne("Montant total (€ HT)", 14, F_DECIMAL2, _MONTANT),
        *(Colonne(m, 14, F_DECIMAL2, _MONTANT) for m in MONTANTS_ACHATS),
        Colonne("Part comptée (%)", 14, F_DECIMAL1, calculee=True),
        Colonne("Minimum du décret (%)", 14, F_DECIMAL1, calculee=True),
        Colonne("Commentaire", 34, F_TEXTE, Saisie("texte")),
    ),
    lignes_vides=len(TYPES_PRODUIT),
)

# The texts' figures on the Référentiel sheet (pre-filled, editable): objective per year, minimum per product type.
T_OBJECTIFS_REFORME = Table(
    "T_OBJECTIFS_REFORME",
    REFERENTIEL,
    (
        Colonne("Année", 10, F_ANNEE, SAISIE_ANNEE),
        Colonne("Objectif (%)", 11, F_DECIMAL1, Saisie("decimal", minimum=0, maximum=100,
                                                       aide="Part minimale, en %, entre 0 et 100.")),
        Colonne("Source", 60, F_TEXTE, Saisie("texte")),
    ),
)
T_MINIMA_ACHATS = Table(
    "T_MINIMA_ACHATS",
    REFERENTIEL,
    (
        Colonne("Type de produit", 40, F_TEXTE, Saisie("texte")),
        Colonne("Depuis", 9, F_ANNEE, SAISIE_ANNEE),
        Colonne("Jusqu'à", 9, F_ANNEE, SAISIE_ANNEE),
        Colonne("Minimum (%)", 11, F_DECIMAL1, Saisie("decimal", minimum=0, maximum=100,
                                                      aide="Part minimale, en %, entre 0 et 100.")),
        Colonne("Dont réemploi ou réutilisation (%)", 13, F_DECIMAL1,
                Saisie("decimal", minimum=0, maximum=100, aide="Part minimale, en %, entre 0 et 100.")),
        Colonne("Source", 60, F_TEXTE, Saisie("texte")),
    ),
)

# Tables the template pre-fills with reference figures (the texts', Impact CO2's); absent from an older workbook.
TABLES_TEXTES = ("T_OBJECTIFS_REFORME", "T_MINIMA_ACHATS", "T_EQUIVALENCES")

SORTIES_OBLIGATIONS = (
    Nom("NR_TAUX_REEMPLOI_REFORME", INDICATEURS, "sortie", "Matériel réformé orienté vers le réemploi", "%",
        "Décret 2023-266 : équipements de 10 ans au plus orientés vers le réemploi ou la réutilisation avec "
        "l'engagement du repreneur ÷ équipements réformés en stock au 1er janvier (10 ans au plus) × 100.",
        F_DECIMAL1),
    Nom("NR_OBJECTIF_REEMPLOI_REFORME", INDICATEURS, "sortie", "Objectif du décret pour l'année", "%",
        "25 % en 2023, 35 % en 2024, 50 % à partir de 2025 (décret 2023-266, feuille Référentiel).", F_DECIMAL1),
    Nom("NR_PART_ACHATS_REEMPLOI_INFO", INDICATEURS, "sortie",
        "Achats informatiques issus du réemploi, du don ou recyclés", "%",
        "Loi AGEC art. 58 : (réemploi et réutilisation + dons + matières recyclées) ÷ montant total des achats de "
        "« Matériel informatique et téléphonie » de l'année × 100.", F_DECIMAL1),
    Nom("NR_MINIMUM_ACHATS_REEMPLOI_INFO", INDICATEURS, "sortie", "Minimum du décret pour ces achats", "%",
        "Part minimale fixée par le décret 2021-254 pour le matériel informatique et la téléphonie, l'année du "
        "diagnostic (feuille Référentiel).", F_DECIMAL1, contrat=False),
)


def candidats_reforme(inventaire: list[dict], annee: object = None) -> list[dict]:
    """T_REFORME rows offered from the inventory's « Réformé » rows (scrapped during the year): category, quantity,
    year of acquisition, year of scrapping (the diagnostic's); where they went is for the user to say."""
    an = int(annee) if isinstance(annee, (int, float)) and not isinstance(annee, bool) and float(annee).is_integer() \
        else None
    out = []
    for r in inventaire:
        statut = r.get("Statut")
        if not (isinstance(statut, str) and statut.strip().casefold() == "réformé"):
            continue
        out.append({"Catégorie": r.get("Catégorie"), "Quantité": r.get("Quantité"),
                    "Année d'acquisition": r.get("Année d'acquisition"),
                    "Année de réforme": an,
                    "Commentaire": "Ligne « Réformé » de l'inventaire : précisez la destination et le stock au "
                                   "1er janvier."})
    return out
