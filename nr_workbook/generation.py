"""Generate a diagnostic workbook from the contract's input files (collectivité JSON, inventory CSV)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from pydantic import ValidationError

from nr_workbook import refdata
from nr_workbook.anomalies import Anomalie
from nr_workbook.import_inventaire import FichierInvalide, Import, lire_csv
from nr_workbook.models import Collectivite
from nr_workbook.refdata.models import Parcours
from nr_workbook.writer import construire
from nr_workbook.writer.contexte import Contexte


@dataclass
class Resultat:
    classeur: Workbook
    contexte: Contexte
    import_: Import | None

    @property
    def anomalies(self) -> list[Anomalie]:
        return self.contexte.anomalies


def lire_collectivite(chemin: Path) -> Collectivite:
    try:
        data = json.loads(chemin.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as e:
        raise FichierInvalide(f"Fichier introuvable : {chemin}") from e
    except UnicodeDecodeError as e:
        raise FichierInvalide(f"{chemin.name} n'est pas un fichier texte UTF-8.") from e
    except json.JSONDecodeError as e:
        raise FichierInvalide(f"{chemin.name}, ligne {e.lineno}, colonne {e.colno} : JSON invalide ({e.msg}).") from e
    except OSError as e:
        raise FichierInvalide(f"Lecture impossible de {chemin} : {e.strerror}") from e
    if not isinstance(data, dict):
        raise FichierInvalide(f"{chemin.name} : un objet JSON {{\"nom\": …}} est attendu.")
    try:
        return Collectivite.model_validate(data)
    except ValidationError as e:
        details = "; ".join(f"« {'.'.join(map(str, err['loc']))} » : {_message(err)}" for err in e.errors())
        raise FichierInvalide(f"{chemin.name} : données invalides — {details}") from e


def _message(err: dict) -> str:
    t = err["type"]
    ctx = err.get("ctx", {})
    return {
        "missing": "champ obligatoire absent",
        "greater_than": f"doit être supérieur à {ctx.get('gt')}",
        "greater_than_equal": f"doit être supérieur ou égal à {ctx.get('ge')}",
        "less_than_equal": f"doit être inférieur ou égal à {ctx.get('le')}",
        "int_parsing": "nombre entier attendu",
        "int_from_float": "nombre entier attendu",
        "bool_parsing": "true ou false attendu",
        "string_type": "texte attendu",
        "literal_error": f"valeur attendue : {ctx.get('expected', '')}",
        "string_too_short": "ne doit pas être vide",
    }.get(t, err["msg"])


def generer(parcours: Parcours | None = None, collectivite: Collectivite | None = None,
            inventaire: Path | None = None, mutualisateur: str | None = None,
            contact: str | None = None) -> Resultat:
    annee = (collectivite.annee_reference if collectivite and collectivite.annee_reference
             else dt.date.today().year)  # a generated (not template) workbook gets this year by default
    if parcours is None:
        parcours = collectivite.parcours_retenu if collectivite else "Complet"
    imp = None
    ctx = Contexte(parcours=parcours, collectivite=collectivite, annee=annee, mutualisateur=mutualisateur,
                   contact_mutualisateur=contact)
    if inventaire is not None:
        imp = lire_csv(inventaire, (e.categorie for e in refdata.load().equipements), annee)
        ctx.inventaire, ctx.anomalies = imp.lignes, list(imp.anomalies)
    return Resultat(construire(ctx), ctx, imp)
