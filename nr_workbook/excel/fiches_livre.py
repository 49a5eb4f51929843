"""Générer les fiches actions on a workbook open in Excel: the same plan as `nr-workbook fiches`, rendered through the
xlwings Book API (new fiche sheets, their T_FICHES rows, the budget per year), so that a fiche looks and reads the
same whichever way it was created."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.fiches import plan_de_fiche, planifier
from nr_workbook.classeur.placement_fiche import DERNIERE_COLONNE, LARGEURS
from nr_workbook.classeur.reader.livre import LecteurLivre
from nr_workbook.classeur.writer.feuille_de_route import nom_feuille
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.excel import saisie_livre

_BLEU, _BLEU_CLAIR, _ROUGE = "#000091", "#E3E3FD", "#C00000"


def _quote(feuille: str) -> str:
    return "'" + feuille.replace("'", "''") + "'"


def _rendre_fiche(book, titre: str, apres, plan) -> None:
    """Write a fiche action sheet from its placement plan (values, formulas, formats, lists, names, tables)."""
    ws = book.sheets.add(titre, after=apres)
    fin = get_column_letter(DERNIERE_COLONNE)
    ws.range("A1").value = plan.titre
    ws.range("A1").font.bold = True
    ws.range("A1").font.color = _BLEU
    ws.range("A2").font.bold = True
    ws.range("A2").font.color = _ROUGE
    saisie_livre.message(ws.range("A2"), "État de la fiche",
                         "Écrit par la commande fiches quand le levier n'est plus retenu.")
    for ligne, texte in plan.sections:
        ws.range(f"A{ligne}").value = texte
        ws.range(f"A{ligne}:{fin}{ligne}").color = _BLEU_CLAIR
        ws.range(f"A{ligne}").font.bold = True
    for champ in plan.champs:
        ws.range(f"A{champ.ligne}").value = champ.libelle
        ws.range(f"A{champ.ligne}").font.bold = True
        cellule = ws.range(f"B{champ.ligne}")
        if champ.valeur is not None:
            cellule.value = champ.valeur
        if champ.format:
            cellule.number_format = champ.format
        if champ.large:
            ws.range(f"B{champ.ligne}:{fin}{champ.ligne}").merge(False)
            ws.range(f"B{champ.ligne}").wrap_text = True
        if champ.saisie is not None:
            saisie_livre.saisir(cellule, champ.saisie)
    ws.range(f"A{plan.ligne_budget}").value = "Budget total (€ HT)"
    ws.range(f"A{plan.ligne_budget}").font.bold = True
    ws.range(f"B{plan.ligne_budget}").formula_array = plan.formule_budget
    ws.range(f"B{plan.ligne_budget}").number_format = L.F_ENTIER
    ws.range(f"A{plan.ligne_gain}").value = "Gain estimé (kgCO2e/an)"
    ws.range(f"A{plan.ligne_gain}").font.bold = True
    ws.range(f"B{plan.ligne_gain}").formula = plan.formule_gain
    ws.range(f"B{plan.ligne_gain}").number_format = L.F_ENTIER
    alerte, formule = plan.alerte_dates
    ws.range(alerte).formula = formule
    for t in plan.tables:
        ws.range(f"A{t.ligne_titre}").value = t.titre
        ws.range(f"A{t.ligne_titre}:{fin}{t.ligne_titre}").color = _BLEU_CLAIR
        ws.range(f"A{t.ligne_titre}").font.bold = True
        derniere = get_column_letter(len(t.spec.colonnes))
        ws.range(f"A{t.ligne_entete}").value = [list(t.spec.entetes)] + [
            [ligne.get(h) for h in t.spec.entetes] for ligne in t.lignes]
        ws.tables.add(source=ws.range(f"A{t.ligne_entete}:{derniere}{t.derniere_ligne}"), name=t.spec.nom,
                      has_headers=True, table_style_name="TableStyleLight9")
        for j, colonne in enumerate(t.spec.colonnes, start=1):
            if not colonne.calculee:
                lettre = get_column_letter(j)
                saisie_livre.saisir(ws.range(f"{lettre}{t.ligne_entete + 1}:{lettre}{t.derniere_ligne}"),
                                    colonne.saisie)
    for nom, cellule in plan.cellules.items():
        ws.names.add(nom, f"={_quote(titre)}!{cellule}")
    for colonne, largeur in LARGEURS.items():
        ws.range(f"{colonne}1").column_width = largeur


@dataclass
class Fiches:
    creees: list[str]
    marquees: dict[str, str]
    retablies: list[str]
    anomalies: list[Anomalie]


def generer_fiches(book) -> Fiches:
    """Same plan as `nr-workbook fiches`, applied to the open workbook: new fiche sheets and T_FICHES rows,
    unretained fiches marked (never deleted), budget per year rewritten. Existing fiches are not touched."""
    lecteur = LecteurLivre(book)
    donnees = lecteur.donnees()
    plan = planifier(donnees, lecteur)
    catalogue = {lv.id: lv for lv in referentiel.load().leviers}
    feuille_route = book.sheets[L.FEUILLE_DE_ROUTE]
    plage, entetes = lecteur.structure.tables[L.T_FICHES.nom]
    lettres = {h: get_column_letter(plage.col1 + i) for i, h in enumerate(entetes)}
    ids = {r["_ligne"]: str(r.get("ID") or "") for r in lecteur.table(L.T_FICHES.nom) or []}
    libres = [r for r in range(plage.ligne1 + 1, plage.ligne2 + 1) if not ids.get(r)]
    derniere = plage.ligne2
    noms = [s.name for s in book.sheets]
    apres = book.sheets[max(i for i, n in enumerate(noms) if n == L.FEUILLE_DE_ROUTE or n.startswith(L.PREFIXE_FICHE))]
    creees = []
    for r in plan.nouvelles:
        ident = str(r["ID"])
        titre = nom_feuille(ident)
        fiche = plan_de_fiche(r, catalogue.get(ident))
        _rendre_fiche(book, titre, apres, fiche)
        apres = book.sheets[titre]
        if libres:
            ligne = libres.pop(0)
        else:
            derniere += 1
            ligne = derniere
        for h in L.T_FICHES.entetes:
            formule = F.fiche_ligne(h, titre, fiche.cellules, ligne, lettres, L.tables_fiche(ident)["actions"].nom)
            feuille_route.range(f"{lettres[h]}{ligne}").formula = formule
        ids[ligne] = ident
        creees.append(titre)
    if derniere != plage.ligne2:
        table = feuille_route.tables[L.T_FICHES.nom]
        table.resize(feuille_route.range(f"{get_column_letter(plage.col1)}{plage.ligne1}:"
                                         f"{get_column_letter(plage.col2)}{derniere}"))
    for titre, etat in plan.a_marquer.items():
        book.sheets[titre].range(lecteur.structure.noms_locaux[titre][L.FA_ETAT]).value = etat
    for titre in plan.a_retablir:
        book.sheets[titre].range(lecteur.structure.noms_locaux[titre][L.FA_ETAT]).value = ""
    if creees:
        _budget_fiches(book, lecteur, [(L.tables_fiche(ids[r])["budget"].nom, f"{_quote(L.FEUILLE_DE_ROUTE)}!$A${r}",
                                        f"{_quote(L.FEUILLE_DE_ROUTE)}!${lettres['Levier retenu']}${r}")
                                       for r in sorted(ids) if ids[r]])
    return Fiches(creees, plan.a_marquer, plan.a_retablir, plan.anomalies)


def _budget_fiches(book, lecteur: LecteurLivre, fiches: list[tuple[str, str, str]]) -> None:
    """T_BUDGET_FICHES rewritten for every fiche (one row per year), as `writer/pilotage.py:ecrire_budget_fiches`
    does; the rows below the table are styled and unlocked for it in the template."""
    feuille = book.sheets[L.PILOTAGE]
    plage, entetes = lecteur.structure.tables[L.T_BUDGET_FICHES.nom]
    p_annees, _ = lecteur.structure.tables[L.T_BUDGET_ANNUEL.nom]
    colonne_annee = get_column_letter(p_annees.col1)
    r = plage.ligne1
    for table, cellule_id, retenu in fiches:
        for k in range(L.ANNEES_BUDGET):
            r += 1
            annee = f"${colonne_annee}${p_annees.ligne1 + 1 + k}"
            for j, h in enumerate(entetes):
                f = F.budget_fiche_annee(h, table, cellule_id, retenu, annee)
                cellule = feuille.range(f"{get_column_letter(plage.col1 + j)}{r}")
                if f.tableau:
                    cellule.formula_array = f.texte
                else:
                    cellule.formula = f.texte
    for ligne in range(r + 1, plage.ligne2 + 1):
        feuille.range(f"{get_column_letter(plage.col1)}{ligne}:{get_column_letter(plage.col2)}{ligne}").clear_contents()
    feuille.tables[L.T_BUDGET_FICHES.nom].resize(
        feuille.range(f"{get_column_letter(plage.col1)}{plage.ligne1}:{get_column_letter(plage.col2)}"
                      f"{max(r, plage.ligne1 + 1)}"))
