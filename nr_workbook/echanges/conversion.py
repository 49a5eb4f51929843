"""One record of another tool's file made into one inventory line of ours, or the reason it is not one.

The category comes from the format's own values, then from the shared vocabulary (type and chassis words; model
families for a missing or generic type; a server operating system); a record none of them names is an unknown type,
never guessed. Virtual machines and consumables are left out with their reason. Each invalid field of a record is an
anomaly naming the file, the line and the column; such a record is rejected, the others are kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.echanges.colonnes import Correspondance
from nr_workbook.echanges.formats import IGNORER, ChampSource, Format, Vocabulaire, marque, normaliser, vocabulaire
from nr_workbook.echanges.texte import nombre

_VRAI = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_FAUX = {"non", "n", "no", "faux", "false", "0"}
_HEURES_PERMANENTES = 8760  # a server-room or network device is on all year: W x 8760 h / 1000 = kWh/an
_PERMANENTES = {"Serveur", "Baie de stockage / NAS", "Onduleur", "Commutateur (switch)", "Routeur / pare-feu",
                "Borne Wi-Fi"}
_SERVEUR_OS = re.compile(r"\bserver\b|\bserveur\b")
_DATE_AMJ = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t].*)?$")
_DATE_JMA = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ t].*)?$")
_ANNEE = re.compile(r"^(\d{4})$")


@dataclass
class Ligne:
    """An inventory line (keyed like T_INVENTAIRE) and where it comes from."""

    valeurs: dict[str, Any]
    type_source: str  # the source's type (and chassis) as written, for the report
    statut_source: str
    datacenter: str = ""  # NumEcoEval's nomCourtDatacenter


@dataclass
class Exclue:
    raison: str
    valeur: str
    quantite: float


@dataclass
class Inconnue:
    valeur: str  # the unknown type as written ("(vide)" when there is none)
    quantite: float


@dataclass
class Rejet:
    anomalies: list[Anomalie] = field(default_factory=list)


class Convertisseur:
    def __init__(self, fmt: Format, corr: Correspondance, fichier: str, annee_max: int,
                 voc: Vocabulaire | None = None):
        self.fmt, self.corr, self.fichier, self.annee_max = fmt, corr, fichier, annee_max
        self.voc = voc or vocabulaire()
        self.categories = {normaliser(e.categorie): e.categorie for e in referentiel.load().equipements}
        self.statuts = {normaliser(s): s for s in L.STATUTS}
        self._index = list(corr.index.items())
        self._multi = fmt.separateur_multivaleur
        self._classes: dict[tuple, tuple[str, str] | str | None] = {}  # memo of the category of a type/model
        self._modeles: dict[tuple[str, str], str] = {}

    # --- reading the fields of a record -------------------------------------------------------------------------
    def champs(self, valeurs: Sequence[Any]) -> dict[ChampSource, Any]:
        """Every mapped field of the record: text stripped (the first of several GLPI values), other values as
        they are, nothing for an empty cell."""
        out: dict[ChampSource, Any] = {}
        n = len(valeurs)
        for champ, i in self._index:
            if i >= n:
                continue
            v = valeurs[i]
            if isinstance(v, str):
                if self._multi and self._multi in v:
                    v = next((x for x in v.split(self._multi) if x.strip()), "")
                v = v.strip()
                if v:
                    out[champ] = v
            elif v is not None and v != "":
                out[champ] = v
        return out

    @staticmethod
    def texte(b: dict, champ: ChampSource) -> str:
        v = b.get(champ)
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return v if isinstance(v, str) else str(v)

    # --- one record --------------------------------------------------------------------------------------------
    def convertir(self, numero: int, valeurs: Sequence[Any]) -> Ligne | Exclue | Inconnue | Rejet:
        rejet = Rejet()

        def erreur(champ: ChampSource, type_: str, message: str) -> None:
            rejet.anomalies.append(Anomalie(type_, message, fichier=self.fichier, ligne=numero,
                                            colonne=self.corr.entetes.get(champ, champ)))

        b = self.champs(valeurs)
        t = self.texte
        quantite = self._quantite(b, erreur)
        type_source = " / ".join(x for x in (t(b, "type"), t(b, "chassis")) if x)
        classe = self._classe(b, erreur)
        if isinstance(classe, tuple):
            raison, valeur = classe
            return Exclue(raison, valeur or type_source or "(vide)", quantite or 1)
        categorie = classe
        if categorie is None and not rejet.anomalies:
            return Inconnue(type_source or t(b, "modele") or "(vide)", quantite or 1)
        row: dict[str, Any] = {"Catégorie": categorie, "Quantité": quantite}
        annee = self._annee(b, erreur)
        if annee is not None:
            row["Année d'acquisition"] = annee
        statut_source = t(b, "statut")
        row["Statut"] = self._statut(b, statut_source, erreur)
        self._reconditionne(b, row, erreur)
        self._mesures(b, row, categorie, erreur)
        modele = self._modele(t(b, "modele"), t(b, "fabricant"))
        if modele:
            row["Modèle"] = modele
        for champ, entete in (("site", "Service"), ("commentaire", "Commentaire")):
            x = t(b, champ)
            if x:
                row[entete] = x
        if rejet.anomalies:
            return rejet
        return Ligne(row, type_source or categorie, statut_source, t(b, "datacenter"))

    # --- fields ------------------------------------------------------------------------------------------------
    def _quantite(self, b: dict, erreur) -> int | None:
        if self.fmt.une_ligne_par_equipement or "quantite" not in self.corr.index:
            return 1
        brut = b.get("quantite")
        texte = self.texte(b, "quantite")
        q = nombre(brut) if isinstance(brut, str) else brut
        if not texte:
            erreur("quantite", "quantite-vide", "quantité vide.")
        elif q is None or isinstance(q, bool) or not isinstance(q, (int, float)):
            erreur("quantite", "quantite-non-numerique", f"quantité non numérique « {texte} ».")
        elif q < 0:
            erreur("quantite", "quantite-negative", f"quantité négative ({texte}).")
        elif q != int(q):
            erreur("quantite", "quantite-non-entiere", f"quantité non entière ({texte}).")
        else:
            return int(q)
        return None

    def _classe(self, b: dict, erreur) -> tuple[str, str] | str | None:
        """(reason, value) for a line left out, else our category, or None for an unknown type."""
        t = self.texte
        if "categorie" in self.corr.index:  # our own CSV, or a mapping naming our categories
            brut = t(b, "categorie")
            if not brut:
                erreur("categorie", "categorie-vide", "catégorie vide.")
                return None
            trouvee = self.categories.get(normaliser(brut)) or self.fmt.categories.get(normaliser(brut))
            if trouvee is None:
                exemples = ", ".join(list(self.categories.values())[:6])
                erreur("categorie", "categorie-inconnue",
                       f"catégorie inconnue « {brut} » (voir la feuille Référentiel : {exemples}…).")
            return trouvee
        cle = (t(b, "type"), t(b, "chassis"), t(b, "modele"), t(b, "fabricant"), t(b, "systeme"), t(b, "source"))
        if cle not in self._classes:
            self._classes[cle] = self._classer(*cle)
        return self._classes[cle]

    def _classer(self, type_: str, chassis: str, modele: str, fabricant: str, systeme: str,
                 source: str) -> tuple[str, str] | str | None:
        notre = marque(source)
        if notre and notre[0] in self.categories.values():
            return notre[0]
        bruts = {"type": type_, "chassis": chassis, "modele": modele, "fabricant": fabricant}
        textes = {c: normaliser(v) for c, v in bruts.items()}
        for ex in self.voc.exclusions:
            for c in ex.champs:
                if textes.get(c) and ex.regex.search(textes[c]):
                    return ex.raison, bruts[c]
        for c in ("type", "chassis"):
            if textes[c] and textes[c] in self.fmt.categories:
                trouvee = self.fmt.categories[textes[c]]
                return ("ignoré par les correspondances", bruts[c]) if trouvee == IGNORER else trouvee
        for regle in (*self.fmt.types, *self.voc.types):
            if any(textes.get(c) and regle.regex.search(textes[c]) for c in regle.champs):
                if regle.modele_d_abord:
                    return self._par_modele(textes) or regle.categorie
                return regle.categorie
        par_modele = self._par_modele(textes)
        if par_modele:
            return par_modele
        if _SERVEUR_OS.search(normaliser(systeme)):
            return "Serveur"
        if textes["modele"]:  # a model that says what it is ("rack-server-with-hdd", "Moniteur 24 pouces")
            return next((r.categorie for r in self.voc.types if not r.modele_d_abord
                         and r.regex.search(textes["modele"])), None)
        return None

    def _par_modele(self, textes: dict[str, str]) -> str | None:
        cible = f"{textes['fabricant']} {textes['modele']}".strip()
        if not cible:
            return None
        return next((r.categorie for r in self.voc.modeles if r.regex.search(cible)), None)

    def _annee(self, b: dict, erreur) -> int | None:
        for champ in ("annee", "date", "date_fabrication"):
            v = b.get(champ)
            if v is None:
                continue
            annee = _annee_de(v)
            if annee is None:
                texte = self.texte(b, champ)
                erreur(champ, "date-impossible" if champ != "annee" else "annee-invalide",
                       f"date impossible « {texte} »." if champ != "annee"
                       else f"année illisible « {texte} » (attendu : 2021).")
                return None
            if annee < 1980 or annee > self.annee_max:
                erreur(champ, "annee-impossible", f"année impossible {annee} (attendue entre 1980 et "
                       f"{self.annee_max}).")
                return None
            return annee
        return None

    def _statut(self, b: dict, source: str, erreur) -> str:
        if "date_retrait" in b:
            return "Réformé"
        if not source:
            return "En service"
        n = normaliser(source)
        if n in self.fmt.statuts:
            return self.fmt.statuts[n]
        if n in self.statuts:
            return self.statuts[n]
        if "categorie" in self.corr.index:  # our own CSV: our statuses only
            erreur("statut", "statut-inconnu", f"statut inconnu « {source} » (attendu : {', '.join(L.STATUTS)}).")
            return "En service"
        return next((r.statut for r in self.voc.statuts if r.regex.search(n)), "En service")

    def _reconditionne(self, b: dict, row: dict, erreur) -> None:
        if "source" in b:
            notre = marque(self.texte(b, "source"))
            if notre:
                row["Reconditionné"] = "Oui" if notre[1] else "Non"
                return
        t = self.texte(b, "reconditionne")
        if not t:
            return
        n = normaliser(t)
        if n in _VRAI:
            row["Reconditionné"] = "Oui"
        elif n in _FAUX:
            row["Reconditionné"] = "Non"
        else:
            erreur("reconditionne", "reconditionne-invalide", f"valeur « {t} » (attendu : Oui ou Non).")

    def _mesures(self, b: dict, row: dict, categorie: str | None, erreur) -> None:
        for champ, entete, quoi in (("poids", "Poids unitaire (kg)", "poids"), ("conso", "Conso (kWh/an)",
                                                                               "consommation")):
            if champ not in b:
                continue
            v = _nombre(b[champ])
            if v is None or v < 0:
                erreur(champ, "valeur-invalide", f"{quoi} « {self.texte(b, champ)} » : nombre positif attendu.")
            else:
                row[entete] = v
        watts = _nombre(b.get("puissance"))
        if watts is not None and watts > 0 and categorie in _PERMANENTES and "Conso (kWh/an)" not in row:
            row["Conso (kWh/an)"] = watts * _HEURES_PERMANENTES / 1000

    def _modele(self, modele: str, fabricant: str) -> str:
        cle = (modele, fabricant)
        if cle not in self._modeles:
            if fabricant and modele and normaliser(fabricant).split()[0] not in normaliser(modele):
                self._modeles[cle] = f"{fabricant} {modele}"
            else:
                self._modeles[cle] = modele or fabricant
        return self._modeles[cle]


def _nombre(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v) if v == v else None
    return nombre(v) if isinstance(v, str) else None


def _annee_de(v: Any) -> int | None:
    """The year of a date as any tool writes it, or None when the date cannot exist."""
    if isinstance(v, (dt.datetime, dt.date)):
        return v.year
    if isinstance(v, str):
        return _annee_texte(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return int(v) if float(v).is_integer() and 1000 <= v <= 9999 else None
    return _annee_texte(str(v))


@lru_cache(maxsize=8192)
def _annee_texte(t: str) -> int | None:
    t = t.strip()
    if m := _ANNEE.match(t):
        return int(m.group(1))
    for motif, ordre in ((_DATE_AMJ, (1, 2, 3)), (_DATE_JMA, (3, 2, 1))):
        if m := motif.match(t):
            a, b, c = (int(m.group(i)) for i in ordre)
            for mois, jour in ((b, c), (c, b)) if motif is _DATE_JMA else ((b, c),):
                try:
                    return dt.date(a, mois, jour).year
                except ValueError:
                    continue
            return None
    return None
