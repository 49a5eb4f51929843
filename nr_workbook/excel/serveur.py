"""Office.js add-in served by the xlwings Server protocol (FastAPI): custom functions and ribbon actions.

`nr-workbook serveur` runs it on localhost. The functions and scripts are those of `nr_workbook.excel.lite` (declared
once in `nr_workbook.excel.fonctions` and `nr_workbook.excel.actions`); the manifest is rendered from the same registry.
xlwings Server's protocol is PolyForm Noncommercial: a collectivité runs it with XLWINGS_LICENSE_KEY=noncommercial.
"""

from __future__ import annotations

import os
from html import escape

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import JSONResponse, PlainTextResponse, Response  # noqa: E402
from xlwings.server import (  # noqa: E402
    custom_functions_call,
    custom_functions_meta,
    custom_scripts_call,
    custom_scripts_meta,
)

from nr_workbook.contract.version import VERSION_MODELE  # noqa: E402
from nr_workbook.excel import lite as module  # noqa: E402
from nr_workbook.excel.protocole import (  # noqa: E402
    Refus,
    appel_fonction,
    erreur_excel,
    journal,
    lire_json,
    refuser,
    script_autorise,
)

ONGLET = "Numérique responsable"
ID_MANIFESTE = "5f0c3a5e-8d3b-4c1e-9a57-6b1f4a0e2d11"


def manifeste(base: str) -> str:
    """Office add-in manifest: a ribbon tab with one button per script, and the custom functions."""
    base = base.rstrip("/")
    boutons = "\n".join(
        f"""              <Control xsi:type="Button" id="Bouton.{s['function_name']}">
                <Label resid="Libelle.{s['function_name']}"/>
                <Supertip><Title resid="Libelle.{s['function_name']}"/>
                  <Description resid="Libelle.{s['function_name']}"/></Supertip>
                <Icon><bt:Image size="16" resid="Icone"/><bt:Image size="32" resid="Icone"/>
                  <bt:Image size="80" resid="Icone"/></Icon>
                <Action xsi:type="ExecuteFunction"><FunctionName>{s['function_name']}</FunctionName></Action>
              </Control>"""
        for s in custom_scripts_meta(module)
    )
    libelles = "\n".join(
        f'        <bt:String id="Libelle.{s["function_name"]}" DefaultValue="{escape(s.get("name", ""))}"/>'
        for s in custom_scripts_meta(module)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>{ID_MANIFESTE}</Id>
  <Version>{VERSION_MODELE}.0</Version>
  <ProviderName>nr_workbook</ProviderName>
  <DefaultLocale>fr-FR</DefaultLocale>
  <DisplayName DefaultValue="{ONGLET}"/>
  <Description DefaultValue="Stratégie numérique responsable : fonctions et contrôles du moteur Python."/>
  <IconUrl DefaultValue="{base}/static/icone-32.png"/>
  <SupportUrl DefaultValue="{base}/"/>
  <AppDomains><AppDomain>{base}</AppDomain></AppDomains>
  <Hosts><Host Name="Workbook"/></Hosts>
  <Requirements><Sets DefaultMinVersion="1.1"><Set Name="CustomFunctionsRuntime" MinVersion="1.1"/></Sets>
  </Requirements>
  <DefaultSettings><SourceLocation DefaultValue="{base}/taskpane.html"/></DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
    xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <Runtimes><Runtime resid="Page.Taskpane" lifetime="long"/></Runtimes>
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script><SourceLocation resid="Fonctions.Code"/></Script>
            <Page><SourceLocation resid="Page.Taskpane"/></Page>
            <Metadata><SourceLocation resid="Fonctions.Meta"/></Metadata>
            <Namespace resid="Fonctions.Espace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <FunctionFile resid="Page.Taskpane"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <CustomTab id="Onglet.NR">
              <Group id="Groupe.NR">
                <Label resid="Onglet.Libelle"/>
                <Icon><bt:Image size="16" resid="Icone"/><bt:Image size="32" resid="Icone"/>
                  <bt:Image size="80" resid="Icone"/></Icon>
{boutons}
              </Group>
              <Label resid="Onglet.Libelle"/>
            </CustomTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images><bt:Image id="Icone" DefaultValue="{base}/static/icone-32.png"/></bt:Images>
      <bt:Urls>
        <bt:Url id="Fonctions.Code" DefaultValue="{base}/xlwings/custom-functions-code"/>
        <bt:Url id="Fonctions.Meta" DefaultValue="{base}/xlwings/custom-functions-meta"/>
        <bt:Url id="Page.Taskpane" DefaultValue="{base}/taskpane.html"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="Onglet.Libelle" DefaultValue="{ONGLET}"/>
        <bt:String id="Fonctions.Espace" DefaultValue="NR"/>
{libelles}
      </bt:ShortStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
"""


def code_fonctions(chemin_appel: str = "/xlwings/custom-functions-call") -> str:
    """JavaScript of the custom functions runtime: each function posts its arguments to the server."""
    lignes = [
        "async function nrAppel(nom, args) {",
        "  const invocation = args.pop();",
        f"  const reponse = await fetch(window.location.origin + '{chemin_appel}', {{",
        "    method: 'POST', headers: {'Content-Type': 'application/json'},",
        "    body: JSON.stringify({func_name: nom, args: args, client: 'Office.js', version: '',",
        "      caller_address: invocation.address, formula_name: nom, culture_info_name: 'fr-FR'})",
        "  });",
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
    for f in custom_functions_meta(module)["functions"]:
        nom = f["id"]
        lignes.append(f"async function {nom}(...args) {{ return await nrAppel('{nom}', args); }}")
        lignes.append(f'CustomFunctions.associate("{nom}", {nom});')
    return "\n".join(lignes) + "\n"


def code_commandes() -> str:
    """JavaScript of the ribbon buttons: one Office.js command per script of the registry."""
    import json
    from importlib import resources

    modele = resources.files("nr_workbook.excel").joinpath("serveur_commandes.js").read_text(encoding="utf-8")
    scripts = {s["function_name"]: s["function_name"] for s in custom_scripts_meta(module)}
    return modele.replace('"__SCRIPTS__"', json.dumps(scripts))


def fonctions_autorisees() -> frozenset[str]:
    """The custom functions of the registry: the only names a call may reach."""
    return frozenset(f["id"] for f in custom_functions_meta(module)["functions"])


def actions_autorisees() -> frozenset[str]:
    return frozenset(s["function_name"] for s in custom_scripts_meta(module))


def creer_app() -> FastAPI:
    app = FastAPI(title="nr_workbook – complément Office.js", version=VERSION_MODELE)
    fonctions, actions = fonctions_autorisees(), actions_autorisees()

    @app.exception_handler(Refus)
    async def _refus(request: Request, refus: Refus) -> JSONResponse:
        statut, corps = refuser(request, refus)
        return JSONResponse(corps, status_code=statut)

    @app.exception_handler(Exception)
    async def _imprevu(request: Request, e: Exception) -> JSONResponse:  # pragma: no cover - last resort
        journal.error("%s %s : erreur inattendue %s", request.method, request.url.path, e.__class__.__name__)
        return JSONResponse({"erreur": "erreur inattendue du serveur nr_workbook."}, status_code=500)

    @app.get("/commands.js")
    async def _commandes() -> PlainTextResponse:
        return PlainTextResponse(code_commandes(), media_type="text/javascript")

    @app.get("/taskpane.html")
    async def _volet() -> Response:
        return Response(
            "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Numérique responsable</title>"
            "<script src='https://appsforoffice.microsoft.com/lib/1/hosted/office.js'></script>"
            "<script src='/xlwings/custom-functions-code'></script><script src='/commands.js'></script>"
            f"</head><body><h1>{ONGLET}</h1>"
            "<p>Fonctions NR_… disponibles dans ce classeur. Serveur nr_workbook, modèle "
            f"{VERSION_MODELE}.</p></body></html>", media_type="text/html")

    @app.get("/manifest.xml")
    async def _manifeste(request: Request) -> Response:
        return Response(manifeste(str(request.base_url)), media_type="application/xml")

    @app.get("/xlwings/custom-functions-meta")
    async def _meta() -> JSONResponse:
        return JSONResponse(custom_functions_meta(module))

    @app.get("/xlwings/custom-functions-code")
    async def _code() -> PlainTextResponse:
        return PlainTextResponse(code_fonctions(), media_type="text/javascript")

    @app.post("/xlwings/custom-functions-call")
    async def _appel(request: Request) -> JSONResponse:
        data = appel_fonction(await lire_json(request), fonctions)
        try:
            return JSONResponse({"result": await custom_functions_call(data, module)})
        except Exception as e:  # a user's values the function cannot take: an Excel error, not a 500
            return JSONResponse(erreur_excel(data["func_name"], e))

    @app.get("/xlwings/custom-scripts-meta")
    async def _scripts() -> JSONResponse:
        return JSONResponse(custom_scripts_meta(module))

    @app.post("/xlwings/custom-scripts-call/{nom}")
    async def _script(nom: str, request: Request) -> JSONResponse:
        script_autorise(nom, actions)
        data = await lire_json(request)
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
        return JSONResponse(book.json())

    return app


def lancer(port: int = 8000) -> None:  # pragma: no cover - starts a real server
    import uvicorn

    uvicorn.run(creer_app(), host="127.0.0.1", port=port)
