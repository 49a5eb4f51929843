"""`nr-workbook consolider`: read every returned workbook through the contract, recompute with the engine, compare.

A workbook of an older released template is migrated in memory (its version is shown per member). A file that is
corrupted, password-protected, of an unknown template version, not ours, returned blank, or open in Excel (lock
file) is reported and skipped; it never stops the run. Files are read in parallel over the machine's cores.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.contract.version import VERSION_MODELE

TRANCHES = ((0, 1_000, "moins de 1 000 hab."), (1_000, 3_500, "1 000 à 3 499 hab."),
            (3_500, 10_000, "3 500 à 9 999 hab."), (10_000, 50_000, "10 000 à 49 999 hab."),
            (50_000, 10**9, "50 000 hab. et plus"))
INDICATEURS = tuple(n.nom for n in L.SORTIES if n.format is not None and n.nom != "NR_NB_REFERENTS"
                    and n.nom not in L.NOMS_EQUIVALENCES)


def tranche(population: Any) -> str:
    if not isinstance(population, (int, float)) or isinstance(population, bool):
        return "population inconnue"
    return next(lib for bas, haut, lib in TRANCHES if bas <= population < haut)


@dataclass
class Lu:
    fichier: str
    ligne: dict[str, Any] | None
    anomalies: list[Anomalie] = field(default_factory=list)
    agec: list[dict[str, Any]] = field(default_factory=list)  # its rows of the AGEC declaration
    sans_identite: bool = False  # purchases, but no SIRET (or year, or name) to declare them under
    obligations: dict[str, Any] | None = None  # its year and the parts of its two legal rates (`comptes_membre`)


def lire_classeur(chemin: Path) -> Lu:
    """One returned workbook: its consolidated row and anomalies, or why it was skipped."""
    from nr_workbook.classeur.migration import donnees_migrees
    from nr_workbook.classeur.reader.fichier import Lecteur
    from nr_workbook.classeur.verification import verifier_lecteur
    from nr_workbook.contract.anomalies import FichierInvalide
    from nr_workbook.contract.migrations import VersionInconnue
    from nr_workbook.engine.donnees import sans_saisie
    from nr_workbook.engine.priorisation import leviers
    from nr_workbook.engine.sorties import indicateurs
    from nr_workbook.mutualisation.obligations import comptes_membre

    nom = chemin.name
    verrou = chemin.with_name("~$" + nom)
    if verrou.exists():
        return Lu(nom, None, [Anomalie("ouvert", "classeur ouvert dans Excel (fichier de verrou présent) : ignoré.",
                                       fichier=nom)])
    try:
        lecteur = Lecteur(chemin)
    except FichierInvalide as e:  # unreadable, protected, or beyond the size limits
        return Lu(nom, None, [Anomalie("illisible", f"{e} Ignoré.", fichier=nom)])
    version = lecteur.nom("NR_VERSION_MODELE")
    if version is None:
        return Lu(nom, None, [Anomalie("etranger", "ce n'est pas un classeur nr_workbook : ignoré.", fichier=nom)])
    version = str(version).strip()
    migre = version != VERSION_MODELE
    try:
        d = donnees_migrees(lecteur)[0] if migre else lecteur.donnees()
    except VersionInconnue as e:
        return Lu(nom, None, [Anomalie("version", f"{e} Ignoré.", fichier=nom)])
    if sans_saisie(d):
        return Lu(nom, None, [Anomalie("non-rempli", "classeur retourné sans aucune donnée au-delà de son identité "
                                       "(ni inventaire, ni cotation, ni levier, ni fiche) : non rempli, ignoré.",
                                       fichier=nom, gravite="avertissement")])
    valeurs = indicateurs(d)
    retenus = [str(r["ID"]) for r in leviers(d) if r["Pris en compte"] == "Oui"
               and isinstance(r.get("Retenu"), str) and r["Retenu"].casefold() == "oui" and r.get("ID")]
    ligne = {
        "Fichier": nom, "Collectivité": d.noms.get("NR_COLLECTIVITE"), "Code INSEE": d.noms.get("NR_CODE_INSEE"),
        "SIRET": d.noms.get("NR_SIRET"),
        "Population": d.noms.get("NR_POPULATION"), "Agents": d.noms.get("NR_NB_AGENTS"),
        "Année": d.noms.get("NR_ANNEE_REFERENCE"), "Parcours": d.noms.get("NR_PARCOURS"), "Version du modèle": version,
        "Tranche": tranche(d.noms.get("NR_POPULATION")), **{k: (None if v == "" else v) for k, v in valeurs.items()},
        "Leviers retenus": ", ".join(retenus),
    }
    return Lu(nom, ligne, verifier_lecteur(lecteur, d, contrat=not migre, historique=False), *_agec(d, lecteur, migre),
              obligations=comptes_membre(d))


def _agec(d, lecteur, migre: bool) -> tuple[list[dict[str, Any]], bool]:
    """A member's rows of the AGEC declaration (its refused rows are among the checker's anomalies already), and
    whether it has purchases but no identity to declare them under."""
    from nr_workbook.echanges.agec import Lieux, declaration

    if not d.tables.get("T_ACHATS"):
        return [], False
    dec = declaration(d, Lieux(None if migre else lecteur))
    return dec.lignes, any(r.bloquant for r in dec.refus)


@dataclass
class Consolidation:
    lignes: pd.DataFrame
    anomalies: list[Anomalie]
    ignores: list[str]
    agec: list[dict[str, Any]] = field(default_factory=list)  # every member's rows of the AGEC declaration
    membres_obligations: list[dict[str, Any]] = field(default_factory=list)  # each member's `comptes_membre`

    def obligations(self) -> pd.DataFrame:
        """Per year: the territory's reuse rate of scrapped IT and share of IT purchases (Σ ÷ Σ over the members),
        against the texts' objective and minimum, and how many members meet them."""
        from nr_workbook.mutualisation.obligations import obligations_territoire

        return obligations_territoire(self.membres_obligations)

    def comparaison(self) -> pd.DataFrame:
        """Per population band and indicator: count, quartiles and median."""
        lignes = []
        for bande, groupe in self.lignes.groupby("Tranche", sort=False):
            for nom in INDICATEURS:
                serie = pd.to_numeric(groupe[nom], errors="coerce").dropna()
                if serie.empty:
                    continue
                lignes.append({"Tranche": bande, "Indicateur": nom, "Collectivités": len(serie),
                               "1er quartile": serie.quantile(0.25), "Médiane": serie.median(),
                               "3e quartile": serie.quantile(0.75)})
        return pd.DataFrame(lignes, columns=["Tranche", "Indicateur", "Collectivités", "1er quartile", "Médiane",
                                             "3e quartile"])

    def positions(self) -> pd.DataFrame:
        """Each member's percentile (0–100) within its population band, per indicator."""
        out = self.lignes[["Collectivité", "Tranche"]].copy()
        for nom in INDICATEURS:
            valeurs = pd.to_numeric(self.lignes[nom], errors="coerce")
            out[nom] = valeurs.groupby(self.lignes["Tranche"]).rank(pct=True).mul(100).round(0)
        return out

    def leviers_frequents(self, n: int = 20) -> list[tuple[str, int]]:
        compte = Counter(i for liste in self.lignes["Leviers retenus"] for i in str(liste).split(", ") if i)
        return compte.most_common(n)


def code_insee(v: Any) -> str:
    """An INSEE code as text ("1053" typed as a number in Excel reads as 1053.0: "01053" is not recoverable)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip() if v not in (None, "") else ""


def doublons_insee(lignes: list[dict[str, Any]]) -> list[Anomalie]:
    """One anomaly per returned workbook whose INSEE code and year an earlier one (in file order) already has."""
    vus: dict[tuple[str, Any], str] = {}
    out = []
    for ligne in lignes:
        code = code_insee(ligne.get("Code INSEE"))
        if not code:
            continue
        cle = (code, ligne.get("Année"))
        if cle in vus:
            out.append(Anomalie("insee-en-double", f"code INSEE {code} déjà présent dans {vus[cle]} pour la même "
                                "année : deux classeurs pour la même collectivité ? Seul le premier est versé dans "
                                "l'historique.", fichier=ligne["Fichier"]))
        else:
            vus[cle] = ligne["Fichier"]
    return out


_SAUVEGARDE = re.compile(r"\.sauvegarde-\d{8}-\d{6}(-\d+)?\.xlsx$", re.I)


def consolider(dossier: Path, processus: int | None = None) -> Consolidation:
    tous = sorted(p for p in dossier.glob("*.xlsx") if not p.name.startswith("~$"))
    fichiers = [p for p in tous if not _SAUVEGARDE.search(p.name)]
    sauvegardes = [Anomalie("sauvegarde", "copie de sauvegarde faite par nr-workbook : ignorée (l'original est lu).",
                            fichier=p.name, gravite="avertissement") for p in tous if _SAUVEGARDE.search(p.name)]
    travailleurs = processus or min(len(fichiers) or 1, os.cpu_count() or 1)
    if travailleurs > 1 and len(fichiers) > 4:
        with ProcessPoolExecutor(travailleurs) as pool:
            lus = list(pool.map(lire_classeur, fichiers, chunksize=8))
    else:
        lus = [lire_classeur(p) for p in fichiers]
    lignes = [lu.ligne for lu in lus if lu.ligne]
    anomalies = [a for lu in lus for a in lu.anomalies] + doublons_insee(lignes) + sauvegardes
    ignores = [lu.fichier for lu in lus if lu.ligne is None]
    colonnes = ["Fichier", "Collectivité", "Code INSEE", "SIRET", "Année", "Population", "Agents", "Parcours",
                "Version du modèle", "Tranche", *(n.nom for n in L.SORTIES), "Leviers retenus"]
    agec = [x for lu in lus for x in lu.agec]
    for lu in lus:
        if lu.ligne and lu.sans_identite:
            anomalies.append(Anomalie("agec", "achats saisis mais SIRET, année ou nom manquant ou invalide : "
                                      "collectivité absente de la déclaration AGEC consolidée.", fichier=lu.fichier,
                                      gravite="avertissement"))
    return Consolidation(pd.DataFrame(lignes, columns=colonnes), anomalies, ignores, agec,
                         [lu.obligations for lu in lus if lu.ligne and lu.obligations])
