"""The add-in manifest: valid against Microsoft's XSD schemas, all https, every resource id resolved, stable ids."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import pytest

pytest.importorskip("xmlschema")

from typer.testing import CliRunner  # noqa: E402

from nr_workbook.cli import app  # noqa: E402
from nr_workbook.contract.version import VERSION_MODELE  # noqa: E402
from nr_workbook.excel.actions import ACTIONS_RUBAN  # noqa: E402
from nr_workbook.excel.manifeste import ID_MANIFESTE, UrlInvalide, base_https, manifeste, version_manifeste  # noqa: E402
from tests.schemas_office import DEFAUTS_CONNUS, erreurs, erreurs_du_schema  # noqa: E402

NS = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
      "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
      "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0"}
BASES = ["https://localhost:8443", "https://nr.opsn-exemple.fr", "https://outils.exemple.fr/nr/",
         "https://h.exemple.fr:9443/a&b"]


def test_the_schema_has_only_its_documented_defects():
    assert len(erreurs_du_schema()) == len(DEFAUTS_CONNUS)
    for defaut in DEFAUTS_CONNUS:
        assert any(defaut in e for e in erreurs_du_schema()), defaut


def test_the_validator_catches_a_broken_manifest():
    m = manifeste(BASES[0])
    assert erreurs(m.replace("<ProviderName>nr_workbook</ProviderName>", ""))
    assert erreurs(m.replace("ReadWriteDocument", "Tout"))
    assert erreurs(m.replace('resid="Aide.nr_recalculer"', 'resid="' + "x" * 33 + '"'))
    assert erreurs(m.replace(f"<Version>{version_manifeste()}", "<Version>1.2.3.4.5"))


@pytest.mark.parametrize("base", BASES)
def test_the_manifest_is_valid_against_microsofts_schema(base):
    assert erreurs(manifeste(base)) == []


@pytest.mark.parametrize("base", BASES)
def test_every_url_is_https_on_the_public_base(base):
    racine = ET.fromstring(manifeste(base))
    urls = [e.get("DefaultValue") for e in racine.iter() if (e.get("DefaultValue") or "").startswith("http")]
    assert len(urls) >= 10
    for url in urls:
        assert url.startswith(base.rstrip("/") + "/"), url
    assert racine.find("o:AppDomains/o:AppDomain", NS).text == re.match(r"https://[^/]+", base).group(0)


def test_every_resource_id_points_to_a_resource_of_the_right_kind():
    racine = ET.fromstring(manifeste(BASES[0]))
    ressources = racine.find("ov:VersionOverrides/ov:Resources", NS)
    genres = {"Images": "bt:Images/bt:Image", "Urls": "bt:Urls/bt:Url", "Courtes": "bt:ShortStrings/bt:String",
              "Longues": "bt:LongStrings/bt:String"}
    ids = {g: {e.get("id") for e in ressources.findall(chemin, NS)} for g, chemin in genres.items()}
    attendus = {"Image": "Images", "SourceLocation": "Urls", "FunctionFile": "Urls", "Label": "Courtes",
                "Title": "Courtes", "Namespace": "Courtes", "Description": "Longues"}
    vus = 0
    for e in racine.find("ov:VersionOverrides", NS).iter():
        if e.get("resid"):
            genre = attendus[e.tag.split("}")[1]]
            assert e.get("resid") in ids[genre], (e.tag, e.get("resid"))
            vus += 1
    assert vus > 20
    for valeur in ressources.iter():
        if valeur.tag.endswith("String") and "ShortStrings" in str(valeur):
            assert len(valeur.get("DefaultValue")) <= 125


def test_ids_are_stable_and_the_version_follows_the_template():
    racine = ET.fromstring(manifeste(BASES[1]))
    assert racine.find("o:Id", NS).text == ID_MANIFESTE == "5f0c3a5e-8d3b-4c1e-9a57-6b1f4a0e2d11"
    assert racine.find("o:Version", NS).text == ".".join((VERSION_MODELE.split(".") + ["0"] * 4)[:4])
    boutons = [c.get("id") for c in racine.iter(f"{{{NS['ov']}}}Control")]
    assert boutons == [f"Bouton.{a.fonction}" for a in ACTIONS_RUBAN]
    fonctions = [f.text for f in racine.iter(f"{{{NS['ov']}}}FunctionName")]
    assert fonctions == [a.fonction for a in ACTIONS_RUBAN]


@pytest.mark.parametrize("url", ["http://nr.exemple.fr", "nr.exemple.fr", "https://", "https://h.fr/?a=1", "",
                                 "ftp://h.fr"])
def test_a_public_url_that_is_not_https_is_refused(url):
    with pytest.raises(UrlInvalide, match="https|hôte|« \\?"):
        base_https(url)


def test_cli_writes_the_manifest(tmp_path):
    sortie = tmp_path / "manifest.xml"
    r = CliRunner().invoke(app, ["manifeste", "-o", str(sortie), "--url-publique", "https://nr.opsn-exemple.fr/"])
    assert r.exit_code == 0, r.output
    texte = sortie.read_text(encoding="utf-8")
    assert erreurs(texte) == [] and "https://nr.opsn-exemple.fr/taskpane.html" in texte
    again = CliRunner().invoke(app, ["manifeste", "-o", str(sortie)])
    assert again.exit_code == 2 and "existe déjà" in " ".join(again.output.split())
    forced = CliRunner().invoke(app, ["manifeste", "-o", str(sortie), "--force"])
    assert forced.exit_code == 0 and list(tmp_path.glob("manifest.sauvegarde-*"))
    assert "https://localhost:8443/taskpane.html" in sortie.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--url-publique", "http://nr.exemple.fr"], "https://"),
    (["-o", "manifest.txt"], "extension .xml"),
])
def test_cli_refuses_bad_manifest_options_in_french(tmp_path, args, message):
    base = ["manifeste"] + (["-o", str(tmp_path / "m.xml")] if "-o" not in args else [])
    r = CliRunner().invoke(app, base + [a if a != "manifest.txt" else str(tmp_path / a) for a in args])
    assert r.exit_code == 2 and message in " ".join(r.output.split()) and "Traceback" not in r.output
