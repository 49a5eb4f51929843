"""Sheets of the yearly legal obligations: Réforme (scrapped IT equipment and where it went, décret 2023-266) and
Achats (purchases of the year, loi AGEC art. 58), with the rate or share against the texts' figures, and the
texts' figures themselves on the Référentiel sheet.

Like the inventory's sheets they are not protected, so that Excel grows their tables when a row is typed below.
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.formulas import obligations as FO
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.classeur.writer.saisie import _ORANGE, _entete, _signaler
from nr_workbook.contract import layout as L

_LIGNE_TABLE = 9
_RETOUR = Alignment(wrap_text=True, vertical="center")


def _lettres(t: L.Table) -> dict[str, str]:
    return {h: C.lettre(t, h) for h in t.entetes}


def _resultats(ws: Worksheet, noms: tuple[str, str], manque: str, atteint: str, sous: str) -> None:
    """The sheet's output and the texts' figure above its table (rows 5 and 6, the same named formulas as the
    Indicateurs sheet shows), and beside them what it means, in words."""
    for ligne, nom in enumerate(noms, start=5):
        n = L.NOMS_PAR_NOM[nom]
        ws.cell(ligne, 1, f"{n.libelle} ({n.unite})").style = S.LIBELLE
        ws.cell(ligne, 1).alignment = _RETOUR
        C.ecrire_formule(ws, f"B{ligne}", F.Formule(f"={nom}", False))
        ws[f"B{ligne}"].style = S.resultat(ws.parent, n.format)
        ws.row_dimensions[ligne].height = 30
    valeur, seuil = noms
    ws["C5"] = (f'=IF({valeur}="","Donnée manquante : {manque}.",IF({seuil}="","",IF({valeur}>={seuil},'
                f'"✔ {atteint}.","⚠ {sous}.")))')
    ws["C5"].style = S.NOTE
    C.fusionner(ws, start_row=5, start_column=3, end_row=5, end_column=8)


def ecrire_reforme(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_REFORME
    _entete(ws, "Matériel informatique réformé : réemploi et réutilisation",
            "Décret 2023-266 (loi REEN art. 16) : chaque année, une part du matériel réformé de 10 ans au plus en "
            "stock au 1er janvier doit partir vers le réemploi ou la réutilisation (cession, vente, don, reprise), "
            "avec l'engagement écrit du repreneur. Une ligne par lot : « Présent au 1er janvier » = Oui pour le stock "
            "(B) ; la destination et l'engagement disent s'il compte comme réemployé (A). Taux = A ÷ B × 100.",
            len(t.colonnes))
    ws.row_dimensions[2].height = 44
    _resultats(ws, ("NR_TAUX_REEMPLOI_REFORME", "NR_OBJECTIF_REEMPLOI_REFORME"),
               "aucun équipement de 10 ans au plus en stock au 1er janvier", "Objectif atteint",
               "Sous l'objectif du décret")
    c = _lettres(t)
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE, ctx.reforme, formules={
        "Âge à la réforme (ans)": lambda r: FO.age_reforme(c, r),
        "Compté pour le décret": lambda r: FO.compte_reforme(c, r),
    })
    r = premiere
    plage = lambda h: f"{c[h]}{premiere}:{c[h]}{derniere}"  # noqa: E731
    _signaler(ws, plage("Âge à la réforme (ans)"), f'AND(ISNUMBER({c["Âge à la réforme (ans)"]}{r}),'
                                                    f'{c["Âge à la réforme (ans)"]}{r}<0)')
    _signaler(ws, plage("Quantité"), f'AND({c["Catégorie"]}{r}<>"",{c["Quantité"]}{r}="")', _ORANGE)
    dest = f"{c['Destination']}{r}"
    reemploi = "OR(" + ",".join(f'{dest}="{d}"' for d in L.DESTINATIONS_REEMPLOI) + ")"
    _signaler(ws, plage("Engagement du repreneur"), f'AND({reemploi},{c["Engagement du repreneur"]}{r}="")',
              _ORANGE)
    ws.row_dimensions[_LIGNE_TABLE].height = 42
    ws.freeze_panes = f"B{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")


def ecrire_achats(ws: Worksheet, ctx: Contexte) -> None:
    t = L.T_ACHATS
    _entete(ws, "Achats de l'année : réemploi, dons et matières recyclées (loi AGEC)",
            "Loi AGEC art. 58 : déclaration annuelle sur data.gouv.fr avant le 30 juin de l'année suivante "
            "(nr-workbook export-agec). Une ligne par type de produit : montant total hors taxes et, dedans, ce qui "
            "vient du réemploi ou de la réutilisation, de dons (valorisés au forfait de l'arrêté du 29 "
            "février 2024) et de produits intégrant des matières recyclées. Minimum et forfaits : feuille Référentiel.",
            len(t.colonnes))
    ws.row_dimensions[2].height = 44
    _resultats(ws, ("NR_PART_ACHATS_REEMPLOI_INFO", "NR_MINIMUM_ACHATS_REEMPLOI_INFO"),
               "aucun achat de matériel informatique et téléphonie saisi", "Minimum atteint",
               "Sous le minimum du décret")
    c = _lettres(t)
    premiere, derniere = C.table(ws, t, _LIGNE_TABLE, ctx.achats, formules={
        "Part comptée (%)": lambda r: FO.part_achat(c, r),
        "Minimum du décret (%)": lambda r: FO.minimum_achat(c, r),
    })
    r = premiere
    total = f"{c['Montant total (€ HT)']}{r}"
    for m in L.MONTANTS_ACHATS:
        _signaler(ws, f"{c[m]}{premiere}:{c[m]}{derniere}", f"AND(ISNUMBER({c[m]}{r}),ISNUMBER({total}),"
                                                            f"{c[m]}{r}>{total})")
    part, minimum = f"{c['Part comptée (%)']}{r}", f"{c['Minimum du décret (%)']}{r}"
    ws.conditional_formatting.add(  # under the minimum: « ⚠ » before the share, on an orange fill
        f"{c['Part comptée (%)']}{premiere}:{c['Part comptée (%)']}{derniere}",
        S.alerte(f"AND(ISNUMBER({part}),ISNUMBER({minimum}),{part}<{minimum})", L.F_DECIMAL1, fond=S.ORANGE))
    ws.row_dimensions[_LIGNE_TABLE].height = 42
    ws.freeze_panes = f"B{premiere}"
    C.impression(ws, paysage=True, titres=f"{_LIGNE_TABLE}:{_LIGNE_TABLE}")


def ecrire_textes(ws: Worksheet, ligne: int) -> int:
    """The texts' figures on the Référentiel sheet from `ligne`: objective per year, minimum per product type.
    Returns the last row written."""
    ref = referentiel.load()
    ob = ref.obligations
    C.section(ws, ligne, "Réemploi du matériel réformé : objectif annuel (décret 2023-266)", 9)
    objectifs = [{"Année": o.annee, "Objectif (%)": o.taux, "Source": ref.libelle_source(o.source)}
                 for o in ob.objectifs_reforme]
    _, derniere = C.table(ws, L.T_OBJECTIFS_REFORME, ligne + 1, objectifs)
    ligne = derniere + 2
    C.section(ws, ligne, "Achats : part minimale issue du réemploi, de la réutilisation ou recyclée (loi AGEC)", 9)
    minima = [{"Type de produit": m.type_produit, "Depuis": m.depuis, "Jusqu'à": m.jusqu_a, "Minimum (%)": m.minimum,
               "Dont réemploi ou réutilisation (%)": m.dont_reemploi,
               "Source": f"{ref.libelle_source(m.source)}. {m.commentaire}".strip()} for m in ob.minima_achats]
    _, derniere = C.table(ws, L.T_MINIMA_ACHATS, ligne + 1, minima)
    ws.cell(derniere + 1, 1, "Les autres types de produit n'ont pas de minimum ici : ajoutez-le depuis l'annexe du "
                             "décret 2024-134 (Légifrance) dans une nouvelle ligne du tableau.").style = S.NOTE
    return _dons(ws, derniere + 3, ref)


def _dons(ws: Worksheet, ligne: int, ref: referentiel.Referentiel) -> int:
    """The flat rates of donated goods we could read (arrêté du 29 février 2024), under a section; returns the last
    row written."""
    C.section(ws, ligne, "Dons acquis : valeur forfaitaire à déclarer (arrêté du 29 février 2024)", 9)
    wb = ws.parent
    for i, h in enumerate(("Produit donné", "Forfait (€ HT)", "Type de produit et source"), start=1):
        ws.cell(ligne + 1, i, h).style = S.entete(wb)
    ligne += 1
    for d in ref.obligations.dons:
        ligne += 1
        ws.cell(ligne, 1, d.produit).style = S.fixe(wb)
        ws.cell(ligne, 2, d.valeur_eur).style = S.fixe(wb, L.F_ENTIER)
        ws.cell(ligne, 3, f"{d.type_produit}. {ref.libelle_source(d.source)}. {d.commentaire}".strip()).style = \
            S.fixe(wb)
        C.fusionner(ws, start_row=ligne, start_column=3, end_row=ligne, end_column=9)
    ws.cell(ligne + 1, 1, "Un don reçu se déclare à ce forfait dans la colonne « Issus du don (€ HT) » de la feuille "
                          "Achats. Grille complète : arrêté du 29 février 2024 (NOR TRED2403742A) sur Légifrance."
            ).style = S.NOTE
    return ligne + 1
