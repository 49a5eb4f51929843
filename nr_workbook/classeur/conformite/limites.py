"""Excel's own limits and the rules it enforces on open, checked on a file's XML as Excel reads it.

LibreOffice computes a formula of 12,000 characters and shows a 579-character typed list; Excel refuses the first
and « repairs » the second away, with every other validation of the sheet. Each rule below is one of Microsoft's
« Spécifications et limites d'Excel » (support.microsoft.com, "Excel specifications and limits"), or a structural
rule whose breach makes Excel repair the file (the repair logs quoted in XlsxWriter #89, PhpSpreadsheet #2688,
ClosedXML #1016); XlsxWriter enforces the same ones where data enters (`worksheet.py`, `workbook.py`).

`verifier_limites(fichier)` returns one `Anomalie` per breach, in French, naming the sheet and the cell.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter

from nr_workbook.classeur.conformite.feuille import cellules, elements_feuille, entetes, longueurs_chaines, tables
from nr_workbook.classeur.conformite.regles import (
    COLONNES,
    FORMATS_CELLULE,
    FORMATS_NOMBRE,
    LIGNES,
    NOM_FEUILLE,
    SERIES_GRAPHIQUE,
    TEXTE_CELLULE,
    Controle,
    Styles,
    _nombre,
    defauts_formule,
    nom_defini_valide,
)
from nr_workbook.classeur.paquet import Paquet, q
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide

_INTERDITS_FEUILLE = set("[]:*?/\\")

# --- Workbook-wide rules ----------------------------------------------------------------------------------------------
def _noms_feuilles(p: Paquet, c: Controle) -> None:
    vus: set[str] = set()
    for f in p.feuilles:
        nom = f.nom
        if not nom.strip():
            c("nom-feuille", "nom de feuille vide.", nom)
        if len(nom) > NOM_FEUILLE:
            c("nom-feuille", f"nom de feuille de {len(nom)} caractères : Excel n'en accepte pas plus de "
                             f"{NOM_FEUILLE}.", nom)
        if _INTERDITS_FEUILLE & set(nom):
            c("nom-feuille", "nom de feuille contenant un caractère interdit par Excel ([ ] : * ? / \\).", nom)
        if nom[:1] == "'" or nom[-1:] == "'":
            c("nom-feuille", "nom de feuille commençant ou finissant par une apostrophe.", nom)
        if nom.casefold() == "history":
            c("nom-feuille", "« History » est un nom de feuille réservé par Excel.", nom)
        if nom.casefold() in vus:
            c("nom-feuille", "deux feuilles portent ce nom (Excel ne distingue pas les majuscules).", nom)
        vus.add(nom.casefold())


def _noms_definis(p: Paquet, c: Controle) -> set[str]:
    feuilles = [f.nom for f in sorted(p.feuilles, key=lambda f: f.position)]
    vus: set[tuple[str, str]] = set()
    for d in p.xml(p.classeur).iter(q("m", "definedName")):
        nom, portee = d.get("name", ""), d.get("localSheetId", "")
        lieu = feuilles[int(portee)] if portee.isdigit() and int(portee) < len(feuilles) else ""
        nu = nom.removeprefix("_xlnm.")
        if not nom.startswith("_xlnm.") and not nom_defini_valide(nu):
            c("nom-defini", f"nom défini « {nom} » non valide pour Excel (lettre ou _ en tête, ni espace ni "
                            "référence de cellule, 255 caractères au plus).", lieu)
        if (portee, nom.casefold()) in vus:
            c("nom-defini", f"nom défini « {nom} » en double.", lieu)
        vus.add((portee, nom.casefold()))
        for type_, message in defauts_formule(d.text or ""):
            c(type_, f"nom défini « {nom} » : {message}", lieu)
    return {n for _, n in vus}


def _styles(p: Paquet, c: Controle) -> Styles:
    partie = p.partie_styles()
    if not partie:
        return Styles(xfs=1)
    racine = p.xml(partie)

    def compte(balise: str, enfant: str) -> int:
        e = racine.find(q("m", balise))
        return 0 if e is None else len(e.findall(q("m", enfant)))

    s = Styles(compte("cellXfs", "xf"), compte("dxfs", "dxf"))
    if s.xfs > FORMATS_CELLULE:
        c("formats-trop-nombreux", f"{_nombre(s.xfs)} formats de cellule : Excel n'en accepte pas plus de "
                                   f"{_nombre(FORMATS_CELLULE)}.")
    perso = {int(n.get("numFmtId", "0")) for n in racine.iter(q("m", "numFmt"))}
    if len(perso) > FORMATS_NOMBRE:
        c("formats-trop-nombreux", f"{len(perso)} formats de nombre personnalisés : Excel n'en garantit pas plus de "
                                   f"{FORMATS_NOMBRE}.")
    tailles = {b: compte(b, e) for b, e in (("fonts", "font"), ("fills", "fill"), ("borders", "border"),
                                              ("cellStyleXfs", "xf"))}
    for groupe in ("cellXfs", "cellStyleXfs"):
        e = racine.find(q("m", groupe))
        for i, xf in enumerate([] if e is None else e.findall(q("m", "xf"))):
            for attr, liste in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders"),
                                ("xfId", "cellStyleXfs")):
                v = xf.get(attr)
                if v is not None and int(v) >= tailles[liste]:
                    c("style-inexistant", f"le format de cellule n° {i} ({groupe}) désigne {attr}={v}, qui "
                                          f"n'existe pas ({tailles[liste]} définis).")
            n = int(xf.get("numFmtId", "0"))
            if n >= 164 and n not in perso:
                c("style-inexistant", f"le format de cellule n° {i} ({groupe}) désigne le format de nombre {n}, "
                                      "qui n'existe pas.")
    return s


def _graphiques(p: Paquet, c: Controle) -> None:
    for partie in sorted(n for n in p.noms if n.startswith("xl/charts/chart") and n.endswith(".xml")):
        series = sum(1 for _ in p.xml(partie).iter(q("c", "ser")))
        if series > SERIES_GRAPHIQUE:
            c("graphique", f"{partie} : {series} séries, Excel n'en accepte pas plus de {SERIES_GRAPHIQUE}.")


def verifier_limites(fichier: Path | bytes | BinaryIO, nom: str = "") -> list[Anomalie]:
    """Every breach of Excel's limits and opening rules in a workbook (.xlsx, .xlsm, .xlam)."""
    try:
        paquet = Paquet(fichier, nom)
    except (zipfile.BadZipFile, OSError) as e:
        raise FichierInvalide(f"{nom or fichier} n'est pas un classeur Excel lisible ({e}).") from e
    with paquet as p:
        c = Controle(Path(p.nom).name if p.nom else "")
        if not p.classeur:
            c("classeur", "ce fichier ne contient pas de classeur Excel.")
            return c.anomalies
        _noms_feuilles(p, c)
        noms = _noms_definis(p, c)
        styles = _styles(p, c)
        chaines = longueurs_chaines(p)
        texte_chaines: list[str] = []

        def chaines_texte() -> list[str]:
            if not texte_chaines:
                texte_chaines.extend("".join(si.itertext()) for si in p.xml(p.partie_chaines()).iter(q("m", "si")))
            return texte_chaines

        tables_vues: set[str] = set()
        for f in p.feuilles:
            if f.partie not in p.noms:
                c("partie-absente", f"la feuille renvoie à la partie {f.partie}, absente du fichier.", f.nom)
                continue
            elements = list(cellules(p.zip.open(f.partie), f.nom, chaines, styles, c))
            fusions = elements_feuille(elements, f.nom, styles, p, f.partie, c)
            tables(p, f.partie, f.nom, entetes(p, f.partie, chaines_texte), fusions, noms, tables_vues, c)
        _graphiques(p, c)
        return c.anomalies


def verifier_limites_csv(chemin: Path) -> list[Anomalie]:
    """A CSV we hand out, as Excel opens it: rows, columns and characters per cell within its grid."""
    import csv

    c = Controle(chemin.name)
    with chemin.open(encoding="utf-8-sig", newline="") as f:
        debut = f.read(4096)
        f.seek(0)
        separateur = ";" if debut.count(";") >= debut.count(",") else ","
        entetes: list[str] = []
        for n, ligne in enumerate(csv.reader(f, delimiter=separateur), start=1):
            if n == 1:
                entetes = ligne
            if n > LIGNES:
                c.anomalies.append(Anomalie("hors-grille", f"plus de {_nombre(LIGNES)} lignes : Excel n'affiche pas "
                                            "la suite.", fichier=chemin.name, ligne=n))
                break
            if len(ligne) > COLONNES:
                c.anomalies.append(Anomalie("hors-grille", f"{len(ligne)} colonnes : Excel n'en affiche pas plus de "
                                            f"{_nombre(COLONNES)}.", fichier=chemin.name, ligne=n))
            for j, v in enumerate(ligne):
                if len(v) > TEXTE_CELLULE:
                    nom = entetes[j] if j < len(entetes) else get_column_letter(j + 1)
                    c.anomalies.append(Anomalie("texte-trop-long", f"texte de {_nombre(len(v))} caractères : une "
                                                f"cellule Excel n'en contient pas plus de {_nombre(TEXTE_CELLULE)}.",
                                                fichier=chemin.name, ligne=n, colonne=nom))
    return c.anomalies
