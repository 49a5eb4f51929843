"""Building blocks of the workbook's formulas: the Formule type, row-wise expressions over the contract's tables
(valid quantities, category defaults, the PUE the footprint applies…) shared by the other modules of
`classeur/formulas/`."""

from __future__ import annotations

from dataclasses import dataclass

from nr_workbook.contract import layout as L

INV, REF, SAL, DEE, MAT, LEV = L.T_INVENTAIRE, L.T_REFERENTIEL, L.T_SALLES, L.T_DEEE, L.T_MATURITE, L.T_LEVIERS
FIC = L.T_FICHES


@dataclass(frozen=True)
class Formule:
    texte: str  # with the leading "="
    tableau: bool = True  # written as an array (CSE) formula


def _num(ref: str, expr: str | None = None, autre: str = "0") -> str:
    """Row-wise: expr when the cell holds a number, else `autre` (text and blanks never raise an error)."""
    return f"IF(ISNUMBER({ref}),{expr or ref},{autre})"


def _egal(ref: str, texte: str) -> str:
    """Row-wise case-insensitive equality; a cell holding an error value counts as not equal (as an empty one)."""
    return f'IFERROR(({ref}="{texte}"),FALSE)'


def _quantite(statut: str) -> str:
    """Row-wise valid quantity (number ≥ 0) of the rows with the given status, else 0."""
    q = INV.ref("Quantité")
    return _egal(INV.ref("Statut"), statut) + "*" + _num(q, f"{q}*({q}>0)")


def _defaut(col_ref: str) -> str:
    """Row-wise category default from T_REFERENTIEL (0 for an unknown category)."""
    return f"SUMIF({REF.ref('Catégorie')},{INV.ref('Catégorie')},{col_ref})"


def _effectif(entete: str) -> str:
    """Row-wise value of the inventory row when numeric, else the category default."""
    return _num(INV.ref(entete), autre=_defaut(REF.ref(entete)))


def _si_agents(expr: str) -> str:
    return f'IF(ISNUMBER(NR_NB_AGENTS),IF(NR_NB_AGENTS>0,{expr},""),"")'


QES = _quantite("En service")
QREF = _quantite("Réformé")
POIDS = _effectif("Poids unitaire (kg)")
CONSO = _effectif("Conso (kWh/an)")
_an = INV.ref("Année d'acquisition")
_fab = f"IFERROR({_defaut(REF.ref('Fabrication (kgCO2e)'))}/{_defaut(REF.ref('Durée de vie (ans)'))},0)"
_salle = f"COUNTIFS({REF.ref('Catégorie')},{INV.ref('Catégorie')},{REF.ref('Salle serveur')},\"Oui\")>0"
_pue_eff = "IF(ISNUMBER(NR_PUE),NR_PUE,IF(ISNUMBER(NR_PUE_DEFAUT),NR_PUE_DEFAUT,1.75))"
_tot, _it = SAL.ref("Énergie totale (kWh/an)"), SAL.ref("Énergie IT (kWh/an)")
_salle_ok = f"ISNUMBER({_tot})*ISNUMBER({_it})"
_d_an, _d_poids = DEE.ref("Année"), DEE.ref("Poids (kg)")
_bord = f"ISNUMBER({_d_an})*ISNUMBER({_d_poids})"
_fil = DEE.ref("Filière")
_id, _niv = MAT.ref("ID"), MAT.ref("Niveau")
_repondu = _num(_niv, f"({_niv}>=0)*({_niv}<=3)")
_question = f"IFERROR((LEN({_id})>0),FALSE)"


# Row-wise: the lever counts (1) unless it is meant for a provider that is not on board (0).
PRIS = f'(1-{_egal(LEV.ref("Cible"), "Prestataire")}*IFERROR((NR_PRESTATAIRE_EMBARQUE="Non"),FALSE))'


_FICHE_RETENUE = _egal(FIC.ref("Levier retenu"), "Oui")


def _sans_erreur(f: Formule) -> Formule:
    """The contract allows no error value in an output: whatever happens, show an empty string instead."""
    return Formule(f'=IFERROR({f.texte[1:]},"")', f.tableau)
