"""Formulas of steps 4.2–4.3: T_FICHES rows pointing at each fiche sheet, a fiche's budget, the budget per year."""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import LEV, Formule, _egal, _num, _sans_erreur
from nr_workbook.contract import layout as L

# --- Fiches actions (T_FICHES row formulas pointing at a fiche sheet's cells) -----------------------------------
_CHAMP_FICHES = {"ID": "FA_ID", "Levier": "FA_LEVIER", "Responsable": "FA_RESPONSABLE", "Début": "FA_DEBUT",
                 "Fin": "FA_FIN", "Budget (€)": "FA_BUDGET", "ETP": "FA_ETP", "Priorité": "FA_PRIORITE",
                 "Statut": "FA_STATUT", "Dimension": "FA_DIMENSION"}


def fiche_ligne(entete: str, feuille: str, cellules: dict[str, str], r: int, lettres: dict[str, str],
                actions: str) -> str:
    """Formula of a T_FICHES cell at row r for the fiche on sheet `feuille` (`cellules`: FA_* name -> "$B$5";
    `actions`: the name of the fiche's actions table)."""
    if entete == "Avancement":  # actions marked done among those named
        action, fait = f"{actions}[Action]", f"{actions}[Fait]"
        return f'=IFERROR(COUNTIFS({fait},"Oui",{action},"<>")/COUNTIF({action},"<>"),"")'
    if entete == "Levier retenu":
        ligne = f"MATCH({lettres['ID']}{r},{LEV.ref('ID')},0)"
        return (f'=IFERROR(IF(AND(INDEX({LEV.ref("Retenu")},{ligne})="Oui",'
                f'INDEX({LEV.ref("Pris en compte")},{ligne})="Oui"),"Oui","Non"),"Non")')
    ref = f"{_quote(feuille)}!{cellules[_CHAMP_FICHES[entete]]}"
    if entete == "Budget (€)":
        return f"=IFERROR({ref},\"\")"
    if entete == "ETP":
        return f'=IFERROR(IF(ISNUMBER({ref}),{ref},""),"")'
    return f'=IFERROR(IF({ref}="","",{ref}),"")'


def _quote(feuille: str) -> str:
    return "'" + feuille.replace("'", "''") + "'"


def budget_fiche(table_budget: str) -> str:
    montant = f"{table_budget}[Montant (€ HT)]"
    return f"=SUM(IF(ISNUMBER({montant}),{montant},0))"


# --- Budget per year: each fiche's subtotals (T_BUDGET_FICHES), added up by T_BUDGET_ANNUEL -------------------
def annee_budget(k: int) -> str:
    """The k-th year of T_BUDGET_ANNUEL from the reference year ("" without one: no volatile TODAY())."""
    return f'=IF(ISNUMBER(NR_ANNEE_REFERENCE),NR_ANNEE_REFERENCE+{k},"")'


def budget_annuel(colonne: str, cellule_annee: str) -> Formule:
    """Amounts of one year (`cellule_annee`) for a nature, a section or "Total": the subtotals of T_BUDGET_FICHES
    of that year whose lever is retained. Its length does not depend on the number of fiches."""
    bf = L.T_BUDGET_FICHES
    return Formule(f'=IF(ISNUMBER({cellule_annee}),SUMIFS({bf.ref(colonne)},{bf.ref("Année")},{cellule_annee},'
                   f'{bf.ref("Levier retenu")},"Oui"),0)', False)


def budget_fiche_annee(colonne: str, table: str, cellule_id: str, cellule_retenu: str, cellule_annee: str) -> Formule:
    """A T_BUDGET_FICHES cell: one fiche's budget (its table `table`) in one year, for a nature, a section or in
    total; its ID, whether its lever is retained (T_FICHES cells) and the year (a T_BUDGET_ANNUEL cell)."""
    if colonne == "Fiche":
        return Formule(f'=IFERROR(IF({cellule_id}="","",{cellule_id}),"")', False)
    if colonne == "Levier retenu":
        return Formule(f'=IFERROR(IF({cellule_retenu}="Oui","Oui","Non"),"Non")', False)
    if colonne == "Année":
        return Formule(f'=IF(ISNUMBER({cellule_annee}),{cellule_annee},"")', False)
    an, montant = f"{table}[Année]", f"{table}[Montant (€ HT)]"
    filtre = ""
    if colonne in L.NATURES_BUDGET:
        filtre = f"*{_egal(f'{table}[Nature]', colonne)}"
    elif colonne in L.SECTIONS_BUDGET:
        filtre = f"*{_egal(f'{table}[Section]', colonne)}"
    return _sans_erreur(Formule(f"=SUM({_num(an, f'({an}={cellule_annee})')}{filtre}*{_num(montant)})"))
