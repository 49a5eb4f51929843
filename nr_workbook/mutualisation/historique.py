"""Reading the mutualisateur's warehouse back: a member's series, an indicator's series over all members, a summary
(`nr-workbook historique`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.mutualisation.entrepot import ENTREPOT, INDICATEURS_TEXTE, TABLE

# Shown for a member when no indicator is asked for.
CLES = ("NR_SCORE_GLOBAL", "NR_EMPREINTE_KGCO2E_PAR_AGENT_AN", "NR_EQUIPEMENTS_PAR_AGENT", "NR_DEEE_T_PAR_AGENT_AN",
        "NR_PART_RECONDITIONNE", "NR_NB_LEVIERS_RETENUS")


def chemin_entrepot(chemin: Path) -> Path:
    """The warehouse file: the path itself, or `entrepot.duckdb` in the folder given."""
    fichier = chemin / ENTREPOT if chemin.is_dir() else chemin
    if not fichier.exists():
        raise FichierInvalide(f"Entrepôt introuvable : {fichier} (il est créé par « nr-workbook consolider », à côté "
                              "du classeur de consolidation).")
    return fichier


def indicateur(nom: str) -> str:
    """An output name, case-insensitive, or a French error listing the names."""
    noms = {n.nom.casefold(): n.nom for n in L.SORTIES}
    if nom.casefold() not in noms:
        raise FichierInvalide(f"indicateur inconnu « {nom} » ; indicateurs : {', '.join(n.nom for n in L.SORTIES)}.")
    return noms[nom.casefold()]


def _requete(entrepot: Path, sql: str, *parametres) -> pd.DataFrame:
    import duckdb

    try:
        con = duckdb.connect(str(chemin_entrepot(entrepot)), read_only=True)
    except duckdb.Error as e:
        raise FichierInvalide(f"{entrepot} n'est pas un entrepôt lisible ({e}).") from e
    try:
        return con.execute(sql, list(parametres)).df()
    finally:
        con.close()


def toutes_les_lignes(entrepot: Path) -> list[dict]:
    """Every (member, year) row of the warehouse, as dicts (identity columns, then the indicators)."""
    df = _requete(entrepot, f"SELECT * FROM {TABLE} ORDER BY annee, code_insee")
    return [{k: _py(v) for k, v in r.items()} for r in df.to_dict("records")]


def resume(entrepot: Path) -> pd.DataFrame:
    """Per year: members, median global score, latest consolidation date."""
    return _requete(entrepot, f"SELECT annee AS \"Année\", count(*) AS \"Adhérents\", "
                              f"median(NR_SCORE_GLOBAL) AS \"Score global médian\", "
                              f"max(consolide_le) AS \"Dernière consolidation\" FROM {TABLE} GROUP BY 1 ORDER BY 1")


def serie_adherent(entrepot: Path, insee: str, noms: list[str] | None = None) -> pd.DataFrame:
    """One member's values year by year (one row per indicator and year), with that year's median over all members
    (the most frequent value for a text indicator)."""
    cols = noms or list(CLES)
    valeurs = ", ".join(f"t.{c} AS {c}" for c in cols)
    reperes = ", ".join(f"{'mode' if c in INDICATEURS_TEXTE else 'median'}({c}) AS {c}" for c in cols)
    large = _requete(entrepot, f"SELECT annee, collectivite, {valeurs} FROM {TABLE} t WHERE code_insee = ? "
                               "ORDER BY annee", str(insee))
    if large.empty:
        raise FichierInvalide(f"aucune année pour le code INSEE {insee} dans l'entrepôt.")
    m = _requete(entrepot, f"SELECT annee, {reperes} FROM {TABLE} GROUP BY annee").set_index("annee")
    lignes = [{"Indicateur": c, "Année": int(r["annee"]), "Collectivité": r["collectivite"], "Valeur": _py(r[c]),
               "Repère des adhérents": _py(m.loc[r["annee"], c])} for c in cols for r in large.to_dict("records")]
    return pd.DataFrame(lignes, columns=["Indicateur", "Année", "Collectivité", "Valeur", "Repère des adhérents"])


def _py(v):
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def serie_indicateur(entrepot: Path, nom: str) -> pd.DataFrame:
    """An indicator over all members, year by year: count, quartiles, median (for text: the count of each value)."""
    if nom in INDICATEURS_TEXTE:
        return _requete(entrepot, f"SELECT annee AS \"Année\", {nom} AS \"Valeur\", count(*) AS \"Adhérents\" "
                                  f"FROM {TABLE} GROUP BY 1, 2 ORDER BY 1, 3 DESC")
    return _requete(entrepot, f"SELECT annee AS \"Année\", count({nom}) AS \"Adhérents\", "
                              f"quantile_cont({nom}, 0.25) AS \"1er quartile\", median({nom}) AS \"Médiane\", "
                              f"quantile_cont({nom}, 0.75) AS \"3e quartile\" FROM {TABLE} GROUP BY 1 ORDER BY 1")
