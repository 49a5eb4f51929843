"""Office.js add-in served by the xlwings Server protocol (FastAPI): custom functions and ribbon actions.

`nr-workbook serveur` runs it over HTTPS (`excel/reglages.py`, `excel/certificats.py`). The functions and scripts
are those of `nr_workbook.excel.lite` (declared once in `nr_workbook.excel.fonctions` and `nr_workbook.excel.actions`);
the manifest (`excel/manifeste.py`) is rendered from the same registry. Requests are checked by `excel/protocole.py`
(allow-list, sizes, shapes) and `excel/acces.py` (CORS, token). The routes follow xlwings Server's
(xlwings_server/routers/xlwings.py: custom-functions-meta/-code/-call, custom-scripts-call).
xlwings Server's protocol is PolyForm Noncommercial: a collectivité runs it with XLWINGS_LICENSE_KEY=noncommercial.
"""

from __future__ import annotations

import gc
import json
import os
from contextlib import asynccontextmanager
from functools import lru_cache
from html import escape

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.middleware.cors import CORSMiddleware  # noqa: E402
from fastapi.responses import FileResponse, PlainTextResponse, Response  # noqa: E402
from xlwings.server import (  # noqa: E402
    custom_functions_call,
    custom_functions_meta,
    custom_scripts_call,
    custom_scripts_meta,
)

from nr_workbook.classeur.reader.extrait import ExtraitInvalide, LecteurExtrait  # noqa: E402
from nr_workbook.contract.version import VERSION_MODELE  # noqa: E402
from nr_workbook.excel import lite as module  # noqa: E402
from nr_workbook.excel.acces import motif_origines, verifier_jeton  # noqa: E402
from nr_workbook.excel.actions import ACTIONS_RUBAN  # noqa: E402
from nr_workbook.excel.icones import icone_png  # noqa: E402
from nr_workbook.excel.manifeste import ONGLET, TAILLES_ICONES, base_https, manifeste, origine  # noqa: E402
from nr_workbook.excel.protocole import (  # noqa: E402
    Refus,
    ReponseJson,
    appel_fonction,
    erreur_excel,
    journal,
    lire_json,
    refuser,
    script_autorise,
)
from nr_workbook.excel.reglages import Reglages  # noqa: E402
from nr_workbook.excel.telechargements import TYPES, Depot  # noqa: E402


@lru_cache(maxsize=8)  # rendered once per address, not per request
def code_fonctions(base: str, chemin_appel: str = "/xlwings/custom-functions-call") -> str:
    """JavaScript of the custom functions (Office's JavaScript-only runtime): each function posts its arguments
    to the server as a simple CORS request (text/plain body, no custom header; the token rides in the body)."""
    lignes = [
        f"const NR_BASE = {json.dumps(base)};",
        "async function nrJeton() {",
        "  try { return (typeof OfficeRuntime !== 'undefined' && OfficeRuntime.storage)",
        "    ? await OfficeRuntime.storage.getItem('nr_jeton') : null; } catch (e) { return null; }",
        "}",
        "function nrVersionRuntime() {",
        "  try {",
        "    for (const v of ['1.4', '1.3', '1.2']) {",
        "      if (Office.context.requirements.isSetSupported('CustomFunctionsRuntime', v)) { return v; }",
        "    }",
        "  } catch (e) { /* JavaScript-only runtime without Office.context */ }",
        "  return '1.1';",
        "}",
        "async function nrAppel(nom, args) {",
        "  const invocation = args.pop();",
        "  const corps = {func_name: nom, args: args, client: 'Office.js', version: '', runtime: nrVersionRuntime(),",
        "    caller_address: invocation.address || null, formula_name: nom, culture_info_name: 'fr-FR'};",
        "  const jeton = await nrJeton();",
        "  if (jeton) { corps.jeton = jeton; }",
        "  let reponse = null;",
        "  try {",
        f"    reponse = await fetch(NR_BASE + '{chemin_appel}', {{",
        "      method: 'POST', headers: {'Content-Type': 'text/plain;charset=UTF-8'}, body: JSON.stringify(corps)",
        "    });",
        "  } catch (e) {",
        "    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable,",
        "      'Serveur nr_workbook injoignable');",
        "  }",
        "  let donnees = null;",
        "  try { donnees = await reponse.json(); } catch (e) { donnees = null; }",
        "  if (!reponse.ok || donnees === null) {",
        "    const message = (donnees && donnees.erreur) || 'Serveur nr_workbook indisponible';",
        "    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);",
        "  }",
        "  if (donnees.error) {",
        "    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, donnees.error.message);",
        "  }",
        "  return donnees.result;",
        "}",
    ]
    for nom in sorted(fonctions_autorisees()):
        lignes.append(f"async function {nom}(...args) {{ return await nrAppel('{nom}', args); }}")
        lignes.append(f'CustomFunctions.associate("{nom}", {nom});')
    return "\n".join(lignes) + "\n"


@lru_cache(maxsize=8)  # rendered once per address, not per request
def code_commandes(base: str) -> str:
    """JavaScript of the add-in's page: one Office.js command per ribbon action, and the token form."""
    from importlib import resources

    modele = resources.files("nr_workbook.excel").joinpath("serveur_commandes.js").read_text(encoding="utf-8")
    scripts = {s["function_name"]: s["function_name"] for s in custom_scripts_meta(module)}
    libelles = {a.fonction: a.libelle for a in ACTIONS_RUBAN}
    lectures = {a.fonction: a.lecture.json() for a in ACTIONS_RUBAN if a.lecture is not None}
    return (modele.replace('"__SCRIPTS__"', json.dumps(scripts)).replace('"__BASE__"', json.dumps(base))
            .replace('"__LIBELLES__"', json.dumps(libelles, ensure_ascii=False))
            .replace('"__LECTURES__"', json.dumps(lectures, ensure_ascii=False)))


FORMULAIRE_JETON = """
<form id="nr-jeton"><label for="nr-jeton-valeur">Jeton d'accès</label>
<input id="nr-jeton-valeur" type="password" autocomplete="off">
<button type="submit">Enregistrer</button> <span id="nr-jeton-etat" role="status"></span></form>"""
# The pane's page loads only our own scripts, styles and images, and Office.js from Microsoft's script host.
CSP_VOLET = ("default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self'; "
             "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")


@lru_cache(maxsize=8)  # rendered once per address, not per request
def page_volet(jeton_requis: bool) -> str:
    """The add-in's page (task pane and function file of the ribbon's commands)."""
    fonctions = "".join(f"<li><code>{escape(f)}</code></li>" for f in sorted(fonctions_autorisees()))
    boutons = "".join(f'<li><button type="button" class="nr-action" data-script="{escape(a.fonction)}" '
                      f'aria-describedby="aide-{escape(a.fonction)}" disabled>{escape(a.libelle)}</button> '
                      f'<span id="aide-{escape(a.fonction)}">{escape(a.aide)}</span></li>' for a in ACTIONS_RUBAN)
    jeton = ("<p>Ce serveur demande un jeton d'accès : saisissez celui que votre service informatique vous a "
             "communiqué.</p>" + FORMULAIRE_JETON if jeton_requis else "")
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{escape(ONGLET)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/png" href="static/icone-32.png">
<link rel="stylesheet" href="static/fluent.css">
<link rel="stylesheet" href="static/volet.css">
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
<script src="commands.js"></script>
<script src="volet.js"></script>
</head><body>
<main>
<h1>{escape(ONGLET)}</h1>
<h2 id="titre-situation">Où j'en suis</h2>
<dl aria-labelledby="titre-situation">
<dt>Serveur</dt><dd id="nr-serveur">vérification…</dd>
<dt>Classeur ouvert</dt><dd id="nr-classeur">vérification…</dd>
<dt>Jeton d'accès</dt><dd id="nr-jeton-statut">vérification…</dd>
</dl>
{jeton}
<h2>Actions</h2>
<p>Les mêmes que l'onglet « {escape(ONGLET)} » du ruban (Excel sur le web peut le masquer).</p>
<ul class="nr-actions">{boutons}</ul>
<h2>Dernière action</h2><p id="nr-etat-action" role="status" aria-live="polite"></p>
<ul id="nr-telechargements"></ul>
<h2>Fonctions</h2>
<p>Modèle de classeur {escape(VERSION_MODELE)} : ces fonctions calculent avec le moteur nr_workbook de ce
serveur.</p>
<ul>{fonctions}</ul>
</main>
</body></html>
"""


FEUILLES_DE_STYLE = ("fluent", "volet")  # Fluent UI's design tokens (fluent.css), then the pane's own style


@lru_cache(maxsize=2)
def style_volet(nom: str = "volet") -> str:
    from importlib import resources

    return resources.files("nr_workbook.excel").joinpath(f"{nom}.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def code_volet() -> str:
    """The pane's own script: where the agent stands (server, open workbook's template, token), the actions."""
    from importlib import resources

    return (resources.files("nr_workbook.excel").joinpath("volet.js").read_text(encoding="utf-8")
            .replace('"__MODELE__"', json.dumps(VERSION_MODELE)))


@lru_cache(maxsize=1)
def fonctions_autorisees() -> frozenset[str]:
    """The custom functions of the registry: the only names a call may reach."""
    return frozenset(f["id"] for f in custom_functions_meta(module)["functions"])


@lru_cache(maxsize=1)
def actions_autorisees() -> frozenset[str]:
    return frozenset(s["function_name"] for s in custom_scripts_meta(module))


def executer_extrait(nom: str, data: dict) -> list[dict]:
    """Run a ribbon action on the extract the ribbon's code sent (only what the action declares it reads);
    the xlwings protocol's actions to apply in the workbook. Refus(422) with a French message otherwise."""
    action = next(a for a in ACTIONS_RUBAN if a.fonction == nom)
    if action.lecture is None:
        raise Refus(422, f"l'action « {nom} » a besoin du classeur entier : rechargez le complément (son code "
                         "est plus ancien que ce serveur).")
    try:
        lecteur = LecteurExtrait(data, action.lecture)
    except ExtraitInvalide as e:
        raise Refus(422, str(e)) from e
    try:
        return action.executer_extrait(lecteur)[1]
    except Exception as e:
        journal.warning("action %s : %s (%s)", nom, e.__class__.__name__, str(e)[:120].replace("\n", " "))
        raise Refus(422, f"l'action « {nom} » n'a pas pu s'exécuter sur ce classeur ({e.__class__.__name__}"
                         f" : {str(e)[:160]}).") from e


def _base(reglages: Reglages, request: Request) -> str:
    """The https address the manifest and the scripts give: the public URL, else the request's own in https."""
    publique = reglages.base_publique()
    if publique:
        return publique
    return base_https(str(request.base_url).replace("http://", "https://", 1))


class EntetesSurs:
    """Pure ASGI middleware adding the security headers to every answer (no per-request task, unlike
    Starlette's BaseHTTPMiddleware)."""

    ENTETES = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app):  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def envoyer(message):  # noqa: ANN001
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.ENTETES]}
            await send(message)

        return await self.app(scope, receive, envoyer)


SEUIL_GC = 20_000  # objects allocated and still alive before a collection (Python's default: 700)


@asynccontextmanager
async def _cycle(app: FastAPI):  # noqa: ANN202
    """Once the worker has imported everything (pandas, the engine, the reference data), those long-lived objects
    are moved out of the garbage collector's reach: its full passes during a request walk only newer objects.
    A request frees what it allocates when it ends (reference counting), and never holds 20,000 new objects at once
    (a Recalculer of the example: under 5,000): with that threshold the collector only runs when objects that refer
    to each other do pile up, instead of about once per Recalculer."""
    seuils = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(SEUIL_GC, *seuils[1:])
    yield
    gc.set_threshold(*seuils)
    gc.unfreeze()


def creer_app(reglages: Reglages | None = None) -> FastAPI:
    """The ASGI application; without settings, they are read from the environment (NR_SERVEUR_…)."""
    reglages = reglages if reglages is not None else Reglages.depuis_environnement()
    app = FastAPI(title="nr_workbook – complément Office.js", version=VERSION_MODELE, docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=_cycle)
    fonctions, actions = fonctions_autorisees(), actions_autorisees()
    depot = Depot.depuis_environnement()  # the supervisor's processes share one folder
    publique = reglages.base_publique()
    app.add_middleware(CORSMiddleware, allow_origin_regex=motif_origines((origine(publique),) if publique else ()),
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"], max_age=600)

    app.add_middleware(EntetesSurs)

    @app.exception_handler(Refus)
    async def _refus(request: Request, refus: Refus) -> ReponseJson:
        statut, corps = refuser(request, refus)
        return ReponseJson(corps, status_code=statut)

    @app.exception_handler(Exception)
    async def _imprevu(request: Request, e: Exception) -> ReponseJson:  # pragma: no cover - last resort
        journal.error("%s %s : erreur inattendue %s", request.method, request.url.path, e.__class__.__name__)
        return ReponseJson({"erreur": "erreur inattendue du serveur nr_workbook."}, status_code=500)

    @app.get("/sante")
    async def _sante() -> ReponseJson:
        return ReponseJson({"etat": "ok", "modele": VERSION_MODELE, "jeton": bool(reglages.jeton)})

    @app.get("/")
    @app.get("/taskpane.html")
    async def _volet() -> Response:
        return Response(page_volet(bool(reglages.jeton)), media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": CSP_VOLET})

    @app.get("/volet.js")
    async def _script_volet() -> PlainTextResponse:
        return PlainTextResponse(code_volet(), media_type="text/javascript")

    @app.get("/jeton/verifier")
    async def _verifier_jeton(request: Request) -> ReponseJson:
        verifier_jeton(reglages.jeton, request.headers)
        return ReponseJson({"jeton": "accepte" if reglages.jeton else "non demande"})

    @app.get("/static/{nom}.css")
    async def _style(nom: str) -> Response:
        if nom not in FEUILLES_DE_STYLE:
            raise Refus(404, f"feuille de style inconnue : {', '.join(FEUILLES_DE_STYLE)}.")
        return Response(style_volet(nom), media_type="text/css; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/commands.js")
    async def _commandes(request: Request) -> PlainTextResponse:
        return PlainTextResponse(code_commandes(_base(reglages, request)), media_type="text/javascript")

    @app.get("/manifest.xml")
    async def _manifeste(request: Request) -> Response:
        return Response(manifeste(_base(reglages, request)), media_type="application/xml",
                        headers={"Content-Disposition": 'inline; filename="manifest.xml"'})

    @app.get("/static/icone-{taille}.png")
    async def _icone(taille: int) -> Response:
        if taille not in TAILLES_ICONES:
            raise Refus(404, f"icône inconnue : tailles servies {', '.join(map(str, TAILLES_ICONES))}.")
        return Response(icone_png(taille), media_type="image/png",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/xlwings/custom-functions-meta")
    @app.get("/xlwings/custom-functions-meta.json")
    async def _meta() -> ReponseJson:
        return ReponseJson(custom_functions_meta(module))

    @app.get("/xlwings/custom-functions-code")
    @app.get("/xlwings/custom-functions-code.js")
    async def _code(request: Request) -> PlainTextResponse:
        return PlainTextResponse(code_fonctions(_base(reglages, request)), media_type="text/javascript")

    @app.post("/xlwings/custom-functions-call")
    async def _appel(request: Request) -> ReponseJson:
        corps = await lire_json(request)
        verifier_jeton(reglages.jeton, request.headers, corps)
        data = appel_fonction(corps, fonctions)
        data.pop("jeton", None)
        try:
            return ReponseJson({"result": await custom_functions_call(data, module)})
        except Exception as e:  # a user's values the function cannot take: an Excel error, not a 500
            return ReponseJson(erreur_excel(data["func_name"], e))

    @app.get("/xlwings/custom-scripts-meta")
    async def _scripts() -> ReponseJson:
        return ReponseJson(custom_scripts_meta(module))

    @app.post("/xlwings/custom-scripts-call/{nom}")
    async def _script(nom: str, request: Request) -> ReponseJson:
        script_autorise(nom, actions)
        verifier_jeton(reglages.jeton, request.headers)
        data = await lire_json(request)
        if isinstance(data, dict) and "nr_extrait" in data:  # only what the action reads (excel/actions.py)
            return ReponseJson({"actions": executer_extrait(nom, data)})
        try:
            book = xw.Book(json=data)
            book.sheets  # noqa: B018  (a payload of the wrong shape fails here)
        except Exception as e:
            raise Refus(422, "classeur mal formé : la charge utile du protocole xlwings est attendue "
                             f"({e.__class__.__name__}).") from e
        try:
            await custom_scripts_call(module, nom, typehint_to_value={xw.Book: book})
        except Exception as e:
            journal.warning("action %s : %s (%s)", nom, e.__class__.__name__, str(e)[:120].replace("\n", " "))
            raise Refus(422, f"l'action « {nom} » n'a pas pu s'exécuter sur ce classeur ({e.__class__.__name__}"
                             f" : {str(e)[:160]}).") from e
        reponse = book.json()
        fichiers = getattr(book, "nr_fichiers", None)
        if fichiers:  # what the action produced (the COPIL files): the pane offers them for download
            reponse["actions"].append({"func": "nrTelecharger", "args": [depot.deposer(fichiers)], "values": None,
                                       "sheet_position": None, "start_row": None, "start_column": None,
                                       "row_count": None, "column_count": None})
        return ReponseJson(reponse)

    @app.get("/telechargements/{jeton}/{nom}")
    async def _telechargement(jeton: str, nom: str) -> FileResponse:
        chemin = depot.fichier(jeton, nom)
        if chemin is None:
            raise Refus(404, "fichier introuvable ou expiré : relancez l'action depuis le ruban.")
        return FileResponse(chemin, media_type=TYPES.get(chemin.suffix, "application/octet-stream"),
                            filename=nom, content_disposition_type="attachment")

    return app
