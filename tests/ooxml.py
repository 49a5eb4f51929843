"""Validation of every XML part of an Office package (xlsx, xlam, pptx) as Office reads it: markup-compatibility
processing first (ISO/IEC 29500-3: AlternateContent resolved, ignorable namespaces dropped), then the ISO/IEC 29500-4
transitional schemas (ECMA-376 5th edition) and the OPC schemas (ECMA-376 Part 2), shipped unmodified in
`tests/donnees/schemas_ooxml/` (origin and terms in its SOURCES.md); the ribbon's customUI against Microsoft's
customUI schema (xmlschema, which takes it as published; libxml2 does not)."""

from __future__ import annotations

import posixpath
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "donnees" / "schemas_ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML = "http://www.w3.org/XML/1998/namespace"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_O = "http://schemas.openxmlformats.org/"
# libxml2 keeps the first import of a namespace: xml and Dublin Core first, from our copies
IMPORTS = [
    (XML, "external/xml.xsd"), ("http://purl.org/dc/elements/1.1/", "external/dc.xsd"),
    ("http://purl.org/dc/dcmitype/", "external/dcmitype.xsd"), ("http://purl.org/dc/terms/", "external/dcterms.xsd"),
    (_O + "package/2006/content-types", "opc/opc-contentTypes.xsd"),
    (_O + "package/2006/relationships", "opc/opc-relationships.xsd"),
    (_O + "package/2006/metadata/core-properties", "opc/opc-coreProperties.xsd"),
    (_O + "package/2006/digital-signature", "opc/opc-digSig.xsd"),
    (SML, "transitional/sml.xsd"), (_O + "presentationml/2006/main", "transitional/pml.xsd"),
    (_O + "drawingml/2006/main", "transitional/dml-main.xsd"),
    (_O + "drawingml/2006/chart", "transitional/dml-chart.xsd"),
    (_O + "drawingml/2006/chartDrawing", "transitional/dml-chartDrawing.xsd"),
    (_O + "drawingml/2006/spreadsheetDrawing", "transitional/dml-spreadsheetDrawing.xsd"),
    (_O + "drawingml/2006/diagram", "transitional/dml-diagram.xsd"),
    (_O + "drawingml/2006/picture", "transitional/dml-picture.xsd"),
    (_O + "drawingml/2006/lockedCanvas", "transitional/dml-lockedCanvas.xsd"),
    (_O + "officeDocument/2006/extended-properties", "transitional/shared-documentPropertiesExtended.xsd"),
    (_O + "officeDocument/2006/custom-properties", "transitional/shared-documentPropertiesCustom.xsd"),
    (_O + "officeDocument/2006/docPropsVTypes", "transitional/shared-documentPropertiesVariantTypes.xsd"),
    (_O + "officeDocument/2006/customXml", "transitional/shared-customXmlDataProperties.xsd"),
    ("urn:schemas-microsoft-com:vml", "transitional/vml-main.xsd"),
    ("urn:schemas-microsoft-com:office:office", "transitional/vml-officeDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:excel", "transitional/vml-spreadsheetDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:powerpoint", "transitional/vml-presentationDrawing.xsd"),
    (_O + "wordprocessingml/2006/main", "transitional/wml.xsd"),
]
_DISTANTS = {"http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "external/dc.xsd",
             "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "external/dcterms.xsd",
             "http://www.w3.org/2001/03/xml.xsd": "external/xml.xsd",
             "http://www.w3.org/2001/xml.xsd": "external/xml.xsd"}
COMPRIS = {ns for ns, _ in IMPORTS} | {_O + "officeDocument/2006/relationships", _O + "officeDocument/2006/sharedTypes",
                                       _O + "officeDocument/2006/math", "urn:schemas-microsoft-com:office:word", MC,
                                       XML}
CUSTOMUI = {"http://schemas.microsoft.com/office/2006/01/customui": "customui/customUI.xsd",
            "http://schemas.microsoft.com/office/2009/07/customui": "customui/customui14.xsd"}
# the root element each content type must have (a schema set accepts any of its global elements as a root)
RACINES = {
    "spreadsheetml.sheet.main+xml": (SML, "workbook"), "ms-excel.addin.macroEnabled.main+xml": (SML, "workbook"),
    "spreadsheetml.worksheet+xml": (SML, "worksheet"), "spreadsheetml.styles+xml": (SML, "styleSheet"),
    "spreadsheetml.sharedStrings+xml": (SML, "sst"), "spreadsheetml.table+xml": (SML, "table"),
    "drawing+xml": (_O + "drawingml/2006/spreadsheetDrawing", "wsDr"),
    "drawingml.chart+xml": (_O + "drawingml/2006/chart", "chartSpace"),
    "theme+xml": (_O + "drawingml/2006/main", "theme"),
    "core-properties+xml": (_O + "package/2006/metadata/core-properties", "coreProperties"),
    "extended-properties+xml": (_O + "officeDocument/2006/extended-properties", "Properties"),
    "relationships+xml": (_O + "package/2006/relationships", "Relationships"),
    "presentationml.presentation.main+xml": (_O + "presentationml/2006/main", "presentation"),
    "presentationml.slide+xml": (_O + "presentationml/2006/main", "sld"),
}


class _Local(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url in _DISTANTS:
            return self.resolve_filename(str(SCHEMAS / _DISTANTS[url]), context)
        if url and url.startswith(("http:", "https:")):
            raise OSError(f"pas de réseau : {url}")
        return None


@cache
def schema() -> etree.XMLSchema:
    lignes = ['<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-nr-workbook:ooxml">']
    lignes += [f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMAS / f).resolve().as_uri()}"/>'
               for ns, f in IMPORTS]
    lignes.append("</xs:schema>")
    chemin = Path(tempfile.mkdtemp()) / "ooxml.xsd"
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    lecteur = etree.XMLParser(no_network=True, resolve_entities=False)
    lecteur.resolvers.add(_Local())
    return etree.XMLSchema(etree.parse(str(chemin), lecteur))


@cache
def schema_customui(ns: str):
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / CUSTOMUI[ns]))


def _prefixes(e, valeur: str | None) -> set[str]:
    return {e.nsmap.get(p) for p in (valeur or "").split()}


def compatibilite(racine):
    """ISO/IEC 29500-3 as a consumer that understands the transitional namespaces only."""
    ac = etree.XPath("//mc:AlternateContent[not(ancestor::mc:AlternateContent)]", namespaces={"mc": MC})
    while blocs := ac(racine):
        for bloc in blocs:
            choisis = []
            for branche in bloc:
                nom = etree.QName(branche).localname
                if (nom == "Choice" and _prefixes(branche, branche.get("Requires")) <= COMPRIS) or nom == "Fallback":
                    choisis = list(branche)
                    break
            parent, i = bloc.getparent(), bloc.getparent().index(bloc)
            parent.remove(bloc)
            for k, c in enumerate(choisis):
                parent.insert(i + k, c)
    avec_mc = racine.xpath("//*[@mc:*]", namespaces={"mc": MC})
    for hote in [e for e in avec_mc if e.get(f"{{{MC}}}Ignorable")]:
        for ns in _prefixes(hote, hote.get(f"{{{MC}}}Ignorable")) - COMPRIS:
            for e in hote.xpath("descendant-or-self::*[@i:*]", namespaces={"i": ns}):
                for a in [a for a in e.attrib if a.startswith("{" + ns + "}")]:
                    del e.attrib[a]
            for e in hote.xpath("descendant::i:*", namespaces={"i": ns}):
                parent = e.getparent()
                if parent is not None and not (etree.QName(parent).localname == "ext"
                                               and etree.QName(parent).namespace in COMPRIS):
                    parent.remove(e)
    for e in avec_mc:
        for a in [a for a in e.attrib if a.startswith("{" + MC + "}")]:
            del e.attrib[a]
    return racine


def espaces(racine):
    """Excel (and openpyxl) write xml:space="preserve" on SpreadsheetML text, which sml.xsd does not declare: the one
    tolerance, checked on its value."""
    for e in racine.xpath("//s:*[@xml:space]", namespaces={"s": SML}):
        if e.get(f"{{{XML}}}space") in ("preserve", "default"):
            del e.attrib[f"{{{XML}}}space"]
    return racine


@dataclass
class Rapport:
    parties: int = 0
    erreurs: dict[str, list[str]] = field(default_factory=dict)


def _types(z: zipfile.ZipFile) -> tuple[dict, dict]:
    ct = etree.fromstring(z.read("[Content_Types].xml"))
    ns = "{" + _O + "package/2006/content-types}"
    return ({d.get("Extension").lower(): d.get("ContentType") for d in ct.iter(ns + "Default")},
            {o.get("PartName"): o.get("ContentType") for o in ct.iter(ns + "Override")})


def valider(chemin: Path | bytes) -> Rapport:
    """Every XML part of the package, validated; the errors of each failing part."""
    import io

    r = Rapport()
    source = io.BytesIO(chemin) if isinstance(chemin, bytes) else chemin
    with zipfile.ZipFile(source) as z:
        defauts, surcharges = _types(z)
        for nom in z.namelist():
            type_ = surcharges.get("/" + nom) or defauts.get(posixpath.splitext(nom)[1][1:].lower(), "")
            customui = nom.lower().startswith("customui/") and nom.lower().endswith(".xml")
            if not (type_.endswith("xml") or nom == "[Content_Types].xml" or customui):
                continue
            octets = z.read(nom)
            racine = etree.fromstring(octets, etree.XMLParser(no_network=True, resolve_entities=False,
                                                              huge_tree=True))
            r.parties += 1
            q = etree.QName(racine)
            if q.namespace in CUSTOMUI:
                erreurs = [str(e.reason) for e in schema_customui(q.namespace).iter_errors(octets.decode("utf-8"))]
            else:
                if MC.encode() in octets:
                    compatibilite(racine)
                espaces(racine)
                s = schema()
                erreurs = [] if s.validate(racine) else [f"{e.line}:{e.column} {e.message}" for e in s.error_log]
                attendue = next((v for k, v in RACINES.items() if type_.endswith(k)), None)
                if attendue and attendue != (q.namespace, q.localname):
                    erreurs.insert(0, f"racine {q.localname} au lieu de {attendue[1]}")
            if erreurs:
                r.erreurs[nom] = erreurs[:5]
    return r
