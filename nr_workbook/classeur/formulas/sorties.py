"""Excel formulas of the workbook's outputs (the live face of `engine/`, tied to it by tests).

Every output is written as a single-cell array formula (CSE), so that IF, ISNUMBER and SUMIF evaluate row by
row in every Excel version and in LibreOffice alike, without helper columns: rows that another program or Excel
adds to a table are counted with no formula to copy. Only classic functions are used (no LET, FILTER, XLOOKUP).
Each formula yields "" rather than an error value when its inputs do not allow a result.
"""

from __future__ import annotations

from nr_workbook import referentiel
from nr_workbook.classeur.formulas.blocs import (
    _FICHE_RETENUE,
    CONSO,
    FIC,
    INV,
    LEV,
    POIDS,
    PRIS,
    QES,
    QREF,
    REF,
    Formule,
    _an,
    _bord,
    _d_an,
    _d_poids,
    _egal,
    _fab,
    _fil,
    _id,
    _it,
    _niv,
    _num,
    _pue_eff,
    _question,
    _repondu,
    _salle,
    _salle_ok,
    _sans_erreur,
    _si_agents,
    _tot,
)
from nr_workbook.classeur.formulas.equivalences import equivalences
from nr_workbook.classeur.formulas.obligations import obligations
from nr_workbook.classeur.formulas.scenarios import scenarios
from nr_workbook.contract import layout as L


def _famille(famille: str) -> str:
    """Row-wise: the row's category belongs to this family of T_REFERENTIEL."""
    return f'(COUNTIFS({REF.ref("Catégorie")},{INV.ref("Catégorie")},{REF.ref("Famille")},"{famille}")>0)'


def _reemploi() -> str:
    return "(" + "+".join(_egal(_fil, f) for f in referentiel.load().filieres_reemploi()) + ")"


def _score(code: str) -> str:
    dans = f'{_egal(f"LEFT({_id},{len(code) + 1})", code + "-")}*{_repondu}'
    return f'=IF(SUM({dans})>0,SUM({dans}*{_num(_niv)})/SUM({dans})/3*100,"")'


def sorties() -> dict[str, Formule]:
    """Formula of every output name of the layout."""
    scores = ",".join(n.nom for n in L.SCORES_DIMENSIONS)
    f = {
        "NR_NB_EQUIPEMENTS": Formule(f"=SUM({QES})"),
        "NR_EQUIPEMENTS_PAR_AGENT": Formule("=" + _si_agents("NR_NB_EQUIPEMENTS/NR_NB_AGENTS"), False),
        "NR_AGE_MOYEN_ANS": Formule(
            f'=IF(ISNUMBER(NR_ANNEE_REFERENCE),IF(SUM({QES}*ISNUMBER({_an}))>0,'
            f'SUM({QES}*{_num(_an, f"NR_ANNEE_REFERENCE-{_an}")})/SUM({QES}*ISNUMBER({_an})),""),"")'
        ),
        "NR_PART_RECONDITIONNE": Formule(
            f'=IF(NR_NB_EQUIPEMENTS>0,SUM({QES}*{_egal(INV.ref("Reconditionné"), "Oui")})/NR_NB_EQUIPEMENTS,"")'
        ),
        "NR_POIDS_PARC_T": Formule(f"=SUM({QES}*{POIDS})/1000"),
        "NR_CONSO_KWH_AN": Formule(f"=SUM({QES}*{CONSO})"),
        "NR_PUE": Formule(
            f'=IF(SUM(IF({_salle_ok},{_it},0))<>0,'
            f'SUM(IF({_salle_ok},{_tot},0))/SUM(IF({_salle_ok},{_it},0)),"")'
        ),
        "NR_EMPREINTE_FABRICATION_KGCO2E_AN": Formule(f"=SUM({QES}*{_fab})"),
        "NR_EMPREINTE_USAGE_KGCO2E_AN": Formule(
            f'=IF(ISNUMBER(NR_FACTEUR_ELEC_KGCO2E_KWH),'
            f'SUM({QES}*{CONSO}*IF({_salle},{_pue_eff},1))*NR_FACTEUR_ELEC_KGCO2E_KWH,"")'
        ),
        "NR_EMPREINTE_TOTALE_KGCO2E_AN": Formule(
            '=IF(ISNUMBER(NR_EMPREINTE_USAGE_KGCO2E_AN),'
            'NR_EMPREINTE_FABRICATION_KGCO2E_AN+NR_EMPREINTE_USAGE_KGCO2E_AN,"")', False
        ),
        "NR_EMPREINTE_KGCO2E_PAR_AGENT_AN": Formule(
            '=IF(ISNUMBER(NR_EMPREINTE_TOTALE_KGCO2E_AN),'
            + _si_agents("NR_EMPREINTE_TOTALE_KGCO2E_AN/NR_NB_AGENTS") + ',"")', False
        ),
        "NR_ECRANS_PAR_POSTE": Formule(
            f'=IF(SUM({QES}*{_famille(L.FAMILLE_POSTE)})>0,'
            f'SUM({QES}*{_famille(L.FAMILLE_ECRAN)})/SUM({QES}*{_famille(L.FAMILLE_POSTE)}),"")'
        ),
        "NR_PART_REEMPLOI_DEEE": Formule(
            f'=IF(SUM(IF({_bord},{_d_poids},0))>0,'
            f'SUM(IF({_bord},{_d_poids}*({_reemploi()}>0),0))/SUM(IF({_bord},{_d_poids},0)),"")'
        ),
        "NR_DEEE_SOURCE": Formule(
            f'=IF(SUM({_bord})>0,"Bordereaux",IF(SUM({QREF})>0,"Estimation",""))'
        ),
        "NR_DEEE_T_PAR_AGENT_AN": Formule(
            "="
            + _si_agents(
                f'IF(NR_DEEE_SOURCE="Bordereaux",SUM(IF({_bord},{_d_poids},0))'
                f"/(MAX(IF({_bord},{_d_an}))-MIN(IF({_bord},{_d_an}))+1)/1000/NR_NB_AGENTS,"
                f'IF(NR_DEEE_SOURCE="Estimation",SUM({QREF}*{POIDS})/1000/NR_NB_AGENTS,""))'
            )
        ),
        "NR_SCORE_GLOBAL": Formule(f'=IF(COUNT({scores})>0,AVERAGE({scores}),"")', False),
        "NR_NIVEAU_MATURITE": Formule(
            f'=IF(ISNUMBER(NR_SCORE_GLOBAL),LOOKUP(NR_SCORE_GLOBAL,{L.T_NIVEAUX.ref("Seuil")},'
            f'{L.T_NIVEAUX.ref("Niveau")}),"")', False
        ),
        "NR_TAUX_COMPLETUDE": Formule(
            f'=IF(SUM({_question}*1)>0,SUM({_question}*{_repondu})/SUM({_question}*1),"")'
        ),
        "NR_NB_LEVIERS_PRESELECTIONNES": Formule(f"=SUM({_egal(LEV.ref('Présélection'), 'Oui')}*{PRIS})"),
        "NR_NB_LEVIERS_RETENUS": Formule(f"=SUM({_egal(LEV.ref('Retenu'), 'Oui')}*{PRIS})"),
        "NR_NB_FICHES": Formule(f"=SUM({_FICHE_RETENUE}*IFERROR((LEN({FIC.ref('ID')})>0),FALSE))"),
        "NR_BUDGET_TOTAL_EUR": Formule(f"=SUM({_FICHE_RETENUE}*{_num(FIC.ref('Budget (€)'))})"),
        "NR_ETP_TOTAL": Formule(f"=SUM({_FICHE_RETENUE}*{_num(FIC.ref('ETP'))})"),
        "NR_NB_REFERENTS": Formule(f"=SUM((LEN(TRIM({L.T_REFERENTS.ref('Nom')}))>0)*1)"),
    }
    for n in L.SCORES_DIMENSIONS:
        f[n.nom] = Formule(_score(n.extra["dimension"]))
    f.update(scenarios())
    f.update(obligations())
    f.update(equivalences())
    missing = {n.nom for n in L.SORTIES} ^ set(f)
    if missing:
        raise AssertionError(f"formulas and layout disagree on: {sorted(missing)}")
    return {nom: _sans_erreur(x) for nom, x in f.items()}



def nb_questions(code: str) -> str:
    """Questions of a dimension in T_MATURITE (array formula)."""
    return f'=SUM({_egal(f"LEFT({_id},{len(code) + 1})", code + "-")}*1)'


def nb_repondues(code: str) -> str:
    """Answered questions of a dimension (array formula)."""
    return f'=SUM({_egal(f"LEFT({_id},{len(code) + 1})", code + "-")}*{_repondu})'


def detail(entete: str, r: int, i: int, lettres: dict[str, str]) -> Formule:
    """Formula of one cell of T_DETAIL (per-category breakdown) at row r; `lettres` maps its headers to letters.

    The category cell shows the i-th cell of L_CATEGORIES (the T_REFERENTIEL column), the other cells filter the
    inventory rows of that category (case-insensitive equality, as SUMIF does).
    """
    cat = f"${lettres['Catégorie']}{r}"
    dans = f"IFERROR(({INV.ref('Catégorie')}={cat}),FALSE)*{QES}"
    agents, age_n = f"{lettres['En service']}{r}", f"SUM({dans}*ISNUMBER({_an}))"
    corps = {
        "En service": f"SUM({dans})",
        "Par agent": None,
        "Âge moyen (ans)": (f'IF(ISNUMBER(NR_ANNEE_REFERENCE),IF({age_n}>0,'
                            f'SUM({dans}*{_num(_an, f"NR_ANNEE_REFERENCE-{_an}")})/{age_n},""),"")'),
        "Poids (t)": f"SUM({dans}*{POIDS})/1000",
        "Conso (kWh/an)": f"SUM({dans}*{CONSO})",
        "Fabrication (kgCO2e/an)": f"SUM({dans}*{_fab})",
        "Usage (kgCO2e/an)": (f'IF(ISNUMBER(NR_FACTEUR_ELEC_KGCO2E_KWH),SUM({dans}*{CONSO}*IF({_salle},{_pue_eff},1))'
                              f'*NR_FACTEUR_ELEC_KGCO2E_KWH,"")'),
    }
    if entete == "Catégorie":
        return Formule(f'=IF(INDEX(L_CATEGORIES,{i})="","",INDEX(L_CATEGORIES,{i}))', False)
    if entete == "Par agent":
        return Formule(f'=IF({cat}="","",{_si_agents(f"{agents}/NR_NB_AGENTS")})', False)
    return _sans_erreur(Formule(f'=IF({cat}="","",{corps[entete]})'))


def valeur_reference(nom: str) -> str:
    return f'=IF({nom}="","",{nom})'
