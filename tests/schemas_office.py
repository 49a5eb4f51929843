"""Offline validation of an Office add-in manifest against Microsoft's published XSD schemas (tests/donnees/
schemas_office, with their licence and the list of their known defects in its README)."""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path

DOSSIER = Path(__file__).parent / "donnees" / "schemas_office"
DEFAUTS_CONNUS = ("contentappversionoverrides}VersionOverrides", "unexpected meta character '?'")
MOTIF_VERSION = r"[0-9]{1,5}(\.[0-9]{1,5}){0,3}"  # OfficeApp's Version, as the schema means it


@lru_cache(maxsize=1)
def schema():
    """The OfficeApp 1.1 schema, with the XML Schema namespace put back to http (defect 1), built in lax mode."""
    import xmlschema

    copie = Path(tempfile.mkdtemp(prefix="schemas_office_"))
    for xsd in DOSSIER.glob("*.xsd"):
        texte = xsd.read_text(encoding="utf-8").replace("https://www.w3.org/", "http://www.w3.org/")
        (copie / xsd.name).write_text(texte, encoding="utf-8")
    return xmlschema.XMLSchema(str(copie / "OfficeAppManifestV1_1.xsd"), validation="lax")


def erreurs_du_schema() -> list[str]:
    return [str(e).splitlines()[0] for e in schema().all_errors]


def erreurs(manifeste: str) -> list[str]:
    """Every way the manifest breaks the schema (empty when valid), each as 'path: reason'."""
    trouvees = [f"{e.path}: {e.reason}" for e in schema().iter_errors(manifeste)]
    version = re.search(r"<Version>([^<]*)</Version>", manifeste)
    if not version or not re.fullmatch(MOTIF_VERSION, version.group(1)):
        trouvees.append(f"/OfficeApp/Version: {version.group(1) if version else 'absent'} ne suit pas {MOTIF_VERSION}")
    return trouvees
