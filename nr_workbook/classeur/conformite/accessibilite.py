"""The accessibility of a workbook, rule by rule, on the file itself (`nr-workbook verifier --accessibilite`):
Microsoft's Accessibility Checker rules and EN 301 549 chapter 10, which the RGAA makes binding on what public bodies
publish.

- `texte-alternatif`: every chart and picture has a description (not a file name, not « Chart 1 »);
- `titre`, `langue`: the document's properties give a title and its language;
- `contraste`: every font/fill pair of the named styles, the cell formats and the conditional formats reaches 4.5:1
  (3:1 for large text);
- `saisie-sans-message`: an input cell (unlocked) says so in words, by the input message of a validation, not only
  by its fill;
- `graphique-couleur-seule`: the lines of a line chart differ by markers or dashes, not by colour only;
- `fusion-dans-tableau`, `tableau-sans-en-tetes`, `nom-de-feuille-par-defaut`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree as ET

from openpyxl.utils import column_index_from_string, get_column_letter

from nr_workbook.classeur.conformite.contraste import (
    BLANC,
    SEUIL,
    SEUIL_GRAND,
    Couleurs,
    couleur_fond,
    couleur_police,
    grand,
    rapport,
)
from nr_workbook.classeur.conformite.regles import Controle, Rect, rect
from nr_workbook.classeur.paquet import NS, Paquet, q
from nr_workbook.contract.anomalies import Anomalie

_NOM_FICHIER = re.compile(r"\.(png|jpe?g|gif|bmp|emf|wmf|svg)$|^(Chart|Graphique|Picture|Image) ?\d*$", re.I)
_NOMS_PAR_DEFAUT = re.compile(r"^(Sheet|Feuil|Feuille|Tabelle|Hoja)\d+$", re.I)


class _Styles:
    def __init__(self, p: Paquet, couleurs: Couleurs):
        self.polices: list[ET.Element] = []
        self.fonds: list[ET.Element] = []
        self.xfs: list[ET.Element] = []
        self.styles_xfs: list[ET.Element] = []
        self.dxfs: list[ET.Element] = []
        self.noms_styles: dict[int, str] = {}
        partie = p.partie_styles()
        if partie:
            r = p.xml(partie)

            def liste(b: str, e: str) -> list[ET.Element]:
                x = r.find(q("m", b))
                return [] if x is None else x.findall(q("m", e))

            self.polices, self.fonds = liste("fonts", "font"), liste("fills", "fill")
            self.xfs, self.styles_xfs, self.dxfs = liste("cellXfs", "xf"), liste("cellStyleXfs", "xf"), liste("dxfs",
                                                                                                              "dxf")
            self.noms_styles = {int(s.get("xfId", "0")): s.get("name", "") for s in liste("cellStyles", "cellStyle")}
        self.c = couleurs

    def paire(self, xf: ET.Element) -> tuple[str, str, bool]:
        police = self.polices[int(xf.get("fontId", "0"))] if self.polices else None
        fond = self.fonds[int(xf.get("fillId", "0"))] if self.fonds else None
        return couleur_police(police, self.c), couleur_fond(fond, self.c) or BLANC, grand(police)

    def verrouille(self, s: int) -> bool:
        if s >= len(self.xfs):
            return True
        p = self.xfs[s].find(q("m", "protection"))
        return p is None or p.get("locked", "1") not in ("0", "false")


def _contrastes(st: _Styles, c: Controle) -> None:
    for groupe, xfs in (("style nommé", st.styles_xfs), ("format de cellule", st.xfs)):
        for i, xf in enumerate(xfs):
            texte, fond, large = st.paire(xf)
            seuil = SEUIL_GRAND if large else SEUIL
            if rapport(texte, fond) < seuil:
                nom = st.noms_styles.get(i, "") if groupe == "style nommé" else ""
                c("contraste", f"{groupe} n° {i}{f' « {nom} »' if nom else ''} : texte {texte} sur fond {fond}, "
                               f"contraste {rapport(texte, fond):.2f}:1 (minimum {seuil}:1).")


def _cellules(p: Paquet, partie: str) -> dict[tuple[int, int], tuple[int, bool]]:
    """(row, column) -> (style index, holds a formula) of every cell written in the sheet."""
    out = {}
    for _, e in ET.iterparse(p.zip.open(partie), events=("end",)):
        if e.tag == q("m", "c"):
            ref = e.get("r", "")
            m = re.match(r"([A-Z]+)(\d+)$", ref)
            if m:
                cle = (int(m.group(2)), column_index_from_string(m.group(1)))
                out[cle] = (int(e.get("s", "0")), e.find(q("m", "f")) is not None)
            e.clear()
        elif e.tag == q("m", "row"):
            e.clear()
    return out


def _dans(rects: list[Rect], ligne: int, col: int) -> bool:
    return any(r.l1 <= ligne <= r.l2 and r.c1 <= col <= r.c2 for r in rects)


def _feuille(p: Paquet, nom: str, partie: str, st: _Styles, c: Controle) -> None:
    racine = p.xml(partie)
    cellules = _cellules(p, partie)
    for cf in racine.findall(q("m", "conditionalFormatting")):
        zones = [r for r in (rect(x) for x in cf.get("sqref", "").split()) if r]
        bases = {s for (li, co), (s, _) in cellules.items() if _dans(zones, li, co)} or {0}
        for regle in cf.findall(q("m", "cfRule")):
            d = regle.get("dxfId")
            if d is None or int(d) >= len(st.dxfs):
                continue
            dxf = st.dxfs[int(d)]
            for s in bases:
                texte, fond, large = st.paire(st.xfs[s]) if s < len(st.xfs) else ("000000", BLANC, False)
                police = dxf.find(q("m", "font"))
                if police is not None and police.find(q("m", "color")) is not None:
                    texte = couleur_police(police, st.c)
                fond = couleur_fond(dxf.find(q("m", "fill")), st.c, defaut=None, dxf=True) or fond
                seuil = SEUIL_GRAND if large else SEUIL
                if rapport(texte, fond) < seuil:
                    c("contraste", f"mise en forme conditionnelle « {regle.findtext('m:formula', '', NS)} » : texte "
                                   f"{texte} sur fond {fond}, contraste {rapport(texte, fond):.2f}:1 (minimum "
                                   f"{seuil}:1).", nom, cf.get("sqref", ""))
                    break
    fusions = [r for r in (rect(m.get("ref", "")) for m in racine.iter(q("m", "mergeCell"))) if r]
    couvertes = {(li, co) for f in fusions for li in range(f.l1, f.l2 + 1) for co in range(f.c1, f.c2 + 1)
                 if (li, co) != (f.l1, f.c1)}  # cells under a merge: only its top-left one is read and typed
    messages = []
    for dv in racine.iter(q("m", "dataValidation")):
        if dv.get("prompt") and dv.get("showInputMessage") in ("1", "true"):
            messages += [r for r in (rect(x) for x in dv.get("sqref", "").split()) if r]
    calcules = {s for s, formule in cellules.values() if formule}  # unlocked for the add-in's actions, not inputs
    sans = sorted((li, co) for (li, co), (s, formule) in cellules.items()
                  if not formule and s not in calcules and not st.verrouille(s) and (li, co) not in couvertes
                  and not _dans(messages, li, co))
    protegee = racine.find(q("m", "sheetProtection")) is not None
    if sans and protegee:
        li, co = sans[0]
        c("saisie-sans-message", f"{len(sans)} cellule(s) à saisir signalée(s) seulement par leur couleur : aucun "
                                 "message de saisie ne les nomme (validation, message de saisie).", nom,
          f"{get_column_letter(co)}{li}")
    for rel in p.relations(partie):
        if rel.type == "table" and rel.cible in p.noms:
            t = p.xml(rel.cible)
            zone = rect(t.get("ref", ""))
            if t.get("headerRowCount", "1") == "0":
                c("tableau-sans-en-tetes", f"le tableau {t.get('displayName')} n'a pas de ligne d'en-têtes.", nom,
                  t.get("ref", ""))
            for f in fusions:
                if zone and f.croise(zone):
                    c("fusion-dans-tableau", f"cellules fusionnées ({f}) dans le tableau {t.get('displayName')}.",
                      nom, str(f))
        if rel.type == "drawing" and rel.cible in p.noms:
            _dessin(p, rel.cible, nom, c)


def _dessin(p: Paquet, partie: str, feuille: str, c: Controle) -> None:
    for cnvpr in p.xml(partie).iter(q("xdr", "cNvPr")):
        description = (cnvpr.get("descr") or "").strip()
        if not description or _NOM_FICHIER.search(description):
            c("texte-alternatif", f"« {cnvpr.get('name', '')} » sans texte de remplacement (description de ce "
                                  "qu'il montre).", feuille)
    for rel in p.relations(partie):
        if rel.type == "chart" and rel.cible in p.noms:
            for ligne in p.xml(rel.cible).iter(q("c", "lineChart")):
                series = ligne.findall(q("c", "ser"))
                signes = set()
                for s in series:
                    symbole = s.find("c:marker/c:symbol", NS)
                    tirets = s.find("c:spPr/a:ln/a:prstDash", NS)
                    signes.add(((symbole.get("val") if symbole is not None else "none"),
                                (tirets.get("val") if tirets is not None else "solid")))
                if len(series) > 1 and len(signes) < len(series):
                    c("graphique-couleur-seule", "courbes distinguées par leur seule couleur : donnez-leur des "
                                                 "marques ou des tirets différents.", feuille)


def verifier_accessibilite(fichier: Path | bytes | BinaryIO, nom: str = "") -> list[Anomalie]:
    with Paquet(fichier, nom) as p:
        c = Controle(Path(p.nom).name if p.nom else "")
        coeur = p.relation("", "core-properties")
        proprietes = p.xml(coeur.cible) if coeur and coeur.cible in p.noms else None
        titre = (proprietes.findtext("dc:title", "", NS) if proprietes is not None else "").strip()
        langue = (proprietes.findtext("dc:language", "", NS) if proprietes is not None else "").strip()
        if not titre:
            c("titre", "le document n'a pas de titre (Fichier › Informations › Propriétés).")
        if not langue:
            c("langue", "la langue du document n'est pas déclarée (fr-FR).")
        st = _Styles(p, Couleurs(p))
        _contrastes(st, c)
        for f in p.feuilles:
            if _NOMS_PAR_DEFAUT.match(f.nom):
                c("nom-de-feuille-par-defaut", "nom de feuille par défaut : nommez la feuille d'après son contenu.",
                  f.nom)
            if f.partie in p.noms:
                _feuille(p, f.nom, f.partie, st, c)
        return c.anomalies
