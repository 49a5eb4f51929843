"""The members' CSV of a mutualisateur: one collectivité per line, each bad line reported with its number."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from nr_workbook.classeur.garde import verifier_taille
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide
from nr_workbook.contract.collectivite import Collectivite
from nr_workbook.contract.siret import normaliser as normaliser_siret
from nr_workbook.contract.siret import probleme_siret
from nr_workbook.echanges.texte import decoder, nombre, normaliser

COLONNES = ("nom", "code_insee", "population", "nb_agents", "a_une_dsi", "parcours", "contact", "siret")
_OBLIGATOIRES = ("nom", "code_insee")
_VRAI, _FAUX = {"oui", "o", "true", "vrai", "1", "x"}, {"non", "n", "false", "faux", "0"}


@dataclass(frozen=True)
class Adherent:
    ligne: int
    collectivite: Collectivite
    contact: str | None = None

    @property
    def fichier(self) -> str:
        """A safe file name: INSEE code and an ASCII slug of the name (no path separators, no dots)."""
        return f"{_propre(self.collectivite.code_insee or 'sans-code')}-{slug(self.collectivite.nom)}.xlsx"


@dataclass
class Lecture:
    adherents: list[Adherent] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)


def slug(texte: str, longueur: int = 60) -> str:
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return (t[:longueur].rstrip("-") or "collectivite")


def _propre(code: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", code)[:14] or "sans-code"


def lire(chemin: Path, annee: int | None = None) -> Lecture:
    try:
        verifier_taille(chemin)
        texte = decoder(chemin.read_bytes())
    except FileNotFoundError as e:
        raise FichierInvalide(f"Fichier introuvable : {chemin}") from e
    if not texte.strip():
        raise FichierInvalide(f"{chemin.name} est vide.")
    premiere = texte.splitlines()[0]
    sep = ";" if premiere.count(";") >= premiere.count(",") else ","
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=sep)
    entetes = {normaliser(h).replace(" ", "_"): i for i, h in enumerate(next(lecteur))}
    manquantes = [c for c in _OBLIGATOIRES if c not in entetes]
    if manquantes:
        raise FichierInvalide(f"{chemin.name}, ligne 1 : colonne(s) obligatoire(s) absente(s) : "
                              f"{', '.join(manquantes)} (attendu : {sep.join(COLONNES)}).")
    out = Lecture()
    vus: dict[str, int] = {}
    codes: dict[str, tuple[int, str]] = {}  # INSEE code -> (line, name)
    debut = lecteur.line_num
    for valeurs in lecteur:
        numero, debut = debut + 1, lecteur.line_num
        if not any(v.strip() for v in valeurs):
            continue
        brut = {c: (valeurs[i].strip() if i < len(valeurs) else "") for c, i in entetes.items() if c in COLONNES}
        erreurs: list[str] = []
        donnees: dict = {"nom": brut.get("nom", ""), "code_insee": brut.get("code_insee") or None,
                         "annee_reference": annee}
        for col in ("population", "nb_agents"):
            if brut.get(col):
                v = nombre(brut[col])
                if v is None or v != int(v):
                    erreurs.append(f"{col} « {brut[col]} » : nombre entier attendu")
                else:
                    donnees[col] = int(v)
        dsi = normaliser(brut.get("a_une_dsi", ""))
        if dsi:
            if dsi in _VRAI or dsi in _FAUX:
                donnees["a_une_dsi"] = dsi in _VRAI
            else:
                erreurs.append(f"a_une_dsi « {brut['a_une_dsi']} » : oui ou non attendu")
        if brut.get("siret"):  # optional: pre-fills NR_SIRET (AGEC declaration), its key checked
            probleme = probleme_siret(brut["siret"])
            if probleme:
                erreurs.append(probleme)
            else:
                donnees["siret"] = normaliser_siret(brut["siret"])
        parcours = normaliser(brut.get("parcours", ""))
        if parcours:
            if parcours in ("complet", "flash"):
                donnees["parcours"] = parcours.capitalize()
            else:
                erreurs.append(f"parcours « {brut['parcours']} » : Complet ou Flash attendu")
        if not erreurs:
            try:
                col = Collectivite.model_validate(donnees)
            except ValidationError as e:
                erreurs += [f"{'.'.join(map(str, x['loc']))} : {x['msg']}" for x in e.errors()]
        type_ = "adherent-invalide"
        if not erreurs:
            adh = Adherent(numero, col, brut.get("contact") or None)
            code = col.code_insee
            if adh.fichier in vus:
                erreurs.append(f"même collectivité qu'à la ligne {vus[adh.fichier]} (fichier {adh.fichier})")
                type_ = "adherent-en-double"
            elif code and code in codes:
                erreurs.append(f"code INSEE {code} déjà attribué à « {codes[code][1]} » à la ligne {codes[code][0]}")
                type_ = "insee-en-double"
            else:
                vus[adh.fichier] = numero
                if code:
                    codes[code] = (numero, col.nom)
                out.adherents.append(adh)
        out.anomalies += [Anomalie(type_, m + " : ligne ignorée.", fichier=chemin.name, ligne=numero)
                          for m in erreurs]
    return out
