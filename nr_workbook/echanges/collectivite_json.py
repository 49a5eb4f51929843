"""The collectivité's JSON file (contract § Files exchanged), read into the pydantic model with French messages."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from nr_workbook.classeur.garde import verifier_taille
from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.contract.collectivite import Collectivite


def lire_collectivite(chemin: Path) -> Collectivite:
    try:
        verifier_taille(chemin)
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
