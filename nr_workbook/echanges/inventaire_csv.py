"""Import an inventory CSV (contract headers, `;` or `,`, UTF-8 with or without BOM, or Windows-1252).

Each invalid field of a row gives an anomaly naming the file, line and column; such a row is rejected, the others
are imported. Headers are matched tolerantly (case, accents, spaces); unknown columns are reported and ignored.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide
from nr_workbook.echanges.texte import decoder, nombre, normaliser

_OBLIGATOIRES = ("Catégorie", "Quantité")
_VRAI = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_FAUX = {"non", "n", "no", "faux", "false", "0"}


@dataclass
class Import:
    lignes: list[dict[str, Any]] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)
    nb_lues: int = 0

    @property
    def nb_rejetees(self) -> int:
        return len({a.ligne for a in self.anomalies if a.gravite == "erreur" and a.ligne is not None})


def _separateur(premiere_ligne: str) -> str:
    return ";" if premiere_ligne.count(";") >= premiere_ligne.count(",") else ","


def _annee(texte: str) -> int | None:
    t = texte.strip()
    m = re.fullmatch(r"(\d{4})(?:-\d{2}-\d{2}.*)?", t) or re.fullmatch(r"\d{1,2}/\d{1,2}/(\d{4})", t)
    return int(m.group(1)) if m else None


class _Ligne:
    def __init__(self, fichier: str, numero: int, imp: Import):
        self.fichier, self.numero, self.imp = fichier, numero, imp
        self.ok = True

    def erreur(self, colonne: str, type_: str, message: str) -> None:
        self.ok = False
        self.imp.anomalies.append(Anomalie(type_, message, fichier=self.fichier, ligne=self.numero, colonne=colonne))

    def avertir(self, colonne: str, type_: str, message: str) -> None:
        self.imp.anomalies.append(Anomalie(type_, message, fichier=self.fichier, ligne=self.numero, colonne=colonne,
                                           gravite="avertissement"))


def lire_csv(chemin: Path, categories: Iterable[str], annee_max: int) -> Import:
    try:
        brut = chemin.read_bytes()
    except FileNotFoundError as e:
        raise FichierInvalide(f"Fichier introuvable : {chemin}") from e
    except OSError as e:
        raise FichierInvalide(f"Lecture impossible de {chemin} : {e.strerror}") from e
    return analyser(decoder(brut), chemin.name, categories, annee_max)


def analyser(texte: str, fichier: str, categories: Iterable[str], annee_max: int) -> Import:
    if not texte.strip():
        raise FichierInvalide(f"{fichier} est vide.")
    sep = _separateur(texte.splitlines()[0])
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=sep)
    entetes_fichier = next(lecteur)
    connus = {normaliser(h): h for h in L.T_INVENTAIRE.entetes}
    imp = Import()
    colonnes: dict[int, str] = {}
    for i, h in enumerate(entetes_fichier):
        cle = normaliser(h)
        if cle in connus and connus[cle] not in colonnes.values():
            colonnes[i] = connus[cle]
        elif h.strip():
            imp.anomalies.append(Anomalie("colonne-inconnue", f"colonne inconnue « {h.strip()} » ignorée.",
                                          fichier=fichier, ligne=1, colonne=h.strip(), gravite="avertissement"))
    manquantes = [h for h in _OBLIGATOIRES if h not in colonnes.values()]
    if manquantes:
        raise FichierInvalide(
            f"{fichier}, ligne 1 : colonne(s) obligatoire(s) absente(s) : {', '.join(manquantes)}. En-têtes attendus : "
            f"{sep.join(L.T_INVENTAIRE.entetes[:9])}")
    cats = {normaliser(c): c for c in categories}
    debut = lecteur.line_num
    for valeurs in lecteur:
        numero, debut = debut + 1, lecteur.line_num
        if not any(v.strip() for v in valeurs):
            continue
        imp.nb_lues += 1
        brut = {colonnes[i]: v for i, v in enumerate(valeurs) if i in colonnes}
        ligne = _Ligne(fichier, numero, imp)
        row = _valider(brut, ligne, cats, annee_max)
        if ligne.ok:
            imp.lignes.append(row)
    return imp


def _valider(brut: dict[str, str], ligne: _Ligne, cats: dict[str, str], annee_max: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    cat = brut.get("Catégorie", "").strip()
    if not cat:
        ligne.erreur("Catégorie", "categorie-vide", "catégorie vide.")
    elif normaliser(cat) not in cats:
        exemples = ", ".join(list(cats.values())[:6])
        ligne.erreur("Catégorie", "categorie-inconnue",
                     f"catégorie inconnue « {cat} » (voir la feuille Référentiel : {exemples}…).")
    else:
        row["Catégorie"] = cats[normaliser(cat)]

    q_txt = brut.get("Quantité", "").strip()
    q = nombre(q_txt)
    if not q_txt:
        ligne.erreur("Quantité", "quantite-vide", "quantité vide.")
    elif q is None:
        ligne.erreur("Quantité", "quantite-non-numerique", f"quantité non numérique « {q_txt} ».")
    elif q < 0:
        ligne.erreur("Quantité", "quantite-negative", f"quantité négative ({q_txt}).")
    elif q != int(q):
        ligne.erreur("Quantité", "quantite-non-entiere", f"quantité non entière ({q_txt}).")
    else:
        row["Quantité"] = int(q)

    a_txt = brut.get("Année d'acquisition", "").strip()
    if a_txt:
        a = _annee(a_txt)
        if a is None:
            ligne.erreur("Année d'acquisition", "annee-invalide", f"année illisible « {a_txt} » (attendu : 2021).")
        elif a < 1980 or a > annee_max:
            ligne.erreur("Année d'acquisition", "annee-impossible",
                         f"année impossible {a} (attendue entre 1980 et {annee_max}).")
        else:
            row["Année d'acquisition"] = a

    s_txt = brut.get("Statut", "").strip()
    statuts = {normaliser(s): s for s in L.STATUTS}
    if not s_txt:
        row["Statut"] = "En service"
        ligne.avertir("Statut", "statut-vide", "statut vide : « En service » retenu.")
    elif normaliser(s_txt) not in statuts:
        ligne.erreur("Statut", "statut-inconnu",
                     f"statut inconnu « {s_txt} » (attendu : {', '.join(L.STATUTS)}).")
    else:
        row["Statut"] = statuts[normaliser(s_txt)]

    r_txt = brut.get("Reconditionné", "").strip()
    if r_txt:
        if normaliser(r_txt) in _VRAI:
            row["Reconditionné"] = "Oui"
        elif normaliser(r_txt) in _FAUX:
            row["Reconditionné"] = "Non"
        else:
            ligne.erreur("Reconditionné", "reconditionne-invalide", f"valeur « {r_txt} » (attendu : Oui ou Non).")

    for col in ("Poids unitaire (kg)", "Conso (kWh/an)"):
        txt = brut.get(col, "").strip()
        if txt:
            v = nombre(txt)
            if v is None or v < 0:
                ligne.erreur(col, "valeur-invalide", f"valeur « {txt} » : nombre positif attendu.")
            else:
                row[col] = v

    for col in ("Modèle", "Service", "Commentaire"):
        txt = brut.get(col, "").strip()
        if txt:
            row[col] = txt
    return row
