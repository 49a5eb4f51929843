"""Formulas of the yearly follow-up (Suivi sheet): the live face of `engine/suivi.py`, tied to it by the
LibreOffice tests (a fiche's progress, in T_FICHES, is `formulas/fiches.py:fiche_ligne`).

Same conventions as the package's: single-cell array formulas over whole table columns, classic functions only,
"" rather than an error value.
"""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import Formule, _egal, _sans_erreur
from nr_workbook.contract import layout as L

HIS, HIF = L.T_HISTORIQUE, L.T_HISTORIQUE_FICHES
REF_AN = "NR_ANNEE_REFERENCE"


def _annee(ref_col: str, annee: str) -> str:
    """Row-wise: the cell holds a number equal to `annee` (text "2026" does not count, as in the engine)."""
    return f"IFERROR(ISNUMBER({ref_col})*({ref_col}={annee}),0)"


def _historique(annee: str, code: str) -> tuple[str, str]:
    """(count, sum) of T_HISTORIQUE's numeric values of one year and indicator."""
    v = HIS.ref("Valeur")
    filtre = f'{_annee(HIS.ref("Année"), annee)}*{_egal(HIS.ref("Indicateur"), code)}*ISNUMBER({v})'
    return f"SUM({filtre})", f"SUM(IF({filtre},{v},0))"


def valeur_passee(annee: str, code: str) -> Formule:
    """An indicator's value in a past year, from T_HISTORIQUE; "" when the history holds none."""
    compte, somme = _historique(annee, code)
    return _sans_erreur(Formule(f'=IF(ISNUMBER({REF_AN}),IF({compte}=0,"",{somme}),"")'))


def evolution(colonne: str, code: str, ligne: int, lettres: dict[str, str]) -> Formule:
    """A T_EVOLUTION cell at row `ligne` for the indicator `code`."""
    avant, maintenant = f"{lettres['N-1']}{ligne}", f"{lettres['N']}{ligne}"
    if colonne == "N-1":
        return valeur_passee(f"{REF_AN}-1", code)
    if colonne == "N":
        return Formule(f'=IF(ISNUMBER({code}),{code},"")', False)
    if colonne == "Écart":
        return Formule(f'=IF(AND(ISNUMBER({avant}),ISNUMBER({maintenant})),{maintenant}-{avant},"")', False)
    if colonne == "Évolution":
        return Formule(f'=IF(AND(ISNUMBER({avant}),ISNUMBER({maintenant})),IF({avant}<>0,'
                       f'({maintenant}-{avant})/ABS({avant}),""),"")', False)
    raise KeyError(colonne)


def annee_tendance(k: int) -> Formule:
    """Year of the k-th row of T_TENDANCE (0: five years before the reference year)."""
    decalage = L.ANNEES_TENDANCE - 1 - k
    return Formule(f'=IF(ISNUMBER({REF_AN}),{REF_AN}-{decalage},"")' if decalage else
                   f'=IF(ISNUMBER({REF_AN}),{REF_AN},"")', False)


def tendance(code: str, cellule_annee: str, derniere: bool) -> Formule:
    """A T_TENDANCE cell: the live value for the reference year's row, the history's for the others."""
    if derniere:
        return Formule(f'=IF(ISNUMBER({cellule_annee}),IF(ISNUMBER({code}),{code},""),"")', False)
    compte, somme = _historique(cellule_annee, code)
    return _sans_erreur(Formule(f'=IF(ISNUMBER({cellule_annee}),IF({compte}=0,"",{somme}),"")'))


def suivi_fiche(colonne: str, k: int, cellule_id: str) -> Formule:
    """A T_SUIVI_FICHES cell of the k-th T_FICHES row (1-based); `cellule_id`: this row's ID cell."""
    fic = L.T_FICHES
    if colonne == "ID":
        return Formule(f'=IFERROR(IF(INDEX({fic.ref("ID")},{k})="","",INDEX({fic.ref("ID")},{k})),"")', False)
    courant = {"Levier": "Levier", "Statut N": "Statut", "Avancement N": "Avancement"}
    if colonne in courant:
        v = f'INDEX({fic.ref(courant[colonne])},{k})'
        return Formule(f'=IF({cellule_id}="","",IFERROR(IF({v}="","",{v}),""))', False)
    passe = {"Statut N-1": "Statut", "Avancement N-1": "Avancement"}[colonne]
    filtre = f'{_annee(HIF.ref("Année"), f"{REF_AN}-1")}*IFERROR(({HIF.ref("ID")}={cellule_id}),FALSE)'
    v = f"INDEX({HIF.ref(passe)},MATCH(1,{filtre},0))"
    vide = f'ISNUMBER({v})' if passe == "Avancement" else f'{v}<>""'
    return _sans_erreur(Formule(f'=IF({cellule_id}="","",IF({vide},{v},""))'))

