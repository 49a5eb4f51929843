"""What each figure and table of the COPIL pack says, in words: the alternative text of the deck's pictures and
tables and of the PDF's figures (EN 301 549 §10.1.1.1), from the same synthesis as the figures themselves."""

from __future__ import annotations

import datetime as dt

from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.copil.synthese import CLES, Synthese


def _n(v, decimales: int = 0) -> str:
    return "—" if v is None else nombre_fr(float(v), decimales)


def radar(sy: Synthese) -> str:
    scores = ", ".join(f"{sy.libelles[c]} {_n(v)}" for c, v in sy.scores.items())
    return (f"Radar de la maturité sur les sept dimensions, scores sur 100 : {scores}. Score global "
            f"{sy.indicateur('NR_SCORE_GLOBAL')[1]} sur 100.")


def matrice(sy: Synthese) -> str:
    if not sy.preselectionnes:
        return "Matrice valeur × faisabilité : aucun levier présélectionné et noté pour l'instant."
    par_quadrant: dict[str, list[str]] = {}
    for lv in sy.preselectionnes:
        marques = [m for m, oui in (("retenu", str(lv.get("Retenu")).casefold() == "oui"),
                                    ("prestataire", lv.get("Cible") == "Prestataire")) if oui]
        suffixe = f" ({', '.join(marques)})" if marques else ""
        par_quadrant.setdefault(str(lv.get("Quadrant") or "sans quadrant"), []).append(f"{lv['ID']}{suffixe}")
    details = " ; ".join(f"{q} : {', '.join(ids)}" for q, ids in par_quadrant.items())
    return (f"Matrice valeur × faisabilité de {len(sy.preselectionnes)} leviers présélectionnés, "
            f"{len(sy.retenus)} retenus. {details}.")


def gantt(sy: Synthese) -> str:
    if not sy.fiches:
        return "Planning : aucune fiche action pour l'instant."
    parties = []
    for f in sy.fiches:
        d, fin = f.get("Début"), f.get("Fin")
        if isinstance(d, dt.date) and isinstance(fin, dt.date):
            parties.append(f"{f['ID']} du {d:%d/%m/%Y} au {fin:%d/%m/%Y}")
        else:
            parties.append(f"{f['ID']} sans dates")
    return f"Planning des {len(sy.fiches)} fiches actions : " + " ; ".join(parties) + "."


def budget(sy: Synthese) -> str:
    annees = [a for a in sy.budget if a.get("Total")]
    if not annees:
        return "Budget par année : aucun montant saisi dans les fiches actions pour l'instant."
    return "Budget par année et par nature, en euros hors taxes : " + " ; ".join(
        f"{int(a['Année']) if a.get('Année') is not None else 'année'} : {_n(a['Total'])} € "
        f"(personnel {_n(a['Personnel'])}, prestations {_n(a['Prestations'])}, matériel {_n(a['Matériel'])})"
        for a in annees) + "."


def trajectoire(sy: Synthese) -> str:
    points = " ; ".join(f"{int(r['Année'])} : {_n(r['Sans le plan (kgCO2e)'])} sans le plan, "
                        f"{_n(r['Avec le plan (kgCO2e)'])} avec" for r in sy.trajectoire)
    return (f"Courbes de l'empreinte carbone annuelle du parc sans le plan (tirets) et avec le plan (trait plein), "
            f"en kgCO2e : {points}.")


def cles(sy: Synthese) -> str:
    return "Tableau des chiffres clés : " + " ; ".join(
        f"{lib} {val}{f' {u}' if u else ''}" for lib, val, u in (sy.indicateur(n) for n in CLES)) + "."
