"""Référentiel (equipment defaults and parameters, with sources) and the hidden Listes sheet (drop-down lists)."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook import referentiel
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import equivalences
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.classeur.writer.obligations import ecrire_textes
from nr_workbook.contract import layout as L
from nr_workbook.referentiel.models import Equipement, Referentiel, ValeurSourcee

_LIBELLES_VALEURS = {
    "poids_kg": "poids",
    "duree_vie_ans": "durée",
    "fabrication_kgco2e": "fabrication",
    "conso_kwh_an": "conso",
}


def texte_sources(ref: Referentiel, e: Equipement) -> str:
    """One line naming, per source, the figures it gives: "ADEME 2022 : fabrication, conso ; Boavizta 2023 : poids"."""
    par_source: dict[str, list[str]] = {}
    for cle, v in e.valeurs().items():
        par_source.setdefault(ref.libelle_source(v.source), []).append(_LIBELLES_VALEURS[cle])
    return " ; ".join(f"{s} : {', '.join(v)}" for s, v in par_source.items())


def ligne_referentiel(ref: Referentiel, e: Equipement) -> dict:
    return {
        "Catégorie": e.categorie,
        "Poids unitaire (kg)": e.poids_kg.valeur,
        "Durée de vie (ans)": e.duree_vie_ans.valeur,
        "Fabrication (kgCO2e)": e.fabrication_kgco2e.valeur,
        "Conso (kWh/an)": e.conso_kwh_an.valeur,
        "Salle serveur": "Oui" if e.salle_serveur else "Non",
        "Source": texte_sources(ref, e),
        "Famille": e.famille,
        "Commentaire": e.commentaire,
    }


def _parametre(ws: Worksheet, ligne: int, nom: str, v: ValeurSourcee, ref: Referentiel) -> None:
    C.champ(ws, ligne, L.NOMS_PAR_NOM[nom], v.valeur)
    s = ref.sources[v.source]
    ws.cell(ligne, 3, f"Source : {s.titre} ({s.annee}). {v.commentaire}").style = S.NOTE
    C.fusionner(ws, start_row=ligne, start_column=3, end_row=ligne, end_column=9)
    ws.row_dimensions[ligne].height = 26


def ecrire_referentiel(ws: Worksheet, ctx: Contexte) -> None:
    ref = referentiel.load()
    note = (f"Valeurs vérifiées le {ref.derniere_verification:%d/%m/%Y}. Vous pouvez les remplacer par vos "
            "propres données (fiches constructeurs, factures) : les indicateurs se recalculent aussitôt. "
            "Ajoutez une catégorie dans une ligne libre du tableau.")
    C.titre(ws, "Référentiel : valeurs par défaut et sources", note, "A2:I3")
    ws.row_dimensions[2].height = 30

    C.section(ws, 5, "Paramètres", 9)
    _parametre(ws, 6, "NR_FACTEUR_ELEC_KGCO2E_KWH", ref.parametres.facteur_elec_kgco2e_kwh, ref)
    _parametre(ws, 7, "NR_PUE_DEFAUT", ref.parametres.pue_defaut, ref)

    C.section(ws, 9, "Équipements : poids, durée de vie, empreinte de fabrication et consommation", 9)
    lignes = [ligne_referentiel(ref, e) for e in ref.equipements]
    premiere, derniere = C.table(ws, L.T_REFERENTIEL, 10, lignes)
    for r in range(premiere, premiere + len(lignes)):
        ws.row_dimensions[r].height = 27  # two lines of sources or comment
    cat = C.lettre(L.T_REFERENTIEL, "Catégorie")
    C.nommer_plage(ws, "L_CATEGORIES", f"{cat}{premiere}:{cat}{derniere}")

    ligne = ecrire_textes(ws, derniere + 2) + 2
    ligne = equivalences.ecrire_table(ws, ligne) + 2
    C.section(ws, ligne, "Sources", 9)
    for s in ref.sources.values():
        ligne += 1
        ws.cell(ligne, 1, f"{s.court} {s.annee}").style = S.LIBELLE
        ws.cell(ligne, 2, f"{s.titre} – {s.lien} – licence {s.licence}").style = S.TEXTE
        C.fusionner(ws, start_row=ligne, start_column=2, end_row=ligne, end_column=9)
    ws.freeze_panes = "B11"
    C.impression(ws, paysage=True, titres="10:10")
    C.proteger(ws)


def ecrire_listes(ws: Worksheet, ctx: Contexte) -> None:
    dem = referentiel.load().demarche
    listes = {
        "L_FILIERES": tuple(f.libelle for f in dem.filieres_deee),
        "L_PERIMETRE_ORGANISATION": dem.perimetre.organisation,
        "L_PERIMETRE_GEOGRAPHIQUE": dem.perimetre.geographie,
        "L_INDICATEURS": tuple(n.nom for n in L.INDICATEURS_SUIVIS),
        "L_TYPES_PRODUIT": L.TYPES_PRODUIT,
    }
    assert tuple(listes) == L.LISTES_NOMMEES[1:], "Listes sheet and contract disagree"  # L_CATEGORIES: Référentiel
    for i, (nom, valeurs) in enumerate(listes.items(), start=1):
        lettre = chr(ord("A") + i - 1)
        ws.cell(1, i, nom)
        for j, v in enumerate(valeurs, start=2):
            ws.cell(j, i, v)
        C.nommer_plage(ws, nom, f"{lettre}2:{lettre}{len(valeurs) + 1}")
        ws.column_dimensions[lettre].width = 50
    ws.sheet_state = "hidden"
    C.proteger(ws)


def ecrire_xlwings_conf(ws: Worksheet, ctx: Contexte) -> None:
    """Settings for the classic xlwings add-in: the UDF module of nr_workbook (hidden; overrides the add-in's)."""
    ws["A1"], ws["B1"] = "UDF Modules", "nr_udfs"
    ws["A2"], ws["B2"] = "Show Console", False
    ws.column_dimensions["A"].width = 20
    ws.sheet_state = "hidden"
