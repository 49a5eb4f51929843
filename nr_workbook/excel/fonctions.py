"""Spreadsheet functions (UDFs), declared once: each is a thin face of an engine function.

`excel/complement/nr_udfs.py` exposes them to the classic xlwings add-in, `excel/lite.py` to xlwings Lite and
xlwings Server. Arguments arrive as Excel gives them (a scalar, or a list of rows for a range); the result is a
number, a text, or "" when the inputs allow no value. Nothing here raises: a wrong input gives a French error text
in the cell.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.engine.donnees import Donnees, est_nombre
from nr_workbook.engine.inventaire import deee_bordereaux_t_an, indicateurs_inventaire
from nr_workbook.engine.inventaire import pue as calcul_pue
from nr_workbook.engine.maturite import moyenne, score_niveaux
from nr_workbook.engine.obligations import part_achats, taux_reemploi_reforme
from nr_workbook.engine.priorisation import quadrant
from nr_workbook.engine.scenarios import indicateurs_scenarios


class ErreurFonction(ValueError):
    """An input the function cannot use; its message is shown in the cell."""


def _aplatir(v: Any) -> list[Any]:
    """A range (list of rows, or a flat list) or a scalar, as a flat list; empty cells are None."""
    if isinstance(v, (list, tuple)):
        out: list[Any] = []
        for x in v:
            out.extend(_aplatir(x) if isinstance(x, (list, tuple)) else [x])
        return [None if x == "" else x for x in out]
    return [None if v == "" else v]


def _lignes(plage: Any, nom_table: str) -> list[dict[str, Any]]:
    """A table range given with its header row (e.g. T_INVENTAIRE[#All]) as rows keyed by header."""
    if not (isinstance(plage, (list, tuple)) and plage and isinstance(plage[0], (list, tuple))):
        raise ErreurFonction(f"donnez toute la table avec ses en-têtes, par exemple {nom_table}[#Tout]")
    entetes = [str(h).strip() if h is not None else "" for h in plage[0]]
    attendus = [h for h in L.TABLES_PAR_NOM[nom_table].entetes if not L.TABLES_PAR_NOM[nom_table].colonne(h).calculee]
    manquants = [h for h in attendus[:3] if h not in entetes]
    if manquants:
        raise ErreurFonction(f"colonne {manquants[0]} absente des en-têtes de {nom_table}")
    return [{h: (None if v == "" else v) for h, v in zip(entetes, ligne, strict=False) if h}
            for ligne in plage[1:] if any(v not in (None, "") for v in ligne)]


def _resultat(v: Any) -> Any:
    return "" if v is None else v


def _protege(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def appel(*args: Any) -> Any:
        try:
            return _resultat(f(*args))
        except ErreurFonction as e:
            return f"Erreur : {e}."
        except Exception as e:  # never a traceback in a cell
            return f"Erreur : calcul impossible ({e.__class__.__name__})."

    return appel


def score_dimension(niveaux: Any) -> Any:
    return score_niveaux(_aplatir(niveaux))


def score_global(scores: Any) -> Any:
    return moyenne(_aplatir(scores))


def pue(energie_totale: Any, energie_it: Any) -> Any:
    tot, it = _aplatir(energie_totale), _aplatir(energie_it)
    if len(tot) != len(it):
        raise ErreurFonction("les deux plages d'énergie n'ont pas la même taille")
    return calcul_pue(tot, it)


def deee_par_agent(annees: Any, poids: Any, nb_agents: Any) -> Any:
    an, kg = _aplatir(annees), _aplatir(poids)
    if len(an) != len(kg):
        raise ErreurFonction("les plages des années et des poids n'ont pas la même taille")
    agents = nb_agents if est_nombre(nb_agents) and nb_agents > 0 else None
    tonnes = deee_bordereaux_t_an(an, kg)
    return tonnes / agents if tonnes is not None and agents else None


def quadrant_levier(valeur: Any, faisabilite: Any) -> Any:
    return quadrant(None if valeur == "" else valeur, None if faisabilite == "" else faisabilite)


def empreinte(inventaire: Any, referentiel: Any, facteur: Any, pue_salles: Any = "") -> Any:
    d = Donnees(
        noms={"NR_FACTEUR_ELEC_KGCO2E_KWH": facteur,
              "NR_PUE_DEFAUT": pue_salles if est_nombre(pue_salles) else 1.75},
        tables={"T_INVENTAIRE": _lignes(inventaire, "T_INVENTAIRE"),
                "T_REFERENTIEL": _lignes(referentiel, "T_REFERENTIEL")},
    )
    return indicateurs_inventaire(d)["NR_EMPREINTE_TOTALE_KGCO2E_AN"]


def _gains(inventaire: Any, referentiel: Any, noms: dict[str, Any]) -> dict[str, Any]:
    d = Donnees(noms=noms, tables={"T_INVENTAIRE": _lignes(inventaire, "T_INVENTAIRE"),
                                   "T_REFERENTIEL": _lignes(referentiel, "T_REFERENTIEL")})
    return indicateurs_scenarios(d)


def _nombre_ou_vide(v: Any) -> Any:
    return None if v == "" else v


def gain_allongement(inventaire: Any, referentiel: Any, annees: Any = 1) -> Any:
    return _gains(inventaire, referentiel,
                  {"NR_CIBLE_ALLONGEMENT_ANS": _nombre_ou_vide(annees)})["NR_GAIN_ALLONGEMENT_KGCO2E_AN"]


def gain_allongement_deee(inventaire: Any, referentiel: Any, annees: Any = 1) -> Any:
    return _gains(inventaire, referentiel,
                  {"NR_CIBLE_ALLONGEMENT_ANS": _nombre_ou_vide(annees)})["NR_GAIN_ALLONGEMENT_DEEE_T_AN"]


def _noms_pue(facteur: Any, pue_actuel: Any, pue_cible: Any) -> dict[str, Any]:
    return {"NR_FACTEUR_ELEC_KGCO2E_KWH": _nombre_ou_vide(facteur),
            "NR_PUE_DEFAUT": pue_actuel if est_nombre(pue_actuel) else 1.75,
            "NR_CIBLE_PUE": _nombre_ou_vide(pue_cible)}


def gain_pue(inventaire: Any, referentiel: Any, facteur: Any, pue_actuel: Any, pue_cible: Any) -> Any:
    return _gains(inventaire, referentiel, _noms_pue(facteur, pue_actuel, pue_cible))["NR_GAIN_PUE_KGCO2E_AN"]


def gain_total(inventaire: Any, referentiel: Any, facteur: Any, pue_actuel: Any, annees: Any, pue_cible: Any) -> Any:
    noms = {**_noms_pue(facteur, pue_actuel, pue_cible), "NR_CIBLE_ALLONGEMENT_ANS": _nombre_ou_vide(annees)}
    return _gains(inventaire, referentiel, noms)["NR_GAIN_TOTAL_KGCO2E_AN"]


def taux_reemploi(reforme: Any) -> Any:
    return taux_reemploi_reforme(_lignes(reforme, "T_REFORME"))


def part_achats_reemploi(achats: Any, type_produit: Any = "") -> Any:
    type_ = str(type_produit).strip() if type_produit not in (None, "") else L.TYPE_INFORMATIQUE
    if type_ not in L.TYPES_PRODUIT:
        raise ErreurFonction(f"type de produit inconnu : « {type_} » (liste de la déclaration AGEC)")
    return part_achats(_lignes(achats, "T_ACHATS"), type_)


_INVENTAIRE = (("inventaire", "T_INVENTAIRE[#Tout]"), ("referentiel", "T_REFERENTIEL[#Tout]"))
_PUE = (("facteur", "Facteur d'émission de l'électricité (kgCO2e/kWh)"),
        ("pue_actuel", "PUE appliqué aujourd'hui (mesuré, sinon par défaut ; 1,75 si vide)"),
        ("pue_cible", "PUE visé (vide : pas de scénario)"))


@dataclass(frozen=True)
class Fonction:
    nom: str  # Excel name
    calcul: Callable[..., Any]  # the engine face (raises ErreurFonction on bad input)
    aide: str  # Excel's description of the function
    plages: tuple[str, ...] = ()  # arguments that take a range (2-D)
    parametres: tuple[tuple[str, str], ...] = ()  # (argument, French help shown by Excel)

    @property
    def appel(self) -> Callable[..., Any]:
        """What the spreadsheet calls: never raises, "" for no value."""
        return _protege(self.calcul)


FONCTIONS: tuple[Fonction, ...] = (
    Fonction("NR_SCORE_DIMENSION", score_dimension,
             "Score de maturité (0 à 100) : moyenne des niveaux répondus (0 à 3) ÷ 3 × 100 ; les cellules vides "
             "ne comptent pas.", ("niveaux",), (("niveaux", "Plage des niveaux (0 à 3) des questions"),)),
    Fonction("NR_SCORE_GLOBAL", score_global, "Score global : moyenne des scores de dimension qui ont une valeur.",
             ("scores",), (("scores", "Plage des scores des dimensions"),)),
    Fonction("NR_PUE", pue, "PUE : énergie totale ÷ énergie informatique, sur les salles renseignées.",
             ("energie_totale", "energie_it"),
             (("energie_totale", "Énergie totale des salles (kWh/an)"),
              ("energie_it", "Énergie des équipements informatiques (kWh/an)"))),
    Fonction("NR_DEEE_PAR_AGENT", deee_par_agent,
             "DEEE en tonnes par agent et par an : poids des bordereaux ÷ années couvertes ÷ 1000 ÷ agents.",
             ("annees", "poids"),
             (("annees", "Années des bordereaux"), ("poids", "Poids des bordereaux (kg)"),
              ("nb_agents", "Nombre d'agents"))),
    Fonction("NR_QUADRANT", quadrant_levier,
             "Quadrant de la matrice valeur × faisabilité (notes de 1 à 4, élevée à partir de 3).", (),
             (("valeur", "Valeur du levier (1 à 4)"), ("faisabilite", "Faisabilité du levier (1 à 4)"))),
    Fonction("NR_EMPREINTE", empreinte,
             "Empreinte carbone annuelle du parc en service (kgCO2e/an) : fabrication amortie + usage ; donnez "
             "T_INVENTAIRE[#Tout], T_REFERENTIEL[#Tout], le facteur d'émission et le PUE.",
             ("inventaire", "referentiel"),
             (("inventaire", "T_INVENTAIRE[#Tout]"), ("referentiel", "T_REFERENTIEL[#Tout]"),
              ("facteur", "Facteur d'émission de l'électricité (kgCO2e/kWh)"),
              ("pue_salles", "PUE des salles serveurs (1,75 si vide)"))),
    Fonction("NR_GAIN_ALLONGEMENT", gain_allongement,
             "Gain annuel (kgCO2e/an) d'un allongement de la durée d'usage du parc en service : Σ quantité × "
             "fabrication × (1/L − 1/(L + années)).", ("inventaire", "referentiel"),
             _INVENTAIRE + (("annees", "Années d'usage ajoutées (1 par défaut)"),)),
    Fonction("NR_GAIN_ALLONGEMENT_DEEE", gain_allongement_deee,
             "DEEE évités (t/an) par un allongement de la durée d'usage : Σ quantité × poids × (1/L − 1/(L + "
             "années)) ÷ 1000.", ("inventaire", "referentiel"),
             _INVENTAIRE + (("annees", "Années d'usage ajoutées (1 par défaut)"),)),
    Fonction("NR_GAIN_PUE", gain_pue,
             "Gain annuel (kgCO2e/an) d'un meilleur PUE des salles serveurs : Σ quantité × kWh × facteur × (PUE "
             "actuel − PUE visé) pour les catégories de salle serveur.", ("inventaire", "referentiel"),
             _INVENTAIRE + _PUE),
    Fonction("NR_GAIN_TOTAL", gain_total,
             "Gain annuel total des scénarios (kgCO2e/an) : allongement de la durée d'usage et PUE visé.",
             ("inventaire", "referentiel"),
             _INVENTAIRE + _PUE[:2] + (("annees", "Années d'usage ajoutées"), _PUE[2])),
    Fonction("NR_TAUX_REEMPLOI_REFORME", taux_reemploi,
             "Décret 2023-266 : équipements réformés de 10 ans au plus orientés vers le réemploi avec l'engagement du "
             "repreneur ÷ ceux en stock au 1er janvier × 100 ; vide sans stock au 1er janvier.", ("reforme",),
             (("reforme", "T_REFORME[#Tout]"),)),
    Fonction("NR_PART_ACHATS_REEMPLOI_INFO", part_achats_reemploi,
             "Loi AGEC : (réemploi + dons + matières recyclées) ÷ montant total des achats d'un type de produit × 100 "
             "(matériel informatique et téléphonie par défaut).", ("achats",),
             (("achats", "T_ACHATS[#Tout]"), ("type_produit", "Type de produit (vide : matériel informatique et "
                                                              "téléphonie)"))),
)
FONCTIONS_PAR_NOM = {f.nom: f for f in FONCTIONS}


def face(f: Fonction) -> Callable[..., Any]:
    """A new function object for one integration to decorate: Excel name, help text, the engine face's signature
    (through __wrapped__, which xlwings' inspect.signature follows), never raising."""
    appel = f.appel

    @functools.wraps(f.calcul)
    def fonction(*args: Any) -> Any:
        return appel(*args)

    fonction.__name__ = fonction.__qualname__ = f.nom
    fonction.__doc__ = f.aide
    return fonction


def appeler(nom: str, *args: Any) -> Any:
    return FONCTIONS_PAR_NOM[nom].appel(*args)


def colonnes(table: Iterable[dict[str, Any]], entete: str) -> list[list[Any]]:
    """A table column as the 2-D range Excel passes (one value per row) — for tests and scripts."""
    return [[r.get(entete)] for r in table]
