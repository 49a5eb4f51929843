"""`nr-workbook nouvelle-annee`: the workbook of year N+1 from the workbook of year N (of any released template).

Everything is carried (identity, settings, prerequisites, inventory, server rooms, DEEE slips, maturity answers,
levers, fiches with their status, actions and budget lines of every year), then:
- the reference year becomes N+1 (ages of the fleet advance by themselves);
- inventory lines « Réformé » (retired during year N) are left behind: they are no longer part of the fleet;
- scrapped equipment still « En stock » at the end of year N becomes the stock on 1 January N+1 (T_REFORME,
  décret 2023-266); the rest left during year N; year N's purchases (T_ACHATS) stay with year N;
- year N's indicators and each fiche's status and progress go into the history (T_HISTORIQUE,
  T_HISTORIQUE_FICHES), replacing any earlier run for the same year, so that the chain goes on year after year;
- on Pilotage, reference values still computed live are frozen at their year-N value, and year N's value fills the
  column « Valeur an k » of the follow-up indicators (k: years since the first year of the history).
The source is never changed; an existing output is backed up before being replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nr_workbook.classeur.migration import Rapport, donnees_de, ecrire_migre
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.saisies import lire_saisies
from nr_workbook.classeur.sauvegarde import ClasseurRefuse, sauvegarder_puis_remplacer, verifier_reecriture
from nr_workbook.contract import layout as L
from nr_workbook.contract.migrations import Saisies, migrer
from nr_workbook.engine.donnees import Donnees, cle_texte, est_nombre, nombre
from nr_workbook.engine.feuille_de_route import lignes_fiches
from nr_workbook.engine.sorties import indicateurs


@dataclass
class RapportAnnee:
    annee: int  # year N (the source's)
    migration: Rapport
    historique: int = 0  # indicator values put into the history
    fiches: int = 0  # fiches put into the fiches' history
    reformes: int = 0  # retired inventory lines left behind
    stock: int = 0  # scrapped equipment rows carried as the stock on 1 January N+1
    figees: list[str] = field(default_factory=list)  # Pilotage indicators whose reference value was frozen
    annee_k: int | None = None  # « Valeur an k » filled for this k
    sortie: Path | None = None
    sauvegarde: Path | None = None


def _sans_annee(lignes: list[dict[str, Any]], annee: float) -> list[dict[str, Any]]:
    return [r for r in lignes if not (est_nombre(r.get("Année")) and r["Année"] == annee)]


def preparer(s: Saisies, d: Donnees, annee: int) -> RapportAnnee:
    """Turn year N's inputs (at the current version) into year N+1's; `d`: year N's engine input."""
    rapport = RapportAnnee(annee, Rapport(s.version))
    valeurs = indicateurs(d)
    s.noms["NR_ANNEE_REFERENCE"] = annee + 1

    inventaire = s.tables.get(L.T_INVENTAIRE.nom, [])
    s.tables[L.T_INVENTAIRE.nom] = [r for r in inventaire if cle_texte(r.get("Statut")) != "réformé"]
    rapport.reformes = len(inventaire) - len(s.tables[L.T_INVENTAIRE.nom])

    s.tables[L.T_REFORME.nom] = stock_au_1er_janvier(s.tables.get(L.T_REFORME.nom, []))
    rapport.stock = len(s.tables[L.T_REFORME.nom])
    s.tables[L.T_ACHATS.nom] = []

    historique = _sans_annee(s.tables.get(L.T_HISTORIQUE.nom, []), annee)
    nouvelles = [{"Année": annee, "Indicateur": n.nom, "Valeur": float(valeurs[n.nom])}
                 for n in L.INDICATEURS_SUIVIS if est_nombre(valeurs.get(n.nom))]
    s.tables[L.T_HISTORIQUE.nom] = historique + nouvelles
    rapport.historique = len(nouvelles)

    fiches = [{"Année": annee, "ID": f["ID"], "Levier": f["Levier"], "Statut": f["Statut"] or None,
               "Avancement": f["Avancement"]} for f in lignes_fiches(d) if f["ID"] not in (None, "")]
    s.tables[L.T_HISTORIQUE_FICHES.nom] = _sans_annee(s.tables.get(L.T_HISTORIQUE_FICHES.nom, []), annee) + fiches
    rapport.fiches = len(fiches)

    annees = [r["Année"] for r in historique if est_nombre(r.get("Année"))] + [annee]
    _pilotage(s, valeurs, int(annee - min(annees)), rapport)
    return rapport


def stock_au_1er_janvier(reforme: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Year N's scrapped equipment still « En stock » as year N+1's stock on 1 January: its destination, taker and
    commitment are for year N+1 to say."""
    garder = ("Catégorie", "Quantité", "Année d'acquisition", "Année de réforme", "Commentaire")
    return [{**{h: r.get(h) for h in garder if r.get(h) is not None}, "Présent au 1er janvier": "Oui"}
            for r in reforme if cle_texte(r.get("Destination")) == "en stock"]


def _pilotage(s: Saisies, valeurs: dict[str, Any], k: int, rapport: RapportAnnee) -> None:
    """Freeze the live reference values of the follow-up indicators; fill « Valeur an k » with year N's value."""
    codes = {libelle.casefold(): code for libelle, _, code in L.SUIVI_PILOTAGE if code}
    colonne = f"Valeur an {k}" if 1 <= k <= 3 else None
    rapport.annee_k = k if colonne else None
    for r in s.tables.get(L.T_SUIVI.nom, []):
        code = codes.get(cle_texte(r.get("Indicateur")) or "")
        if code is None or not est_nombre(valeurs.get(code)):
            continue
        if "Valeur de référence" not in r:  # still the template's formula: the value of the diagnosis year
            r["Valeur de référence"] = float(valeurs[code])
            rapport.figees.append(str(r["Indicateur"]))
        if colonne and r.get(colonne) is None:
            r[colonne] = float(valeurs[code])


def nouvelle_annee(source: Path, sortie: Path) -> RapportAnnee:
    """Write year N+1's workbook to `sortie` (never `source`) from year N's `source`."""
    if sortie.resolve() == source.resolve():
        raise ClasseurRefuse("le classeur de l'année suivante doit être un autre fichier que celui de l'année N "
                             "(option -o).")
    verifier_reecriture(source)
    lecteur = Lecteur(source)
    s = lire_saisies(lecteur)
    origine = s.version
    journal = migrer(s)
    d = donnees_de(s, origine)
    annee = nombre(d.noms, "NR_ANNEE_REFERENCE")
    if annee is None or not float(annee).is_integer():
        lieu = lecteur.structure.noms.get("NR_ANNEE_REFERENCE", ("Accueil", "?"))
        raise ClasseurRefuse(f"l'année du diagnostic (feuille « {lieu[0]} », cellule {lieu[1]}) n'est pas "
                             "renseignée : impossible de savoir quelle année suit.")
    rapport = preparer(s, d, int(annee))
    wb, rapport.migration = ecrire_migre(s, origine)
    rapport.migration.journal = journal
    rapport.sortie = sortie
    rapport.sauvegarde = sauvegarder_puis_remplacer(wb, sortie)
    return rapport
