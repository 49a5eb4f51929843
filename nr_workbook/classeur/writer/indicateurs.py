"""Indicateurs: every output (named live formula) with its unit, meaning and state; maturity level scale."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import equivalences
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_LARGEURS = {"A": 44, "B": 16, "C": 16, "D": 78, "E": 30}
_ENTETES = ("Indicateur", "Valeur", "Unité", "Signification", "État")


def _bloc(ws: Worksheet, ligne: int, titre: str, noms: tuple[L.Nom, ...]) -> int:
    wb = ws.parent
    formules = F.sorties()
    C.section(ws, ligne, titre, 5)
    ligne += 1
    for i, h in enumerate(_ENTETES, start=1):
        ws.cell(ligne, i, h).style = S.entete(wb)
    for nom in noms:
        ligne += 1
        ecrire_sortie(ws, ligne, nom, formules[nom.nom])
        ws.cell(ligne, 5, _etat(nom.nom, f"B{ligne}")).style = S.fixe(wb)
    return ligne


def ecrire_sortie(ws: Worksheet, ligne: int, nom: L.Nom, formule: F.Formule) -> None:
    """An output's row: label, named live formula (column B), unit, meaning."""
    wb = ws.parent
    ws.cell(ligne, 1, nom.libelle).style = S.LIBELLE
    C.ecrire_formule(ws, f"B{ligne}", formule)
    ws[f"B{ligne}"].style = S.resultat(wb, nom.format)
    C.nommer(ws, nom.nom, f"B{ligne}")
    ws.cell(ligne, 3, nom.unite).style = S.fixe(wb)
    ws.cell(ligne, 4, nom.definition).style = S.fixe(wb)
    ws.row_dimensions[ligne].height = 28


def _etat(nom: str, cell: str) -> str:
    if nom == "NR_PUE":
        return (f'=IF({cell}="","Non mesuré (PUE par défaut appliqué)",'
                f'IF({cell}<1,"⚠ Inférieur à 1 : erreur de saisie","OK"))')
    if nom == "NR_DEEE_T_PAR_AGENT_AN":
        return (f'=IF({cell}="","Données manquantes",IF(NR_DEEE_SOURCE="Bordereaux",'
                '"Calculé à partir des bordereaux","Estimé à partir de l\'inventaire (Réformé)"))')
    if nom == "NR_TAUX_REEMPLOI_REFORME":
        return (f'=IF({cell}="","Donnée manquante",IF(NR_OBJECTIF_REEMPLOI_REFORME="","",'
                f'IF({cell}>=NR_OBJECTIF_REEMPLOI_REFORME,"Objectif atteint","⚠ Sous l\'objectif du décret")))')
    if nom == "NR_PART_ACHATS_REEMPLOI_INFO":
        return (f'=IF({cell}="","Donnée manquante",IF(NR_MINIMUM_ACHATS_REEMPLOI_INFO="","",'
                f'IF({cell}>=NR_MINIMUM_ACHATS_REEMPLOI_INFO,"Minimum atteint","⚠ Sous le minimum du décret")))')
    if nom == "NR_TAUX_COMPLETUDE":
        return f'=IF({cell}="","Grille vide",IF({cell}<1,"Questions sans réponse : voir la grille","Complet"))'
    return f'=IF({cell}="","Données manquantes","")'


COLONNE_CONTROLE = 7  # G: where the "Recalculer" ribbon action writes the engine's results (unlocked cells)


def _bloc_controle(ws: Worksheet, n: int) -> None:
    """Unlocked cells where the add-in's « Recalculer » writes the Python engine's values and any disagreement."""
    wb = ws.parent
    c0 = COLONNE_CONTROLE
    titre = ws.cell(5, c0, "Contrôle par le moteur Python (bouton « Recalculer » du complément)")
    titre.style = S.SECTION
    for j, h in enumerate(("Nom", "Moteur Python", "Formule du classeur", "Accord"), start=c0):
        ws.cell(6, j, h).style = S.entete(wb)
    libre = S.saisie(wb)
    for r in range(7, 7 + n + 2):
        for j in range(c0, c0 + 4):
            ws.cell(r, j).style = libre
    C.message(ws, f"{get_column_letter(c0)}7:{get_column_letter(c0 + 3)}{7 + n + 1}", "Zone du complément",
              "Écrite par le bouton « Recalculer » du complément : valeurs du moteur Python et accord avec les "
              "formules.")
    C.nommer(ws, "NR_CONTROLE_MOTEUR", f"{get_column_letter(c0)}5")
    for j, w in zip(range(c0, c0 + 4), (34, 16, 16, 12), strict=True):
        ws.column_dimensions[get_column_letter(j)].width = w


def ecrire_indicateurs(ws: Worksheet, ctx: Contexte) -> None:
    ws["A1"] = "Indicateurs du diagnostic"
    ws["A1"].style = S.TITRE
    ws["A2"] = ('="Collectivité : "&IF(NR_COLLECTIVITE="","(à renseigner)",NR_COLLECTIVITE)&'
                '" · année "&NR_ANNEE_REFERENCE&" · "&IF(ISNUMBER(NR_NB_AGENTS),FIXED(NR_NB_AGENTS,0)&'
                '" agents","nombre d\'agents à renseigner")')
    ws["A2"].style = S.SOUS_TITRE
    ws["A3"] = ("Valeurs calculées en direct par les formules du classeur. Une valeur vide signale des données "
                "manquantes (voir la colonne État), jamais une erreur.")
    ws["A3"].style = S.NOTE
    C.fusionner(ws, "A3:E3")
    ligne = _bloc(ws, 5, "Inventaire quantitatif", L.SORTIES_INVENTAIRE)
    ligne = _bloc(ws, ligne + 2, "Diagnostic de maturité", L.SORTIES_MATURITE)
    ligne = _bloc(ws, ligne + 2, "Feuille de route : leviers", L.SORTIES_LEVIERS)
    ligne = _bloc(ws, ligne + 2, "Obligations légales de l'année (REEN, AGEC)", L.SORTIES_OBLIGATIONS)
    ligne = equivalences.ecrire_bloc(ws, ligne + 2)
    premiere = 7
    ws.conditional_formatting.add(
        f"E{premiere}:E{ligne}", FormulaRule(formula=[f'LEFT(E{premiere},1)="⚠"'],
                                             fill=PatternFill("solid", bgColor=S.ROUGE),
                                             font=Font(color=S.ROUGE_TEXTE, bold=True)))
    ws.conditional_formatting.add(
        f"E{premiere}:E{ligne}", FormulaRule(formula=[f'OR(E{premiere}="Données manquantes",'
                                                      f'LEFT(E{premiere},9)="Questions")'],
                                             **S.fond(S.ORANGE)))

    _bloc_controle(ws, len(L.SORTIES))
    ligne += 2
    C.section(ws, ligne, "Échelle des niveaux de maturité (seuils modifiables)", 5)
    niveaux = [{"Seuil": n.seuil, "Niveau": n.libelle, "Description": n.description}
               for n in referentiel.load().niveaux_maturite]
    C.table(ws, L.T_NIVEAUX, ligne + 1, niveaux, col=2)
    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"
    C.impression(ws, paysage=True)
    C.proteger(ws)
