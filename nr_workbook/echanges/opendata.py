"""Every indicator as open data: one row per collectivité, year and indicator (long format), with a Frictionless
Data Package (`datapackage.json`) whose Table Schema we write, modelled on the closest published schema,
`etalab/schema-impact-service-public-numerique` (indicator, value, unit, is-target, INSEE code…; Licence Ouverte
2.0). No schema on schema.data.gouv.fr covers a collectivité's responsible-IT indicators yet.

The source is one workbook (its outputs computed by the engine, an older template migrated in memory) or the
warehouse of a consolidation (every member, every year). The file is validated by frictionless against the
schema before it is written; a row the schema refuses is left out and said so (row, field, rule).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.echanges.table_schema import erreurs

FICHIER = "indicateurs.csv"
PAQUET = "datapackage.json"
CIBLES = {"NR_OBJECTIF_REEMPLOI_REFORME", "NR_MINIMUM_ACHATS_REEMPLOI_INFO"}  # the texts' figures: targets
# numeric outputs (the everyday equivalents are words for the élus, not indicators)
INDICATEURS = tuple(n for n in L.SORTIES if n.format is not None and n.nom not in L.NOMS_EQUIVALENCES)
_OUI_NON = {"trueValues": ["true"], "falseValues": ["false"]}


def _champ(nom: str, type_: str, description: str, requis: bool = True, **contraintes: Any) -> dict[str, Any]:
    return {"name": nom, "type": type_, "description": description,
            "constraints": {"required": requis, **contraintes}}


def schema() -> dict[str, Any]:
    """The Table Schema of the indicators (written by us; field names and types after etalab's long format)."""
    return {
        "fields": [
            _champ("collectivite", "string", "Nom officiel de la collectivité."),
            _champ("code_insee", "string", "Code INSEE de la commune, ou SIREN de l'EPCI.", False,
                   pattern=r"^(\d{5}|2[AB]\d{3}|\d{9})$"),
            _champ("siret", "string", "SIRET de la collectivité (14 chiffres).", False, pattern=r"^\d{14}$"),
            _champ("annee", "year", "Année du diagnostic."),
            _champ("indicateur", "string", "Code de l'indicateur (contrat des classeurs nr_workbook).",
                   enum=[n.nom for n in INDICATEURS]),
            _champ("libelle", "string", "Libellé de l'indicateur."),
            _champ("valeur", "number", "Valeur de l'indicateur (les parts en pourcentage, de 0 à 100)."),
            _champ("unite", "string", "Unité de mesure.", False),
            {**_champ("est_cible", "boolean", "Vrai pour un objectif ou un minimum réglementaire, faux pour une "
                      "valeur mesurée."), **_OUI_NON},
            _champ("source", "string", "Outil, modèle de classeur et fichier d'où vient la valeur."),
            _champ("commentaires", "string", "Précision sur la valeur (base de calcul…).", False),
        ],
        "primaryKey": ["collectivite", "annee", "indicateur"],
        "missingValues": [""],
    }


@dataclass
class Export:
    lignes: list[dict[str, Any]] = field(default_factory=list)
    refus: list[str] = field(default_factory=list)


def _valeur(n: L.Nom, v: Any) -> float | None:
    if not isinstance(v, (int, float)) or isinstance(v, bool) or v != v:  # None, text, NaN
        return None
    return round(float(v) * 100, 10) if n.format == L.F_POURCENT else float(v)


def _texte(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None or v != v else str(v).strip()


def lignes_de(identite: Mapping[str, Any], valeurs: Mapping[str, Any], source: str) -> list[dict[str, Any]]:
    """The long rows of one collectivité and year: identity (collectivite, code_insee, siret, annee), outputs."""
    out = []
    for n in INDICATEURS:
        v = _valeur(n, valeurs.get(n.nom))
        if v is None:
            continue
        commentaire = ""
        if n.nom == "NR_DEEE_T_PAR_AGENT_AN" and valeurs.get("NR_DEEE_SOURCE"):
            commentaire = f"Base : {valeurs['NR_DEEE_SOURCE']}."
        out.append({"collectivite": _texte(identite.get("collectivite")), "code_insee": _texte(identite.get(
            "code_insee")), "siret": _texte(identite.get("siret")), "annee": _texte(identite.get("annee")),
            "indicateur": n.nom, "libelle": n.libelle, "valeur": v, "unite": n.unite,
            "est_cible": n.nom in CIBLES, "source": source, "commentaires": commentaire})
    return out


def depuis_classeur(d: Any, fichier: str) -> list[dict[str, Any]]:
    from nr_workbook.engine.sorties import indicateurs

    noms = d.noms
    identite = {"collectivite": noms.get("NR_COLLECTIVITE"), "code_insee": noms.get("NR_CODE_INSEE"),
                "siret": noms.get("NR_SIRET"), "annee": noms.get("NR_ANNEE_REFERENCE")}
    modele = noms.get("NR_VERSION_MODELE") or VERSION_MODELE
    return lignes_de(identite, indicateurs(d), f"Classeur {fichier} (nr_workbook, modèle {modele})")


def depuis_entrepot(lignes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """From the warehouse's rows (one per member and year, columns of `mutualisation/entrepot.py`)."""
    out = []
    for r in lignes:
        identite = {"collectivite": r.get("collectivite"), "code_insee": r.get("code_insee"),
                    "siret": r.get("siret"), "annee": r.get("annee")}
        out += lignes_de(identite, r, f"Consolidation nr_workbook (modèle {r.get('version_modele') or '?'}, "
                                      f"classeur {r.get('fichier') or '?'})")
    return out


def _nombre(v: float) -> str:
    return repr(v) if not v.is_integer() else str(int(v))


def en_csv(lignes: list[dict[str, Any]]) -> str:
    tampon = io.StringIO()
    w = csv.writer(tampon, lineterminator="\r\n")
    noms = [f["name"] for f in schema()["fields"]]
    w.writerow(noms)
    for ligne in lignes:
        w.writerow([_nombre(v) if isinstance(v, float) else ("true" if v else "false") if isinstance(v, bool)
                    else v for v in (ligne[n] for n in noms)])
    return tampon.getvalue()


def _erreurs(texte: str) -> list[tuple[int | None, str]]:
    return [(e.ligne, f"champ « {e.champ} » : {e.message}") for e in erreurs(texte, schema())]


def preparer(lignes: list[dict[str, Any]]) -> Export:
    """Validate with frictionless; rows it refuses are left out (and said so), the rest validated again."""
    exp = Export(list(lignes))
    erreurs = _erreurs(en_csv(exp.lignes))
    if erreurs:
        mauvaises = {n for n, _ in erreurs if n}
        exp.refus = [f"ligne {n} ({exp.lignes[n - 2]['collectivite'] or '?'}, {exp.lignes[n - 2]['indicateur']}) – "
                     f"{m}" if n and 2 <= n <= len(exp.lignes) + 1 else m for n, m in erreurs]
        exp.lignes = [x for i, x in enumerate(exp.lignes, start=2) if i not in mauvaises]
        if _erreurs(en_csv(exp.lignes)):
            raise ValueError("les données ne respectent pas le schéma des indicateurs")
    return exp


def paquet(lignes: int, titre: str) -> dict[str, Any]:
    """The Data Package descriptor (Frictionless), the resource's schema inline."""
    from nr_workbook.classeur.archive import date_des_documents  # SOURCE_DATE_EPOCH: reproducible files

    aujourdhui = date_des_documents().strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "name": "indicateurs-numerique-responsable",
        "title": titre,
        "description": "Indicateurs de la stratégie numérique responsable (loi REEN, méthode de l'ANCT), une ligne "
                       "par collectivité, année et indicateur, produits par nr_workbook.",
        "licenses": [{"name": "etalab-2.0", "title": "Licence Ouverte 2.0",
                      "path": "https://spdx.org/licenses/etalab-2.0.html"}],
        "sources": [{"title": "Modèle de schéma : etalab/schema-impact-service-public-numerique",
                     "path": "https://github.com/etalab/schema-impact-service-public-numerique"}],
        "created": aujourdhui,
        "resources": [{"name": "indicateurs", "path": FICHIER, "format": "csv", "mediatype": "text/csv",
                       "encoding": "utf-8", "profile": "tabular-data-resource",
                       "description": f"{lignes} valeur(s) d'indicateurs.", "schema": schema()}],
    }


def ecrire(exp: Export, dossier: Path, titre: str) -> list[Path]:
    dossier.mkdir(parents=True, exist_ok=True)
    donnees, descripteur = dossier / FICHIER, dossier / PAQUET
    donnees.write_text(en_csv(exp.lignes), encoding="utf-8", newline="")
    descripteur.write_text(json.dumps(paquet(len(exp.lignes), titre), ensure_ascii=False, indent=2) + "\n",
                           encoding="utf-8")
    return [donnees, descripteur]
