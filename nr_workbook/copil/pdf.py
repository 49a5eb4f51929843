"""The COPIL synthesis as a tagged PDF (PDF/UA-1): an HTML page laid out by WeasyPrint.

Tagged as the law asks of what public bodies publish (RGAA, EN 301 549 §10): French (/Lang fr-FR), the title shown
in the window, headings, tables with header cells, figures (matplotlib, the same as the deck's) with the
alternative text that states their message.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from nr_workbook.classeur.archive import date_des_documents
from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil import alternatifs as A
from nr_workbook.copil import figures as G
from nr_workbook.copil.synthese import CLES, Synthese

_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
        @bottom-right { content: "page " counter(page) " / " counter(pages); font-size: 8pt; color: #595959; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #1e1e1e; }
h1 { color: #000091; font-size: 17pt; margin: 0 0 2mm 0; }
h2 { color: #000091; font-size: 13pt; margin: 6mm 0 2mm 0; page-break-after: avoid; }
p.sous-titre { color: #595959; margin: 0 0 4mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th { background: #000091; color: #ffffff; text-align: left; padding: 1.5mm; }
td { border-bottom: 0.3pt solid #7f7f7f; padding: 1mm 1.5mm; }
td.nombre { text-align: right; font-weight: bold; color: #000091; }
figure { margin: 3mm 0; page-break-inside: avoid; }
img { display: block; margin: 0 auto; max-width: 100%; max-height: 88mm; }
img.petite { max-height: 58mm; }
figcaption, p.note { color: #595959; font-size: 8.5pt; font-style: italic; }
li.alerte { color: #9c0006; font-weight: bold; }
section.page { page-break-before: always; }
"""


def _tableau(entetes: list[str], lignes: list[list[str]], nombres: tuple[int, ...] = ()) -> str:
    tete = "".join(f'<th scope="col">{escape(h)}</th>' for h in entetes)
    corps = "".join("<tr>" + "".join(f'<td{" class=nombre" if j in nombres else ""}>{escape(str(v))}</td>'
                                     for j, v in enumerate(ligne)) + "</tr>" for ligne in lignes)
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


def _figure(contenu: bytes, alt: str, legende: str, classe: str = "") -> str:
    donnees = base64.b64encode(contenu).decode("ascii")
    return (f'<figure><img class="{classe}" src="data:image/png;base64,{donnees}" alt="{escape(alt, quote=True)}">'
            f"<figcaption>{escape(legende)}</figcaption></figure>")


def html(sy: Synthese) -> str:
    titre = f"Synthèse du diagnostic numérique responsable – {sy.collectivite}"
    cles = [list(sy.indicateur(n)) for n in CLES]
    source = sy.valeurs.get("NR_DEEE_SOURCE")
    note_deee = ""
    if source:
        base = "pesées des bordereaux" if source == "Bordereaux" else "estimation à partir de l'inventaire"
        note_deee = f'<p class="note">DEEE : {base}.</p>'
    scores = [[sy.libelles[c], "—" if v is None else nombre_fr(v, 0)] for c, v in sy.scores.items()]
    retenus = "".join(f"<li>{escape(str(r['ID']))} – {escape(str(r.get('Levier') or ''))}</li>" for r in sy.retenus)
    alertes = "".join(f'<li class="alerte">⚠ {escape(a)}</li>' for a in sy.alertes)
    total = sy.valeurs.get("NR_BUDGET_TOTAL_EUR") or 0
    budget = [[str(int(a["Année"])) if a.get("Année") is not None else "—",
               *(nombre_fr(a[k], 0) for k in ("Personnel", "Prestations", "Matériel", "Total"))] for a in sy.budget]
    parties = [
        f"<h1>{escape(titre)}</h1>",
        f'<p class="sous-titre">Feuille de route numérique responsable – comité de pilotage du {sy.date:%d/%m/%Y} '
        "– méthode de l'ANCT (loi REEN, décret 2022-1084)</p>",
        "<h2>Les chiffres clés du diagnostic</h2>",
        _tableau(["Indicateur", "Valeur", "Unité"], cles, (1,)), note_deee,
        "<h2>Maturité par dimension</h2>",
        f"<p>Score global {escape(sy.indicateur('NR_SCORE_GLOBAL')[1])} / 100, niveau « "
        f"{escape(str(sy.valeurs.get('NR_NIVEAU_MATURITE') or 'non évalué'))} ».</p>",
        _figure(G.png(G.radar(sy.scores, sy.libelles)), A.radar(sy), "Scores de maturité sur 100 par dimension.",
                "petite"),
        _tableau(["Dimension", "Score /100"], scores, (1,)),
        '<section class="page"><h2>Leviers : priorisation et sélection</h2>',
        _figure(G.png(G.matrice(sy.preselectionnes)), A.matrice(sy),
                "✔ : levier retenu ; carré et « (P) » : levier du prestataire SI."),
        f"<h2>{len(sy.retenus)} leviers retenus</h2><ul>{retenus}{alertes}</ul></section>",
        '<section class="page"><h2>Planning</h2>',
        _figure(G.png(G.gantt(sy.fiches)), A.gantt(sy), "Dates de début et de fin saisies dans les fiches actions."),
        "<h2>Budget et moyens</h2>",
        f"<p>Budget total : {nombre_fr(total, 0)} € HT – moyens humains : "
        f"{nombre_fr(sy.valeurs.get('NR_ETP_TOTAL') or 0, 2)} ETP – {len(sy.fiches)} fiches actions.</p>",
        _figure(G.png(G.budget(sy.budget)), A.budget(sy), "Budget par année et par nature (€ HT)."),
        _tableau(["Année", "Personnel", "Prestations", "Matériel", "Total"], budget, (1, 2, 3, 4)), "</section>",
    ]
    if sy.trajectoire:
        parties += [
            '<section class="page"><h2>Ce que change le plan : gains et trajectoire</h2>',
            _tableau(["Gain par an", "Valeur", "Unité"], [list(g) for g in sy.gains], (1,)),
            '<p class="note">Hypothèses de la feuille Scénarios ; chaque gain compte à partir du début de la première '
            "fiche retenue qui l'apporte.</p>",
            _figure(G.png(G.trajectoire(sy.trajectoire)), A.trajectoire(sy),
                    "Empreinte carbone annuelle du parc, sans le plan (tirets) et avec le plan (trait plein)."),
            "</section>",
        ]
    if sy.equivalences:
        parties += [
            "<h2>En équivalents</h2>",
            _tableau(["Chaque année", "Soit environ", "Équivalent"], [list(e) for e in sy.equivalences], (1,)),
            f'<p class="note">{escape(sy.mise_en_garde)}</p>',
        ]
    return document(titre, sy.collectivite, "Diagnostic, leviers retenus, planning, budget et trajectoire",
                    "numérique responsable, REEN, ANCT, COPIL", _CSS, "".join(parties))


def document(titre: str, auteur: str, description: str, mots_cles: str, css: str, corps: str) -> str:
    """An HTML page in French with the properties a tagged PDF carries (title shown, author, dates)."""
    date = date_des_documents().date().isoformat()
    return (f'<!DOCTYPE html><html lang="fr-FR"><head><meta charset="utf-8"><title>{escape(titre)}</title>'
            f'<meta name="author" content="{escape(auteur, quote=True)}">'
            f'<meta name="description" content="{escape(description, quote=True)}">'
            f'<meta name="keywords" content="{escape(mots_cles, quote=True)}">'
            f'<meta name="dcterms.created" content="{date}"><meta name="dcterms.modified" content="{date}">'
            f"<style>{css}</style></head><body>{corps}</body></html>")


def ecrire_pdf(page: str, chemin: Path) -> Path:
    """The page laid out by WeasyPrint as a PDF/UA-1 (tagged, /Lang from the page, title shown)."""
    from weasyprint import HTML  # imported here: the deck and the workbooks need no layout engine

    chemin.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=page).write_pdf(chemin, pdf_variant="pdf/ua-1")
    return chemin


def construire(sy: Synthese, chemin: Path) -> Path:
    return ecrire_pdf(html(sy), chemin)
