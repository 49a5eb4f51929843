"""The Office add-in manifest of the nr_workbook server, rendered from the one registry of ribbon actions.

Every URL is https (Office loads no add-in over plain HTTP): the base is the public URL the DSI gives
(`--url-publique`, a reverse proxy terminating TLS), else the server's own https address. Ids are stable across
versions (the add-in's GUID, one control id per action name) so an update replaces the add-in instead of adding a
second one; the version follows the template's. The manifest is valid against Microsoft's published XSD schemas
for task pane add-ins (OfficeApp 1.1, VersionOverrides 1.0), checked in tests/test_manifeste.py. Those schemas
predate the shared runtime, so the custom functions run in Office's JavaScript-only runtime and call the server
with simple CORS requests (see `excel/acces.py`).
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from nr_workbook.contract.version import VERSION_MODELE

ONGLET = "Numérique responsable"
ID_MANIFESTE = "5f0c3a5e-8d3b-4c1e-9a57-6b1f4a0e2d11"
TAILLES_ICONES = (16, 32, 64, 80)  # served at /static/icone-<taille>.png
ESPACE_FONCTIONS = "NR"


class UrlInvalide(ValueError):
    """A public URL the manifest cannot advertise."""


def base_https(url: str) -> str:
    """The add-in's base URL, checked: https, a host, no query; without its trailing slash."""
    brut = (url or "").strip()
    parties = urlsplit(brut)
    if parties.scheme != "https":
        raise UrlInvalide(f"« {brut} » : l'adresse publique du complément doit commencer par https:// "
                          "(Office ne charge aucun complément en HTTP).")
    if not parties.hostname:
        raise UrlInvalide(f"« {brut} » : nom d'hôte absent de l'adresse publique.")
    if parties.query or parties.fragment:
        raise UrlInvalide(f"« {brut} » : l'adresse publique ne peut pas contenir de « ? » ni de « # ».")
    return brut.rstrip("/")


def origine(base: str) -> str:
    """scheme://host[:port] of a base URL (what CORS and AppDomain compare)."""
    p = urlsplit(base)
    return f"{p.scheme}://{p.netloc}"


def version_manifeste() -> str:
    """The template's version as the four numbers a manifest's Version takes."""
    nombres = [n for n in VERSION_MODELE.split(".") if n.isdigit()][:4]
    return ".".join(nombres + ["0"] * (4 - len(nombres)))


def _icones(indent: str) -> str:
    return "".join(f'{indent}<bt:Image size="{t}" resid="Icone.{t}"/>\n' for t in (16, 32, 80)).rstrip("\n")


def _bouton(fonction: str) -> str:
    return f"""              <Control xsi:type="Button" id="Bouton.{fonction}">
                <Label resid="Libelle.{fonction}"/>
                <Supertip>
                  <Title resid="Libelle.{fonction}"/>
                  <Description resid="Aide.{fonction}"/>
                </Supertip>
                <Icon>
{_icones("                  ")}
                </Icon>
                <Action xsi:type="ExecuteFunction">
                  <FunctionName>{fonction}</FunctionName>
                </Action>
              </Control>"""


def manifeste(base: str) -> str:
    """The add-in's manifest for a server reached at `base` (https): the ribbon tab and the custom functions."""
    from nr_workbook.excel.actions import ACTIONS_RUBAN  # the one registry (imported here: the CLI stays light)

    base = base_https(base)
    a = escape  # attribute values
    boutons = "\n".join(_bouton(x.fonction) for x in ACTIONS_RUBAN)
    courts = "\n".join(f'        <bt:String id="Libelle.{x.fonction}" DefaultValue="{a(x.libelle)}"/>'
                       for x in ACTIONS_RUBAN)
    longs = "\n".join(f'        <bt:String id="Aide.{x.fonction}" DefaultValue="{a(x.aide[:250])}"/>'
                      for x in ACTIONS_RUBAN)
    images = "\n".join(f'        <bt:Image id="Icone.{t}" DefaultValue="{a(base)}/static/icone-{t}.png"/>'
                       for t in (16, 32, 80))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
  xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="TaskPaneApp">
  <Id>{ID_MANIFESTE}</Id>
  <Version>{version_manifeste()}</Version>
  <ProviderName>nr_workbook</ProviderName>
  <DefaultLocale>fr-FR</DefaultLocale>
  <DisplayName DefaultValue="{a(ONGLET)}"/>
  <Description DefaultValue="Stratégie numérique responsable (loi REEN) : fonctions NR_… et contrôles du moteur."/>
  <IconUrl DefaultValue="{a(base)}/static/icone-32.png"/>
  <HighResolutionIconUrl DefaultValue="{a(base)}/static/icone-64.png"/>
  <SupportUrl DefaultValue="{a(base)}/"/>
  <AppDomains>
    <AppDomain>{a(origine(base))}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook"/>
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="{a(base)}/taskpane.html"/>
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
    xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script>
              <SourceLocation resid="Fonctions.Code"/>
            </Script>
            <Page>
              <SourceLocation resid="Page.Volet"/>
            </Page>
            <Metadata>
              <SourceLocation resid="Fonctions.Meta"/>
            </Metadata>
            <Namespace resid="Fonctions.Espace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <DesktopFormFactor>
          <FunctionFile resid="Page.Volet"/>
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <CustomTab id="Onglet.NR">
              <Group id="Groupe.NR">
                <Label resid="Onglet.Libelle"/>
                <Icon>
{_icones("                  ")}
                </Icon>
{boutons}
              </Group>
              <Label resid="Onglet.Libelle"/>
            </CustomTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
{images}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Fonctions.Code" DefaultValue="{a(base)}/xlwings/custom-functions-code.js"/>
        <bt:Url id="Fonctions.Meta" DefaultValue="{a(base)}/xlwings/custom-functions-meta.json"/>
        <bt:Url id="Page.Volet" DefaultValue="{a(base)}/taskpane.html"/>
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="Onglet.Libelle" DefaultValue="{a(ONGLET)}"/>
        <bt:String id="Fonctions.Espace" DefaultValue="{ESPACE_FONCTIONS}"/>
{courts}
      </bt:ShortStrings>
      <bt:LongStrings>
{longs}
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
"""
