"""The AGEC declaration (loi 2020-105 art. 58, arrêté du 13 janvier 2025): a collectivité's purchases of the year per
product type, with the amounts from reuse or reutilisation, from donations and with recycled materials, written
exactly in the official Table Schema `datagouv/schema-declaration-biens-reemploi-reutilisation-recycle` v0.1.0
(shipped in `echanges/schemas/`) and validated by frictionless against it before anything is written.

One row per product type and year (rows of T_ACHATS of the same type are added up, their comments joined). A row
the declaration would not accept (unknown type, negative amount, a part above the total, no total) is refused with
the sheet, the cell and the rule, in French; the others are written. Without a valid SIRET nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from nr_workbook.classeur.controles_obligations import problemes_achat
from nr_workbook.contract import layout as L
from nr_workbook.contract.siret import normaliser, probleme_siret
from nr_workbook.echanges.table_schema import erreurs
from nr_workbook.engine.donnees import Donnees, cle_texte, est_nombre

SCHEMA = "declaration-agec.schema.json"
CHAMPS_MONTANTS = {"Montant total (€ HT)": "montant_total",
                   "Réemploi et réutilisation (€ HT)": "montant_reemploi_et_reutilisation",
                   "Issus du don (€ HT)": "montant_produits_issus_don",
                   "Matières recyclées (€ HT)": "montant_produits_recycles"}


def schema() -> dict[str, Any]:
    return json.loads(resources.files("nr_workbook.echanges.schemas").joinpath(SCHEMA).read_text(encoding="utf-8"))


def champs() -> list[str]:
    return [f["name"] for f in schema()["fields"]]


@dataclass
class Refus:
    """A row the declaration cannot take, or the file as a whole (ligne None), and why."""

    message: str
    feuille: str = ""
    cellule: str = ""
    ligne: int | None = None  # the row of the CSV (header = 1) for a frictionless error
    bloquant: bool = False  # the identity of the declaration (SIRET, year, name): nothing can be declared

    def __str__(self) -> str:
        lieu = f"feuille « {self.feuille} », cellule {self.cellule} : " if self.feuille else ""
        return lieu + self.message


@dataclass
class Declaration:
    lignes: list[dict[str, Any]] = field(default_factory=list)  # the schema's fields, in its order
    refus: list[Refus] = field(default_factory=list)


def _montant(v: Any) -> float:
    return round(float(v), 2) if est_nombre(v) else 0.0


class Lieux:
    """Where an input is in the workbook read (sheet, cell), to name it in a refusal; nothing without a reader."""

    def __init__(self, lecteur: Any = None):
        self.lecteur = lecteur

    def nom(self, nom: str) -> tuple[str, str]:
        return self.lecteur.structure.noms.get(nom, ("", "")) if self.lecteur else ("", "")

    def cellule(self, table: str, entete: str, ligne: dict[str, Any]) -> tuple[str, str]:
        if not self.lecteur or "_ligne" not in ligne or table not in self.lecteur.structure.tables:
            return "", ""
        plage, _ = self.lecteur.structure.tables[table]
        return plage.feuille, self.lecteur.coord(table, entete, ligne["_ligne"])


def declaration(d: Donnees, lieux: Lieux | None = None, fichier: str = "") -> Declaration:
    """The declaration of one workbook's data (`fichier`: its name, said in the refusals of a consolidation)."""
    lieux = lieux or Lieux()
    out = Declaration()
    siret, annee = d.noms.get("NR_SIRET"), d.noms.get("NR_ANNEE_REFERENCE")
    nom = str(d.noms.get("NR_COLLECTIVITE") or "").strip()
    identite = []
    if siret in (None, ""):
        identite.append(("NR_SIRET", "SIRET non renseigné : la déclaration en a besoin (feuille Accueil)."))
    elif (msg := probleme_siret(siret)) is not None:
        identite.append(("NR_SIRET", msg))
    if not (est_nombre(annee) and float(annee).is_integer()):
        identite.append(("NR_ANNEE_REFERENCE", "année du diagnostic non renseignée : année de la déclaration "
                                                "inconnue."))
    if not nom:
        identite.append(("NR_COLLECTIVITE", "nom de la collectivité non renseigné (raison sociale)."))
    if identite:
        out.refus += [Refus(f"{fichier + ' : ' if fichier else ''}{m}", *lieux.nom(n), bloquant=True)
                      for n, m in identite]
        return out
    par_type: dict[str, dict[str, Any]] = {}
    for r in d.tables.get("T_ACHATS") or []:
        erreurs = [(col, m) for col, m, gravite in problemes_achat(r) if gravite == "erreur"]
        if erreurs:
            out.refus += [Refus(f"{fichier + ' : ' if fichier else ''}{m}", *lieux.cellule("T_ACHATS", col, r))
                          for col, m in erreurs]
            continue
        type_ = next(t for t in L.TYPES_PRODUIT if t.casefold() == cle_texte(r.get("Type de produit")))
        ligne = par_type.setdefault(type_, {"annee": int(annee), "siret": normaliser(siret), "raison_sociale": nom,
                                            "type_produit_acquis": type_, **dict.fromkeys(CHAMPS_MONTANTS.values(),
                                                                                           0.0),
                                            "commentaires": []})
        for entete, champ in CHAMPS_MONTANTS.items():
            ligne[champ] = round(ligne[champ] + _montant(r.get(entete)), 2)
        if r.get("Commentaire") not in (None, ""):
            ligne["commentaires"].append(str(r["Commentaire"]).strip())
    for type_ in L.TYPES_PRODUIT:  # the schema's order
        if type_ in par_type:
            ligne = par_type[type_]
            ligne["commentaires"] = " ; ".join(ligne["commentaires"]) or None
            out.lignes.append(ligne)
    return out


def _nombre(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def en_csv(lignes: list[dict[str, Any]]) -> str:
    """The CSV the official schema describes: UTF-8, comma, header row, decimal point (as its example file)."""
    tampon = io.StringIO()
    w = csv.writer(tampon, lineterminator="\r\n")
    noms = champs()
    w.writerow(noms)
    for ligne in lignes:
        w.writerow(["" if ligne.get(n) is None else _nombre(ligne[n]) if isinstance(ligne[n], float) else ligne[n]
                    for n in noms])
    return tampon.getvalue()


def valider(texte: str) -> list[Refus]:
    """frictionless' validation of a declaration against the official schema, its errors in French (row, field,
    rule)."""
    return [Refus(f"ligne {e.ligne}, champ « {e.champ} » : {e.message}.", ligne=e.ligne)
            for e in erreurs(texte, schema(), "la liste officielle des types de produit")]
