"""The checks of Territoires en Transitions' plan import, ported for the tests (our own code, written from reading
TeT's: incubateur-ademe/territoires-en-transitions, apps/backend/src/plans/plans/import-plan-aggregate/ —
parsers/excel-parser.ts, schemas/import-action.input.ts, validators/action.validator.ts and plan.rules.ts — on the
repository's state of 2026-08-07). The labels are copied here from the parser, apart from the package's own data, so
that a slip on either side shows.

- the data sheet is the first whose A2 is "Axe (x)", else « L'onglet des données n'a pas été trouvé… »;
- row 2 must hold these 28 labels in this order (each trimmed), else « La colonne X devrait être "…" et non "…" »;
- rows from 4 on that hold a value are actions, their first 28 cells read in order;
- titre: text (not a number), not empty once trimmed, at most 300 characters; sous-titre: none or text ≤ 300;
- text and list columns: text or empty (a number is refused: z.string); budget: a number or a numeric text, a date
  is ignored; dates: dates, or d/m/yyyy texts; statut, priorité, participation: text when present (fuzzy-matched
  to their enumerations); a financeur is kept when it has a name and an amount: the name text, the amount a number;
- budget ≥ 0 and ≤ 999 999 999 999; the start not after the end; a sous-action's parent action exists.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

LIBELLES = (
    "Axe (x)", "Sous-axe (x.x)", "Sous-sous axe (x.x.x)", "Titre de l'action", "Titre de la sous-action",
    "Descriptif", "Instances de gouvernance", "Objectifs", "Indicateurs liés", "Structure pilote",
    "Moyens humains et techniques", "Partenaires", "Direction ou service pilote", "Personne pilote",
    "Élu·e référent·e", "Participation Citoyenne", "Financements", "Financeur 1", "Montant € HT", "Financeur 2",
    "Montant € HT", "Financeur 3", "Montant € HT", "Budget prévisionnel total € HT", "Statut", "Niveau de priorité",
    "Date de début", "Date de fin",
)
CLES = ("Axe", "SousAxe", "SousSousAxe", "titre", "sousTitreAction", "description", "instanceGouvernance",
        "objectifs", "indicateurs", "structures", "resources", "partenaires", "services", "pilotes", "referents",
        "participation", "financements", "Financeur1", "Montant1", "Financeur2", "Montant2", "Financeur3",
        "Montant3", "budget", "status", "priorite", "dateDebut", "dateFin")
STATUTS = ("À venir", "En cours", "Réalisé", "En pause", "Abandonné", "Bloqué", "En retard", "A discuter")
PRIORITES = ("Élevé", "Moyen", "Bas")
_TEXTES = ("description", "objectifs", "resources", "financements", "participation", "Axe", "SousAxe",
           "SousSousAxe")
_LISTES = ("instanceGouvernance", "structures", "partenaires", "services", "pilotes", "referents")
_SEPARATEUR = re.compile(r',(?![^()]*\))(?=(?:(?:[^"]*"){2})*[^"]*$)(?![^«]*»)')


class RefusTeT(Exception):
    pass


def _flou(valeur: str, choix: tuple[str, ...]) -> str | None:
    proches = difflib.get_close_matches(valeur.strip(), choix, n=1, cutoff=0.3)
    return proches[0] if proches else None


def _date(v: Any, colonne: str, erreurs: list[str]) -> dt.datetime | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, str):
        parties = re.split(r"[/-]", v.strip())
        if len(parties) == 3 and len(parties[0]) <= 2 and len(parties[1]) <= 2 and len(parties[2]) == 4:
            try:
                return dt.datetime(int(parties[2]), int(parties[1]), int(parties[0]))
            except ValueError:
                pass
    erreurs.append(f"Colonne {colonne}: Une date est attendue")
    return None


def action(donnees: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """One row's action as TeT would build it, and the errors its schema and validator would raise."""
    erreurs: list[str] = []
    out: dict[str, Any] = {}
    titre = donnees["titre"]
    if not isinstance(titre, str):
        erreurs.append("Colonne titre: Un texte est attendu")
    else:
        titre = titre.strip()
        if not titre:
            erreurs.append("Colonne titre: Le titre est obligatoire")
        elif len(titre) > 300:
            erreurs.append("Colonne titre: Le titre ne peut pas dépasser 300 caractères")
    out["titre"] = titre
    sous = donnees["sousTitreAction"]
    if sous is not None and (not isinstance(sous, str) or len(sous.strip()) > 300):
        erreurs.append("Colonne sousTitreAction: texte de 300 caractères au plus attendu")
    out["sousTitre"] = sous.strip() if isinstance(sous, str) and sous.strip() else None
    for cle in _TEXTES:
        v = donnees[cle]
        if v is not None and not isinstance(v, str):
            erreurs.append(f"Colonne {cle}: Un texte est attendu")
        out[cle] = v.strip() if isinstance(v, str) and v.strip() else None
    for cle in _LISTES:
        v = donnees[cle]
        if v is not None and not isinstance(v, str):
            erreurs.append(f"Colonne {cle}: Un texte est attendu")
            out[cle] = []
        else:
            out[cle] = [x.strip() for x in _SEPARATEUR.split(v or "") if x.strip()]
    budget = donnees["budget"]
    if isinstance(budget, (dt.date, dt.datetime)) or budget is None or budget == "":
        out["budget"] = None
    else:
        try:
            out["budget"] = float(budget)
        except (TypeError, ValueError):
            erreurs.append("Colonne budget: Un nombre est attendu")
            out["budget"] = None
    out["dateDebut"] = _date(donnees["dateDebut"], "dateDebut", erreurs)
    out["dateFin"] = _date(donnees["dateFin"], "dateFin", erreurs)
    for cle, choix in (("status", STATUTS), ("priorite", PRIORITES)):
        v = donnees[cle]
        if v is not None and not isinstance(v, str):
            erreurs.append(f"Colonne {cle}: Un texte est attendu")
            v = None
        out[cle] = _flou(v, choix) if v else None
    out["financeurs"] = []
    for i in (1, 2, 3):
        nom, montant = donnees[f"Financeur{i}"], donnees[f"Montant{i}"]
        if nom and montant is not None:
            if not isinstance(nom, str):
                erreurs.append(f"Colonne financeurs.{i - 1}.nom: Un texte est attendu")
            if isinstance(montant, bool) or not isinstance(montant, (int, float)):
                erreurs.append(f"Colonne financeurs.{i - 1}.montant: Un montant est attendu")
            out["financeurs"].append((nom, montant))
    axes = [a for a in (donnees["Axe"], donnees["SousAxe"], donnees["SousSousAxe"]) if a]
    out["axes"] = axes
    if not erreurs:  # action.validator.ts
        if out["dateDebut"] and out["dateFin"] and out["dateDebut"] > out["dateFin"]:
            erreurs.append("La date de fin doit être après la date de début")
        if out["budget"] is not None and out["budget"] < 0:
            erreurs.append("Le budget ne peut pas être négatif")
        if out["budget"] is not None and out["budget"] > 999_999_999_999:
            erreurs.append("Le budget dépasse la valeur maximale autorisée")
    return out, erreurs


def lire(chemin: Path) -> list[dict[str, Any]]:
    """The actions of an import file, as TeT's import would accept them; RefusTeT with its message otherwise."""
    wb = load_workbook(chemin, data_only=True)
    feuille = next((ws for ws in wb.worksheets if ws["A2"].value == LIBELLES[0]), None)
    if feuille is None:
        raise RefusTeT("L'onglet des données n'a pas été trouvé dans le fichier Excel")
    entetes = [c.value for c in feuille[2]]
    for i, attendu in enumerate(LIBELLES):
        lu = str(entetes[i] if i < len(entetes) and entetes[i] is not None else "").strip()
        if lu != attendu:
            raise RefusTeT(f'La colonne {get_column_letter(i + 1)} devrait être "{attendu}" et non "{lu}"')
    actions, erreurs = [], []
    for ligne in feuille.iter_rows(min_row=4, values_only=True):
        if all(v is None for v in ligne):
            continue
        cellules = (list(ligne) + [None] * len(CLES))[: len(CLES)]
        a, e = action(dict(zip(CLES, cellules, strict=True)))
        actions.append(a)
        erreurs += [f'Action avec le titre "{a["titre"]}" : {x}' for x in e]
    parents = {(a["titre"], tuple(a["axes"])) for a in actions if not a["sousTitre"]}
    for a in actions:
        if a["sousTitre"] and (a["titre"], tuple(a["axes"])) not in parents:
            erreurs.append(f'Action parente introuvable pour la sous-action "{a["sousTitre"]}"')
    if erreurs:
        raise RefusTeT("\n".join(erreurs))
    return actions
