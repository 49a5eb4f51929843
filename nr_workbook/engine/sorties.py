"""Every output of the layout, computed by the engine's rooms, in the layout's order."""

from __future__ import annotations

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, Valeur
from nr_workbook.engine.equivalences import indicateurs_equivalences
from nr_workbook.engine.feuille_de_route import indicateurs_fiches
from nr_workbook.engine.inventaire import indicateurs_inventaire
from nr_workbook.engine.maturite import indicateurs_maturite
from nr_workbook.engine.obligations import indicateurs_obligations
from nr_workbook.engine.prerequis import indicateurs_prerequis
from nr_workbook.engine.priorisation import indicateurs_leviers
from nr_workbook.engine.scenarios import indicateurs_scenarios

# The contract tables `indicateurs` reads (besides the input names and the fiches): an action that sends only what it
# reads (Recalculer, from Office.js) sends these. tests/test_extrait.py runs the engine on workbooks restricted to
# them: a table read but not listed fails there.
TABLES_LUES = ("T_INVENTAIRE", "T_SALLES", "T_REFERENTIEL", "T_DEEE", "T_MATURITE", "T_NIVEAUX", "T_LEVIERS",
               "T_REFERENTS", "T_REFORME", "T_OBJECTIFS_REFORME", "T_ACHATS", "T_MINIMA_ACHATS", "T_EQUIVALENCES")

# The columns of those tables whose content `indicateurs` never reads (wording, comments, contacts, sources, and the
# computed columns it recomputes): what sends only what it reads marks each of these cells filled or empty instead
# of sending it (same rows counted), and the extract's reader leaves them out of its rows. tests/test_extrait.py
# runs the engine on random workbooks through the extract: a column listed here but read fails there.
COLONNES_NON_LUES = {
    "T_REFERENTS": ("Fonction", "Service", "Rôle dans la démarche", "Courriel"),
    "T_INVENTAIRE": ("Modèle", "Service", "Commentaire"),
    "T_SALLES": ("Salle", "PUE de la salle", "Méthode de mesure"),
    "T_DEEE": ("Bordereau", "Commentaire"),
    "T_REFORME": ("Catégorie", "Repreneur", "Âge à la réforme (ans)", "Compté pour le décret", "Commentaire"),
    "T_ACHATS": ("Part comptée (%)", "Minimum du décret (%)", "Commentaire"),
    "T_MATURITE": ("Dimension", "Question", "Commentaire", "Interlocuteur", "Signification du niveau", "Niveau 0",
                   "Niveau 1", "Niveau 2", "Niveau 3", "Thème du décret"),
    "T_NIVEAUX": ("Description",),
    "T_LEVIERS": ("Dimension", "Levier", "Quadrant", "Suggéré par le diagnostic", "Niveau constaté", "Pris en compte",
                  "Scénario", "Gain (kgCO2e/an)", "Priorité", "Difficulté", "Description", "Exemples d'actions",
                  "Indicateurs suggérés"),
    "T_REFERENTIEL": ("Source", "Commentaire"),
    "T_OBJECTIFS_REFORME": ("Source",),
    "T_MINIMA_ACHATS": ("Dont réemploi ou réutilisation (%)", "Source"),
    "T_EQUIVALENCES": ("Identifiant Impact CO2", "Source"),
}


def indicateurs(d: Donnees) -> dict[str, Valeur]:
    """Every output name of the layout, in layout order."""
    inventaire = indicateurs_inventaire(d)
    scenarios = indicateurs_scenarios(d, inventaire["NR_EMPREINTE_TOTALE_KGCO2E_AN"])
    calc = {**inventaire, **indicateurs_maturite(d), **indicateurs_leviers(d), **indicateurs_fiches(d),
            **indicateurs_prerequis(d), **indicateurs_obligations(d), **scenarios,
            **indicateurs_equivalences(d, {**inventaire, **scenarios})}
    return {n.nom: calc[n.nom] for n in L.SORTIES}
