"""Where everything of a fiche action sheet goes, computed once (pure): the openpyxl writer and the open-book
writer (xlwings) both render this plan, so a fiche looks and reads the same whichever way it was created."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nr_workbook.classeur import formulas as F
from nr_workbook.contract import layout as L

LARGEURS = {"A": 46, "B": 18, "C": 16, "D": 16, "E": 22}
DERNIERE_COLONNE = 5
_SECTIONS = {"FA_ID": "Identification", "FA_RESULTATS": "Résultats attendus et calendrier",
             "FA_RESPONSABLE": "Moyens", "FA_PERIMETRE_DSI": "Périmètre", "FA_PREREQUIS": "Prérequis"}
_LARGES = ("FA_LEVIER", "FA_LIEN_DISPOSITIFS", "FA_RESULTATS", "FA_CONTRIBUTEURS", "FA_PREREQUIS", "FA_RESPONSABLE",
           "FA_DIMENSION", "FA_ELU")
_HAUTS = ("FA_RESULTATS", "FA_PREREQUIS", "FA_LEVIER")


@dataclass(frozen=True)
class Champ:
    ligne: int
    nom: str
    libelle: str
    valeur: Any
    format: str | None
    saisie: L.Saisie | None
    large: bool  # value merged over columns B to E

    @property
    def hauteur(self) -> float | None:
        return 45 if self.nom in _HAUTS else (18 if self.large else None)


@dataclass(frozen=True)
class TableFiche:
    ligne_titre: int
    titre: str
    spec: L.Table
    ligne_entete: int
    lignes: list[dict[str, Any]]

    @property
    def derniere_ligne(self) -> int:
        return self.ligne_entete + max(len(self.lignes) + self.spec.lignes_vides, 1)


@dataclass
class PlanFiche:
    id_levier: str
    titre: str
    sections: list[tuple[int, str]] = field(default_factory=list)
    champs: list[Champ] = field(default_factory=list)
    ligne_budget: int = 0
    formule_budget: str = ""
    ligne_gain: int = 0
    formule_gain: str = ""
    tables: list[TableFiche] = field(default_factory=list)

    @property
    def cellules(self) -> dict[str, str]:
        """FA_* name -> absolute cell, FA_ETAT and FA_BUDGET included."""
        out = {L.FA_ETAT: "$A$2", L.FA_BUDGET: f"$B${self.ligne_budget}", L.FA_GAIN: f"$B${self.ligne_gain}"}
        out.update({c.nom: f"$B${c.ligne}" for c in self.champs})
        return out

    @property
    def alerte_dates(self) -> tuple[str, str]:
        """Cell of the reversed-dates warning and its formula."""
        debut, fin = (self.cellules[n].replace("$", "") for n in ("FA_DEBUT", "FA_FIN"))
        return (f"C{fin[1:]}", f'=IF(AND(ISNUMBER({debut}),ISNUMBER({fin}),{fin}<{debut}),'
                               '"⚠ La fin précède le début.","")')


def placer(valeurs: dict[str, Any], indicateurs: list[str], actions: list[str],
           contenus_tables: dict[str, list[dict[str, Any]]] | None = None) -> PlanFiche:
    """Place a fiche's fields and tables; its tables start with the suggested indicators and actions, or with the
    rows of `contenus_tables` ("indicateurs", "actions", "budget" -> rows keyed by header) when given."""
    id_levier = str(valeurs["FA_ID"])
    plan = PlanFiche(id_levier, f"Fiche action – {id_levier}")
    ligne = 3
    for nom, libelle, fmt, saisie in L.CHAMPS_FICHE:
        if nom in _SECTIONS:
            ligne += 1
            plan.sections.append((ligne, _SECTIONS[nom]))
        ligne += 1
        plan.champs.append(Champ(ligne, nom, libelle, valeurs.get(nom), fmt, saisie, nom in _LARGES))
        if nom == "FA_FIN":
            ligne += 1
            plan.ligne_gain = ligne
        if nom == "FA_JH":
            ligne += 1
            plan.ligne_budget = ligne
            plan.formule_budget = F.budget_fiche(L.tables_fiche(id_levier)["budget"].nom)
    plan.formule_gain = F.gain_fiche(plan.cellules["FA_ID"])
    tables = L.tables_fiche(id_levier)
    contenus = (
        ("indicateurs", "Suivi des indicateurs de performance", [{"Indicateur": i} for i in indicateurs]),
        ("actions", "Actions à mettre en œuvre pour ce levier", [{"Action": a} for a in actions]),
        ("budget", "Budget détaillé (par année, nature et section)", []),
    )
    for cle, titre, lignes in contenus:
        if contenus_tables is not None:
            lignes = contenus_tables.get(cle, [])
        ligne += 2
        t = TableFiche(ligne, titre, tables[cle], ligne + 1, lignes)
        plan.tables.append(t)
        ligne = t.derniere_ligne
    return plan
