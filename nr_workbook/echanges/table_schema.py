"""A CSV checked against a Table Schema by frictionless (the validator data.gouv.fr's schemas use in their CI), its
errors in French: row, field, rule. Shared by the AGEC declaration and the open-data export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_REGLES = {"type-error": "type attendu : {type}", "constraint-error": "contrainte du schéma non respectée",
           "missing-cell": "valeur obligatoire manquante", "extra-cell": "valeur en trop",
           "missing-label": "colonne manquante", "incorrect-label": "en-tête différent du schéma",
           "blank-row": "ligne vide", "primary-key": "clé primaire en double"}


@dataclass(frozen=True)
class ErreurSchema:
    ligne: int | None  # the CSV row (header = 1), None for an error of the whole file
    champ: str
    message: str  # the rule and its precision, in French


def _precision(note: str, liste: str) -> str:
    """frictionless' note on a constraint, in French."""
    if '"pattern"' in note:
        return " (motif attendu : " + note.split(" is ", 1)[-1].strip('"') + ")"
    if '"enum"' in note:
        return f" (valeur hors de {liste})"
    if '"required"' in note:
        return " (valeur obligatoire)"
    return f" ({note})" if note else ""


def erreurs(texte: str, schema: dict[str, Any], liste: str = "la liste du schéma") -> list[ErreurSchema]:
    """Every error of the CSV `texte` (UTF-8) against the Table Schema descriptor `schema`; `liste`: how to call the
    allowed values of an enum in a message."""
    from frictionless import Resource, Schema  # imported here: only the exports need it

    rapport = Resource(data=texte.encode("utf-8"), format="csv", encoding="utf-8",
                       schema=Schema.from_descriptor(schema)).validate(limit_errors=10_000)
    out = []
    for tache in rapport.tasks:
        for e in tache.errors:
            regle = _REGLES.get(e.type, e.title).format(type=getattr(e, "field_type", ""))
            out.append(ErreurSchema(getattr(e, "row_number", None), getattr(e, "field_name", None) or "",
                                    regle + _precision(getattr(e, "note", "") or "", liste)))
    return out
