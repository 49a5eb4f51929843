"""`nr-workbook lot`: one pre-filled workbook per member collectivité.

Most members only need their identity filled in: their workbook is the generated template of their path whose
named identity cells are set directly in the sheet's XML (milliseconds instead of a full build). Members with an
inventory CSV get a full build. Existing files are never replaced: a member may already have returned it.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from nr_workbook.classeur.reader.fichier import structure
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.cells import ILLEGAL_CHARACTERS_RE
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.mutualisation.adherents import Adherent, slug


class Gabarit:
    """A generated blank workbook of one path, kept as bytes, with the places of its named cells."""

    def __init__(self, parcours: str, annee: int | None):
        tampon = io.BytesIO()
        construire(Contexte(parcours=parcours, annee=annee)).save(tampon)
        self.octets = tampon.getvalue()
        s = structure(io.BytesIO(self.octets))
        self.noms = s.noms
        self.parties = s.parties

    def remplir(self, valeurs: dict[str, Any]) -> bytes:
        """The template with the given named cells set (text, number or boolean)."""
        par_partie: dict[str, dict[str, Any]] = {}
        for nom, valeur in valeurs.items():
            if valeur is None or nom not in self.noms:
                continue
            feuille, cellule = self.noms[nom]
            par_partie.setdefault(self.parties[feuille], {})[cellule] = valeur
        sortie = io.BytesIO()
        with (zipfile.ZipFile(io.BytesIO(self.octets)) as src,
              zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as dst):
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename in par_partie:
                    data = _poser(data.decode("utf-8"), par_partie[item.filename]).encode("utf-8")
                dst.writestr(item, data)
        return sortie.getvalue()


def _cellule_xml(ref: str, style: str, valeur: Any) -> str:
    attr = f' s="{style}"' if style else ""
    if isinstance(valeur, bool):
        return f'<c r="{ref}"{attr} t="b"><v>{int(valeur)}</v></c>'
    if isinstance(valeur, (int, float)):
        return f'<c r="{ref}"{attr} t="n"><v>{valeur}</v></c>'
    texte = escape(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(valeur)))
    return f'<c r="{ref}"{attr} t="inlineStr"><is><t xml:space="preserve">{texte}</t></is></c>'


def _poser(xml: str, cellules: dict[str, Any]) -> str:
    for ref, valeur in cellules.items():
        motif = re.compile(rf'<c r="{ref}"(?P<attrs>[^>]*?)(?:/>|>.*?</c>)', re.S)
        m = motif.search(xml)
        if m is None:
            raise ValueError(f"cellule {ref} absente du modèle")
        style = re.search(r's="(\d+)"', m.group("attrs"))
        xml = xml[:m.start()] + _cellule_xml(ref, style.group(1) if style else "", valeur) + xml[m.end():]
    return xml


def valeurs_identite(adh: Adherent, mutualisateur: str | None, contact: str | None) -> dict[str, Any]:
    c = adh.collectivite
    return {
        "NR_COLLECTIVITE": c.nom, "NR_CODE_INSEE": c.code_insee, "NR_POPULATION": c.population,
        "NR_NB_AGENTS": c.nb_agents, "NR_ANNEE_REFERENCE": c.annee_reference,
        "NR_A_UNE_DSI": {True: "Oui", False: "Non"}.get(c.a_une_dsi), "NR_MUTUALISATEUR": mutualisateur,
        "NR_MUTUALISATEUR_CONTACT": contact,
    }


def trouver_inventaire(adh: Adherent, dossier: Path | None) -> Path | None:
    """The member's inventory CSV in `dossier`: named by its INSEE code or by the slug of its name."""
    if dossier is None or not dossier.is_dir():
        return None
    cles = {str(adh.collectivite.code_insee or "").casefold(), slug(adh.collectivite.nom)}
    for p in sorted(dossier.glob("*.csv")):
        if p.stem.casefold() in cles or slug(p.stem) in cles:
            return p
    return None


@dataclass
class Rapport:
    construits: list[str] = field(default_factory=list)
    avec_inventaire: list[str] = field(default_factory=list)
    conserves: list[str] = field(default_factory=list)  # already there: never replaced
    anomalies: list[Anomalie] = field(default_factory=list)


def _complet(args: tuple) -> tuple[str, list[Anomalie]]:
    """Full build of one member with its inventory (run in a worker process)."""
    from nr_workbook.echanges.prefill import generer

    adh, inventaire, cible, mutualisateur, contact = args
    res = generer(None, adh.collectivite, inventaire, mutualisateur=mutualisateur, contact=contact)
    res.classeur.save(cible)
    return cible.name, list(res.anomalies)


def construire_lot(adherents: list[Adherent], dossier: Path, inventaires: Path | None = None,
                   mutualisateur: str | None = None, contact: str | None = None,
                   avancer: Callable[[], None] | None = None, processus: int | None = None) -> Rapport:
    dossier.mkdir(parents=True, exist_ok=True)
    rapport = Rapport()
    gabarits: dict[tuple[str, Any], Gabarit] = {}
    complets = []
    for adh in adherents:
        cible = dossier / adh.fichier
        if cible.exists():
            rapport.conserves.append(cible.name)
            if avancer:
                avancer()
            continue
        inventaire = trouver_inventaire(adh, inventaires)
        if inventaire is not None:
            complets.append((adh, inventaire, cible, mutualisateur, contact or adh.contact))
            continue
        cle = (adh.collectivite.parcours_retenu, adh.collectivite.annee_reference)
        if cle not in gabarits:
            gabarits[cle] = Gabarit(*cle)
        cible.write_bytes(gabarits[cle].remplir(valeurs_identite(adh, mutualisateur, contact or adh.contact)))
        rapport.construits.append(cible.name)
        if avancer:
            avancer()
    if complets:
        travailleurs = processus or min(len(complets), os.cpu_count() or 1)
        if travailleurs > 1:
            with ProcessPoolExecutor(travailleurs) as pool:
                resultats = list(pool.map(_complet, complets))
        else:
            resultats = [_complet(a) for a in complets]
        for nom, anomalies in resultats:
            rapport.construits.append(nom)
            rapport.avec_inventaire.append(nom)
            rapport.anomalies += anomalies
            if avancer:
                avancer()
    return rapport
