"""The inventory built from a stream of converted records: identical lines grouped, and the import's report.

Lines with the same category, model, year, status, site and refurbished mark become one inventory row with the
summed quantity (a weight or a consumption that differs is averaged by quantity). An inventory that would still hold
more than `MAX_LIGNES` rows is grouped without the site, then without the model (the indicators need neither; the
report says so): memory never grows with the number of lines read; anomalies beyond `MAX_ANOMALIES` are counted,
not kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.echanges.conversion import Exclue, Inconnue, Ligne, Rejet

MAX_ANOMALIES = 1000
MAX_LIGNES = 20_000  # inventory rows a workbook keeps at most (the benchmarks' 20,000-row inventory)
_CLE = ("Catégorie", "Modèle", "Année d'acquisition", "Statut", "Service", "Reconditionné")
_SACRIFIES = ("Service", "Modèle")  # dropped from the grouping key, in this order, beyond MAX_LIGNES
_MOYENNES = ("Poids unitaire (kg)", "Conso (kWh/an)")


@dataclass
class TypeInconnu:
    quantite: float = 0
    lignes: list[int] = field(default_factory=list)  # the first few line numbers
    nb_lignes: int = 0


@dataclass
class Rapport:
    fichier: str
    format: str = ""  # the format's label
    format_choisi: str = ""  # "auto" or "option"
    encodage: str | None = None
    separateur: str | None = None
    ligne_entete: int = 0
    colonnes: dict[str, str] = field(default_factory=dict)  # our field -> the file's header
    colonnes_ignorees: list[str] = field(default_factory=list)
    nb_lues: int = 0
    nb_importees: int = 0  # records that became inventory lines
    nb_rejetees: int = 0
    repartition: Counter = field(default_factory=Counter)  # (source type, category) -> quantity
    exclues: Counter = field(default_factory=Counter)  # (reason, value) -> quantity
    inconnues: dict[str, TypeInconnu] = field(default_factory=lambda: defaultdict(TypeInconnu))
    statuts: Counter = field(default_factory=Counter)  # (source status, our status) -> quantity
    anomalies: list[Anomalie] = field(default_factory=list)
    nb_anomalies: int = 0
    nb_lignes_inventaire: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def nb_equipements(self) -> float:
        return sum(self.repartition.values())

    def signaler(self, a: Anomalie) -> None:
        self.nb_anomalies += 1
        if len(self.anomalies) < MAX_ANOMALIES:
            self.anomalies.append(a)

    def anomalies_completes(self) -> list[Anomalie]:
        """The line anomalies, then one anomaly per unknown type (grouped), then the count of those not kept."""
        out = list(self.anomalies)
        for valeur, t in sorted(self.inconnues.items(), key=lambda x: -x[1].quantite):
            lignes = ", ".join(map(str, t.lignes)) + ("…" if t.nb_lignes > len(t.lignes) else "")
            out.append(Anomalie("type-inconnu", f"type « {valeur} » non reconnu : {t.nb_lignes} ligne(s), "
                                f"{t.quantite:g} équipement(s) non importé(s) (lignes {lignes}). Indiquez sa "
                                "catégorie dans un fichier de correspondances (--correspondances).",
                                fichier=self.fichier, ligne=t.lignes[0] if t.lignes else None,
                                colonne=self.colonnes.get("type", ""), gravite="avertissement"))
        if self.nb_anomalies > len(self.anomalies):
            out.append(Anomalie("anomalies-tronquees", f"{self.nb_anomalies - len(self.anomalies)} autre(s) "
                                "anomalie(s) de ligne non détaillée(s).", fichier=self.fichier))
        return out


class Regroupement:
    def __init__(self, rapport: Rapport, max_lignes: int = MAX_LIGNES):
        self.rapport = rapport
        self.max_lignes = max_lignes
        self._cle = _CLE
        self._lignes: dict[tuple, dict[str, Any]] = {}
        self._sommes: dict[tuple, dict[str, list[float]]] = {}

    def ajouter(self, numero: int, resultat: Ligne | Exclue | Inconnue | Rejet) -> None:
        r = self.rapport
        r.nb_lues += 1
        if isinstance(resultat, Rejet):
            r.nb_rejetees += 1
            for a in resultat.anomalies:
                r.signaler(a)
        elif isinstance(resultat, Exclue):
            r.exclues[(resultat.raison, resultat.valeur)] += resultat.quantite
        elif isinstance(resultat, Inconnue):
            t = r.inconnues[resultat.valeur]
            t.quantite += resultat.quantite
            t.nb_lignes += 1
            if len(t.lignes) < 5:
                t.lignes.append(numero)
        else:
            r.nb_importees += 1
            v = resultat.valeurs
            q = v["Quantité"]
            r.repartition[(resultat.type_source, v["Catégorie"])] += q
            r.statuts[(resultat.statut_source or "(vide)", v["Statut"])] += q
            self._grouper(v, q)

    def _grouper(self, v: dict[str, Any], q: float, sommes: dict[str, list[float]] | None = None) -> None:
        cle = tuple(v.get(c) for c in self._cle)
        ligne = self._lignes.get(cle)
        if ligne is None:
            ligne = self._lignes[cle] = {c: v[c] for c in self._cle if v.get(c) is not None} | {"Quantité": 0}
            self._sommes[cle] = {m: [0.0, 0.0] for m in _MOYENNES}
        ligne["Quantité"] += q
        if v.get("Commentaire") and not ligne.get("Commentaire"):
            ligne["Commentaire"] = v["Commentaire"]
        for m in _MOYENNES:
            if sommes is not None:  # a group merged into a coarser one brings its own sums
                ajout = sommes[m]
            elif v.get(m) is not None:
                ajout = [v[m] * q, q]
            else:
                continue
            s = self._sommes[cle][m]
            s[0] += ajout[0]
            s[1] += ajout[1]
            if s[1]:
                ligne[m] = s[0] / s[1]
            elif v.get(m) is not None:
                ligne[m] = v[m]
        if len(self._lignes) > self.max_lignes and len(self._cle) > len(_CLE) - len(_SACRIFIES):
            self._elargir()

    def _elargir(self) -> None:
        """Group again without the next key of _SACRIFIES."""
        retire = _SACRIFIES[len(_CLE) - len(self._cle)]
        self._cle = tuple(c for c in self._cle if c != retire)
        anciennes, sommes = self._lignes, self._sommes
        self._lignes, self._sommes = {}, {}
        for cle, ligne in anciennes.items():
            ligne.pop(retire, None)
            self._grouper(ligne, ligne["Quantité"], sommes[cle])
        self.rapport.notes.append(
            f"Plus de {self.max_lignes:,} lignes d'inventaire distinctes : lignes regroupées sans la colonne "
            f"« {retire} » (les indicateurs n'en dépendent pas).".replace(",", "\u202f"))

    def lignes(self) -> list[dict[str, Any]]:
        self.rapport.nb_lignes_inventaire = len(self._lignes)
        return list(self._lignes.values())
