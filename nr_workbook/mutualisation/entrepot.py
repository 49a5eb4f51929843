"""The mutualisateur's history: every consolidated year of every member in an embedded DuckDB warehouse.

One row per (code INSEE, year): consolidating the same year again replaces its rows, never duplicates them. After
each run the whole warehouse is also written as hive-partitioned Parquet (`annee=2026/…`), so that a regional or
national consolidation reads it as-is with DuckDB (`read_parquet('…/**/*.parquet', hive_partitioning = true)`),
pandas, Spark or any Parquet engine. The table `adherents` holds identity columns then one column per indicator
(the contract's output names); a template that adds an indicator adds a column.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.mutualisation.consolidation import code_insee

ENTREPOT = "entrepot.duckdb"
PARQUET = "entrepot-parquet"
TABLE = "adherents"
# identity columns: (warehouse column, consolidation column, SQL type)
IDENTITE = (("code_insee", "Code INSEE", "VARCHAR"), ("annee", "Année", "INTEGER"),
            ("collectivite", "Collectivité", "VARCHAR"), ("population", "Population", "DOUBLE"),
            ("agents", "Agents", "DOUBLE"), ("parcours", "Parcours", "VARCHAR"),
            ("version_modele", "Version du modèle", "VARCHAR"), ("tranche", "Tranche", "VARCHAR"),
            ("leviers_retenus", "Leviers retenus", "VARCHAR"), ("fichier", "Fichier", "VARCHAR"),
            ("siret", "SIRET", "VARCHAR"))
INDICATEURS_TEXTE = {n.nom for n in L.SORTIES if n.format is None}


@dataclass
class Versement:
    """What one consolidation put into the warehouse."""

    entrepot: Path
    parquet: Path
    lignes: int = 0  # (member, year) rows written or replaced
    remplacees: int = 0  # of which already there (the same year consolidated again)
    annees: list[int] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)


def _type(nom: str) -> str:
    return "VARCHAR" if nom in INDICATEURS_TEXTE else "DOUBLE"


def _connexion(chemin: Path):
    import duckdb

    chemin.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(chemin))
    colonnes = [f"{c} {t}" for c, _, t in IDENTITE] + [f"{n.nom} {_type(n.nom)}" for n in L.SORTIES]
    con.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} ({', '.join(colonnes)}, consolide_le TIMESTAMP, "
                "PRIMARY KEY (code_insee, annee))")
    presentes = {r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns "
                                           f"WHERE table_name = '{TABLE}'").fetchall()}
    for c, _, t in IDENTITE:  # an identity column of a newer version (siret): empty for the years before
        if c not in presentes:
            con.execute(f"ALTER TABLE {TABLE} ADD COLUMN {c} {t}")
    for n in L.SORTIES:  # a newer template's indicator: a new column, empty for the years before
        if n.nom not in presentes:
            con.execute(f"ALTER TABLE {TABLE} ADD COLUMN {n.nom} {_type(n.nom)}")
    return con


def _annee(v: Any) -> int | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1990 <= v <= 2200:
        return int(v)
    return None


def preparer(lignes: pd.DataFrame) -> tuple[pd.DataFrame, list[Anomalie]]:
    """The consolidation's rows as warehouse rows: keyed by (INSEE code, year), first file of a key kept."""
    anomalies, sortie, vus = [], [], set()
    maintenant = dt.datetime.now().replace(microsecond=0)
    for ligne in lignes.to_dict("records"):
        code, annee = code_insee(_propre(ligne.get("Code INSEE"))), _annee(_propre(ligne.get("Année")))
        if not code or annee is None:
            manque = "code INSEE" if not code else "année du diagnostic"
            anomalies.append(Anomalie("historique-incomplet", f"{manque} absent(e) : non versé dans l'historique.",
                                      fichier=ligne.get("Fichier", "")))
            continue
        if (code, annee) in vus:
            continue  # reported by the consolidation (insee-en-double)
        vus.add((code, annee))
        out = {c: _propre(ligne.get(src)) for c, src, _ in IDENTITE}
        out.update(code_insee=code, annee=annee)
        for n in L.SORTIES:
            v = _propre(ligne.get(n.nom))
            out[n.nom] = (str(v) if v is not None else None) if n.nom in INDICATEURS_TEXTE else (
                float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None)
        out["consolide_le"] = maintenant
        sortie.append(out)
    colonnes = [c for c, _, _ in IDENTITE] + [n.nom for n in L.SORTIES] + ["consolide_le"]
    df = pd.DataFrame(sortie, columns=colonnes)
    for c, _, t in IDENTITE:
        if t == "VARCHAR":
            df[c] = df[c].map(lambda v: None if v is None else str(v)).astype(object)
    return df, anomalies


def _propre(v: Any) -> Any:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def verser(lignes: pd.DataFrame, dossier: Path, entrepot: Path | None = None) -> Versement:
    """Upsert a consolidation into the warehouse (`dossier/entrepot.duckdb` unless given), then rewrite the Parquet
    export beside it."""
    chemin = entrepot or dossier / ENTREPOT
    v = Versement(chemin, chemin.parent / PARQUET)
    df, v.anomalies = preparer(lignes)
    con = _connexion(chemin)
    try:
        if len(df):
            con.register("nouvelles", df)
            v.remplacees = con.execute(f"SELECT count(*) FROM {TABLE} t JOIN nouvelles n "
                                       "ON t.code_insee = n.code_insee AND t.annee = n.annee").fetchone()[0]
            colonnes = ", ".join(df.columns)
            con.execute("BEGIN TRANSACTION")
            con.execute(f"DELETE FROM {TABLE} t USING nouvelles n WHERE t.code_insee = n.code_insee "
                        "AND t.annee = n.annee")
            con.execute(f"INSERT INTO {TABLE} ({colonnes}) SELECT {colonnes} FROM nouvelles")
            con.execute("COMMIT")
            con.unregister("nouvelles")
        v.lignes, v.annees = len(df), sorted({int(a) for a in df["annee"]})
        exporter_parquet(con, v.parquet)
    finally:
        con.close()
    return v


def exporter_parquet(con, dossier: Path) -> None:
    """The whole warehouse as hive-partitioned Parquet (one folder per year), replaced as a whole."""
    temporaire = Path(tempfile.mkdtemp(prefix=".parquet-", dir=dossier.parent))
    try:
        if con.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]:
            chemin = str(temporaire).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {TABLE} ORDER BY annee, code_insee) TO '{chemin}' "
                        "(FORMAT PARQUET, PARTITION_BY (annee), OVERWRITE_OR_IGNORE)")
        if dossier.exists():
            shutil.rmtree(dossier)
        temporaire.rename(dossier)
    finally:
        if temporaire.exists():
            shutil.rmtree(temporaire)


def precedentes(entrepot: Path, cles: list[tuple[str, int]]) -> pd.DataFrame:
    """Warehouse rows of the year before each (INSEE code, year) given."""
    import duckdb

    if not cles or not entrepot.exists():
        return pd.DataFrame()
    con = duckdb.connect(str(entrepot), read_only=True)
    try:
        demandes = pd.DataFrame(cles, columns=["code_insee", "annee"])
        con.register("demandes", demandes)
        return con.execute(f"SELECT t.* FROM {TABLE} t JOIN demandes d ON t.code_insee = d.code_insee "
                           "AND t.annee = d.annee - 1").df()
    finally:
        con.close()
