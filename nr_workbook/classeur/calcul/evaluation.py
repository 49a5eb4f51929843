"""Compute every formula of a workbook as Excel and LibreOffice do, so that the file carries the values a reader
that does not recalculate (a preview, Protected View, pandas, Power Query) shows.

A formula is computed on demand, with the cells it reads; an array formula (CSE) evaluates its references as arrays,
a normal one intersects a range with its own row or column (implicit intersection). Each formula records the
rectangles it read, so that after a few inputs change only the formulas that depend on them are computed again
(`recalculer`), which is what `lot` does for each member.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

from openpyxl.utils import column_index_from_string

from nr_workbook.classeur.calcul import criteres, fonctions  # noqa: F401  (they fill the registry)
from nr_workbook.classeur.calcul.modele import Modele
from nr_workbook.classeur.calcul.operateurs import OPERATIONS, elementaire
from nr_workbook.classeur.calcul.registre import FONCTIONS
from nr_workbook.classeur.calcul.speciales import Speciales
from nr_workbook.classeur.calcul.syntaxe import LIEES, ErreurSyntaxe, arbre
from nr_workbook.classeur.calcul.valeurs import (
    NOM,
    REF,
    VALEUR,
    Cadre,
    Erreur,
    Ref,
    Tableau,
    nombre,
)

_A1 = re.compile(r"^(?:(?P<f>'(?:[^']|'')+'|[^!]+)!)?\$?(?P<c1>[A-Za-z]{1,3})?\$?(?P<l1>\d+)?"
                 r"(?::\$?(?P<c2>[A-Za-z]{1,3})?\$?(?P<l2>\d+)?)?$")
_SPECIAL = {"#all": "all", "#data": "data", "#headers": "headers", "#totals": "totals", "#this row": "row",
            "#tout": "all", "#données": "data", "#en-têtes": "headers", "#totaux": "totals", "#cette ligne": "row"}


INCONNU = Ref("", 0, 0, 0, 0)  # read by a formula that meets what we cannot compute


class Evaluateur(Speciales):
    def __init__(self, modele: Modele):
        self.m = modele
        self.resultats: dict[tuple[str, int, int], Any] = {}
        self.lus: dict[tuple[str, int, int], list[Ref]] = {}
        self._en_cours: set[tuple[str, int, int]] = set()
        self._refs: dict[tuple[str, str], Ref | Erreur] = {}
        self._noms: dict[tuple[str, str], Any] = {}
        self._memo: dict[tuple[int, str], tuple[Any, list[Ref], Any]] = {}  # array subexpressions, per sheet
        # formulas whose value we cannot vouch for (a function or syntax we do not know, or reading such a formula):
        # saved without a cached value, as openpyxl would, for Excel to compute on open
        self.incertains: set[tuple[str, int, int]] = set()
        self._plages: dict[Ref, Tableau] = {}

    # --- Cells -------------------------------------------------------------------------------------------------------
    def tout(self) -> dict[tuple[str, int, int], Any]:
        """Every formula's value."""
        ancienne = sys.getrecursionlimit()
        sys.setrecursionlimit(max(ancienne, 20_000))
        try:
            for cle in self.m.formules:
                self.formule(cle)
        finally:
            sys.setrecursionlimit(ancienne)
        return self.resultats

    def formule(self, cle: tuple[str, int, int]) -> Any:
        if cle in self.resultats:
            return self.resultats[cle]
        if cle in self._en_cours:  # circular reference: LibreOffice shows Err:522, Excel 0 with a warning
            return REF
        texte_f, tableau = self.m.formules[cle]
        self._en_cours.add(cle)
        cadre = Cadre(cle[0], cle[1], cle[2], tableau)
        try:
            try:
                x = self.ev(arbre(texte_f), cadre)
            except ErreurSyntaxe:
                x = NOM
                cadre.lus.append(INCONNU)
            v = self._final(x, cadre)
        finally:
            self._en_cours.discard(cle)
        self.resultats[cle] = v
        self.lus[cle] = cadre.lus
        if INCONNU in cadre.lus or (self.incertains and any(
                r.feuille == f and r.l1 <= li <= r.l2 and r.c1 <= co <= r.c2
                for r in cadre.lus for (f, li, co) in self.incertains)):
            self.incertains.add(cle)
        return v

    def cellule(self, feuille: str, ligne: int, col: int) -> Any:
        cle = (feuille, ligne, col)
        if cle in self.m.formules:
            return self.formule(cle)
        return self.m.constantes.get(feuille, {}).get((ligne, col))

    def _final(self, x: Any, cadre: Cadre) -> Any:
        if isinstance(x, Ref):
            if cadre.tableau:
                cadre.lus.append(x)
                x = self.cellule(x.feuille, x.l1, x.c1)
            else:
                x = self._scalaire_ref(x, cadre)
        if isinstance(x, Tableau):
            x = x.v[0] if x.v else VALEUR
            if isinstance(x, Ref):
                x = self.cellule(x.feuille, x.l1, x.c1)
        return 0.0 if x is None else x

    def valeurs(self, r: Ref, cadre: Cadre | None = None) -> Tableau:
        """The values of a rectangle (formulas computed first), clipped to the sheet's used cells."""
        if cadre is not None:
            cadre.lus.append(r)
        deja = self._plages.get(r)
        if deja is not None:
            return deja
        if r.feuille not in self.m.etendue:
            return Tableau(1, 1, [REF])
        derniere_l, derniere_c = self.m.etendue[r.feuille]
        l2, c2 = r.l2, r.c2
        if r.l2 - r.l1 > 100_000:  # a whole column: only the used rows
            l2 = max(r.l1, min(r.l2, derniere_l))
        if r.c2 - r.c1 > 1_000:
            c2 = max(r.c1, min(r.c2, derniere_c))
        consts = self.m.constantes.get(r.feuille, {})
        formules = self.m.formules
        out = []
        for li in range(r.l1, l2 + 1):
            for co in range(r.c1, c2 + 1):
                cle = (r.feuille, li, co)
                out.append(self.formule(cle) if cle in formules else consts.get((li, co)))
        t = Tableau(l2 - r.l1 + 1, c2 - r.c1 + 1, out)
        self._plages[r] = t
        return t

    def _scalaire_ref(self, r: Ref, cadre: Cadre) -> Any:
        """A reference where one value is expected in a normal formula: the cell on the formula's row or column."""
        cadre.lus.append(r)
        if r.l1 == r.l2 and r.c1 == r.c2:
            return self.cellule(r.feuille, r.l1, r.c1)
        if r.c1 == r.c2 and r.l1 <= cadre.ligne <= r.l2:
            return self.cellule(r.feuille, cadre.ligne, r.c1)
        if r.l1 == r.l2 and r.c1 <= cadre.col <= r.c2:
            return self.cellule(r.feuille, r.l1, cadre.col)
        return VALEUR

    def valeur(self, x: Any, cadre: Cadre) -> Any:
        """An operand: a reference becomes its value(s) (an array in an array formula, else the intersection)."""
        if isinstance(x, Ref):
            if cadre.tableau:
                if x.l1 == x.l2 and x.c1 == x.c2:
                    cadre.lus.append(x)
                    return self.cellule(x.feuille, x.l1, x.c1)
                return self.valeurs(x, cadre)
            return self._scalaire_ref(x, cadre)
        if isinstance(x, Tableau) and x.lignes == 1 and x.colonnes == 1:
            return x.v[0]
        return x

    def tableau(self, x: Any, cadre: Cadre) -> Any:
        """An array argument: a reference gives all its values."""
        if isinstance(x, Ref):
            return self.valeurs(x, cadre)
        return x

    # --- References ----------------------------------------------------------------------------------------------
    def ref(self, texte_ref: str, feuille: str) -> Ref | Erreur:
        cle = (texte_ref, feuille)
        if cle not in self._refs:
            self._refs[cle] = self._lire_ref(texte_ref, feuille)
        return self._refs[cle]

    def _lire_ref(self, texte_ref: str, feuille: str) -> Ref | Erreur:
        m = _A1.match(texte_ref)
        if not m:
            return REF
        f = m.group("f")
        if f:
            feuille = f[1:-1].replace("''", "'") if f.startswith("'") else f
        if feuille not in self.m.etendue:
            return REF
        c1, l1, c2, l2 = m.group("c1"), m.group("l1"), m.group("c2"), m.group("l2")
        if c2 is None and l2 is None:
            c2, l2 = c1, l1
        col1 = column_index_from_string(c1.upper()) if c1 else 1
        col2 = column_index_from_string(c2.upper()) if c2 else 16_384
        lig1 = int(l1) if l1 else 1
        lig2 = int(l2) if l2 else 1_048_576
        return Ref(feuille, min(lig1, lig2), min(col1, col2), max(lig1, lig2), max(col1, col2))

    def nom(self, n: str, cadre: Cadre) -> Any:
        if "!" in n:
            f, n = n.rsplit("!", 1)
            feuille = f[1:-1].replace("''", "'") if f.startswith("'") else f
            texte_nom = self.m.noms_locaux.get((feuille, n.casefold()))
        else:
            feuille = cadre.feuille
            texte_nom = self.m.noms_locaux.get((feuille, n.casefold())) or self.m.noms.get(n.casefold())
        if texte_nom is None:
            return NOM
        cle = (feuille, n.casefold())
        if cle not in self._noms:
            try:
                x = arbre(texte_nom)
            except ErreurSyntaxe:
                self._noms[cle] = NOM
            else:
                self._noms[cle] = self.ref(x[1], feuille) if x[0] == "ref" else x
        x = self._noms[cle]
        if isinstance(x, (Ref, Erreur)):
            return x
        return self.ev(x, cadre)

    def structure(self, s: str, cadre: Cadre) -> Ref | Erreur:
        """A structured reference: T[Col], T[[Col1]:[Col2]], T[#All], T[[#Headers],[Col]], T[@Col]…"""
        i = s.index("[") if not s.startswith("[") else 0
        nom_table, spec = s[:i], s[i + 1:-1]
        if nom_table:
            t = self.m.tables.get(nom_table.casefold())
        else:
            t = next((t for t in self.m.tables.values() if t.feuille == cadre.feuille
                      and t.l1 <= cadre.ligne <= t.l2 and t.c1 <= cadre.col <= t.c2), None)
        if t is None:
            return REF
        parties = [p for p in re.findall(r"\[((?:[^\]']|'.)*)\]", spec)] if spec.startswith("[") else [spec]
        zone, cols = "data", []
        for p in parties:
            p2 = re.sub(r"'(.)", r"\1", p).strip()
            if p2.startswith("@"):
                zone = "row"
                p2 = p2[1:]
                if not p2:
                    continue
            if p2.casefold() in _SPECIAL:
                zone = _SPECIAL[p2.casefold()]
            elif p2:
                cols.append(p2)
        noms = [c.casefold() for c in t.colonnes]
        try:
            indices = [noms.index(c.casefold()) for c in cols]
        except ValueError:
            return REF
        c1 = t.c1 + (min(indices) if indices else 0)
        c2 = t.c1 + (max(indices) if indices else t.c2 - t.c1)
        debut_donnees, fin_donnees = t.l1 + t.entetes, t.l2 - t.totaux
        l1, l2 = {"all": (t.l1, t.l2), "data": (debut_donnees, fin_donnees), "headers": (t.l1, t.l1),
                  "totals": (t.l2, t.l2), "row": (cadre.ligne, cadre.ligne)}[zone]
        return Ref(t.feuille, l1, c1, l2, c2)

    # --- Expressions ---------------------------------------------------------------------------------------------
    def ev(self, x: Any, cadre: Cadre) -> Any:
        genre = x[0]
        if genre == "val":
            return x[1]
        if cadre.tableau and genre in ("fn", "op") and id(x) not in LIEES:
            cle = (id(x), cadre.feuille)
            deja = self._memo.get(cle)
            if deja is not None:
                cadre.lus.extend(deja[1])
                return deja[0]
            debut = len(cadre.lus)
            v = self._ev(x, genre, cadre)
            self._memo[cle] = (v, cadre.lus[debut:], x)
            return v
        return self._ev(x, genre, cadre)

    def _ev(self, x: Any, genre: str, cadre: Cadre) -> Any:
        if genre == "fn":
            return self.fonction(x[1], x[2], cadre)
        if genre == "op":
            return self.operateur(x[1], x[2], x[3], cadre)
        if genre == "ref":
            return self.ref(x[1], cadre.feuille)
        if genre == "struct":
            return self.structure(x[1], cadre)
        if genre == "nom":
            return self.nom(x[1], cadre)
        if genre == "neg":
            return elementaire(lambda a: a if isinstance(a := nombre(a), Erreur) else -a,
                                [self.valeur(self.ev(x[1], cadre), cadre)])
        if genre == "pct":
            return elementaire(lambda a: a if isinstance(a := nombre(a), Erreur) else a / 100,
                                [self.valeur(self.ev(x[1], cadre), cadre)])
        if genre == "tableau":
            lignes = x[1]
            return Tableau(len(lignes), len(lignes[0]), [v for ligne in lignes for v in ligne])
        if genre == "vide":
            return None
        raise ErreurSyntaxe(genre)

    def operateur(self, op: str, a: Any, b: Any, cadre: Cadre) -> Any:
        if op == ":":
            ra, rb = self.ev(a, cadre), self.ev(b, cadre)
            if not (isinstance(ra, Ref) and isinstance(rb, Ref)) or ra.feuille != rb.feuille:
                return ra if isinstance(ra, Erreur) else REF
            return Ref(ra.feuille, min(ra.l1, rb.l1), min(ra.c1, rb.c1), max(ra.l2, rb.l2), max(ra.c2, rb.c2))
        va = self.valeur(self.ev(a, cadre), cadre)
        vb = self.valeur(self.ev(b, cadre), cadre)
        return elementaire(OPERATIONS[op], [va, vb])

    def fonction(self, nom: str, args: tuple, cadre: Cadre) -> Any:
        if nom == "IF":
            return self._si(args, cadre)
        if nom == "IFERROR":
            return self._sierreur(args, cadre)
        if nom == "CHOOSE":
            return self._choisir(args, cadre)
        if nom == "INDEX":
            return self._index(args, cadre)
        if nom == "ROW":
            return self._ligne(args, cadre)
        if nom == "SUMPRODUCT":
            return self._sommeprod(args, cadre)
        f = FONCTIONS.get(nom)
        if f is None:  # a function a user added that we do not compute: its cell gets no cached value
            cadre.lus.append(INCONNU)
            return NOM
        valeurs = []
        a_lever = []
        for i, a in enumerate(args):
            genre = f.genre(i)
            v = self.ev(a, cadre)
            if genre == "t":
                v = self.tableau(v, cadre)
            else:
                v = self.valeur(v, cadre)
                if f.elementaire and isinstance(v, Tableau):
                    a_lever.append(i)
            valeurs.append(v)
        if not f.elementaire:
            return f.appliquer(*valeurs)
        return elementaire(f.appliquer, valeurs, erreurs=f.erreurs, indices=a_lever)

    # --- After a few inputs change -------------------------------------------------------------------------------
    def dependants(self, cellules: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """The formulas whose value may change when these cells change, in an order that computes each after the
        formulas it reads."""
        index: dict[tuple[str, int], list[tuple[int, int, tuple[str, int, int]]]] = {}
        for cle, rects in self.lus.items():
            for r in rects:
                if r.c2 - r.c1 > 200:
                    continue
                for c in range(r.c1, r.c2 + 1):
                    index.setdefault((r.feuille, c), []).append((r.l1, r.l2, cle))
        sales: dict[tuple[str, int, int], None] = {}
        a_voir = list(cellules)
        while a_voir:
            f, li, co = a_voir.pop()
            for l1, l2, cle in index.get((f, co), ()):
                if l1 <= li <= l2 and cle not in sales:
                    sales[cle] = None
                    a_voir.append(cle)
        ordre: list[tuple[str, int, int]] = []
        vus: set[tuple[str, int, int]] = set()

        def visiter(cle):
            if cle in vus:
                return
            vus.add(cle)
            for r in self.lus.get(cle, ()):
                for autre in sales:
                    if autre[0] == r.feuille and r.l1 <= autre[1] <= r.l2 and r.c1 <= autre[2] <= r.c2:
                        visiter(autre)
            ordre.append(cle)
        for cle in sales:
            visiter(cle)
        return ordre

    def recalculer(self, cles: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], Any]:
        """Compute these formulas again (after `Modele.poser`), in the given order; their new values."""
        for cle in cles:
            self.resultats.pop(cle, None)
            self.incertains.discard(cle)
        self._memo.clear()
        self._plages.clear()
        return {cle: self.formule(cle) for cle in cles}


def calculer(modele: Modele) -> Evaluateur:
    e = Evaluateur(modele)
    e.tout()
    return e
