"""Excel formulas of the scenarios' gains (the live face of `engine/scenarios.py`, tied to it by tests).

Array (CSE) formulas over the inventory's rows like the footprint's, with the same row-wise building blocks
(valid in-service quantity, category defaults, server-room categories, the PUE the footprint applies).
"""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import (
    CONSO,
    FIC,
    LEV,
    POIDS,
    QES,
    REF,
    Formule,
    _defaut,
    _egal,
    _pue_eff,
    _salle,
)

_duree = _defaut(REF.ref("Durée de vie (ans)"))
# Row-wise 1/L − 1/(L + a), 0 for a category without a (positive) lifetime
_k = f"IFERROR(IF({_duree}>0,1/{_duree}-1/({_duree}+NR_CIBLE_ALLONGEMENT_ANS),0),0)"
_fab = _defaut(REF.ref("Fabrication (kgCO2e)"))
_a_ok = "AND(ISNUMBER(NR_CIBLE_ALLONGEMENT_ANS),N(NR_CIBLE_ALLONGEMENT_ANS)>=0)"
_kwh = (f"IF(NR_CIBLE_PUE<{_pue_eff},SUM({QES}*{CONSO}*IF({_salle},1,0))*({_pue_eff}-NR_CIBLE_PUE),0)")


def scenarios() -> dict[str, Formule]:
    return {
        "NR_GAIN_ALLONGEMENT_KGCO2E_AN": Formule(f'=IF({_a_ok},SUM({QES}*{_fab}*{_k}),"")'),
        "NR_GAIN_ALLONGEMENT_DEEE_T_AN": Formule(f'=IF({_a_ok},SUM({QES}*{POIDS}*{_k})/1000,"")'),
        "NR_GAIN_PUE_KGCO2E_AN": Formule(
            f'=IF(AND(ISNUMBER(NR_CIBLE_PUE),ISNUMBER(NR_FACTEUR_ELEC_KGCO2E_KWH)),'
            f'{_kwh}*NR_FACTEUR_ELEC_KGCO2E_KWH,"")'),
        "NR_GAIN_PUE_KWH_AN": Formule(f'=IF(ISNUMBER(NR_CIBLE_PUE),{_kwh},"")'),
        "NR_GAIN_PUE_EUR_AN": Formule(
            '=IF(AND(ISNUMBER(NR_GAIN_PUE_KWH_AN),ISNUMBER(NR_PRIX_ELEC_EUR_KWH)),'
            'NR_GAIN_PUE_KWH_AN*NR_PRIX_ELEC_EUR_KWH,"")', False),
        "NR_GAIN_TOTAL_KGCO2E_AN": Formule(
            '=IF(COUNT(NR_GAIN_ALLONGEMENT_KGCO2E_AN,NR_GAIN_PUE_KGCO2E_AN)>0,'
            'SUM(NR_GAIN_ALLONGEMENT_KGCO2E_AN,NR_GAIN_PUE_KGCO2E_AN),"")', False),
        "NR_GAIN_PART_EMPREINTE": Formule(
            '=IF(AND(ISNUMBER(NR_GAIN_TOTAL_KGCO2E_AN),ISNUMBER(NR_EMPREINTE_TOTALE_KGCO2E_AN)),'
            'IF(NR_EMPREINTE_TOTALE_KGCO2E_AN<>0,NR_GAIN_TOTAL_KGCO2E_AN/NR_EMPREINTE_TOTALE_KGCO2E_AN,""),"")',
            False),
    }


# --- The trajectory (T_TRAJECTOIRE on the Scénarios sheet) ---------------------------------------------------------
def debut_scenario(scenario: str) -> str:
    """Start year of the earliest retained fiche whose lever brings the scenario, "" when none has a date."""
    debut = FIC.ref("Début")
    cond = (f'{_egal(FIC.ref("Levier retenu"), "Oui")}*IFERROR((LEN({FIC.ref("ID")})>0),FALSE)'
            f'*(COUNTIFS({LEV.ref("ID")},{FIC.ref("ID")},{LEV.ref("Scénario")},"{scenario}")>0)*ISNUMBER({debut})')
    return f'=IF(SUM({cond})>0,MIN(IF({cond},YEAR(IF(ISNUMBER({debut}),{debut},0)))),"")'


def trajectoire(entete: str, k: int, c: dict[str, str], debuts: dict[str, str]) -> Formule:
    """A cell of T_TRAJECTOIRE's k-th row; `c` maps its headers to the row's cells, `debuts` the scenarios' start
    year cells (`Allongement`, `PUE`)."""
    annee, sans, gain = c["Année"], c["Sans le plan (kgCO2e)"], c["Gain du plan (kgCO2e)"]
    if entete == "Année":
        return Formule(f'=IF(ISNUMBER(NR_ANNEE_REFERENCE),NR_ANNEE_REFERENCE+{k},"")', False)
    if entete == "Sans le plan (kgCO2e)":
        return Formule(f'=IF(AND(ISNUMBER({annee}),ISNUMBER(NR_EMPREINTE_TOTALE_KGCO2E_AN)),'
                       'NR_EMPREINTE_TOTALE_KGCO2E_AN,"")', False)
    if entete == "Gain du plan (kgCO2e)":
        termes = "+".join(f"IF(ISNUMBER({debuts[s]}),IF({annee}>={debuts[s]},N({nom}),0),0)"
                          for s, nom in (("Allongement", "NR_GAIN_ALLONGEMENT_KGCO2E_AN"),
                                         ("PUE", "NR_GAIN_PUE_KGCO2E_AN")))
        return Formule(f'=IF(ISNUMBER({sans}),{termes},"")', False)
    if entete == "Avec le plan (kgCO2e)":
        return Formule(f'=IF(ISNUMBER({sans}),{sans}-{gain},"")', False)
    raise KeyError(entete)
