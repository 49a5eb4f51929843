"""`importer --proposer`: a mapping file proposed from any CSV or sheet, for the user to check before importing.

Columns are guessed from the headers (the names every known format uses, or a close spelling); each distinct value
of the type column gets the category the shared vocabulary gives it, else the closest category name, else
« À COMPLÉTER », which the import refuses until the user writes a category (or « ignorer ») in its place.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nr_workbook import referentiel
from nr_workbook.classeur.garde import Limites
from nr_workbook.echanges import source
from nr_workbook.echanges.colonnes import CHAMPS_INVENTAIRE, charger, correspondance
from nr_workbook.echanges.formats import FORMATS, IGNORER, ChampSource, Format, normaliser, vocabulaire

A_COMPLETER = "À COMPLÉTER"
MAX_VALEURS = 300
_CHAMPS: tuple[ChampSource, ...] = ("type", "chassis", "categorie", "modele", "fabricant", "quantite", "date",
                                     "annee", "statut", "reconditionne", "poids", "conso", "site", "commentaire")


@dataclass
class Proposition:
    colonnes: dict[str, str]
    categories: dict[str, str] = field(default_factory=dict)  # source value -> proposed category
    comptes: Counter = field(default_factory=Counter)
    statuts: dict[str, str] = field(default_factory=dict)
    lignes: int = 0


def _format_large() -> Format:
    """Every header name any known format uses, for any field, matched loosely."""
    noms: dict[str, list[str]] = {}
    for n in FORMATS:
        for champ, entetes in charger(n).colonnes.items():
            noms.setdefault(champ, []).extend(entetes)
    noms.setdefault("categorie", []).extend([CHAMPS_INVENTAIRE["categorie"], "Type de matériel", "Famille"])
    ordre = {c: tuple(dict.fromkeys(noms[c])) for c in _CHAMPS if c in noms}
    return Format(nom="proposition", libelle="proposition", colonnes=ordre, entetes_approchees=True)


def _categorie(valeur: str, categories: list[str]) -> str:
    n = normaliser(valeur)
    voc = vocabulaire()
    for ex in voc.exclusions:
        if ex.regex.search(n):
            return IGNORER
    for regle in (*voc.types, *voc.modeles):
        if regle.regex.search(n):
            return regle.categorie
    proches = difflib.get_close_matches(n, [normaliser(c) for c in categories], n=1, cutoff=0.6)
    if proches:
        return next(c for c in categories if normaliser(c) == proches[0])
    return A_COMPLETER


def proposer(chemin: Path, limites: Limites | None = None) -> Proposition:
    fmt = _format_large()
    tableau = source.ouvrir(chemin, lambda valeurs: len(correspondance(fmt, valeurs).index)
                            if sum(1 for v in valeurs if isinstance(v, str) and v.strip()) >= 2 else 0, limites)
    corr = correspondance(fmt, tableau.entetes)
    champ_type = next((c for c in ("type", "categorie", "chassis") if c in corr.index), None)
    p = Proposition({c: corr.entetes[c] for c in _CHAMPS if c in corr.entetes})
    statuts: Counter = Counter()
    for _, valeurs in tableau.enregistrements:
        p.lignes += 1
        for champ, compteur in ((champ_type, p.comptes), ("statut", statuts)):
            i = corr.index.get(champ) if champ else None
            if i is not None and i < len(valeurs) and str(valeurs[i]).strip():
                compteur[str(valeurs[i]).strip()] += 1
    categories = [e.categorie for e in referentiel.load().equipements]
    p.categories = {v: _categorie(v, categories) for v, _ in p.comptes.most_common(MAX_VALEURS)}
    voc = vocabulaire()
    p.statuts = {v: next((r.statut for r in voc.statuts if r.regex.search(normaliser(v))), "En service")
                 for v, _ in statuts.most_common(MAX_VALEURS)}
    if champ_type and champ_type != "type":  # the mapping names categories through the "type" field
        p.colonnes["type"] = p.colonnes.pop(champ_type)
    return p


def en_yaml(p: Proposition, fichier: str) -> str:
    """The proposal as a commented YAML mapping file (`--correspondances`)."""
    q = lambda x: json.dumps(x, ensure_ascii=False)  # noqa: E731 - a JSON string is a valid YAML scalar
    categories = ", ".join(e.categorie for e in referentiel.load().equipements)
    lignes = [
        f"# Correspondances proposées pour {fichier} ({p.lignes} lignes lues) par nr-workbook importer --proposer.",
        "# Vérifiez chaque ligne, remplacez « À COMPLÉTER », puis importez avec --correspondances CE_FICHIER.",
        "",
        "# Nos champs et la colonne de votre fichier qui les contient (supprimez une ligne fausse).",
        "# type : la colonne dont les valeurs désignent la catégorie ; quantite absente : une ligne = un équipement.",
        "colonnes:",
        *(f"  {champ}: {q(entete)}" for champ, entete in p.colonnes.items()),
        "",
        f"# Valeur de la colonne type -> catégorie du Référentiel ({categories}), ou « ignorer ».",
        "categories:",
        *(f"  {q(v)}: {q(c)}  # {p.comptes[v]} ligne(s)" for v, c in p.categories.items()),
        "",
        "# Valeur de la colonne statut -> En service, En stock ou Réformé.",
        "statuts:" + ("" if p.statuts else " {}"),
        *(f"  {q(v)}: {q(s)}" for v, s in p.statuts.items()),
        "",
        f"une_ligne_par_equipement: {'false' if 'quantite' in p.colonnes else 'true'}",
        "",
    ]
    return "\n".join(lignes)
