"""Formulas of the yearly legal obligations (the live face of `engine/obligations.py`): the reuse rate of scrapped
IT equipment (décret 2023-266), the share of IT purchases from reuse, donations or recycled materials (loi AGEC
art. 58), the texts' objective and minimum for the year, and the per-row columns of T_REFORME and T_ACHATS."""

from __future__ import annotations

from nr_workbook.classeur.formulas.blocs import Formule, _egal, _num
from nr_workbook.contract import layout as L

RFM, ACH, OBJ, MIN = L.T_REFORME, L.T_ACHATS, L.T_OBJECTIFS_REFORME, L.T_MINIMA_ACHATS
_acq, _ref = RFM.ref("Année d'acquisition"), RFM.ref("Année de réforme")
_q = _num(RFM.ref("Quantité"), f"{RFM.ref('Quantité')}*({RFM.ref('Quantité')}>0)")
# Row-wise: at most ten years old when scrapped (an unknown or negative age is left out).
_DANS = (f"ISNUMBER({_acq})*ISNUMBER({_ref})"
         f"*IFERROR(({_ref}-{_acq}>=0)*({_ref}-{_acq}<={L.AGE_MAX_REFORME}),0)")
_VERS_REEMPLOI = ("((" + "+".join(_egal(RFM.ref("Destination"), d) for d in L.DESTINATIONS_REEMPLOI) + ")>0)"
                  f"*{_egal(RFM.ref('Engagement du repreneur'), 'Oui')}")
_EN_STOCK = _egal(RFM.ref("Présent au 1er janvier"), "Oui")


_JUSQUA = MIN.ref("Jusqu'à")
# Row-wise: the minimum is still in force in the diagnostic's year (« Jusqu'à » empty, or not before it).
_EN_VIGUEUR = f'((({_JUSQUA}="")+IFERROR(({_JUSQUA}>=NR_ANNEE_REFERENCE),FALSE))>0)'


def _derniere_annee(annees: str, condition: str = "1") -> str:
    """Array: the latest year of `annees` not after the diagnostic's (0 when there is none)."""
    return f"MAX(IF(ISNUMBER({annees})*IFERROR(({annees}<=NR_ANNEE_REFERENCE),FALSE)*{condition},{annees},0))"


def _part_informatique() -> str:
    dans = _egal(ACH.ref("Type de produit"), L.TYPE_INFORMATIQUE)
    total = f"SUM({dans}*{_num(ACH.ref('Montant total (€ HT)'))})"
    comptes = "+".join(f"{_num(ACH.ref(m))}" for m in L.MONTANTS_ACHATS)
    return f'=IF({total}>0,SUM({dans}*({comptes}))/{total}*100,"")'


def obligations() -> dict[str, Formule]:
    """Formula of each output of SORTIES_OBLIGATIONS (array formulas over whole table columns)."""
    b = f"SUM({_q}*{_EN_STOCK}*{_DANS})"
    annee_obj = _derniere_annee(OBJ.ref("Année"))
    informatique = _egal(MIN.ref("Type de produit"), L.TYPE_INFORMATIQUE)
    annee_min = _derniere_annee(MIN.ref("Depuis"), f"{informatique}*{_EN_VIGUEUR}")
    return {
        "NR_TAUX_REEMPLOI_REFORME": Formule(f'=IF({b}>0,SUM({_q}*{_VERS_REEMPLOI}*{_DANS})/{b}*100,"")'),
        "NR_OBJECTIF_REEMPLOI_REFORME": Formule(
            f'=IF(ISNUMBER(NR_ANNEE_REFERENCE),IF({annee_obj}>0,'
            f'SUMIFS({OBJ.ref("Objectif (%)")},{OBJ.ref("Année")},{annee_obj}),""),"")'),
        "NR_PART_ACHATS_REEMPLOI_INFO": Formule(_part_informatique()),
        "NR_MINIMUM_ACHATS_REEMPLOI_INFO": Formule(
            f'=IF(ISNUMBER(NR_ANNEE_REFERENCE),IF({annee_min}>0,SUMIFS({MIN.ref("Minimum (%)")},'
            f'{MIN.ref("Type de produit")},"{L.TYPE_INFORMATIQUE}",{MIN.ref("Depuis")},{annee_min}),""),"")'),
    }


def age_reforme(c: dict[str, str], r: int) -> str:
    """T_REFORME[Âge à la réforme (ans)] of row r; `c` maps the table's headers to column letters."""
    acq, ref = c["Année d'acquisition"] + str(r), c["Année de réforme"] + str(r)
    return f'=IF(AND(ISNUMBER({acq}),ISNUMBER({ref})),{ref}-{acq},"")'


def compte_reforme(c: dict[str, str], r: int) -> str:
    """T_REFORME[Compté pour le décret] of row r: in A (sent to reuse), in B (in stock on 1 January), or why not."""
    age, dest, eng, stock = (f"{c[h]}{r}" for h in ("Âge à la réforme (ans)", "Destination",
                                                    "Engagement du repreneur", "Présent au 1er janvier"))
    qte = f"{c['Quantité']}{r}"
    reemploi = "OR(" + ",".join(f'{dest}="{d}"' for d in L.DESTINATIONS_REEMPLOI) + ")"
    a, b = f'AND({reemploi},{eng}="Oui")', f'{stock}="Oui"'
    return (f'=IF(AND({qte}="",{dest}=""),"",IF({age}="","⚠ Années à compléter",'
            f'IF({age}<0,"⚠ Réforme avant l\'acquisition",IF({age}>{L.AGE_MAX_REFORME},"Non : plus de '
            f'{L.AGE_MAX_REFORME} ans",IF({a},IF({b},"A et B : réemployé, en stock au 1er janvier","A : réemployé"),'
            f'IF({b},"B : en stock au 1er janvier",IF(AND({reemploi},{eng}<>"Oui"),'
            f'"Non : sans engagement du repreneur","Non compté")))))))')


def part_achat(c: dict[str, str], r: int) -> str:
    """T_ACHATS[Part comptée (%)] of row r."""
    total = f"{c['Montant total (€ HT)']}{r}"
    comptes = "+".join(f"IF(ISNUMBER({c[m]}{r}),{c[m]}{r},0)" for m in L.MONTANTS_ACHATS)
    return f'=IF(ISNUMBER({total}),IF({total}>0,({comptes})/{total}*100,""),"")'


def minimum_achat(c: dict[str, str], r: int) -> str:
    """T_ACHATS[Minimum du décret (%)] of row r: the minimum of its product type in force in the diagnostic's year
    (SUMPRODUCT evaluates the latest « Depuis » as an array without Ctrl+Maj+Entrée)."""
    type_ = f"{c['Type de produit']}{r}"
    # no IF nor IFERROR inside SUMPRODUCT: Excel before 365 evaluates them as arrays only with Ctrl+Maj+Entrée
    en_vigueur = f'((({_JUSQUA}="")+({_JUSQUA}>=NR_ANNEE_REFERENCE))>0)'
    depuis = (f"SUMPRODUCT(MAX(({MIN.ref('Type de produit')}={type_})*({MIN.ref('Depuis')}<=NR_ANNEE_REFERENCE)"
              f"*{en_vigueur}*{MIN.ref('Depuis')}))")
    return (f'=IF(OR({type_}="",NOT(ISNUMBER(NR_ANNEE_REFERENCE))),"",IF({depuis}>0,'
            f'SUMIFS({MIN.ref("Minimum (%)")},{MIN.ref("Type de produit")},{type_},{MIN.ref("Depuis")},{depuis}),""))')


def controle_siret(cellule: str = "NR_SIRET") -> str:
    """The note beside NR_SIRET: empty, valid, or why not (14 digits, Luhn key; La Poste: sum of digits ÷ 5)."""
    chiffres = [f"MID({cellule},{i},1)*1" for i in range(1, 15)]
    # 14 digits: from the left, the odd positions are those Luhn doubles (every second one from the right)
    luhn = "+".join(f"({c}*2-9*({c}*2>9))" if i % 2 else c for i, c in enumerate(chiffres, start=1))
    somme = "+".join(chiffres)
    cle = f'OR(MOD({luhn},10)=0,AND(LEFT({cellule},9)="356000000",MOD({somme},5)=0))'
    return (f'=IF({cellule}="","14 chiffres, sans espace : sert à la déclaration AGEC (export-agec).",'
            f'IF(AND(LEN({cellule})=14,ISNUMBER(-{cellule}),ISERROR(FIND(".",{cellule})),ISERROR(FIND("-",{cellule})),'
            f'ISERROR(FIND("+",{cellule})),ISERROR(FIND(",",{cellule})),ISERROR(FIND("E",UPPER({cellule})))),'
            f'IF(IFERROR({cle},FALSE),"✔ SIRET valide.","⚠ Clé de contrôle fausse : vérifiez le SIRET."),'
            f'"⚠ Il faut 14 chiffres, sans espace."))')
