"""The COPIL deck (python-pptx, 16:9): diagnosis, maturity, levers, planning, budget, governance, decisions.

Accessible as Microsoft's checker and EN 301 549 ask: each slide's title is its title placeholder (unique), each
picture and table says its message in its alternative text, shapes are in reading order, every run is French, text
reaches 4.5:1, and the properties are the collectivité's, not the library's template's."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Cm, Pt

from nr_workbook.classeur.archive import date_des_documents
from nr_workbook.classeur.enregistrement import LANGUE
from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil import alternatifs as A
from nr_workbook.copil import figures as G
from nr_workbook.copil.synthese import CLES, Synthese

BLEU = RGBColor(0x00, 0x00, 0x91)
GRIS = RGBColor(0x59, 0x59, 0x59)
BLANC = RGBColor(0xFF, 0xFF, 0xFF)
LARGEUR, HAUTEUR = Cm(33.867), Cm(19.05)


def _diapo(prs: Presentation, titre: str, sous_titre: str = ""):
    """A slide whose title is its title placeholder ("Title Only" layout), then its subtitle."""
    s = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    t = s.shapes.title
    t.left, t.top, t.width, t.height = Cm(1.2), Cm(0.5), LARGEUR - Cm(2.4), Cm(1.5)
    t.text = titre
    p = t.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    p.font.size, p.font.bold, p.font.color.rgb = Pt(26), True, BLEU
    if sous_titre:
        boite = s.shapes.add_textbox(Cm(1.2), Cm(2.0), LARGEUR - Cm(2.4), Cm(0.9))
        boite.text_frame.word_wrap = True  # keeps the box's width: the subtitle stays left, under the title
        q = boite.text_frame.paragraphs[0]
        q.text = sous_titre
        q.alignment = PP_ALIGN.LEFT
        q.font.size, q.font.color.rgb = Pt(13), GRIS
    return s


def _alternatif(forme, titre: str, description: str) -> None:
    """The shape's alternative text, as PowerPoint's « Texte de remplacement » writes it."""
    nv = forme._element.find(".//" + qn("p:cNvPr"))
    nv.set("title", titre)
    nv.set("descr", description)


def _image(s, contenu: bytes, gauche, haut, largeur=None, hauteur=None, titre: str = "", alt: str = "") -> None:
    _alternatif(s.shapes.add_picture(io.BytesIO(contenu), gauche, haut, width=largeur, height=hauteur), titre, alt)


def _tableau(s, entetes: list[str], lignes: list[list[str]], gauche, haut, largeur, taille: int = 11,
             largeurs: list[float] | None = None, alt: str = "") -> None:
    forme = s.shapes.add_table(len(lignes) + 1, len(entetes), gauche, haut, largeur, Cm(0.8) * (len(lignes) + 1))
    t = forme.table
    t.first_row = True  # the first row is the header row (read as such)
    resume = " ; ".join(" – ".join(v for v in ligne if v) for ligne in lignes[:8])
    _alternatif(forme, "Tableau : " + ", ".join(entetes), alt or (
        f"Tableau de {len(lignes)} ligne(s) ({', '.join(entetes)}) : {resume}{' ; …' if len(lignes) > 8 else ''}."))
    for j, h in enumerate(entetes):
        c = t.cell(0, j)
        c.text = h
        c.fill.solid()
        c.fill.fore_color.rgb = BLEU  # white on blue France: 16:1
        for p in c.text_frame.paragraphs:
            for r in p.runs:
                r.font.bold, r.font.color.rgb = True, BLANC
    for i, ligne in enumerate(lignes, start=1):
        for j, v in enumerate(ligne):
            t.cell(i, j).text = v
    for row in t.rows:
        for cell in row.cells:
            for p in cell.text_frame.paragraphs:
                p.font.size = Pt(taille)
    if largeurs:
        total = sum(largeurs)
        for j, w in enumerate(largeurs):
            t.columns[j].width = int(largeur * w / total)


def _puces(s, lignes: list[str], gauche, haut, largeur, hauteur, taille: int = 16) -> None:
    tf = s.shapes.add_textbox(gauche, haut, largeur, hauteur).text_frame
    tf.word_wrap = True
    for i, texte in enumerate(lignes):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.text = "• " + texte
        p.font.size = Pt(taille)
        p.space_after = Pt(6)


def construire(sy: Synthese, chemin: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = LARGEUR, HAUTEUR

    s = _diapo(prs, "Feuille de route numérique responsable", sy.collectivite)
    annee = f"{int(sy.annee)} " if isinstance(sy.annee, (int, float)) else ""
    _puces(s, [f"Comité de pilotage du {sy.date:%d/%m/%Y}", f"Diagnostic {annee}– méthode de l'ANCT "
               "(loi REEN, décret 2022-1084)", f"{len(sy.retenus)} leviers retenus, {len(sy.fiches)} fiches actions"],
           Cm(1.2), Cm(5), Cm(30), Cm(6), taille=20)
    bande = s.shapes.add_shape(1, 0, HAUTEUR - Cm(2.2), LARGEUR, Cm(2.2))  # 1: rectangle, read last as it is last
    bande.fill.solid()
    bande.fill.fore_color.rgb = BLEU
    bande.line.fill.background()
    bande.text_frame.text = "Stratégie numérique responsable – boîte à outils de l'ANCT"
    bande.text_frame.paragraphs[0].font.size = Pt(14)
    bande.text_frame.paragraphs[0].font.color.rgb = BLANC

    s = _diapo(prs, "Diagnostic quantitatif : les chiffres clés", "Inventaire, salles serveurs et DEEE")
    lignes = [list(sy.indicateur(n)) for n in CLES]
    source = sy.valeurs.get("NR_DEEE_SOURCE")
    if source:
        lignes[5][0] += f" ({'bordereaux' if source == 'Bordereaux' else 'estimation'})"
    _tableau(s, ["Indicateur", "Valeur", "Unité"], lignes, Cm(1.2), Cm(3), Cm(20), taille=13, largeurs=[6, 2, 2.4],
             alt=A.cles(sy))

    s = _diapo(prs, "Maturité par dimension", f"Score global : {sy.indicateur('NR_SCORE_GLOBAL')[1]} / 100 – "
               f"niveau « {sy.valeurs.get('NR_NIVEAU_MATURITE') or 'non évalué'} » – complétude "
               f"{sy.indicateur('NR_TAUX_COMPLETUDE')[1]}")
    _image(s, G.png(G.radar(sy.scores, sy.libelles)), Cm(1), Cm(3.2), hauteur=Cm(15.3), titre="Radar de la maturité",
           alt=A.radar(sy))
    _tableau(s, ["Dimension", "Score /100"],
             [[sy.libelles[c], "—" if v is None else nombre_fr(v, 0)] for c, v in sy.scores.items()],
             Cm(20), Cm(4), Cm(12.5), taille=11, largeurs=[4, 1.4])

    s = _diapo(prs, "Priorisation des leviers", f"{len(sy.preselectionnes)} leviers présélectionnés et notés, "
               f"{len(sy.retenus)} retenus")
    _image(s, G.png(G.matrice(sy.preselectionnes)), Cm(1), Cm(3.2), hauteur=Cm(15.3),
           titre="Matrice valeur × faisabilité", alt=A.matrice(sy))
    if sy.alertes:
        _puces(s, ["⚠ " + a for a in sy.alertes], Cm(24.5), Cm(4), Cm(8.5), Cm(10), taille=12)

    s = _diapo(prs, "Leviers retenus et fiches actions")
    par_id = {str(f["ID"]): f for f in sy.fiches}
    lignes = [[str(r["ID"]), str(r.get("Levier") or ""), str(r.get("Quadrant") or "—"),
               str(par_id.get(str(r["ID"]), {}).get("Responsable") or "à désigner")] for r in sy.retenus[:16]]
    _tableau(s, ["ID", "Levier", "Quadrant", "Responsable"], lignes, Cm(1.2), Cm(2.6), Cm(31.4), taille=10,
             largeurs=[2.2, 9, 2, 3.5])

    s = _diapo(prs, "Planning", "Dates de début et de fin saisies dans les fiches actions")
    _image(s, G.png(G.gantt(sy.fiches)), Cm(1), Cm(3.2), largeur=Cm(31.5), titre="Planning", alt=A.gantt(sy))

    total = sy.valeurs.get("NR_BUDGET_TOTAL_EUR") or 0
    etp = sy.valeurs.get("NR_ETP_TOTAL") or 0
    s = _diapo(prs, "Budget et moyens", f"Budget total : {nombre_fr(total, 0)} € HT – moyens humains : "
               f"{nombre_fr(etp, 2)} ETP")
    _image(s, G.png(G.budget(sy.budget)), Cm(1), Cm(3.2), hauteur=Cm(13), titre="Budget par année",
           alt=A.budget(sy))

    if sy.trajectoire:
        fin = sy.trajectoire[-1]
        avec, sans = nombre_fr(fin["Avec le plan (kgCO2e)"], 0), nombre_fr(fin["Sans le plan (kgCO2e)"], 0)
        s = _diapo(prs, "Ce que change le plan : trajectoire de l'empreinte",
                   f"En {int(fin['Année'])} : {avec} kgCO2e/an avec le plan, contre {sans} sans "
                   f"(−{nombre_fr(fin['Gain du plan (kgCO2e)'], 0)})")
        _image(s, G.png(G.trajectoire(sy.trajectoire)), Cm(0.8), Cm(3.4), largeur=Cm(20),
               titre="Trajectoire de l'empreinte", alt=A.trajectoire(sy))
        _tableau(s, ["Gain par an", "Valeur", "Unité"], [list(g) for g in sy.gains], Cm(21.3), Cm(3.6), Cm(12),
                 taille=10, largeurs=[5, 1.8, 1.8])

    if sy.equivalences:
        s = _diapo(prs, "En équivalents", "Ce que représentent, chaque année, l'empreinte du parc et le gain du plan")
        _tableau(s, ["Chaque année", "Soit environ", "Équivalent"], [list(e) for e in sy.equivalences], Cm(1.2),
                 Cm(3), Cm(31.4), taille=15, largeurs=[5.5, 1.4, 5])
        _puces(s, [sy.mise_en_garde], Cm(1.2), Cm(13.5), Cm(31.4), Cm(4), taille=12)

    s = _diapo(prs, "Gouvernance et risques")
    if sy.gouvernance:
        _tableau(s, ["Instance", "Fréquence", "Rôle"], [[str(g.get("Instance") or ""), str(g.get("Fréquence") or ""),
                                                        str(g.get("Rôle") or "")] for g in sy.gouvernance[:6]],
                 Cm(1.2), Cm(2.6), Cm(31.4), taille=10, largeurs=[3, 1.5, 6])
    if sy.risques:
        _tableau(s, ["Risque", "Probabilité", "Impact", "Mesure d'atténuation"],
                 [[str(r.get(k) or "") for k in ("Risque", "Probabilité", "Impact", "Mesure d'atténuation")]
                  for r in sy.risques[:5]], Cm(1.2), Cm(10.5), Cm(31.4), taille=10, largeurs=[4, 1.3, 1.3, 5])

    s = _diapo(prs, "Décisions attendues du comité de pilotage")
    _puces(s, ["Valider la liste des leviers retenus et leur répartition sur les 7 dimensions",
               f"Valider le planning et le budget ({nombre_fr(total, 0)} € HT, {nombre_fr(etp, 2)} ETP)",
               "Installer la gouvernance dans le mois qui suit (étape 5)",
               "Désigner les responsables des fiches actions encore sans responsable",
               "Fixer la date de la prochaine revue des indicateurs de suivi"],
           Cm(1.2), Cm(3.5), Cm(30), Cm(12), taille=18)
    _proprietes(prs, sy)
    _en_francais(prs)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    prs.save(chemin)
    return chemin


def _proprietes(prs: Presentation, sy: Synthese) -> None:
    """The collectivité's properties, none of the library template's (its author, its 2013 dates)."""
    p = prs.core_properties
    date = date_des_documents()
    p.title = f"Comité de pilotage – feuille de route numérique responsable – {sy.collectivite}"
    p.subject = "Stratégie numérique responsable (loi REEN) : diagnostic, leviers, planning, budget, gouvernance"
    p.author = p.last_modified_by = sy.collectivite
    p.keywords = "numérique responsable; REEN; ANCT; COPIL"
    p.comments = p.category = p.content_status = p.identifier = ""
    p.language = LANGUE
    p.created = p.modified = date
    p.last_printed = date
    p.revision = 1


def _en_francais(prs: Presentation) -> None:
    """Every run of every slide (and the default text style) in French."""
    racines = [prs.part._element] + [s._element for s in prs.slides]
    for racine in racines:
        for r in racine.iter(qn("a:r")):
            r.get_or_add_rPr().set("lang", LANGUE)
        for balise in ("a:endParaRPr", "a:defRPr", "a:rPr"):
            for e in racine.iter(qn(balise)):
                e.set("lang", LANGUE)
