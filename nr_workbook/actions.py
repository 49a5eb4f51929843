"""Ribbon actions, written once against the xlwings `Book` API: the classic add-in, xlwings Lite and xlwings Server
all run these functions on the workbook open in Excel.

Recalculer writes the Python engine's values beside the workbook's formulas (sheet Indicateurs, unlocked block
NR_CONTROLE_MOTEUR) with a timestamp and reports every disagreement; Contrôler writes the checker's report to a
« Contrôle » sheet.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from nr_workbook import layout as L
from nr_workbook.anomalies import ENTETES_FEUILLE, Anomalie, ligne_feuille
from nr_workbook.engine import indicateurs
from nr_workbook.livre import LecteurLivre
from nr_workbook.verifier import verifier_lecteur

FEUILLE_CONTROLE = "Contrôle"


def _meme(a: Any, b: Any) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


@dataclass
class Recalcul:
    valeurs: dict[str, Any]
    ecarts: list[str] = field(default_factory=list)
    horodatage: str = ""


def recalculer(book) -> Recalcul:
    """Engine results next to the formulas' results, with a timestamp; disagreements listed."""
    lecteur = LecteurLivre(book)
    moteur = indicateurs(lecteur.donnees())
    formules = lecteur.valeurs_sorties()
    horodatage = dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S")
    lignes, ecarts = [], []
    for nom in L.SORTIES:
        v, f = moteur.get(nom.nom), formules.get(nom.nom)
        accord = _meme(v, f)
        if not accord:
            ecarts.append(f"{nom.libelle} ({nom.nom}) : moteur {v!r}, classeur {f!r}")
        lignes.append([nom.nom, "" if v is None else v, "" if f is None else f, "OK" if accord else "⚠ écart"])
    cible = book.names["NR_CONTROLE_MOTEUR"].refers_to_range
    feuille, ligne, colonne = cible.sheet, cible.row, cible.column
    feuille.range((ligne, colonne)).value = (
        f"Contrôle par le moteur Python – {horodatage} – "
        + ("aucun écart" if not ecarts else f"{len(ecarts)} écart(s)"))
    feuille.range((ligne + 2, colonne)).value = lignes
    return Recalcul(moteur, ecarts, horodatage)


def controler(book) -> list[Anomalie]:
    """The checker's report as a sheet: every anomaly with its sheet and cell."""
    anomalies = verifier_lecteur(LecteurLivre(book))
    noms = [s.name for s in book.sheets]
    if FEUILLE_CONTROLE in noms:
        feuille = book.sheets[FEUILLE_CONTROLE]
        feuille.clear_contents()
    else:
        feuille = book.sheets.add(FEUILLE_CONTROLE, after=book.sheets[len(noms) - 1])
    horodatage = dt.datetime.now().strftime("%d/%m/%Y %H:%M:%S")
    feuille.range("A1").value = (f"Contrôle du classeur – {horodatage} – "
                                 + (f"{len(anomalies)} anomalie(s)" if anomalies else "aucune anomalie"))
    lignes = [list(ENTETES_FEUILLE)] + [["" if v is None else v for v in ligne_feuille(a)] for a in anomalies]
    feuille.range("A3").value = lignes
    return anomalies


# --- Générer les fiches actions: the fiche plan rendered through the Book API ------------------------------------
_BLEU, _BLEU_CLAIR, _ROUGE = "#000091", "#E3E3FD", "#C00000"


def _quote(feuille: str) -> str:
    return "'" + feuille.replace("'", "''") + "'"


def _rendre_fiche(book, titre: str, apres, plan) -> None:
    """Write a fiche action sheet from its placement plan (values, formulas, formats, lists, names, tables)."""
    from openpyxl.utils import get_column_letter

    from nr_workbook.fiche_plan import DERNIERE_COLONNE, LARGEURS

    ws = book.sheets.add(titre, after=apres)
    fin = get_column_letter(DERNIERE_COLONNE)
    ws.range("A1").value = plan.titre
    ws.range("A1").font.bold = True
    ws.range("A1").font.color = _BLEU
    ws.range("A2").font.bold = True
    ws.range("A2").font.color = _ROUGE
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
        if champ.saisie is not None and champ.saisie.kind == "liste" and champ.saisie.valeurs:
            cellule.data_validation.set_list(list(champ.saisie.valeurs))
    ws.range(f"A{plan.ligne_budget}").value = "Budget total (€ HT)"
    ws.range(f"A{plan.ligne_budget}").font.bold = True
    ws.range(f"B{plan.ligne_budget}").formula_array = plan.formule_budget
    ws.range(f"B{plan.ligne_budget}").number_format = L.F_ENTIER
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
    from openpyxl.utils import get_column_letter

    from nr_workbook import formulas as F
    from nr_workbook import refdata
    from nr_workbook.fiches import plan_de_fiche, planifier
    from nr_workbook.writer.feuille_de_route import nom_feuille

    lecteur = LecteurLivre(book)
    donnees = lecteur.donnees()
    plan = planifier(donnees, lecteur)
    catalogue = {lv.id: lv for lv in refdata.load().leviers}
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
            formule = F.fiche_ligne(h, titre, fiche.cellules, ligne, lettres)
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
        retenu = lettres["Levier retenu"]
        fiches = [(L.tables_fiche(i)["budget"].nom, f"{_quote(L.FEUILLE_DE_ROUTE)}!${retenu}${r}")
                  for r, i in sorted(ids.items()) if i]
        budget = book.sheets[L.PILOTAGE]
        p_budget, e_budget = lecteur.structure.tables[L.T_BUDGET_ANNUEL.nom]
        for k in range(L.ANNEES_BUDGET):
            r = p_budget.ligne1 + 1 + k
            for j, h in enumerate(e_budget[1:], start=1):
                cellule = f"{get_column_letter(p_budget.col1 + j)}{r}"
                budget.range(cellule).formula_array = F.budget_annuel(h, f"${get_column_letter(p_budget.col1)}{r}",
                                                                      fiches).texte
    return Fiches(creees, plan.a_marquer, plan.a_retablir, plan.anomalies)


def feuille_de_route(book) -> tuple[Fiches, Recalcul]:
    """Fiches for every retained lever, then the engine's check of every total (roadmap outputs included)."""
    fiches = generer_fiches(book)
    return fiches, recalculer(book)


def exporter_copil(book, dossier=None) -> list:
    """The COPIL deck and PDF synthesis, next to the workbook (classic add-in) or in a given folder."""
    import tempfile
    from pathlib import Path

    from nr_workbook.copil import ecrire_copil
    from nr_workbook.copil.synthese import depuis_donnees

    if dossier is None:
        chemin = Path(getattr(book, "fullname", "") or "")
        dossier = chemin.parent / "copil" if chemin.parent.is_dir() and str(chemin.parent) != "." else Path(
            tempfile.mkdtemp(prefix="copil-"))
    base = Path(book.name).stem
    return ecrire_copil(depuis_donnees(LecteurLivre(book).donnees()), base, Path(dossier))


@dataclass(frozen=True)
class ActionRuban:
    """A ribbon action, declared once for the Lite plugin, the Office.js server and the classic button."""

    fonction: str  # Python name of the registered script (and of the Office.js command)
    libelle: str  # button label
    aide: str
    executer: Any


ACTIONS_RUBAN = (
    ActionRuban("nr_recalculer", "Recalculer",
                "Recalcule tous les indicateurs avec le moteur Python et signale tout écart avec les formules.",
                recalculer),
    ActionRuban("nr_controler", "Contrôler", "Contrôle le classeur et écrit le rapport dans la feuille « Contrôle ».",
                controler),
    ActionRuban("nr_generer_fiches", "Générer les fiches actions",
                "Ajoute une fiche action par levier retenu (les fiches existantes ne sont pas modifiées).",
                generer_fiches),
    ActionRuban("nr_feuille_de_route", "Générer la feuille de route",
                "Crée les fiches manquantes, met à jour le budget par année et contrôle les totaux.",
                feuille_de_route),
    ActionRuban("nr_exporter_copil", "Exporter le dossier COPIL",
                "Produit le diaporama et la synthèse PDF du comité de pilotage.", exporter_copil),
)
