"""Formulas of step 4.1: the lever catalogue's calculated columns, the priority matrix, lever gains."""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import LEV, PRIS, Formule, _egal, _id, _niv, _repondu, _sans_erreur
from nr_workbook.contract import layout as L

# --- Levers (T_LEVIERS row formulas, with A1 references to the same row) -----------------------------------------
SUGGESTIONS = ("Oui, en priorité (niveau 0)", "Oui (niveau 1)", "À envisager (niveau 2)", "Non (niveau 3)")
NON_EVALUE = "Non évalué"


def levier_ligne(entete: str, r: int, lettres: dict[str, str]) -> Formule:
    """Formula of a calculated cell of T_LEVIERS at row r; `lettres` maps the table's headers to letters."""
    c = {h: f"{lettres[h]}{r}" for h in lettres}
    if entete == "Pris en compte":
        return Formule(f'=IF(AND({c["Cible"]}="Prestataire",NR_PRESTATAIRE_EMBARQUE="Non"),"Non","Oui")', False)
    if entete == "Quadrant":
        v, f = c["Valeur"], c["Faisabilité"]
        haut = L.SEUIL_HAUT
        return Formule(
            f'=IF({c["Pris en compte"]}="Non","",IF(AND(ISNUMBER({v}),ISNUMBER({f})),'
            f'IF({v}>={haut},IF({f}>={haut},"{L.QUADRANTS[0]}","{L.QUADRANTS[1]}"),'
            f'IF({f}>={haut},"{L.QUADRANTS[2]}","{L.QUADRANTS[3]}")),""))', False)
    if entete == "Niveau constaté":
        # questions named in the row's "Questions liées" text (case-insensitive search), answered 0 to 3
        lie = f'IFERROR(ISNUMBER(SEARCH({_id},{c["Questions liées"]}))*(LEN({_id})>0),FALSE)'
        m = f"{lie}*{_repondu}"
        return _sans_erreur(Formule(f'=IF(SUM({m})=0,"",MIN(IF({m},{_niv})))'))
    if entete == "Gain (kgCO2e/an)":
        return Formule("=" + gain_levier(c["Scénario"]), False)
    if entete == "Suggéré par le diagnostic":
        n = c["Niveau constaté"]
        choix = ",".join(f'"{t}"' for t in SUGGESTIONS)
        return Formule(f'=IF(ISNUMBER({n}),CHOOSE(INT({n})+1,{choix}),"{NON_EVALUE}")', False)
    raise KeyError(entete)


def gain_levier(scenario: str) -> str:
    """The yearly gain of the Scénarios sheet a lever brings, by its « Scénario » cell ("" for none)."""
    a, p = "NR_GAIN_ALLONGEMENT_KGCO2E_AN", "NR_GAIN_PUE_KGCO2E_AN"
    return (f'IF({_egal(scenario, L.SCENARIOS_LEVIER[0])},IF(ISNUMBER({a}),{a},""),'
            f'IF({_egal(scenario, L.SCENARIOS_LEVIER[1])},IF(ISNUMBER({p}),{p},""),""))')


def gain_entree(quadrant: str, k: int) -> Formule:
    """The gain of the k-th pre-selected lever of a quadrant (beside its name in the matrix), or ""."""
    lignes = f"ROW({LEV.ref('ID')})-MIN(ROW({LEV.ref('ID')}))+1"
    cond = f"{_egal(LEV.ref('Présélection'), 'Oui')}*{_egal(LEV.ref('Quadrant'), quadrant)}*{PRIS}"
    gain = f"INDEX({LEV.ref('Gain (kgCO2e/an)')},SMALL(IF({cond},{lignes}),{k}))"
    return Formule(f'=IFERROR(IF(ISNUMBER({gain}),{gain},""),"")')


def gain_fiche(cellule_id: str) -> str:
    """A fiche's yearly gain: its lever's « Gain (kgCO2e/an) » in T_LEVIERS, live ("" when it has none)."""
    g = f"INDEX({LEV.ref('Gain (kgCO2e/an)')},MATCH({cellule_id},{LEV.ref('ID')},0))"
    return f'=IFERROR(IF(ISNUMBER({g}),{g},""),"")'


def quadrant_compte(quadrant: str) -> str:
    """Pre-selected levers (taken into account) in a quadrant."""
    return (f"=SUM({_egal(LEV.ref('Présélection'), 'Oui')}*{_egal(LEV.ref('Quadrant'), quadrant)}*{PRIS})")


def quadrant_entree(quadrant: str, k: int) -> Formule:
    """The k-th pre-selected lever of a quadrant, as "✔ ID – Levier" (✔ when retained), or ""."""
    lignes = f"ROW({LEV.ref('ID')})-MIN(ROW({LEV.ref('ID')}))+1"
    cond = f"{_egal(LEV.ref('Présélection'), 'Oui')}*{_egal(LEV.ref('Quadrant'), quadrant)}*{PRIS}"
    n = f"SMALL(IF({cond},{lignes}),{k})"
    return Formule(f'=IFERROR(IF(INDEX({LEV.ref("Retenu")},{n})="Oui","✔ ","")&INDEX({LEV.ref("ID")},{n})'
                   f'&" – "&INDEX({LEV.ref("Levier")},{n}),"")')


def retenus_dimension(code: str) -> str:
    """Retained levers (taken into account) of a dimension, by ID prefix."""
    prefixe = _egal(f"LEFT({LEV.ref('ID')},{len(code) + 1})", code + "-")
    return f"=SUM({prefixe}*{_egal(LEV.ref('Retenu'), 'Oui')}*{PRIS})"


