"""Titles of the workbook's sheets, in the order the writer places them."""

ACCUEIL = "Accueil"
PREREQUIS = "Prérequis"
INVENTAIRE = "Inventaire"
SALLES = "Salles serveurs"
DEEE = "DEEE"
REFORME = "Réforme"  # scrapped IT equipment and where it went (décret 2023-266)
ACHATS = "Achats"  # purchases of the year (loi AGEC art. 58)
ENTRETIEN = "Grille d'entretien"
COTATION = "Grille de cotation"
INDICATEURS = "Indicateurs"
REFERENTIEL = "Référentiel"
LISTES = "Listes"
XLWINGS_CONF = "xlwings.conf"  # settings read by the classic xlwings add-in (hidden)
DETAIL = "Parc par catégorie"
LEVIERS = "Leviers"
MATRICE = "Matrice"
SCENARIOS = "Scénarios"
FEUILLE_DE_ROUTE = "Feuille de route"
PILOTAGE = "Pilotage"
SUIVI = "Suivi"
PREFIXE_FICHE = "Fiche "  # a fiche action's sheet is "Fiche " + lever ID
ANOMALIES = "Anomalies"

FEUILLES = (ACCUEIL, PREREQUIS, INVENTAIRE, SALLES, DEEE, REFORME, ACHATS, ENTRETIEN, COTATION, INDICATEURS, DETAIL,
            LEVIERS, MATRICE, SCENARIOS, FEUILLE_DE_ROUTE, PILOTAGE, SUIVI, REFERENTIEL, LISTES, XLWINGS_CONF)
