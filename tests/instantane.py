"""Snapshot of every output of the example, recorded before a refactoring and compared after it.

Outputs are produced through the public entry points only (`nr-workbook` commands, `build_workbook.py`, the
ribbon actions on a replayed book, the Office.js server's routes) and reduced to plain JSON: each workbook's
sheets, cell values and formulas, number formats, locks, names, tables, validations, conditional formats, merges
and charts; the command-line JSON; the COPIL deck's text and the PDF's text; the TeT export; a small lot and its
consolidation (xlsx, CSV, Parquet). What changes at every run (today's date, timestamps) is masked.

    python -m tests.instantane             # compare the current outputs with the recorded ones
    python -m tests.instantane --ecrire    # record them (only for a deliberate, explained behaviour change)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

from openpyxl import load_workbook  # noqa: E402
from openpyxl.worksheet.formula import ArrayFormula  # noqa: E402

RACINE = Path(__file__).resolve().parents[1]
DOSSIER = Path(__file__).resolve().parent / "donnees" / "instantane"
ANNEE = "2026"

_COLLECTIVITE = {"nom": "Commune de Lézat-le-Vieux", "code_insee": "31998", "population": 4200, "nb_agents": 58,
                 "annee_reference": 2026, "a_une_dsi": False}
# A messy inventory as users have them: BOM, Windows line ends, French numbers, unknown column, bad rows.
_INVENTAIRE = (
    "\ufeffCatégorie;Modèle;Quantité;Année d'acquisition;Statut;Reconditionné;Poids unitaire (kg);"
    "Conso (kWh/an);Service;Colonne inconnue\r\n"
    "Ordinateur portable;Dell Latitude 5430;24;2022;En service;Non;1,8;;Mairie;x\r\n"
    "ordinateur fixe;HP ProDesk;12;2019;en service;oui;;;Accueil;\r\n"
    "Écran;Iiyama 24;30;2020;;Non;;;Tous services;\r\n"
    "Imprimante;Brother;-2;2018;En service;Non;;;Tous services;\r\n"
    "Tablette;iPad;3;2031;En service;Non;;;Élus;\r\n"
    "Grille-pain;Inconnu;1;2020;En service;Non;;;Cuisine;\r\n"
    "Serveur;Dell R250;2;2021;En service;Non;;850;DSI;\r\n"
    "Smartphone;Galaxy;6;2017;Réformé;Non;;;Astreinte;\r\n"
    "Écran;=HYPERLINK(\"x\");2;2020;En service;Non;;;Accueil;\r\n"
)
_ADHERENTS = (
    "nom;code_insee;population;nb_agents;a_une_dsi;parcours;contact\n"
    "Commune de Sainte-en-Save;98001;162;2;non;;mairie1@exemple.fr\n"
    "Commune de Font-la-Neste;98004;4883;93;non;;mairie4@exemple.fr\n"
    "Communauté de communes du Val;200012345;28000;310;oui;Complet;dsi@cc-val.example\n"
    ";98005;300;3;non;;\n"
    "Commune de Pont-sur-Aude;98006;-5;3;non;;\n"
    "Commune de Mas-les-Rance;98007;1250;14;non;Flash;\n"
)


# --- Reducing files to plain JSON -------------------------------------------------------------------------------
def _valeur(v: Any) -> Any:
    if isinstance(v, ArrayFormula):
        return {"matrice": v.ref, "formule": v.text}
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return {"date": v.isoformat()}
    if hasattr(v, "text") and not isinstance(v, str):  # DataTableFormula and the like
        return {"formule": str(v.text)}
    return v


def _graphique(ch) -> str:
    return ET.tostring(ch._write(), encoding="unicode")


def contenu_classeur(chemin: Path) -> dict[str, Any]:
    """Everything a person or a program sees in a workbook, but cached results and the styles of empty cells."""
    wb = load_workbook(chemin)
    feuilles = {}
    for ws in wb.worksheets:
        cellules = {}
        for ligne in ws.iter_rows():
            for c in ligne:
                if c.value is None:
                    continue
                e: dict[str, Any] = {"v": _valeur(c.value)}
                if c.number_format != "General":
                    e["format"] = c.number_format
                if ws.protection.sheet and not c.protection.locked:
                    e["ouverte"] = True
                cellules[c.coordinate] = e
        feuilles[ws.title] = {
            "etat": ws.sheet_state,
            "protegee": bool(ws.protection.sheet),
            "volets": ws.freeze_panes,
            "cellules": cellules,
            "tables": {t.displayName: {"plage": t.ref, "colonnes": [c.name for c in t.tableColumns],
                                       "calculs": [c.calculatedColumnFormula.attr_text
                                                   if c.calculatedColumnFormula is not None else None
                                                   for c in t.tableColumns]}
                       for t in ws.tables.values()},
            "validations": sorted([str(dv.sqref), dv.type or "", dv.formula1 or "", dv.formula2 or "",
                                   dv.operator or "", dv.error or "", dv.prompt or "", bool(dv.allow_blank)]
                                  for dv in ws.data_validations.dataValidation),
            "formats_conditionnels": sorted(
                [str(cf.sqref), r.type or "", r.operator or "", list(r.formula or []), r.stopIfTrue or False]
                for cf in ws.conditional_formatting for r in cf.rules),
            "fusions": sorted(str(m) for m in ws.merged_cells.ranges),
            "noms_locaux": {n: dn.attr_text for n, dn in ws.defined_names.items()},
            "graphiques": [_graphique(ch) for ch in ws._charts],
            "zone_impression": ws.print_area,
        }
    return {"ordre": wb.sheetnames, "noms": {n: dn.attr_text for n, dn in wb.defined_names.items()},
            "feuilles": feuilles}


def texte_diaporama(chemin: Path) -> list[dict[str, Any]]:
    from pptx import Presentation

    diapos = []
    for s in Presentation(str(chemin)).slides:
        textes, images = [], 0
        for forme in s.shapes:
            if forme.shape_type == 13:  # picture
                images += 1
            if forme.has_text_frame:
                textes.append(forme.text_frame.text)
            if getattr(forme, "has_table", False) and forme.has_table:
                textes.append([[c.text for c in r.cells] for r in forme.table.rows])
        diapos.append({"textes": textes, "images": images})
    return diapos


def texte_pdf(chemin: Path) -> list[str] | None:
    """Text of each page (poppler's pdftotext), None when pdftotext is absent (never under CI=true)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI", "").lower() == "true":
            raise RuntimeError("pdftotext (poppler-utils) est requis sous CI=true")
        return None
    res = subprocess.run(["pdftotext", "-layout", str(chemin), "-"], capture_output=True, text=True, check=True)
    return [re.sub(r"[ \t]+", " ", p).strip() for p in res.stdout.split("\f") if p.strip()]


def _masquer(x: Any) -> Any:
    """Today's date and clock times, which change at every run."""
    if isinstance(x, dict):
        return {k: _masquer(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_masquer(v) for v in x]
    if isinstance(x, str):
        x = x.replace(dt.date.today().strftime("%d/%m/%Y"), "<AUJOURD'HUI>")
        return re.sub(r"\b\d{2}:\d{2}:\d{2}\b", "<HEURE>", x)
    return x


def _json(x: Any) -> Any:
    """Through JSON and back (tuples as lists, keys as text), as it is stored."""
    return json.loads(json.dumps(x, ensure_ascii=False, sort_keys=True, default=str))


# --- Producing the outputs through the entry points ------------------------------------------------------------
def _cli(*args: str) -> dict[str, Any]:
    from typer.testing import CliRunner

    from nr_workbook.cli import app

    res = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return {"code": res.exit_code, "sortie": res.stdout}


def _modeles(d: Path) -> dict[str, Any]:
    sys.path.insert(0, str(RACINE))
    import build_workbook

    out = {}
    for nom, fabrique in build_workbook.classeurs().items():
        fabrique().save(d / nom)
        out[f"modeles/{nom}"] = contenu_classeur(d / nom)
    return out


def _commandes(d: Path) -> dict[str, Any]:
    exemple = d / "exemple-rempli.xlsx"
    out: dict[str, Any] = {}
    for commande in ("indicateurs", "verifier"):
        r = _cli(commande, str(exemple), "--json")
        out[f"cli/{commande}.json"] = {"code": r["code"], "sortie": json.loads(r["sortie"])}
    (d / "commune.json").write_text(json.dumps(_COLLECTIVITE, ensure_ascii=False), encoding="utf-8")
    (d / "parc.csv").write_bytes(_INVENTAIRE.encode("utf-8"))
    r = _cli("build", "-o", str(d / "commune.xlsx"), "--collectivite", str(d / "commune.json"),
             "--inventaire", str(d / "parc.csv"))
    out["cli/build"] = {"code": r["code"], "classeur": contenu_classeur(d / "commune.xlsx")}
    r = _cli("build", "-o", str(d / "commune.xlsx"), "--collectivite", str(d / "commune.json"))
    out["cli/build-existant"] = {"code": r["code"]}
    r = _cli("indicateurs", str(d / "commune.xlsx"), "--json")
    out["cli/build-indicateurs.json"] = json.loads(r["sortie"])
    r = _cli("copil", str(exemple), "-o", str(d / "copil"))
    out["copil"] = {"code": r["code"], "diaporama": texte_diaporama(d / "copil" / "copil-exemple-rempli.pptx"),
                    "synthese": texte_pdf(d / "copil" / "synthese-exemple-rempli.pdf")}
    r = _cli("export-tet", str(exemple), "-o", str(d / "tet.xlsx"))
    out["export-tet"] = {"code": r["code"], "classeur": contenu_classeur(d / "tet.xlsx")}
    r = _cli("export-numecoeval", str(exemple), "-o", str(d / "numecoeval"))
    out["export-numecoeval"] = {"code": r["code"], **{f.name: f.read_text(encoding="utf-8").splitlines()
                                                      for f in sorted((d / "numecoeval").glob("*.csv"))}}
    imports = Path(__file__).resolve().parent / "donnees" / "imports"
    shutil.copy(d / "nr-diagnostic-flash.xlsx", d / "import.xlsx")
    for source in ("glpi-ordinateurs-fr.csv", "numecoeval/physicalEquipment.csv"):
        r = _cli("importer", str(d / "import.xlsx"), str(imports / source))
        out[f"importer/{source}"] = {"code": r["code"]}
    classeur = contenu_classeur(d / "import.xlsx")
    out["importer/classeur"] = {f: classeur["feuilles"][f] for f in ("Inventaire", "Salles serveurs", "Anomalies")}
    return out


def _mutualisation(d: Path) -> dict[str, Any]:
    (d / "adherents.csv").write_text(_ADHERENTS, encoding="utf-8")
    inventaires = d / "inventaires"
    inventaires.mkdir()
    (inventaires / "98004.csv").write_bytes(_INVENTAIRE.encode("utf-8"))
    lot = d / "lot"
    r = _cli("lot", str(d / "adherents.csv"), "-o", str(lot), "--inventaires", str(inventaires), "--mutualisateur",
             "Syndicat mixte exemple", "--contact", "numerique@smx.example", "--annee", ANNEE)
    out: dict[str, Any] = {"lot/code": r["code"], "lot/fichiers": sorted(p.name for p in lot.iterdir())}
    for p in sorted(lot.glob("*.xlsx")):
        out[f"lot/{p.name}"] = contenu_classeur(p)
    shutil.copy(d / "exemple-rempli.xlsx", lot / "zz-exemple-rempli.xlsx")
    (lot / "illisible.xlsx").write_bytes(b"pas un classeur")
    r = _cli("consolider", str(lot), "-o", str(d / "consolidation.xlsx"))
    import pandas as pd

    out["consolidation"] = {
        "code": r["code"], "classeur": contenu_classeur(d / "consolidation.xlsx"),
        "csv": (d / "consolidation.csv").read_text(encoding="utf-8-sig").splitlines(),
        "parquet": json.loads(pd.read_parquet(d / "consolidation.parquet").to_json(orient="split")),
    }
    return out


def _excel(d: Path) -> dict[str, Any]:
    """The ribbon actions on the example replayed as Office.js sends it, and the Office.js server's routes."""
    import xlwings as xw
    from fastapi.testclient import TestClient

    from nr_workbook.excel.actions import ACTIONS_RUBAN
    from nr_workbook.excel.payload import charge_utile
    from nr_workbook.excel.serveur import creer_app

    out: dict[str, Any] = {}
    for action in ACTIONS_RUBAN:
        if action.fonction in ("nr_recalculer", "nr_controler"):
            book = xw.Book(json=charge_utile(d / "exemple-rempli.xlsx", xw.__version__))
            action.executer(book)
            out[f"ruban/{action.fonction}"] = book.json()["actions"]
    from nr_workbook.excel.addin import construire

    xlam = construire(d / "nr_numerique_responsable.xlam")
    with zipfile.ZipFile(xlam) as z:
        out["complement"] = {nom: z.read(nom).decode("utf-8").replace(str(RACINE), "<RACINE>")
                             for nom in ("customUI/customUI.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml")}
    out.update(_udfs())
    client = TestClient(creer_app())
    for route in ("/manifest.xml", "/xlwings/custom-functions-meta", "/xlwings/custom-functions-code",
                  "/xlwings/custom-scripts-meta", "/commands.js", "/taskpane.html"):
        r = client.get(route)
        out[f"serveur{route}"] = {"statut": r.status_code, "corps": r.text}
    return out


_EXEMPLES_UDF = {
    "NR_SCORE_DIMENSION": ([[1], [2], [None], [3]],),
    "NR_SCORE_GLOBAL": ([[50.0], [""], [25.0]],),
    "NR_PUE": ([[41_600], [5_900]], [[23_500], [3_900]]),
    "NR_DEEE_PAR_AGENT": ([[2023], [2024], [2024]], [[812], [455], [390]], 215),
    "NR_QUADRANT": (4, 2),
    "NR_EMPREINTE": ([["Catégorie", "Modèle", "Quantité", "Statut"], ["Serveur", "R250", 2, "En service"],
                      ["Écran", "P24", 10, "En service"]],
                     [["Catégorie", "Poids unitaire (kg)", "Durée de vie (ans)", "Fabrication (kgCO2e)",
                       "Conso (kWh/an)", "Salle serveur"], ["Serveur", 25, 5, 1200, 1000, "Oui"],
                      ["Écran", 4.5, 8, 300, 40, "Non"]], 0.0461, 1.6),
}


def _udfs() -> dict[str, Any]:
    """The classic add-in's modules (excel/complement/): each function's help, arguments and a sample result; the
    button."""
    import inspect

    from nr_workbook.excel.addin import dossier_complement

    sys.path.insert(0, str(dossier_complement()))
    import nr_numerique_responsable
    import nr_udfs

    fonctions = {}
    for nom, args in _EXEMPLES_UDF.items():
        f = getattr(nr_udfs, nom)
        fonctions[nom] = {"aide": f.__doc__, "arguments": list(inspect.signature(f).parameters),
                          "exemple": f(*args), "erreur": f("texte") if nom != "NR_QUADRANT" else f("a", None)}
    bouton = {feuille: nr_numerique_responsable.action_pour(feuille)[0]
              for feuille in ("Accueil", "Indicateurs", "Leviers", "Matrice", "Feuille de route", "Pilotage")}
    return {"udfs/nr_udfs": fonctions, "udfs/bouton": bouton}


SECTIONS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "modeles": _modeles, "commandes": _commandes, "mutualisation": _mutualisation, "excel": _excel}


def capturer() -> dict[str, dict[str, Any]]:
    """Every section's outputs, produced afresh in a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        out = {}
        for nom, fonction in SECTIONS.items():
            out[nom] = _json(_masquer(fonction(d)))
        return out


def enregistre(nom: str) -> dict[str, Any]:
    with gzip.open(DOSSIER / f"{nom}.json.gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def enregistrer(captures: dict[str, dict[str, Any]]) -> None:
    DOSSIER.mkdir(parents=True, exist_ok=True)
    for nom, contenu in captures.items():
        texte = json.dumps(contenu, ensure_ascii=False, sort_keys=True, indent=1)
        with gzip.GzipFile(DOSSIER / f"{nom}.json.gz", "wb", mtime=0) as f:
            f.write(texte.encode("utf-8"))


def differences(attendu: Any, obtenu: Any, chemin: str = "", limite: int = 30) -> list[str]:
    """Paths where two JSON values differ (at most `limite`), for a readable failure."""
    out: list[str] = []

    def parcourir(a: Any, b: Any, ch: str) -> None:
        if len(out) >= limite:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                if k not in a:
                    out.append(f"{ch}/{k} : ajouté ({_court(b[k])})")
                elif k not in b:
                    out.append(f"{ch}/{k} : disparu ({_court(a[k])})")
                else:
                    parcourir(a[k], b[k], f"{ch}/{k}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                parcourir(x, y, f"{ch}[{i}]")
        elif a != b:
            out.append(f"{ch} : {_court(a)} → {_court(b)}")

    parcourir(attendu, obtenu, chemin)
    return out


def _court(x: Any) -> str:
    t = json.dumps(x, ensure_ascii=False)
    return t if len(t) < 160 else t[:157] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Instantané de toutes les sorties de l'exemple.")
    parser.add_argument("--ecrire", action="store_true", help="enregistrer les sorties actuelles")
    args = parser.parse_args(argv)
    captures = capturer()
    if args.ecrire:
        enregistrer(captures)
        print(f"instantané enregistré dans {DOSSIER}")
        return 0
    ecarts = {nom: differences(enregistre(nom), c) for nom, c in captures.items()}
    for nom, liste in ecarts.items():
        print(f"{nom} : {'identique' if not liste else f'{len(liste)} différence(s)'}")
        for ligne in liste:
            print(f"  {ligne}")
    return 1 if any(ecarts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
