"""`nr-workbook migrer`: a workbook of any released template version rewritten in the current template.

Its inputs are read through its own version's layout (`saisies.lire_saisies`), carried by the chained steps
(`contract.migrations`), then written into a freshly built current template through names and tables only:
- named inputs by name; tables the template pre-fills (questions, levers, planning steps, documents, stakeholders,
  reference factors) merged row by row on their key, the others replaced row for row;
- fiches actions recreated with every field and the rows of their three tables;
- sheets the user added copied (values), and every value without a place in the new template listed, with its old
  sheet and cell, in a "Non repris" sheet: nothing is dropped.
The original is backed up before being replaced; `donnees_migrees` gives the engine's input without writing a file
(consolidation of old workbooks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import range_boundaries
from openpyxl.workbook.workbook import Workbook

from nr_workbook.classeur.fiches import _titre_unique, ajouter_fiche, position_fiches
from nr_workbook.classeur.placement_fiche import placer
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import ajouter_lignes, remplir_nom
from nr_workbook.classeur.saisies import lire_saisies
from nr_workbook.classeur.sauvegarde import sauvegarder_puis_remplacer, verifier_reecriture
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.classeur.writer.pilotage import ecrire_budget_fiches, fiches_du_classeur
from nr_workbook.classeur.writer.workbook import construire
from nr_workbook.contract import layout as L
from nr_workbook.contract.migrations import VERSIONS, NonRepris, Saisies, etapes, migrer
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.engine.donnees import Donnees

NON_REPRIS = "Non repris"
ENTETES_NON_REPRIS = ("Feuille d'origine", "Cellule", "Valeur", "Raison")
# Tables the template pre-fills: rows are matched on their key column; `True`: rows of unknown key are appended.
FUSIONS: dict[str, tuple[str, bool]] = {
    "T_MATURITE": ("ID", False), "T_LEVIERS": ("ID", True), "T_PLANNING": ("Étape", False),
    "T_DOCUMENTS": ("Document", True), "T_PARTIES_PRENANTES": ("Acteur", True), "T_REFERENTIEL": ("Catégorie", True),
}
_CHAMPS_ECRITS = {c[0] for c in L.CHAMPS_FICHE}
_CHAMPS_CALCULES = {L.FA_BUDGET, L.FA_ETAT, L.FA_GAIN}


@dataclass
class Rapport:
    """What a migration did, for the console and the tests."""

    version: str
    journal: list[str] = field(default_factory=list)
    noms: int = 0
    lignes: dict[str, int] = field(default_factory=dict)  # table -> rows carried
    fiches: int = 0
    feuilles_ajoutees: list[str] = field(default_factory=list)
    non_repris: list[NonRepris] = field(default_factory=list)
    sortie: Path | None = None
    sauvegarde: Path | None = None

    @property
    def a_jour(self) -> bool:
        return self.version == VERSION_MODELE


def _cle(v: Any) -> str:
    return str(v).strip().casefold() if v not in (None, "") else ""


def _lieu(s: Saisies, table: str, entete: str, ligne: int) -> str:
    return f"{s.colonnes_tables.get(table, {}).get(entete, '?')}{ligne}"


def _perdre(s: Saisies, table: str, ligne: dict[str, Any], entetes: list[str], raison: str) -> None:
    for h in entetes:
        if ligne.get(h) is not None:
            s.non_repris.append(NonRepris(s.feuilles_tables.get(table, "?"), _lieu(s, table, h, ligne["_ligne"]),
                                          ligne[h], raison))


def _lignes_modele(wb: Workbook, table: str, cle: str) -> dict[str, int]:
    """Key -> row number of a table's rows in the freshly built template."""
    ws = next(w for w in wb.worksheets if table in w.tables)
    c1, r1, c2, r2 = range_boundaries(ws.tables[table].ref)
    entetes = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    col = c1 + entetes.index(cle)
    return {k: r for r in range(r1 + 1, r2 + 1) if (k := _cle(ws.cell(r, col).value))}


def _ecrire_ligne(wb: Workbook, table: str, r: int, valeurs: dict[str, Any]) -> None:
    ws = next(w for w in wb.worksheets if table in w.tables)
    c1, r1, c2, _ = range_boundaries(ws.tables[table].ref)
    entetes = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    for h, v in valeurs.items():
        C.ecrire(ws.cell(r, c1 + entetes.index(h)), v)


def _table(wb: Workbook, s: Saisies, nom: str, rapport: Rapport) -> None:
    lignes = s.tables[nom]
    spec = L.TABLES_PAR_NOM.get(nom)
    if spec is None:
        for ligne in lignes:
            _perdre(s, nom, ligne, [h for h in ligne if h != "_ligne"],
                    f"table {nom} absente du modèle {VERSION_MODELE}")
        return
    saisies = [c.entete for c in spec.colonnes if c.saisie]
    if not saisies:
        return  # template text only (T_NIVEAUX): the new template's own
    ecrivables = [c.entete for c in spec.colonnes if not c.calculee]
    for ligne in lignes:
        inconnues = [h for h in ligne if h != "_ligne" and h not in spec.entetes]
        _perdre(s, nom, ligne, inconnues, f"colonne absente de {nom} dans le modèle {VERSION_MODELE}")
    if nom not in FUSIONS:
        a_ecrire = [{h: v for h, v in ligne.items() if h in ecrivables and v is not None} for ligne in lignes]
        ajouter_lignes(wb, nom, [x for x in a_ecrire if x], remplacer=True)
        rapport.lignes[nom] = len(lignes)
        return
    cle, ajout = FUSIONS[nom]
    places = _lignes_modele(wb, nom, cle)
    vues: set[str] = set()
    ajoutees = []
    for ligne in lignes:
        k = _cle(ligne.get(cle))
        if k and k in places and k not in vues:
            vues.add(k)
            _ecrire_ligne(wb, nom, places[k], {h: ligne[h] for h in saisies if h in ligne})
        elif ajout:
            ajoutees.append({h: v for h, v in ligne.items() if h in ecrivables and v is not None})
        else:
            _perdre(s, nom, ligne, [h for h in saisies if h in ligne],
                    f"{cle} « {ligne.get(cle)} » absent de {nom} dans le modèle {VERSION_MODELE}")
    if ajoutees:
        ajouter_lignes(wb, nom, ajoutees)
    rapport.lignes[nom] = len(lignes)


def _fiches(wb: Workbook, s: Saisies, rapport: Rapport) -> None:
    position = position_fiches(wb)
    for f in s.fiches:
        ident = f.get("FA_ID")
        feuille = f["_feuille"]
        autres = [n for n in f.get("_lieux", {}) if n not in _CHAMPS_ECRITS | _CHAMPS_CALCULES]
        for n in autres:
            if f.get(n) is not None:
                s.non_repris.append(NonRepris(feuille, f["_lieux"][n], f[n], f"champ {n} absent des fiches du modèle"))
        if ident in (None, ""):
            for n in _CHAMPS_ECRITS & set(f):
                if f.get(n) is not None:
                    s.non_repris.append(NonRepris(feuille, f["_lieux"][n], f[n], "fiche sans identifiant de levier"))
            continue
        specs = L.tables_fiche(str(ident))
        contenus = {}
        for cle, spec in specs.items():
            colonnes = f.get("_colonnes_" + cle, {})
            contenus[cle] = []
            for r in f.get(cle, []):
                for h, v in r.items():
                    if h != "_ligne" and h not in spec.entetes and v is not None:
                        s.non_repris.append(NonRepris(feuille, f"{colonnes.get(h, '?')}{r['_ligne']}", v,
                                                      f"colonne absente du tableau {cle} des fiches"))
                contenus[cle].append({h: v for h, v in r.items() if h in spec.entetes})
        plan = placer({n: f.get(n) for n in _CHAMPS_ECRITS}, [], [], contenus)
        ajouter_fiche(wb, plan, position, f.get(L.FA_ETAT))
        position += 1
        rapport.fiches += 1
    if s.fiches:
        ecrire_budget_fiches(wb, fiches_du_classeur(wb))


def _copier_feuilles(wb: Workbook, s: Saisies, rapport: Rapport) -> None:
    for nom, grille in s.feuilles_ajoutees.items():
        ws = wb.create_sheet(_titre_unique(wb, nom))
        for i, ligne in enumerate(grille, start=1):
            for j, v in enumerate(ligne, start=1):
                if v not in (None, ""):
                    C.ecrire(ws.cell(i, j), v)
        rapport.feuilles_ajoutees.append(ws.title)


def ecrire_non_repris(wb: Workbook, non_repris: list[NonRepris], version: str) -> None:
    ws = wb.create_sheet(_titre_unique(wb, NON_REPRIS))
    C.titre(ws, f"Valeurs non reprises ({len(non_repris)})",
            f"Valeurs du classeur au modèle {version} qui n'ont pas de place dans le modèle {VERSION_MODELE} : "
            "conservées ici avec leur feuille et leur cellule d'origine. Reportez-les où il convient.", "A2:D2")
    for j, h in enumerate(ENTETES_NON_REPRIS, start=1):
        ws.cell(4, j, h).style = S.entete(wb)
    for i, n in enumerate(non_repris, start=5):
        for j, v in enumerate((n.feuille, n.cellule, n.valeur, n.raison), start=1):
            C.ecrire(ws.cell(i, j), v)
    for col, w in zip("ABCD", (24, 10, 50, 60), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A5"
    ws.auto_filter.ref = f"A4:D{4 + len(non_repris)}"
    C.impression(ws, paysage=True, titres="4:4")


def ecrire_migre(s: Saisies, origine: str) -> tuple[Workbook, Rapport]:
    """The current template holding every migrated input (`s` is at the current version, read from a workbook of
    template `origine`)."""
    rapport = Rapport(origine)
    parcours = s.noms.get("NR_PARCOURS")
    wb = construire(Contexte(parcours if parcours in ("Complet", "Flash") else "Complet"))
    courants = {n.nom for n in L.ENTREES} - {"NR_VERSION_MODELE"}
    for nom, v in s.noms.items():
        if nom in courants:
            remplir_nom(wb, nom, v)
            rapport.noms += 1
        elif v is not None and nom in s.lieux:
            s.non_repris.append(NonRepris(*s.lieux[nom], v, f"{nom} absent du modèle {VERSION_MODELE}"))
    for nom in s.tables:
        _table(wb, s, nom, rapport)
    _fiches(wb, s, rapport)
    _copier_feuilles(wb, s, rapport)
    if s.non_repris:
        ecrire_non_repris(wb, s.non_repris, rapport.version)
    rapport.non_repris = list(s.non_repris)
    wb.active = 0
    return wb, rapport


def migrer_classeur(source: Path, sortie: Path | None = None) -> Rapport:
    """Migrate `source` into `sortie` (default: in place). Whatever is replaced is backed up first; a workbook
    already at the current version is left as it is."""
    verifier_reecriture(source)
    s = lire_saisies(Lecteur(source))
    origine = s.version
    if not etapes(origine):
        return Rapport(origine)
    journal = migrer(s)
    wb, rapport = ecrire_migre(s, origine)
    rapport.journal = journal
    cible = sortie or source
    rapport.sortie = cible
    rapport.sauvegarde = sauvegarder_puis_remplacer(wb, cible)
    return rapport


def donnees_migrees(lecteur: Lecteur) -> tuple[Donnees, str]:
    """The engine's input of a workbook of any released version, migrated in memory; and its version."""
    s = lire_saisies(lecteur)
    version = s.version
    migrer(s)
    return donnees_de(s, version), version


def donnees_de(s: Saisies, version: str) -> Donnees:
    """The engine's input from inputs at the current version (`version`: the workbook's own, shown as such)."""
    noms = {n.nom: s.noms.get(n.nom) for n in L.ENTREES}
    noms["NR_VERSION_MODELE"] = version
    tables: dict[str, list[dict[str, Any]]] = {t.nom: [] for t in L.TABLES}
    for nom, lignes in s.tables.items():
        if nom in tables:
            tables[nom] = lignes
    for nom in L.TABLES_TEXTES:  # the texts' figures a template older than them lacks: the engine takes the data's
        if nom not in s.tables:
            del tables[nom]
    fiches = [{k: v for k, v in f.items() if not k.startswith("_colonnes_") and k != "_lieux"} for f in s.fiches]
    return Donnees(noms=noms, tables=tables, fiches=fiches)



def donnees_a_jour(lecteur: Lecteur) -> tuple[Donnees, str | None]:
    """The engine's input of a workbook, migrated in memory when it is of an older released template; and that
    older version (None for a workbook at the current version, or not ours: read as it is)."""
    version = lecteur.nom("NR_VERSION_MODELE")
    if version is None or str(version).strip() == VERSION_MODELE or str(version).strip() not in VERSIONS:
        return lecteur.donnees(), None
    return donnees_migrees(lecteur)
