"""Who may call the server: CORS limited to Office's origins and the public URL, and the optional access token.

Office runs the custom functions in its JavaScript-only runtime, which sends simple CORS requests from Office's own
origins (Excel for the web, desktop clients' embedded pages); the ribbon's commands run in the add-in's page, on the
server's own origin. Any other origin gets no CORS header, so a web page elsewhere cannot read an answer.

With a token (`--jeton` or NR_SERVEUR_JETON), every call (functions and actions) must carry it, either as
`Authorization: Bearer <jeton>` or, for the custom functions (simple CORS allows no such header), as the field
`jeton` of the JSON body; otherwise 401. What Office must fetch to load the add-in (manifest, scripts, icons, page)
stays public. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from nr_workbook.excel.protocole import Refus

# Office's origins (Microsoft 365 web apps, their CDN and the desktop clients' web views)
DOMAINES_OFFICE = ("officeapps.live.com", "office.com", "office365.com", "microsoft365.com", "cloud.microsoft",
                   "sharepoint.com", "office.net")
MOTIF_ORIGINES_OFFICE = (r"https://([a-z0-9-]+\.)*(" + "|".join(re.escape(d) for d in DOMAINES_OFFICE) + r")")


def motif_origines(origines_propres: tuple[str, ...] = ()) -> str:
    """The allowed origins as one regular expression (Office's, plus the server's public ones)."""
    propres = [re.escape(o.rstrip("/")) for o in origines_propres if o]
    return "(" + "|".join([MOTIF_ORIGINES_OFFICE, *propres]) + ")"


def jeton_de(en_tetes: Any, corps: Any = None) -> str | None:
    """The token a call carries: Authorization: Bearer …, or the body's `jeton` field."""
    autorisation = en_tetes.get("authorization") or ""
    if autorisation[:7].lower() == "bearer ":
        brut = autorisation[7:].strip()
        try:  # HTTP headers reach us decoded as Latin-1: a token with accents was sent as UTF-8
            return brut.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return brut
    if isinstance(corps, dict) and isinstance(corps.get("jeton"), str):
        return corps["jeton"]
    return None


def verifier_jeton(attendu: str | None, en_tetes: Any, corps: Any = None) -> None:
    """Nothing when no token is required or the right one is given; Refus(401) otherwise."""
    if not attendu:
        return
    donne = jeton_de(en_tetes, corps)
    if donne is None:
        raise Refus(401, "jeton d'accès requis : saisissez-le dans le volet « Numérique responsable » "
                         "(il est transmis en en-tête Authorization: Bearer).")
    if not hmac.compare_digest(donne.encode("utf-8"), attendu.encode("utf-8")):
        raise Refus(401, "jeton d'accès refusé : vérifiez celui saisi dans le volet « Numérique responsable ».")
