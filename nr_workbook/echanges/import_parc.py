"""Import a fleet from any supported file: find its header and format, convert, group, report.

`importer_parc` is what `nr-workbook importer` and `build --inventaire` run. The format is recognised from the
headers (`auto`), or named, or given by a user's mapping file; a NumEcoEval / G4IT physical equipment file brings
its `datacenter` file along when one lies beside it (server rooms, see docs/contrat-classeur.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from nr_workbook import referentiel
from nr_workbook.classeur.garde import Limites
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide
from nr_workbook.echanges import numecoeval, source
from nr_workbook.echanges.colonnes import charger, correspondance, detecter, evaluateur, score
from nr_workbook.echanges.conversion import Convertisseur, Ligne
from nr_workbook.echanges.formats import FORMATS, Correspondances, Format
from nr_workbook.echanges.regroupement import Rapport, Regroupement

CHOIX_FORMAT = ("auto", *FORMATS, "correspondances")


@dataclass
class Import:
    lignes: list[dict[str, Any]]  # T_INVENTAIRE rows, grouped
    rapport: Rapport
    salles: list[dict[str, Any]] = field(default_factory=list)  # T_SALLES rows (NumEcoEval datacenters)

    @property
    def anomalies(self) -> list[Anomalie]:
        return self.rapport.anomalies_completes()

    @property
    def nb_lues(self) -> int:
        return self.rapport.nb_lues

    @property
    def nb_rejetees(self) -> int:
        return self.rapport.nb_rejetees


def lire_correspondances(chemin: Path) -> Correspondances:
    """A user's mapping file, with French messages for what is wrong in it."""
    try:
        data = yaml.safe_load(chemin.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as e:
        raise FichierInvalide(f"Fichier de correspondances introuvable : {chemin}") from e
    except yaml.YAMLError as e:
        lieu = getattr(e, "problem_mark", None)
        ligne = f", ligne {lieu.line + 1}" if lieu else ""
        raise FichierInvalide(f"{chemin.name}{ligne} : YAML invalide ({getattr(e, 'problem', e)}).") from e
    except (OSError, UnicodeDecodeError) as e:
        raise FichierInvalide(f"Lecture impossible de {chemin} : {e}") from e
    try:
        return Correspondances.model_validate(data or {})
    except ValidationError as e:
        details = "; ".join(f"« {'.'.join(map(str, err['loc']))} » : {err['msg']}" for err in e.errors())
        raise FichierInvalide(f"{chemin.name} : correspondances invalides — {details}") from e


def _format(chemin: Path, format_: str, correspondances: Path | None) -> tuple[Format | None, Any]:
    if correspondances is not None:
        fmt = lire_correspondances(correspondances).en_format(correspondances.name)
        return fmt, lambda valeurs: score(fmt, valeurs)
    if format_ == "correspondances":
        raise FichierInvalide("--format correspondances demande un fichier : --correspondances FICHIER.yaml.")
    if format_ not in CHOIX_FORMAT:
        raise FichierInvalide(f"format inconnu « {format_} » (attendu : {', '.join(CHOIX_FORMAT)}).")
    if format_ == "auto":
        return None, evaluateur(FORMATS)
    fmt = charger(format_)
    return fmt, evaluateur([format_])


def importer_parc(chemin: Path, format_: str = "auto", correspondances: Path | None = None,
                  annee_max: int | None = None, limites: Limites | None = None) -> Import:
    annee_max = annee_max or dt.date.today().year
    fmt, evaluer = _format(chemin, format_, correspondances)
    tableau = source.ouvrir(chemin, evaluer, limites)
    rapport = Rapport(chemin.name, encodage=tableau.encodage, separateur=tableau.separateur,
                      ligne_entete=tableau.ligne_entete, format_choisi="option" if fmt else "auto")
    if fmt is None:
        nom, _ = detecter(tableau.entetes)
        if nom is None:
            raise FichierInvalide(
                f"{chemin.name} : format non reconnu (en-têtes lus ligne {tableau.ligne_entete} : "
                f"{', '.join(h for h in tableau.entetes if h)[:300]}). Précisez --format, ou écrivez un fichier de "
                "correspondances (--proposer en propose un).")
        fmt = charger(nom)
    rapport.format = fmt.libelle
    corr = correspondance(fmt, tableau.entetes)
    manquants = corr.manquants(fmt)
    if manquants:
        noms = ", ".join(f"{c} ({' / '.join(fmt.colonnes[c][:3])})" for c in manquants)
        raise FichierInvalide(f"{chemin.name}, ligne {tableau.ligne_entete} : colonne(s) obligatoire(s) absente(s) "
                              f"pour le format {fmt.libelle} : {noms}.")
    rapport.colonnes, rapport.colonnes_ignorees = dict(corr.entetes), corr.ignorees
    if fmt.nom == "nr":  # our own CSV: a column we do not know is worth a warning
        for c in corr.ignorees:
            rapport.signaler(Anomalie("colonne-inconnue", f"colonne inconnue « {c} » ignorée.", fichier=chemin.name,
                                      ligne=tableau.ligne_entete, colonne=c, gravite="avertissement"))
    if "date_fabrication" in corr.index and "date" not in corr.index:
        rapport.notes.append("Année d'acquisition : celle de la date du BIOS (date de fabrication), faute de date "
                             "d'achat.")
    convertisseur = Convertisseur(fmt, corr, chemin.name, annee_max)
    groupes = Regroupement(rapport)
    energie_it: dict[str, float] = defaultdict(float)
    defauts = {e.categorie: e.conso_kwh_an.valeur for e in referentiel.load().equipements}
    for numero, valeurs in tableau.enregistrements:
        if not any(v not in (None, "") and str(v).strip() for v in valeurs):
            continue
        resultat = convertisseur.convertir(numero, valeurs)
        groupes.ajouter(numero, resultat)
        if isinstance(resultat, Ligne) and resultat.datacenter and resultat.valeurs["Statut"] == "En service":
            v = resultat.valeurs
            conso = v.get("Conso (kWh/an)", defauts.get(v["Catégorie"], 0.0))
            energie_it[resultat.datacenter] += v["Quantité"] * conso
    for a in tableau.anomalies:  # records the csv reader could not read (an unbalanced quote)
        rapport.nb_lues += 1
        rapport.nb_rejetees += 1
        rapport.signaler(a)
    salles = numecoeval.salles_voisines(chemin, energie_it, rapport, limites) if fmt.nom == "numecoeval" else []
    return Import(groupes.lignes(), rapport, salles)
