"""`nr-workbook lot`: one pre-filled workbook per member collectivité.

Most members only need their identity filled in: their workbook is the generated template of their path whose
named identity cells are set directly in the sheet's XML, and whose formulas that read them are computed again
(milliseconds instead of a full build; every other part is copied still compressed). Members with an inventory CSV
get a full build. Existing files are never replaced: a member may already have returned it.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

from nr_workbook.classeur import archive
from nr_workbook.classeur.calcul.injection import avec_valeur
from nr_workbook.classeur.enregistrement import enregistrer, parties
from nr_workbook.classeur.reader.fichier import structure
from nr_workbook.classeur.reader.structure import coordonnees
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.cells import ILLEGAL_CHARACTERS_RE
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.mutualisation.adherents import Adherent, slug


class Gabarit:
    """A generated blank workbook of one path, with its computed values, kept as compressed parts; the places of
    its named cells; the formulas that depend on the identity cells a member's workbook fills."""

    def __init__(self, parcours: str, annee: int | None):
        wb = construire(Contexte(parcours=parcours, annee=annee))
        self.entrees, self.evaluateur = parties(wb)
        tampon = io.BytesIO()
        archive.ecrire(self.entrees, tampon)
        self.octets = tampon.getvalue()
        s = structure(tampon)
        self.noms = s.noms
        self.parties = s.parties
        self.feuille_de = {partie: feuille for feuille, partie in s.parties.items()}
        self.xml = {e.nom: zlib.decompress(e.comprime, -15).decode("utf-8") for e in self.entrees
                    if e.nom in self.feuille_de}
        # where each cell's element lies in its sheet's XML: a member's values are spliced in, no search
        self.places = {nom: {m.group(1): (m.start(), m.end()) for m in _ELEMENT.finditer(xml)}
                       for nom, xml in self.xml.items()}
        self.cellules = {n: (self.noms[n][0], *coordonnees(self.noms[n][1])) for n in NOMS_IDENTITE if n in self.noms}
        m = self.evaluateur.m
        self.origine = {n: m.constantes.get(f, {}).get((li, co)) for n, (f, li, co) in self.cellules.items()}
        self._dependants: dict[frozenset[str], list[tuple[str, int, int]]] = {}
        self._changes: frozenset[str] = frozenset()  # names any member has changed so far
        self._parties: dict[tuple, archive.Entree] = {}

    def dependants(self, changes: frozenset[str]) -> list[tuple[str, int, int]]:
        """The formulas to compute again when these named cells differ from the template (most members change the
        same ones: the list is kept)."""
        if changes not in self._dependants:
            self._dependants[changes] = self.evaluateur.dependants([self.cellules[n] for n in changes])
        return self._dependants[changes]

    def remplir(self, valeurs: dict[str, Any]) -> bytes:
        """The template with the given named cells set (text, number or boolean), and the values of the formulas
        that depend on them computed again."""
        m = self.evaluateur.m
        par_partie: dict[str, dict[str, Any]] = {}
        changes = set()
        for nom, (feuille, ligne, col) in self.cellules.items():
            valeur = valeurs.get(nom)
            m.poser(feuille, ligne, col, self.origine[nom] if valeur is None else valeur)
            if valeur is not None:
                par_partie.setdefault(self.parties[feuille], {})[f"{get_column_letter(col)}{ligne}"] = valeur
            if m.constantes[feuille][(ligne, col)] != self.origine[nom]:
                changes.add(nom)
        # formulas that read a cell an earlier member changed are computed again too (it may be back to the template's)
        self._changes |= frozenset(changes)
        par_feuille: dict[str, dict[tuple[int, int], Any]] = {}
        for cle, v in self.evaluateur.recalculer(self.dependants(self._changes)).items():
            if cle not in self.evaluateur.incertains:
                par_feuille.setdefault(cle[0], {})[(cle[1], cle[2])] = v
        sortie = io.BytesIO()
        entrees = []
        for e in self.entrees:
            feuille = self.feuille_de.get(e.nom)
            if e.nom in par_partie or feuille in par_feuille:
                saisies, calculs = par_partie.get(e.nom, {}), par_feuille.get(feuille, {})
                # members often share a part's values (a follow-up sheet of zeros): compress it once
                cle = (e.nom, tuple(sorted((k, repr(v)) for k, v in saisies.items())),
                       tuple(sorted((k, repr(v)) for k, v in calculs.items())))
                if cle not in self._parties:
                    if len(self._parties) > 256:
                        self._parties.clear()
                    xml = self._partie(e.nom, saisies, calculs)
                    self._parties[cle] = archive.Entree.depuis(e.nom, xml.encode("utf-8"), niveau=1)
                e = self._parties[cle]
            entrees.append(e)
        archive.ecrire(entrees, sortie)
        return sortie.getvalue()

    def _partie(self, partie: str, saisies: dict[str, Any], calculs: dict[tuple[int, int], Any]) -> str:
        xml, places = self.xml[partie], self.places[partie]
        morceaux = []
        for ref, valeur in saisies.items():
            if ref not in places:
                raise ValueError(f"cellule {ref} absente du modèle")
            debut, fin = places[ref]
            style = re.search(r's="(\d+)"', xml[debut:fin].split(">", 1)[0])
            morceaux.append((debut, fin, _cellule_xml(ref, style.group(1) if style else "", valeur)))
        for (ligne, col), v in calculs.items():
            debut, fin = places[f"{get_column_letter(col)}{ligne}"]
            morceaux.append((debut, fin, avec_valeur(xml[debut:fin], v)))
        out, position = [], 0
        for debut, fin, texte in sorted(morceaux):
            out += [xml[position:debut], texte]
            position = fin
        out.append(xml[position:])
        return "".join(out)


_ELEMENT = re.compile(r'<c r="([A-Z]{1,3}\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def _cellule_xml(ref: str, style: str, valeur: Any) -> str:
    attr = f' s="{style}"' if style else ""
    if isinstance(valeur, bool):
        return f'<c r="{ref}"{attr} t="b"><v>{int(valeur)}</v></c>'
    if isinstance(valeur, (int, float)):
        return f'<c r="{ref}"{attr} t="n"><v>{valeur}</v></c>'
    texte = escape(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(valeur)))
    return f'<c r="{ref}"{attr} t="inlineStr"><is><t xml:space="preserve">{texte}</t></is></c>'


NOMS_IDENTITE = ("NR_COLLECTIVITE", "NR_CODE_INSEE", "NR_POPULATION", "NR_NB_AGENTS", "NR_ANNEE_REFERENCE",
                 "NR_A_UNE_DSI", "NR_MUTUALISATEUR", "NR_MUTUALISATEUR_CONTACT", "NR_SIRET")


def valeurs_identite(adh: Adherent, mutualisateur: str | None, contact: str | None) -> dict[str, Any]:
    c = adh.collectivite
    return {
        "NR_COLLECTIVITE": c.nom, "NR_CODE_INSEE": c.code_insee, "NR_POPULATION": c.population,
        "NR_NB_AGENTS": c.nb_agents, "NR_ANNEE_REFERENCE": c.annee_reference,
        "NR_A_UNE_DSI": {True: "Oui", False: "Non"}.get(c.a_une_dsi), "NR_MUTUALISATEUR": mutualisateur,
        "NR_MUTUALISATEUR_CONTACT": contact, "NR_SIRET": c.siret,
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
    enregistrer(res.classeur, cible)
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
