"""The Office.js protocol, hardened: what a request may carry and call, and the French answer when it may not.

- Only the functions and ribbon actions of the one registry can be called (an allow-list built from
  `excel.lite`, never a lookup of any attribute of a module): an unknown, private or dunder name is a 404.
- A body is refused (413) beyond `NR_SERVEUR_CORPS_MAX_MO` megabytes (8 by default), before being read whole;
  a body that is not JSON is a 400, a payload of the wrong shape a 422.
- A function that fails on a user's values answers an Excel error (`#VALUE!` with a French message, turned into a
  `CustomFunctions.Error` by the served code), never a 500.
Each refusal is one log line with its reason, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.responses import JSONResponse

try:  # orjson parses a Recalculer's body 2 to 3 times faster (its errors are json.JSONDecodeError too)
    from orjson import OPT_SERIALIZE_NUMPY
    from orjson import dumps as _ecrire
    from orjson import loads as _charger
except ImportError:  # pragma: no cover - the server extra installs it
    _charger, _ecrire = json.loads, None

journal = logging.getLogger("nr_workbook.serveur")
MO = 1024 * 1024


class Refus(Exception):
    """A request the server answers with an HTTP error and a French message."""

    def __init__(self, statut: int, message: str):
        super().__init__(message)
        self.statut = statut
        self.message = message


class ReponseJson(JSONResponse):
    """A JSON answer written by orjson (a Recalculer's answer 25 times faster than the standard library, the same
    JSON: compact, UTF-8); what orjson cannot write (an integer beyond 64 bits) goes the standard library's way.
    A value that is not a number (NaN) is written null, where the standard library refused it."""

    def render(self, content: Any) -> bytes:
        if _ecrire is not None:
            try:
                return _ecrire(content, option=OPT_SERIALIZE_NUMPY)
            except TypeError:
                pass
        return super().render(content)


def limite_corps() -> int:
    """Largest request body accepted, in bytes (NR_SERVEUR_CORPS_MAX_MO, 8 by default)."""
    brut = os.environ.get("NR_SERVEUR_CORPS_MAX_MO", "8")
    try:
        return int(float(brut) * MO)
    except ValueError:
        return 8 * MO


class AppelFonction(BaseModel):
    """A custom function call as Office.js sends it (other keys of the protocol are kept as they are)."""

    model_config = ConfigDict(extra="allow")
    func_name: str
    args: list[Any]
    caller_address: str | None = None
    client: str = "Office.js"
    version: str = ""
    runtime: str = "1.1"  # CustomFunctionsRuntime version: below 1.4, dates and errors travel as plain values
    date_format: str | None = None
    culture_info_name: str = "fr-FR"


def _mo(octets: float) -> str:
    """Megabytes in French: 0,3 Mo, 0,05 Mo, 8 Mo."""
    return f"{octets / MO:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " Mo"


def _sur(texte: Any, longueur: int = 80) -> str:
    """A value for the log: one line, bounded (no log injection)."""
    return str(texte).replace("\r", "\\r").replace("\n", "\\n")[:longueur]


async def lire_json(request: Any, limite: int | None = None) -> Any:
    """The request's JSON body, read up to the limit; Refus(413/400) otherwise."""
    limite = limite_corps() if limite is None else limite
    declare = request.headers.get("content-length")
    if declare is not None:
        try:
            taille = int(declare)
        except ValueError as e:
            raise Refus(400, "en-tête Content-Length invalide.") from e
        if taille > limite:
            raise Refus(413, f"requête de {_mo(taille)}, au-delà de la limite de {_mo(limite)} "
                             "(NR_SERVEUR_CORPS_MAX_MO).")
    morceaux, lu = [], 0
    async for morceau in request.stream():
        lu += len(morceau)
        if lu > limite:
            raise Refus(413, f"requête au-delà de la limite de {_mo(limite)} (NR_SERVEUR_CORPS_MAX_MO).")
        morceaux.append(morceau)
    try:
        return _charger(b"".join(morceaux) or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        ou = f" (ligne {e.lineno}, colonne {e.colno})" if isinstance(e, json.JSONDecodeError) else ""
        raise Refus(400, f"corps de la requête illisible : JSON attendu{ou}.") from e


def appel_fonction(data: Any, autorisees: frozenset[str]) -> dict[str, Any]:
    """The call's payload, checked: its shape (422) and its function (404 unless registered)."""
    try:
        appel = AppelFonction.model_validate(data)
    except ValidationError as e:
        champs = ", ".join(sorted({".".join(str(x) for x in err["loc"]) or "corps" for err in e.errors()}))
        raise Refus(422, f"appel de fonction mal formé : {champs} manquant(s) ou invalide(s).") from e
    if appel.func_name not in autorisees:
        raise Refus(404, f"fonction inconnue : « {_sur(appel.func_name, 40)} ». Fonctions du complément : "
                         f"{', '.join(sorted(autorisees))}.")
    return appel.model_dump()


def script_autorise(nom: str, autorises: frozenset[str]) -> None:
    if nom not in autorises:
        raise Refus(404, f"action inconnue : « {_sur(nom, 40)} ». Actions du complément : "
                         f"{', '.join(sorted(autorises))}.")


def erreur_excel(nom: str, e: Exception) -> dict[str, Any]:
    """The answer of a function that failed on the user's values: an Excel #VALUE! with a French message."""
    journal.warning("fonction %s : %s (%s) – #VALEUR! renvoyé", _sur(nom, 40), e.__class__.__name__, _sur(e))
    return {"result": None, "error": {"code": "#VALUE!",
                                      "message": f"{nom} : valeurs incompatibles ({_sur(e, 120)})."}}


def refuser(request: Any, refus: Refus) -> tuple[int, dict[str, str]]:
    """Log one line for a refused request; the status and French JSON to answer."""
    journal.warning("%s %s refusé (%d) : %s", request.method, _sur(request.url.path), refus.statut, refus.message)
    return refus.statut, {"erreur": refus.message}
