"""Prérequis (step 1): referents, stakeholders, perimeter, planning from a start date, documents, bodies."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L

_LARGEURS = {"A": 46, "B": 26, "C": 24, "D": 26, "E": 28, "F": 14}


def _titre_table(ws: Worksheet, ligne: int, texte: str, note: str = "") -> int:
    C.section(ws, ligne, texte, 6)
    if note:
        ws.cell(ligne + 1, 1, note).style = S.NOTE
        C.fusionner(ws, start_row=ligne + 1, start_column=1, end_row=ligne + 1, end_column=6)
        ws.row_dimensions[ligne + 1].height = 26
        return ligne + 2
    return ligne + 1


def ecrire_prerequis(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    ref = referentiel.load()
    dem = ref.demarche
    ws["A1"] = "Étape 1 – Sécuriser les prérequis de la démarche"
    ws["A1"].style = S.TITRE
    ws["A2"] = "Durée recommandée : 4 à 6 semaines (durées indicatives de l'ANCT)."
    ws["A2"].style = S.SOUS_TITRE

    ligne = _titre_table(ws, 4, "1. Équipe de référents",
                         "Au moins 2 personnes, idéalement un binôme complémentaire (DSI / métier, chargé de "
                         "mission / élu), qui porteront toutes les étapes de la démarche.")
    _, fin = C.table(ws, L.T_REFERENTS, ligne)
    ligne = fin + 1
    nb = L.NOMS_PAR_NOM["NR_NB_REFERENTS"]
    ws.cell(ligne, 1, nb.libelle).style = S.LIBELLE
    C.ecrire_formule(ws, f"B{ligne}", F.sorties()[nb.nom])
    ws[f"B{ligne}"].style = S.resultat(wb, nb.format)
    C.nommer(ws, nb.nom, f"B{ligne}")
    alerte = ws.cell(ligne, 3, '=IF(NR_NB_REFERENTS<2,"⚠ Moins de 2 référents : constituez un binôme.",'
                               '"✔ Équipe de référents constituée.")')
    alerte.style = S.TEXTE
    alerte.font = Font(name="Calibri", size=10, bold=True)
    C.fusionner(ws, start_row=ligne, start_column=3, end_row=ligne, end_column=6)
    ws.conditional_formatting.add(
        f"C{ligne}", FormulaRule(formula=["NR_NB_REFERENTS<2"], fill=PatternFill("solid", bgColor=S.ROUGE),
                                 font=Font(color=S.ROUGE_TEXTE, bold=True)))
    ws.conditional_formatting.add(
        f"C{ligne}", FormulaRule(formula=["NR_NB_REFERENTS>=2"], **S.fond(S.VERT)))

    ligne = _titre_table(ws, ligne + 2, "2. Parties prenantes",
                         "Acteurs clés (sollicités lors de l'expérimentation de l'ANCT) et acteurs optionnels ; "
                         "ajoutez-en dans les lignes libres.")
    acteurs = [{"Acteur": a, "Type": "Clé"} for a in dem.parties_prenantes.cles]
    acteurs += [{"Acteur": a, "Type": "Optionnelle"} for a in dem.parties_prenantes.optionnelles]
    _, fin = C.table(ws, L.T_PARTIES_PRENANTES, ligne, acteurs)

    ligne = _titre_table(ws, fin + 2, "3. Périmètre de la démarche",
                         "Périmètre minimal : la DSI et les services de la collectivité. Les équipements publics "
                         "(écoles, médiathèques…) changent l'ampleur de l'inventaire et des actions.")
    C.champ(ws, ligne, L.NOMS_PAR_NOM["NR_PERIMETRE_ORGANISATION"], dem.perimetre.organisation[1])
    C.champ(ws, ligne + 1, L.NOMS_PAR_NOM["NR_PERIMETRE_GEOGRAPHIQUE"], dem.perimetre.geographie[0])
    for r in (ligne, ligne + 1):
        C.fusionner(ws, start_row=r, start_column=2, end_row=r, end_column=4)

    ligne = _titre_table(ws, ligne + 3, "4. Planning et jalons",
                         "Saisissez la date de début : les dates des étapes en découlent. Ajustez la durée retenue "
                         "selon vos cycles budgétaires, temps forts et congés.")
    C.champ(ws, ligne, L.NOMS_PAR_NOM["NR_DATE_DEBUT"], None)
    etapes = [{"Étape": f"{e.code}. {e.libelle}", "Durée min. (sem.)": e.semaines_min,
               "Durée max. (sem.)": e.semaines_max, "Durée retenue (sem.)": e.semaines_max}
              for e in dem.etapes]
    _table_planning(ws, ligne + 1, etapes)
    fin = ligne + 1 + len(etapes)

    ligne = _titre_table(ws, fin + 2, "5. Documentation à collecter",
                         "Documents utiles à l'analyse qualitative ; toutes les collectivités n'en disposent pas.")
    _, fin = C.table(ws, L.T_DOCUMENTS, ligne, [{"Document": d} for d in dem.documents])

    ligne = _titre_table(ws, fin + 2, "6. Instances existantes",
                         "Instances où les référents présenteront la démarche et ses avancées.")
    _, fin = C.table(ws, L.T_INSTANCES, ligne, [{"Instance": i} for i in dem.instances])

    for col, w in _LARGEURS.items():
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A4"
    C.impression(ws)
    C.proteger(ws)


def _table_planning(ws: Worksheet, ligne: int, etapes: list[dict]) -> None:
    """The planning table: the first step starts on the start date, each next one where the previous ends."""
    premiere, derniere = C.table(ws, L.T_PLANNING, ligne, etapes, vides=0,
                                 fixes=("Étape", "Durée min. (sem.)", "Durée max. (sem.)"))
    duree, debut, fin = (C.lettre(L.T_PLANNING, e) for e in ("Durée retenue (sem.)", "Début", "Fin"))
    for r in range(premiere, derniere + 1):
        ws[f"{debut}{r}"] = ('=IF(ISNUMBER(NR_DATE_DEBUT),NR_DATE_DEBUT,"")' if r == premiere else f"={fin}{r - 1}")
        ws[f"{fin}{r}"] = (f'=IF(ISNUMBER({debut}{r}),{debut}{r}+7*IF(ISNUMBER({duree}{r}),{duree}{r},0),"")')
