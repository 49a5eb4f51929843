"""Qualitative diagnostic: the printable interview grid and the scoring grid (T_MATURITE, scores, radar)."""

from __future__ import annotations

from openpyxl.chart import RadarChart, Reference
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L


def _echelle(niveaux: tuple[str, ...]) -> str:
    return "\n".join(f"{i} : {t}" for i, t in enumerate(niveaux))


def ecrire_entretien(ws: Worksheet, ctx: Contexte) -> None:
    """Questions grouped by interlocutor, with each question's scale and room for notes; made to be printed."""
    wb = ws.parent
    ref = referentiel.load()
    questions = ref.questions_du_parcours(ctx.parcours)
    note = ("Une section par interlocuteur. Pendant l'entretien, notez les éléments entendus et le niveau "
            "proposé ; reportez ensuite le niveau retenu dans la Grille de cotation.")
    C.titre(ws, f"Grille d'entretien – parcours {ctx.parcours}", note, "A2:F2")
    entetes = ("ID", "Dimension", "Question", "Échelle de niveaux", "Niveau proposé", "Notes d'entretien")
    for col, w in zip("ABCDEF", (17, 18, 46, 60, 10, 46), strict=True):
        ws.column_dimensions[col].width = w
    ligne = 3
    for interlocuteur in ref.interlocuteurs:
        liste = [q for q in questions if interlocuteur in q.interlocuteurs]
        if not liste:
            continue
        ligne += 1
        C.section(ws, ligne, f"Entretien avec : {interlocuteur} ({len(liste)} questions)", 6)
        ligne += 1
        for i, h in enumerate(entetes, start=1):
            ws.cell(ligne, i, h).style = S.entete(wb)
        for q in liste:
            ligne += 1
            valeurs = (q.id, ref.dimension(q.dimension).libelle, q.libelle(ctx.parcours), _echelle(q.niveaux))
            for i, v in enumerate(valeurs, start=1):
                ws.cell(ligne, i, v).style = S.fixe(wb)
            ws.cell(ligne, 5).style = S.saisie(wb)
            ws.cell(ligne, 6).style = S.saisie(wb, L.F_TEXTE)
            ws.row_dimensions[ligne].height = 78
            C.valider(ws, L.T_MATURITE.colonne("Niveau").saisie, f"E{ligne}")
            C.valider(ws, None, f"F{ligne}", saisie_libre=True)
        ws.row_breaks.append(Break(id=ligne))
    ws.freeze_panes = "A4"
    C.impression(ws, paysage=True)
    C.proteger(ws)


def lignes_maturite(parcours: str) -> list[dict]:
    ref = referentiel.load()
    return [
        {
            "ID": q.id,
            "Dimension": ref.dimension(q.dimension).libelle,
            "Question": q.libelle(parcours),
            "Interlocuteur": ", ".join(q.interlocuteurs),
            "Niveau 0": q.niveaux[0],
            "Niveau 1": q.niveaux[1],
            "Niveau 2": q.niveaux[2],
            "Niveau 3": q.niveaux[3],
            "Thème du décret": q.theme_decret,
        }
        for q in ref.questions_du_parcours(parcours)
    ]


_LIGNE_RESUME = 5


def ecrire_cotation(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    ref = referentiel.load()
    t = L.T_MATURITE
    note = ("Saisissez pour chaque question un niveau de 0 à 3 (colonne Niveau). Une question laissée vide est "
            "« non répondue » : elle n'est pas comptée comme 0 et n'entre pas dans les scores.")
    C.titre(ws, f"Grille de cotation – parcours {ctx.parcours}", note, "A2:G3")

    # Summary: one row per dimension, then the global score, level and completion.
    r0 = _LIGNE_RESUME
    for i, h in enumerate(("Code", "Dimension", "Questions répondues", "Score /100"), start=1):
        ws.cell(r0, i, h).style = S.entete(wb)
    for k, (dim, nom) in enumerate(zip(ref.dimensions, L.SCORES_DIMENSIONS, strict=True), start=1):
        r = r0 + k
        ws.cell(r, 1, dim.code).style = S.fixe(wb)
        ws.cell(r, 2, dim.libelle).style = S.fixe(wb)
        C.ecrire_formule(ws, f"C{r}", F.Formule(
            F.nb_repondues(dim.code) + '&" / "&' + F.nb_questions(dim.code)[1:]))
        ws[f"C{r}"].style = S.calcul(wb)
        ws[f"D{r}"] = f"={nom.nom}"
        ws[f"D{r}"].style = S.resultat(wb, L.F_DECIMAL1)
    fin_dims = r0 + len(ref.dimensions)
    for k, (libelle, formule, fmt) in enumerate((
        ("Score global", "=NR_SCORE_GLOBAL", L.F_DECIMAL1),
        ("Niveau de maturité", "=NR_NIVEAU_MATURITE", None),
        ("Taux de complétude", "=NR_TAUX_COMPLETUDE", L.F_POURCENT),
    ), start=1):
        r = fin_dims + k
        ws.cell(r, 2, libelle).style = S.LIBELLE
        ws.cell(r, 3).style = S.calcul(wb)
        ws[f"D{r}"] = formule
        ws[f"D{r}"].style = S.resultat(wb, fmt)
    ws.conditional_formatting.add(
        f"D{r0 + 1}:D{fin_dims}", CellIsRule(operator="equal", formula=['""'],
                                              **S.fond(S.ORANGE)))

    radar = RadarChart()
    radar.type = "marker"
    radar.style = 26
    radar.title = "Maturité par dimension (/100)"
    radar.y_axis.scaling.min = 0
    radar.y_axis.scaling.max = 100
    radar.y_axis.majorUnit = 25
    radar.y_axis.delete = False
    radar.legend = None
    data = Reference(ws, min_col=4, min_row=r0, max_row=fin_dims)
    radar.add_data(data, titles_from_data=True)
    radar.set_categories(Reference(ws, min_col=2, min_row=r0 + 1, max_row=fin_dims))
    radar.height, radar.width = 9.0, 15
    C.graphique(ws, radar, f"F{r0 - 1}", "Radar du score de maturité de chacune des sept dimensions, sur 100.")
    for r in range(r0, fin_dims + 4):
        ws.row_dimensions[r].height = 22

    # The scoring table itself, below the chart (11 rows of 22 pt and 3 of 15 pt ≈ 10 cm).
    ligne_table = fin_dims + 7
    ws.cell(ligne_table - 1, 1, "Cotation détaillée").style = S.SECTION
    for c in range(2, len(t.colonnes) + 1):
        ws.cell(ligne_table - 1, c).style = S.SECTION
    niv = C.lettre(t, "Niveau")
    n0, n3 = C.lettre(t, "Niveau 0"), C.lettre(t, "Niveau 3")
    premiere, derniere = C.table(
        ws, t, ligne_table, lignes_maturite(ctx.parcours), vides=0,
        formules={"Signification du niveau": lambda r: (
            f'=IF(ISNUMBER({niv}{r}),IF(AND({niv}{r}>=0,{niv}{r}<=3),INDEX({n0}{r}:{n3}{r},1,INT({niv}{r})+1),'
            f'"⚠ Niveau hors échelle (0 à 3)"),IF({niv}{r}="","— Non répondu —","⚠ Saisissez un nombre de 0 à 3"))')},
        fixes=("ID", "Dimension", "Question", "Niveau 0", "Niveau 1", "Niveau 2", "Niveau 3", "Thème du décret"),
    )
    for r in range(premiere, derniere + 1):
        ws.row_dimensions[r].height = 64
    rng = f"{niv}{premiere}:{niv}{derniere}"
    ws.conditional_formatting.add(rng, FormulaRule(formula=[f'{niv}{premiere}=""'],
                                                   **S.fond(S.JAUNE)))
    ws.conditional_formatting.add(rng, S.alerte(
        f'AND({niv}{premiere}<>"",OR(NOT(ISNUMBER({niv}{premiere})),{niv}{premiere}<0,{niv}{premiere}>3))'))
    sig = C.lettre(t, "Signification du niveau")
    ws.conditional_formatting.add(f"{sig}{premiere}:{sig}{derniere}", FormulaRule(
        formula=[f'{niv}{premiere}=""'], font=Font(italic=True, color=S.GRIS_TEXTE)))
    C.impression(ws, paysage=True, titres=f"{ligne_table}:{ligne_table}")
    ws.print_area = f"A1:{sig}{derniere}"  # the scale columns are for the screen; the interview grid prints them
    C.proteger(ws)
