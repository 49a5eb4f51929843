"""The COPIL deck (python-pptx, 16:9): diagnosis, maturity, levers, planning, budget, governance, decisions."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Cm, Pt

from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil import figures as G
from nr_workbook.copil.synthese import CLES, Synthese

BLEU = RGBColor(0x00, 0x00, 0x91)
GRIS = RGBColor(0x59, 0x59, 0x59)
LARGEUR, HAUTEUR = Cm(33.867), Cm(19.05)


def _diapo(prs: Presentation, titre: str, sous_titre: str = ""):
    s = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    boite = s.shapes.add_textbox(Cm(1.2), Cm(0.6), LARGEUR - Cm(2.4), Cm(1.6))
    p = boite.text_frame.paragraphs[0]
    p.text = titre
    p.font.size, p.font.bold, p.font.color.rgb = Pt(26), True, BLEU
    if sous_titre:
        q = boite.text_frame.add_paragraph()
        q.text = sous_titre
        q.font.size, q.font.color.rgb = Pt(13), GRIS
    return s


def _image(s, contenu: bytes, gauche, haut, largeur=None, hauteur=None) -> None:
    s.shapes.add_picture(io.BytesIO(contenu), gauche, haut, width=largeur, height=hauteur)


def _tableau(s, entetes: list[str], lignes: list[list[str]], gauche, haut, largeur, taille: int = 11,
             largeurs: list[float] | None = None) -> None:
    forme = s.shapes.add_table(len(lignes) + 1, len(entetes), gauche, haut, largeur, Cm(0.8) * (len(lignes) + 1))
    t = forme.table
    for j, h in enumerate(entetes):
        t.cell(0, j).text = h
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
    bande = s.shapes.add_shape(1, 0, HAUTEUR - Cm(2.2), LARGEUR, Cm(2.2))  # 1: rectangle
    bande.fill.solid()
    bande.fill.fore_color.rgb = BLEU
    bande.line.fill.background()
    bande.text_frame.text = "Stratégie numérique responsable – boîte à outils de l'ANCT"
    bande.text_frame.paragraphs[0].font.size = Pt(14)
    annee = f"{int(sy.annee)} " if isinstance(sy.annee, (int, float)) else ""
    _puces(s, [f"Comité de pilotage du {sy.date:%d/%m/%Y}", f"Diagnostic {annee}– méthode de l'ANCT "
               "(loi REEN, décret 2022-1084)", f"{len(sy.retenus)} leviers retenus, {len(sy.fiches)} fiches actions"],
           Cm(1.2), Cm(5), Cm(30), Cm(6), taille=20)

    s = _diapo(prs, "Diagnostic quantitatif : les chiffres clés", "Inventaire, salles serveurs et DEEE")
    lignes = [list(sy.indicateur(n)) for n in CLES]
    source = sy.valeurs.get("NR_DEEE_SOURCE")
    if source:
        lignes[5][0] += f" ({'bordereaux' if source == 'Bordereaux' else 'estimation'})"
    _tableau(s, ["Indicateur", "Valeur", "Unité"], lignes, Cm(1.2), Cm(3), Cm(20), taille=13, largeurs=[6, 2, 2.4])

    s = _diapo(prs, "Maturité par dimension", f"Score global : {sy.indicateur('NR_SCORE_GLOBAL')[1]} / 100 – "
               f"niveau « {sy.valeurs.get('NR_NIVEAU_MATURITE') or 'non évalué'} » – complétude "
               f"{sy.indicateur('NR_TAUX_COMPLETUDE')[1]}")
    _image(s, G.png(G.radar(sy.scores, sy.libelles)), Cm(1), Cm(3.2), hauteur=Cm(15.3))
    _tableau(s, ["Dimension", "Score /100"],
             [[sy.libelles[c], "—" if v is None else nombre_fr(v, 0)] for c, v in sy.scores.items()],
             Cm(20), Cm(4), Cm(12.5), taille=11, largeurs=[4, 1.4])

    s = _diapo(prs, "Priorisation des leviers", f"{len(sy.preselectionnes)} leviers présélectionnés et notés, "
               f"{len(sy.retenus)} retenus")
    _image(s, G.png(G.matrice(sy.preselectionnes)), Cm(1), Cm(3.2), hauteur=Cm(15.3))
    if sy.alertes:
        _puces(s, ["⚠ " + a for a in sy.alertes], Cm(24.5), Cm(4), Cm(8.5), Cm(10), taille=12)

    s = _diapo(prs, "Leviers retenus et fiches actions")
    par_id = {str(f["ID"]): f for f in sy.fiches}
    lignes = [[str(r["ID"]), str(r.get("Levier") or ""), str(r.get("Quadrant") or "—"),
               str(par_id.get(str(r["ID"]), {}).get("Responsable") or "à désigner")] for r in sy.retenus[:16]]
    _tableau(s, ["ID", "Levier", "Quadrant", "Responsable"], lignes, Cm(1.2), Cm(2.6), Cm(31.4), taille=10,
             largeurs=[2.2, 9, 2, 3.5])

    s = _diapo(prs, "Planning", "Dates de début et de fin saisies dans les fiches actions")
    _image(s, G.png(G.gantt(sy.fiches)), Cm(1), Cm(3.2), largeur=Cm(31.5))

    total = sy.valeurs.get("NR_BUDGET_TOTAL_EUR") or 0
    etp = sy.valeurs.get("NR_ETP_TOTAL") or 0
    s = _diapo(prs, "Budget et moyens", f"Budget total : {nombre_fr(total, 0)} € HT – moyens humains : "
               f"{nombre_fr(etp, 2)} ETP")
    _image(s, G.png(G.budget(sy.budget)), Cm(1), Cm(3.2), hauteur=Cm(13))

    if sy.trajectoire:
        fin = sy.trajectoire[-1]
        avec, sans = nombre_fr(fin["Avec le plan (kgCO2e)"], 0), nombre_fr(fin["Sans le plan (kgCO2e)"], 0)
        s = _diapo(prs, "Ce que change le plan : trajectoire de l'empreinte",
                   f"En {int(fin['Année'])} : {avec} kgCO2e/an avec le plan, contre {sans} sans "
                   f"(−{nombre_fr(fin['Gain du plan (kgCO2e)'], 0)})")
        _image(s, G.png(G.trajectoire(sy.trajectoire)), Cm(0.8), Cm(3.4), largeur=Cm(20))
        _tableau(s, ["Gain par an", "Valeur", "Unité"], [list(g) for g in sy.gains], Cm(21.3), Cm(3.6), Cm(12),
                 taille=10, largeurs=[5, 1.8, 1.8])

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
    chemin.parent.mkdir(parents=True, exist_ok=True)
    prs.save(chemin)
    return chemin
