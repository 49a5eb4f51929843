"""Write a consolidation: workbook (members, anomalies, comparison by population band, positions, levers and a
chart), plus the members table as CSV and Parquet for other tools."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.cells import ecrire
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import ENTETES_FEUILLE, ligne_feuille
from nr_workbook.echanges.csv_sur import tableau
from nr_workbook.mutualisation.consolidation import Consolidation, code_insee
from nr_workbook.mutualisation.evolution import formats
from nr_workbook.mutualisation.obligations import FORMATS as FORMATS_OBLIGATIONS

_LARGES = ("Fichier", "Collectivité", "Leviers retenus", "Lieu", "Message", "Levier", "Tranche")


def _feuille(wb: Workbook, titre: str, df: pd.DataFrame, table: str, note: str = "",
            formats_colonnes: dict[str, str] | None = None) -> None:
    ws = wb.create_sheet(titre)
    ws["A1"] = titre
    ws["A1"].style = S.TITRE
    if note:
        ws["A2"] = note
        ws["A2"].style = S.NOTE
        C.fusionner(ws, f"A2:{get_column_letter(max(len(df.columns), 6))}2")
    entete = 4
    formats = [(formats_colonnes or {}).get(h) or (L.NOMS_PAR_NOM[h].format if h in L.NOMS_PAR_NOM else None)
               for h in df.columns]
    for j, h in enumerate(df.columns, start=1):
        ws.cell(entete, j, str(h)).style = S.entete(wb)
        largeur = 34 if h in _LARGES else max(11, min(24, len(str(h)) * 0.6 + 4))
        ws.column_dimensions[get_column_letter(j)].width = largeur
    for i, ligne in enumerate(df.itertuples(index=False), start=entete + 1):
        for j, v in enumerate(ligne, start=1):
            cell = ws.cell(i, j)
            ecrire(cell, None if pd.isna(v) else (v.item() if hasattr(v, "item") else v))
            if formats[j - 1]:
                cell.number_format = formats[j - 1]
    fin = entete + max(len(df), 1)
    t = Table(displayName=table, ref=f"A{entete}:{get_column_letter(len(df.columns))}{fin}")
    t.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(t)
    ws.row_dimensions[entete].height = 45
    ws.freeze_panes = f"C{entete + 1}" if len(df.columns) > 4 else f"A{entete + 1}"
    C.impression(ws, paysage=True, titres=f"{entete}:{entete}")
    if len(df.columns) > 12:  # a data table: normal pages, names repeated on each, rather than an unreadable fit
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.print_title_cols = "A:B"


def ecrire_consolidation(c: Consolidation, sortie: Path, evolution: pd.DataFrame | None = None) -> list[Path]:
    """The consolidation workbook, its CSV and Parquet; `evolution`: the « Évolution » sheet's rows (members against
    their previous year in the warehouse)."""
    wb = Workbook()
    wb.properties.title = "Consolidation des diagnostics numérique responsable des adhérents"
    wb.properties.subject = f"{len(c.lignes)} classeur(s) lu(s), {len(c.anomalies)} anomalie(s)"
    S.installer(wb)
    wb.remove(wb.active)
    _feuille(wb, "Adhérents", c.lignes, "T_ADHERENTS",
             "Une ligne par classeur lu ; tous les indicateurs recalculés par le moteur à partir des données.")
    if evolution is not None:
        _feuille(wb, "Évolution", evolution, "T_EVOLUTION_ADHERENTS",
                 "Indicateurs clés de chaque adhérent cette année (N) et l'année précédente (N-1), d'après "
                 "l'historique du mutualisateur (entrepôt) ; vide quand l'historique ne connaît pas l'année N-1.",
                 formats())
    anomalies = pd.DataFrame([ligne_feuille(a) for a in c.anomalies], columns=list(ENTETES_FEUILLE))
    _feuille(wb, "Anomalies", anomalies, "T_ANOMALIES", "Fichiers ignorés et valeurs à corriger (feuille, cellule).")
    _feuille(wb, "Comparaison", c.comparaison(), "T_COMPARAISON",
             "Quartiles et médiane de chaque indicateur, par tranche de population.")
    _feuille(wb, "Positions", c.positions(), "T_POSITIONS",
             "Rang centile (0 à 100) de chaque collectivité dans sa tranche de population, par indicateur.")
    medianes = c.comparaison()
    medianes = medianes[medianes["Indicateur"] == "NR_SCORE_GLOBAL"][["Tranche", "Médiane"]]
    if len(medianes):
        _feuille(wb, "Maturité par tranche", medianes.rename(columns={"Médiane": "Score global médian"}),
                 "T_MATURITE_TRANCHES", "Score global de maturité médian (sur 100) par tranche de population.")
        ws = wb["Maturité par tranche"]
        graphique = BarChart()
        graphique.title = "Score global médian par tranche de population"
        graphique.y_axis.scaling.min, graphique.y_axis.scaling.max = 0, 100
        graphique.add_data(Reference(ws, min_col=2, min_row=4, max_row=4 + len(medianes)), titles_from_data=True)
        graphique.set_categories(Reference(ws, min_col=1, min_row=5, max_row=4 + len(medianes)))
        graphique.height, graphique.width = 10, 18
        C.graphique(ws, graphique, "D4", "Histogramme du score global de maturité médian des adhérents, par tranche "
                    "de population, sur 100.")
    frequents = pd.DataFrame(c.leviers_frequents(), columns=["Levier", "Collectivités l'ayant retenu"])
    _feuille(wb, "Leviers", frequents, "T_LEVIERS_FREQUENTS", "Leviers les plus souvent retenus.")
    if len(frequents):
        ws = wb["Leviers"]
        graphique = BarChart()
        graphique.type = "bar"
        graphique.title = "Leviers les plus souvent retenus"
        graphique.add_data(Reference(ws, min_col=2, min_row=4, max_row=4 + len(frequents)), titles_from_data=True)
        graphique.set_categories(Reference(ws, min_col=1, min_row=5, max_row=4 + len(frequents)))
        graphique.x_axis.scaling.orientation = "maxMin"
        graphique.height, graphique.width = 12, 18
        C.graphique(ws, graphique, "D4", "Barres du nombre de collectivités ayant retenu chacun des leviers les plus "
                    "souvent retenus.")
    if c.membres_obligations:
        _feuille(wb, "Obligations", c.obligations(), "T_OBLIGATIONS_TERRITOIRE",
                 "Par année : taux de réemploi du matériel réformé (décret 2023-266) et part des achats "
                 "informatiques issus du réemploi, du don ou recyclés (loi AGEC art. 58) de l'ensemble des "
                 "adhérents, Σ des numérateurs ÷ Σ des dénominateurs (et non la moyenne de leurs taux), face à "
                 "l'objectif et au minimum des textes ; adhérents qui les atteignent.", FORMATS_OBLIGATIONS)
    sortie.parent.mkdir(parents=True, exist_ok=True)
    enregistrer(wb, sortie)
    chemins = [sortie]
    csv = sortie.with_suffix(".csv")
    tableau(c.lignes).to_csv(csv, sep=";", index=False, encoding="utf-8-sig")
    chemins.append(csv)
    try:
        parquet = sortie.with_suffix(".parquet")
        c.lignes.astype({col: "string" for col in c.lignes.columns if c.lignes[col].dtype == object}).to_parquet(
            parquet, index=False)
        chemins.append(parquet)
    except ImportError:  # pyarrow absent: the CSV still serves
        pass
    return chemins


def consolider_et_historiser(dossier: Path, sortie: Path, entrepot: Path | None = None,
                             processus: int | None = None):
    """Read the returned workbooks, put the year into the warehouse (beside `sortie` unless given), then write the
    consolidation with its « Évolution » sheet. Returns (consolidation, versement, files written)."""
    from nr_workbook.mutualisation.consolidation import consolider
    from nr_workbook.mutualisation.entrepot import precedentes, verser
    from nr_workbook.mutualisation.evolution import evolution_adherents

    c = consolider(dossier, processus)
    versement = verser(c.lignes, sortie.parent, entrepot)
    c.anomalies += versement.anomalies
    cles = [(code, int(a)) for code, a in zip(c.lignes["Code INSEE"].map(code_insee), c.lignes["Année"], strict=True)
            if code and isinstance(a, (int, float)) and not pd.isna(a)]
    evolution = evolution_adherents(c.lignes, precedentes(versement.entrepot, cles))
    return c, versement, ecrire_consolidation(c, sortie, evolution) + ecrire_agec(c, sortie)


def ecrire_agec(c, sortie: Path) -> list[Path]:
    """Every member's AGEC declaration in one file of the official schema (`-agec.csv` beside the consolidation),
    validated by frictionless first: a file the schema refuses is not written, and said so."""
    from nr_workbook.contract.anomalies import Anomalie
    from nr_workbook.echanges.agec import en_csv, valider

    if not c.agec:
        return []
    texte = en_csv(c.agec)
    erreurs = valider(texte)
    if erreurs:
        c.anomalies += [Anomalie("agec", f"déclaration AGEC consolidée non écrite : {e}") for e in erreurs]
        return []
    chemin = sortie.with_name(sortie.stem + "-agec.csv")
    chemin.write_text(texte, encoding="utf-8", newline="")
    return [chemin]
