"""Released template versions and the steps from each to the next, as database migrations do.

A workbook's inputs are read into `Saisies` (names, tables, fiches, cells with no place yet), then every step from
its version to the current one is applied in order; each step is a pure function over `Saisies` in a module named
after the version it leads to (`v1_1_0.py`). `signatures/<version>.json` records each released version's layout
(sheets, input and output names, tables with their columns, fiche fields) and the labels of its input sheets: the
current layout must equal the signature of `VERSION_MODELE` (tests/test_migrations.py), so a layout change without
a version bump and a migration step fails the build.

Adding a version: bump `contract/version.py`, write `vX_Y_Z.py` with `appliquer(saisies, journal)`, add its `Etape`
below, record `signatures/X.Y.Z.json` with `python -m nr_workbook.classeur.signature`, and freeze the filled and blank
workbooks of the version left behind in `tests/donnees/versions/` (see docs/architecture.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.contract.migrations import v1_1_0, v1_2_0, v1_3_0, v1_4_0, v1_5_0, v1_6_0
from nr_workbook.contract.version import VERSION_MODELE


@dataclass
class NonRepris:
    """A value of the old workbook that the new template has no place for, kept with where it was."""

    feuille: str
    cellule: str
    valeur: Any
    raison: str


@dataclass
class Saisies:
    """Every input of a workbook, whatever its version: named cells, input tables, fiches actions."""

    version: str
    noms: dict[str, Any] = field(default_factory=dict)
    lieux: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (sheet, cell) in the old workbook
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows keyed by header, with "_ligne"
    feuilles_tables: dict[str, str] = field(default_factory=dict)  # table -> its sheet in the old workbook
    colonnes_tables: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> header -> old column letter
    fiches: list[dict[str, Any]] = field(default_factory=list)  # FA_* fields and the three tables, "_feuille"
    feuilles_ajoutees: dict[str, list[list[Any]]] = field(default_factory=dict)  # sheets the user added: values
    non_repris: list[NonRepris] = field(default_factory=list)


@dataclass(frozen=True)
class Etape:
    depuis: str
    vers: str
    resume: str
    appliquer: Callable[[Saisies, list[str]], None]


ETAPES: tuple[Etape, ...] = (
    Etape("1.0.0", "1.1.0", "catalogue des leviers, fiches actions, feuille de route et pilotage", v1_1_0.appliquer),
    Etape("1.1.0", "1.2.0", "suivi d'une année sur l'autre et avancement des fiches", v1_2_0.appliquer),
    Etape("1.2.0", "1.3.0", "scénarios chiffrés de la feuille de route", v1_3_0.appliquer),
    Etape("1.3.0", "1.4.0", "classeurs ouverts par Excel sans réparation, quel que soit le nombre de fiches",
          v1_4_0.appliquer),
    Etape("1.4.0", "1.5.0", "obligations légales de l'année : réemploi du matériel réformé, achats (loi AGEC), SIRET",
          v1_5_0.appliquer),
    Etape("1.5.0", "1.6.0", "l'empreinte et le gain du plan en équivalents parlants (ADEME Impact CO2)",
          v1_6_0.appliquer),
)
DOSSIER_SIGNATURES = Path(__file__).parent / "signatures"
VERSIONS = tuple(dict.fromkeys([e.depuis for e in ETAPES] + [e.vers for e in ETAPES] + [VERSION_MODELE]))


class VersionInconnue(ValueError):
    """A template version this code does not know (French message)."""


def cle_version(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(version).split("."))
    except ValueError as e:
        raise VersionInconnue(f"version du modèle illisible « {version} ».") from e


def etapes(depuis: str) -> list[Etape]:
    """The steps from a released version to the current one (none for the current version)."""
    depuis = str(depuis)
    if depuis not in VERSIONS:
        plus_recente = cle_version(depuis) > cle_version(VERSION_MODELE)
        raise VersionInconnue(
            f"modèle {depuis} inconnu : " + ("plus récent que cet outil (modèle " + VERSION_MODELE + ") : mettez "
                                             "nr-workbook à jour." if plus_recente else
                                             f"versions connues : {', '.join(VERSIONS)}."))
    out, v = [], depuis
    while v != VERSION_MODELE:
        etape = next(e for e in ETAPES if e.depuis == v)
        out.append(etape)
        v = etape.vers
    return out


def migrer(saisies: Saisies) -> list[str]:
    """Apply every step from the inputs' version to the current one; returns the journal (French)."""
    journal: list[str] = []
    for etape in etapes(saisies.version):
        journal.append(f"Modèle {etape.depuis} → {etape.vers} : {etape.resume}.")
        etape.appliquer(saisies, journal)
        saisies.version = etape.vers
    return journal


def signature_actuelle() -> dict[str, Any]:
    """The current layout, as recorded in signatures/<version>.json (labels apart)."""
    return {
        "feuilles": list(L.FEUILLES),
        "entrees": [n.nom for n in L.ENTREES],
        "sorties": [n.nom for n in L.SORTIES],
        "tables": {t.nom: {"feuille": t.feuille, "colonnes": list(t.entetes),
                           "calculees": [c.entete for c in t.colonnes if c.calculee]} for t in L.TABLES},
        "champs_fiche": [c[0] for c in L.CHAMPS_FICHE],
        "tables_fiche": {k: list(t.entetes) for k, t in L.tables_fiche("X").items()},
    }


@cache
def signature(version: str) -> dict[str, Any]:
    """The recorded layout of a released version."""
    fichier = DOSSIER_SIGNATURES / f"{version}.json"
    if not fichier.is_file():
        raise VersionInconnue(f"modèle {version} : aucune description enregistrée.")
    return json.loads(fichier.read_text(encoding="utf-8"))
