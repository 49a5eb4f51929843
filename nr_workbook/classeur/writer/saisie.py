"""Input sheets of the quantitative inventory: Inventaire, Salles serveurs, DEEE.

These sheets are not protected, so that Excel can grow their tables when a row is typed below them.
Conditional formats flag what is wrong or missing.
"""

from __future__ import annotations

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_ROUGE = PatternFill("solid", bgColor=S.ROUGE)
_ORANGE = PatternFill("solid", bgColor=S.ORANGE)
_LIGNE_TABLE = 5


def _entete(ws: Worksheet, titre: str, aide: str, nb_col: int) -> None:
    C.titre(ws, titre, aide, f"A2:{get_column_letter(nb_col)}3")
    ws.row_dimensions[1].height = 26
    ws.row_dimensions[2].height = 30


def _signaler(ws: Worksheet, plage: str, formule: str, fill: PatternFill = _ROUGE) -> None:
    """Red: an impossible value; orange: missing information. Both also put « ⚠ » before the value."""
    ws.conditional_formatting.add(plage, S.alerte(formule, fond=None if fill is _ROUGE else S.ORANGE))


def _col(spec: L.Table, entete: str) -> str:
    return C.lettre(spec, entete)


def ecrire_inventaire(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_INVENTAIRE
    _entete(ws, "Inventaire quantitatif du parc numérique",
            "Une ligne par lot d'équipements identiques. Statut « Réformé » : sorti du parc pendant l'année. Poids et "
            "consommation : laissez vide pour prendre la valeur par défaut de la feuille Référentiel. Une valeur "
            "impossible (fond rouge) ou une information manquante (fond orange) est précédée de « ⚠ ».",
            len(t.colonnes))
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE, ctx.inventaire, vides=t.lignes_vides if not ctx.inventaire
                                 else 20)
    r = premiere
    cat, qte, an, statut = (_col(t, e) for e in ("Catégorie", "Quantité", "Année d'acquisition", "Statut"))
    rng = lambda lettre: f"{lettre}{premiere}:{lettre}{derniere}"  # noqa: E731
    _signaler(ws, rng(an), f'AND(ISNUMBER({an}{r}),ISNUMBER(NR_ANNEE_REFERENCE),{an}{r}>NR_ANNEE_REFERENCE)')
    _signaler(ws, rng(an), f'AND({an}{r}<>"",NOT(ISNUMBER({an}{r})))')
    _signaler(ws, rng(qte), f'AND({qte}{r}<>"",OR(NOT(ISNUMBER({qte}{r})),{qte}{r}<0))')
    _signaler(ws, rng(qte), f'AND({cat}{r}<>"",{qte}{r}="")', _ORANGE)
    _signaler(ws, rng(statut), f'AND({cat}{r}<>"",{statut}{r}="")', _ORANGE)
    _signaler(ws, rng(cat), f'AND({cat}{r}<>"",COUNTIF(L_CATEGORIES,{cat}{r})=0)')
    _signaler(ws, rng(cat), f'AND({cat}{r}="",{qte}{r}<>"")', _ORANGE)
    ws.freeze_panes = f"B{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")


def ecrire_salles(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_SALLES
    _entete(ws, "Salles serveurs et centres de données",
            "Énergie consommée sur une année : totale (climatisation, onduleurs, éclairage compris) et celle des seuls "
            "équipements informatiques. Le PUE vaut au moins 1 : une valeur inférieure signale une erreur de saisie.",
            len(t.colonnes))
    tot, it, pue = (_col(t, e) for e in ("Énergie totale (kWh/an)", "Énergie IT (kWh/an)", "PUE de la salle"))
    premiere, derniere = C.table(
        ws, t, _LIGNE_TABLE, ctx.salles,
        formules={"PUE de la salle": lambda r: (f'=IF(AND(ISNUMBER({tot}{r}),ISNUMBER({it}{r})),'
                                                f'IF({it}{r}<>0,{tot}{r}/{it}{r},""),"")')},
    )
    r = premiere
    _signaler(ws, f"{pue}{premiere}:{pue}{derniere}", f'AND(ISNUMBER({pue}{r}),{pue}{r}<1)')
    _signaler(ws, f"{it}{premiere}:{it}{derniere}", f'AND({tot}{r}<>"",{it}{r}="")', _ORANGE)
    _signaler(ws, f"{tot}{premiere}:{tot}{derniere}", f'AND({it}{r}<>"",{tot}{r}="")', _ORANGE)
    ligne = derniere + 2
    ws.cell(ligne, 1, "PUE retenu (toutes salles)").style = S.LIBELLE
    ws.cell(ligne, 2, "=NR_PUE").style = S.resultat(ws.parent, L.F_DECIMAL2)
    ws.cell(ligne, 3, ('=IF(NR_PUE="","Non mesuré : le PUE par défaut du Référentiel s\'applique ("&'
                       'FIXED(NR_PUE_DEFAUT,2)&").",IF(NR_PUE<1,"⚠ PUE inférieur à 1 : erreur de saisie.",""))')
             ).style = S.NOTE
    C.fusionner(ws, start_row=ligne, start_column=3, end_row=ligne, end_column=5)
    _signaler(ws, f"B{ligne}", f'AND(ISNUMBER(B{ligne}),B{ligne}<1)')
    ws.freeze_panes = f"A{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")


def ecrire_deee(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_DEEE
    _entete(ws, "Déchets d'équipements électriques et électroniques (DEEE)",
            "Une ligne par bordereau d'enlèvement (pesée réelle). Sans bordereau, l'indicateur est estimé à partir "
            "des lignes « Réformé » de l'inventaire ; la feuille Indicateurs précise la base utilisée.",
            len(t.colonnes))
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE)
    an, poids = _col(t, "Année"), _col(t, "Poids (kg)")
    r = premiere
    _signaler(ws, f"{an}{premiere}:{an}{derniere}",
              f'AND(ISNUMBER({an}{r}),ISNUMBER(NR_ANNEE_REFERENCE),{an}{r}>NR_ANNEE_REFERENCE)')
    _signaler(ws, f"{poids}{premiere}:{poids}{derniere}", f'AND({an}{r}<>"",{poids}{r}="")', _ORANGE)
    _signaler(ws, f"{an}{premiere}:{an}{derniere}", f'AND({poids}{r}<>"",{an}{r}="")', _ORANGE)
    ws.freeze_panes = f"A{premiere}"
    C.impression(ws, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")
