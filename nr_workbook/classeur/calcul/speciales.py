"""The functions the evaluator computes itself, because they need references (INDEX, ROW) or evaluate their
arguments lazily (IF, IFERROR, CHOOSE: the branch not taken is not computed, as in Excel)."""

from __future__ import annotations

from typing import Any

from nr_workbook.classeur.calcul.operateurs import elementaire
from nr_workbook.classeur.calcul.valeurs import REF, VALEUR, Cadre, Erreur, Ref, Tableau, booleen, nombre


class Speciales:
    """Mixed into `Evaluateur`: `ev`, `valeur` and the frame come from there."""

    # --- Functions that need references or laziness --------------------------------------------------------------
    def _si(self, args: tuple, cadre: Cadre) -> Any:
        cond = self.valeur(self.ev(args[0], cadre), cadre)
        sinon = args[2] if len(args) > 2 else None
        if not isinstance(cond, Tableau):
            b = booleen(cond)
            if isinstance(b, Erreur):
                return b
            if b:
                return self.ev(args[1], cadre) if len(args) > 1 and args[1] != ("vide",) else (0.0 if len(args) > 1
                                                                                                  else True)
            if sinon is None:
                return False
            return 0.0 if sinon == ("vide",) else self.ev(sinon, cadre)
        vrai = self.valeur(self.ev(args[1], cadre), cadre) if len(args) > 1 else True
        faux = self.valeur(self.ev(sinon, cadre), cadre) if sinon is not None else False

        def choisir(c, a, b):
            c = booleen(c)
            if isinstance(c, Erreur):
                return c
            return a if c else b
        return elementaire(choisir, [cond, vrai, faux], erreurs=True)

    def _sommeprod(self, args: tuple, cadre: Cadre) -> Any:
        """SUMPRODUCT evaluates its arguments as arrays even in a normal formula (no Ctrl+Maj+Entrée needed);
        arrays of different sizes give #VALUE!, what is not a number counts as 0."""
        tableau = Cadre(cadre.feuille, cadre.ligne, cadre.col, True)
        tableau.lus = cadre.lus
        facteurs = []
        for a in args:
            v = self.tableau(self.ev(a, tableau), tableau)
            facteurs.append(v if isinstance(v, Tableau) else Tableau(1, 1, [v]))
        if any((f.lignes, f.colonnes) != (facteurs[0].lignes, facteurs[0].colonnes) for f in facteurs):
            return VALEUR
        total = 0.0
        for valeurs in zip(*(f.v for f in facteurs), strict=True):
            produit = 1.0
            for v in valeurs:
                if isinstance(v, Erreur):
                    return v
                produit *= float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0.0
            total += produit
        return total

    def _sierreur(self, args: tuple, cadre: Cadre) -> Any:
        v = self.valeur(self.ev(args[0], cadre), cadre)
        if isinstance(v, Tableau):
            if not any(isinstance(x, Erreur) for x in v.v):
                return v
            alt = self.valeur(self.ev(args[1], cadre), cadre)
            return elementaire(lambda a, b: b if isinstance(a, Erreur) else a, [v, alt], erreurs=True)
        if isinstance(v, Erreur):
            return self.valeur(self.ev(args[1], cadre), cadre)
        return v

    def _choisir(self, args: tuple, cadre: Cadre) -> Any:
        i = self.valeur(self.ev(args[0], cadre), cadre)

        def un(k):
            k = nombre(k)
            if isinstance(k, Erreur):
                return k
            k = int(k)
            if not 1 <= k < len(args):
                return VALEUR
            return self.valeur(self.ev(args[k], cadre), cadre)
        if isinstance(i, Tableau):
            return Tableau(i.lignes, i.colonnes, [un(k) for k in i.v])
        return un(i)

    def _index(self, args: tuple, cadre: Cadre) -> Any:
        source = self.ev(args[0], cadre)
        if isinstance(source, Erreur):
            return source
        ligne = self.valeur(self.ev(args[1], cadre), cadre) if len(args) > 1 else 0.0
        col = self.valeur(self.ev(args[2], cadre), cadre) if len(args) > 2 and args[2] != ("vide",) else None
        if isinstance(ligne, Tableau) or isinstance(col, Tableau):
            lignes = ligne if isinstance(ligne, Tableau) else Tableau(1, 1, [ligne])
            return Tableau(lignes.lignes, lignes.colonnes,
                           [self.valeur(self._index_un(source, x, col), cadre) for x in lignes.v])
        return self._index_un(source, ligne, col)

    def _index_un(self, source: Any, ligne: Any, col: Any) -> Any:
        ligne = nombre(ligne)
        if isinstance(ligne, Erreur):
            return ligne
        hauteur = source.hauteur if isinstance(source, Ref) else (source.lignes if isinstance(source, Tableau) else 1)
        largeur = source.largeur if isinstance(source, Ref) else (source.colonnes if isinstance(source, Tableau) else 1)
        if col is None:
            if hauteur == 1 and largeur > 1:
                ligne, col = 1.0, ligne
            else:
                col = 0.0 if largeur > 1 else 1.0
        col = nombre(col)
        if isinstance(col, Erreur):
            return col
        i, j = int(ligne), int(col)
        if i < 0 or j < 0 or i > hauteur or j > largeur:
            return REF
        if isinstance(source, Ref):
            l1, l2 = (source.l1, source.l2) if i == 0 else (source.l1 + i - 1,) * 2
            c1, c2 = (source.c1, source.c2) if j == 0 else (source.c1 + j - 1,) * 2
            return Ref(source.feuille, l1, c1, l2, c2)
        if isinstance(source, Tableau):
            if i == 0 or j == 0:
                return VALEUR
            return source[i - 1, j - 1]
        return source if (i, j) in ((1, 1), (0, 1), (1, 0)) else REF

    def _ligne(self, args: tuple, cadre: Cadre) -> Any:
        if not args:
            return float(cadre.ligne)
        r = self.ev(args[0], cadre)
        if not isinstance(r, Ref):
            return r if isinstance(r, Erreur) else VALEUR
        if r.l1 == r.l2:
            return float(r.l1)
        return Tableau.colonne([float(x) for x in range(r.l1, r.l2 + 1)])

