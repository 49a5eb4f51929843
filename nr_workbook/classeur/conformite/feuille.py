"""Excel's rules on one worksheet, checked on its XML as it streams by: cells within the grid and in order, styles
that exist, text and formulas within limits, merges, validations and tables that do not overlap, table headers equal
to their columns' names."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree as ET

from openpyxl.utils import column_index_from_string, get_column_letter

from nr_workbook.classeur.conformite.regles import (
    _REF_A1,
    COLONNES,
    EN_TETE_PIED,
    HAUTEUR_LIGNE,
    LARGEUR_COLONNE,
    LIENS,
    LIGNES,
    MESSAGE,
    TEXTE_CELLULE,
    TITRE_MESSAGE,
    URL,
    Controle,
    Rect,
    Styles,
    _nombre,
    defauts_formule,
    defauts_liste,
    nom_defini_valide,
    rect,
)
from nr_workbook.classeur.paquet import Paquet, q


# --- One worksheet ----------------------------------------------------------------------------------------------------
def longueurs_chaines(p: Paquet) -> list[int]:
    partie = p.partie_chaines()
    if not partie:
        return []
    return ["".join(si.itertext()).__len__() for si in p.xml(partie).iter(q("m", "si"))]


def cellules(source, feuille: str, chaines: list[int], styles: Styles, c: Controle) -> Iterator[ET.Element]:
    """Checks every cell of a sheet as it streams by; yields the sheet's other top-level elements."""
    derniere_ligne = 0
    for evenement, e in ET.iterparse(source, events=("end",)):
        balise = e.tag
        if balise == q("m", "c"):
            _cellule(e, feuille, chaines, styles, c)
            e.clear()
        elif balise == q("m", "row"):
            r = int(e.get("r", derniere_ligne + 1))
            if r <= derniere_ligne:
                c("ordre-lignes", f"ligne {r} écrite après la ligne {derniere_ligne} : Excel exige des lignes en "
                                  "ordre croissant.", feuille, f"A{r}")
            if r > LIGNES:
                c("hors-grille", f"ligne {_nombre(r)} au-delà des {_nombre(LIGNES)} lignes d'une feuille.", feuille)
            ht = e.get("ht")
            if ht and float(ht) > HAUTEUR_LIGNE:
                c("hauteur-ligne", f"hauteur de ligne {ht} points : Excel n'accepte pas plus de {HAUTEUR_LIGNE}.",
                  feuille, f"A{r}")
            s = e.get("s")
            if s is not None and e.get("customFormat") in ("1", "true") and int(s) >= styles.xfs:
                c("style-inexistant", f"la ligne {r} désigne le format de cellule n° {s}, qui n'existe pas.",
                  feuille, f"A{r}")
            derniere_ligne = r
            _ordre_cellules(e, feuille, r, c)
            e.clear()
        elif balise in (q("m", "sheetData"),):
            e.clear()
        elif evenement == "end" and balise.startswith("{" + q("m", "")[1:-1]) and _est_premier_niveau(balise):
            yield e


_PREMIER_NIVEAU = {q("m", b) for b in ("cols", "mergeCells", "dataValidations", "hyperlinks", "conditionalFormatting",
                                        "headerFooter", "tableParts", "dimension")}


def _est_premier_niveau(balise: str) -> bool:
    return balise in _PREMIER_NIVEAU


def _ordre_cellules(ligne: ET.Element, feuille: str, r: int, c: Controle) -> None:
    precedente = 0
    for cel in ligne.findall(q("m", "c")):
        ref = cel.get("r")
        if not ref:
            precedente += 1
            continue
        m = _REF_A1.match(ref)
        col = column_index_from_string(m.group(1).upper()) if m else 0
        if col <= precedente:
            c("ordre-cellules", f"cellule {ref} écrite après une cellule à sa droite : Excel exige des cellules "
                                "en ordre croissant dans une ligne.", feuille, ref)
        precedente = col


def _cellule(e: ET.Element, feuille: str, chaines: list[int], styles: Styles, c: Controle) -> None:
    ref = e.get("r", "")
    m = _REF_A1.match(ref)
    if ref and not m:
        c("hors-grille", f"référence de cellule illisible « {ref} ».", feuille)
    elif m and (int(m.group(2)) > LIGNES or column_index_from_string(m.group(1).upper()) > COLONNES):
        c("hors-grille", "cellule hors de la grille d'Excel (1 048 576 lignes, 16 384 colonnes).", feuille, ref)
    s = e.get("s")
    if s is not None and int(s) >= styles.xfs:
        c("style-inexistant", f"format de cellule n° {s} inexistant ({styles.xfs} définis) : Excel répare le "
                              "fichier.", feuille, ref)
    f = e.find(q("m", "f"))
    if f is not None and f.text:
        for type_, message in defauts_formule(f.text):
            c(type_, message, feuille, ref)
    t = e.get("t", "n")
    longueur = 0
    if t == "s":
        v = e.find(q("m", "v"))
        i = int(v.text) if v is not None and v.text and v.text.isdigit() else -1
        if not 0 <= i < len(chaines):
            c("chaine-inexistante", f"la cellule désigne la chaîne partagée n° {i}, qui n'existe pas.", feuille, ref)
        else:
            longueur = chaines[i]
    elif t == "inlineStr":
        longueur = len("".join(x.text or "" for x in e.iter(q("m", "t"))))
    elif t == "str":
        v = e.find(q("m", "v"))
        longueur = len(v.text or "") if v is not None else 0
    if longueur > TEXTE_CELLULE:
        c("texte-trop-long", f"texte de {_nombre(longueur)} caractères : une cellule Excel n'en contient pas plus de "
                             f"{_nombre(TEXTE_CELLULE)}.", feuille, ref)


def _chevauchements(rects: list[tuple[Rect, str]], feuille: str, type_: str, quoi: str, c: Controle) -> None:
    """Pairs of rectangles from different owners that overlap (sweep over rows)."""
    ordonnes = sorted(rects, key=lambda x: (x[0].l1, x[0].c1))
    actifs: list[tuple[Rect, str]] = []
    for r, proprietaire in ordonnes:
        actifs = [a for a in actifs if a[0].l2 >= r.l1]
        for a, autre in actifs:
            if autre != proprietaire and a.croise(r):
                c(type_, f"{quoi} se chevauchent ({autre} et {proprietaire}) : Excel répare le fichier.", feuille,
                  str(r))
                break
        actifs.append((r, proprietaire))


def elements_feuille(elements: list[ET.Element], feuille: str, styles: Styles, p: Paquet, partie: str,
                      c: Controle) -> list[Rect]:
    fusions: list[Rect] = []
    for e in elements:
        if e.tag == q("m", "mergeCells"):
            for m in e.findall(q("m", "mergeCell")):
                r = rect(m.get("ref", ""))
                if r is None:
                    c("fusion", f"fusion illisible « {m.get('ref')} ».", feuille)
                else:
                    fusions.append(r)
            _chevauchements([(r, str(r)) for r in fusions], feuille, "fusions-chevauchees",
                            "des cellules fusionnées", c)
        elif e.tag == q("m", "dataValidations"):
            _validations(e, feuille, c)
        elif e.tag == q("m", "hyperlinks"):
            liens = e.findall(q("m", "hyperlink"))
            if len(liens) > LIENS:
                c("liens-trop-nombreux", f"{_nombre(len(liens))} liens hypertexte : Excel n'en accepte pas plus de "
                                         f"{_nombre(LIENS)} par feuille.", feuille)
            externes = {r.id: r.cible for r in p.relations(partie) if r.externe}
            for lien in liens:
                url = externes.get(lien.get(q("r", "id"), ""), "") or lien.get("location", "")
                if len(url) > URL:
                    c("lien-trop-long", f"adresse de lien de {len(url)} caractères : Excel n'en accepte pas plus "
                                        f"de {_nombre(URL)}.", feuille, lien.get("ref", ""))
        elif e.tag == q("m", "conditionalFormatting"):
            for regle in e.findall(q("m", "cfRule")):
                dxf = regle.get("dxfId")
                if dxf is not None and int(dxf) >= styles.dxfs:
                    c("style-inexistant", f"mise en forme conditionnelle vers le format n° {dxf}, qui n'existe pas "
                                          f"({styles.dxfs} définis).", feuille, e.get("sqref", ""))
                for f in regle.findall(q("m", "formula")):
                    for type_, message in defauts_formule(f.text or ""):
                        c(type_, f"mise en forme conditionnelle : {message}", feuille, e.get("sqref", ""))
        elif e.tag == q("m", "headerFooter"):
            for x in e:
                if len(x.text or "") > EN_TETE_PIED:
                    c("en-tete-trop-long", f"en-tête ou pied de page de {len(x.text)} caractères : Excel n'en "
                                           f"accepte pas plus de {EN_TETE_PIED}.", feuille)
        elif e.tag == q("m", "cols"):
            for col in e.findall(q("m", "col")):
                largeur, style = col.get("width"), col.get("style")
                if largeur and float(largeur) > LARGEUR_COLONNE:
                    c("largeur-colonne", f"colonne de largeur {largeur} : Excel n'accepte pas plus de "
                                         f"{LARGEUR_COLONNE} caractères.", feuille)
                if style is not None and int(style) >= styles.xfs:
                    c("style-inexistant", f"colonnes {col.get('min')} à {col.get('max')} : format de cellule "
                                          f"n° {style} inexistant.", feuille)
                if int(col.get("max", "1")) > COLONNES:
                    c("hors-grille", "colonne au-delà des 16 384 colonnes d'une feuille.", feuille)
    return fusions


def _validations(e: ET.Element, feuille: str, c: Controle) -> None:
    zones = []
    for i, dv in enumerate(e.findall(q("m", "dataValidation"))):
        plage = dv.get("sqref", "")
        lieu = plage.split()[0] if plage else ""
        for attr, limite in (("promptTitle", TITRE_MESSAGE), ("errorTitle", TITRE_MESSAGE), ("prompt", MESSAGE),
                             ("error", MESSAGE)):
            v = dv.get(attr) or ""
            if len(v) > limite:
                c("message-validation", f"validation : {attr} de {len(v)} caractères, Excel n'en accepte pas plus "
                                        f"de {limite}.", feuille, lieu)
        for balise in ("formula1", "formula2"):
            f = dv.find(q("m", balise))
            if f is None or not f.text:
                continue
            if dv.get("type") == "list":
                for type_, message in defauts_liste(f.text):
                    c(type_, message, feuille, lieu)
            if not f.text.startswith('"'):
                for type_, message in defauts_formule(f.text):
                    c(type_, f"validation : {message}", feuille, lieu)
        for morceau in plage.split():
            r = rect(morceau)
            if r is None:
                c("validation", f"plage de validation illisible « {morceau} ».", feuille)
            else:
                zones.append((r, f"validation {i + 1} ({plage})"))
    _chevauchements(zones, feuille, "validations-chevauchees", "des validations de données", c)


def tables(p: Paquet, partie: str, feuille: str, valeurs_entetes, fusions: list[Rect], noms: set[str],
            tables_vues: set[str], c: Controle) -> None:
    zones = []
    for rel in p.relations(partie):
        if rel.type != "table" or rel.cible not in p.noms:
            continue
        t = p.xml(rel.cible)
        nom, ref = t.get("displayName") or t.get("name", ""), t.get("ref", "")
        r = rect(ref)
        if nom.casefold() in tables_vues or nom.casefold() in noms:
            c("table", f"le nom de table {nom} est déjà pris (table ou nom défini) : Excel répare le fichier.",
              feuille, ref)
        tables_vues.add(nom.casefold())
        if not nom_defini_valide(nom):
            c("table", f"nom de table « {nom} » non valide pour Excel.", feuille, ref)
        if r is None:
            c("table", f"table {nom} : plage illisible « {ref} ».", feuille)
            continue
        zones.append((r, f"table {nom}"))
        for f in fusions:
            if f.croise(r):
                c("fusion-dans-table", f"table {nom} : des cellules fusionnées ({f}) dans un tableau, ce qu'Excel "
                                       "interdit.", feuille, str(f))
        colonnes = [tc.get("name", "") for tc in t.iter(q("m", "tableColumn"))]
        if len(colonnes) != r.c2 - r.c1 + 1:
            c("table", f"table {nom} : {len(colonnes)} colonnes déclarées pour une plage de {r.c2 - r.c1 + 1}.",
              feuille, ref)
        vues: set[str] = set()
        for j, nom_col in enumerate(colonnes):
            if not nom_col or nom_col.casefold() in vues:
                c("table", f"table {nom} : nom de colonne vide ou en double « {nom_col} ».", feuille, ref)
            vues.add(nom_col.casefold())
            if t.get("headerRowCount", "1") != "0":
                coord = f"{get_column_letter(r.c1 + j)}{r.l1}"
                lu = valeurs_entetes.get(coord)
                if lu is not None and str(lu) != nom_col:
                    c("entete-table", f"table {nom} : l'en-tête de la cellule (« {lu} ») diffère du nom de la "
                                      f"colonne (« {nom_col} ») : Excel répare le fichier.", feuille, coord)
    _chevauchements(zones, feuille, "tables-chevauchees", "des tableaux", c)


def entetes(p: Paquet, partie: str, chaines_texte) -> dict[str, str]:
    """Text of the header cells of the sheet's tables (their first row), to compare with the columns' names."""
    voulues: set[str] = set()
    for rel in p.relations(partie):
        if rel.type == "table" and rel.cible in p.noms:
            r = rect(p.xml(rel.cible).get("ref", ""))
            if r:
                voulues |= {f"{get_column_letter(col)}{r.l1}" for col in range(r.c1, r.c2 + 1)}
    if not voulues:
        return {}
    out = {}
    for _, e in ET.iterparse(p.zip.open(partie), events=("end",)):
        if e.tag == q("m", "c"):
            ref = e.get("r", "")
            if ref in voulues:
                t, v = e.get("t", "n"), e.find(q("m", "v"))
                if t == "s" and v is not None and v.text:
                    out[ref] = chaines_texte()[int(v.text)]
                elif t == "inlineStr":
                    out[ref] = "".join(x.text or "" for x in e.iter(q("m", "t")))
                elif v is not None and v.text is not None:
                    out[ref] = v.text
            e.clear()
        elif e.tag == q("m", "row"):
            e.clear()
    return out


