"""NumEcoEval and G4IT: their datacenter file read beside a physical equipment file, and our fleet written for them.

Rule for the server rooms (docs/contrat-classeur.md): each datacenter becomes a T_SALLES row whose IT energy is the
yearly consumption of the equipment imported with its short name (quantity × consoElecAnnuelle, else the
category's default), or 1 000 kWh/an by convention when none is; its total energy is that IT energy × its PUE.
NR_PUE is then the datacenters' PUE averaged by IT energy. Export: one physical equipment line per inventory row
not scrapped; the equipment of server-room categories goes to the room with the most IT energy; our category and
the refurbished mark travel in nomSourceDonnee (`nr_workbook:<catégorie>[:reconditionné]`), so that importing the
export back gives the same fleet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nr_workbook import referentiel
from nr_workbook.classeur.garde import Limites
from nr_workbook.contract.anomalies import Anomalie, FichierInvalide
from nr_workbook.echanges import source
from nr_workbook.echanges.csv_sur import ecrivain
from nr_workbook.echanges.formats import MARQUE, export_g4it, normaliser
from nr_workbook.echanges.regroupement import Rapport
from nr_workbook.echanges.texte import nombre
from nr_workbook.engine.donnees import Donnees, est_nombre

ENERGIE_IT_CONVENTIONNELLE = 1000.0  # kWh/an, for a datacenter no imported equipment points to
FICHIER_EQUIPEMENTS, FICHIER_DATACENTERS = "physicalEquipment.csv", "datacenter.csv"


# --- In: the datacenter file beside a physical equipment file ----------------------------------------------------
def _datacenters(dossier: Path, exclu: Path) -> list[Path]:
    return sorted(p for p in dossier.iterdir() if p.is_file() and p != exclu and "datacenter" in p.name.casefold()
                  and p.suffix.lower() in (".csv", ".xlsx", ".ods"))


def salles_voisines(chemin: Path, energie_it: dict[str, float], rapport: Rapport,
                    limites: Limites | None = None) -> list[dict[str, Any]]:
    """T_SALLES rows from the datacenter file(s) lying beside `chemin` (none: no row)."""
    salles = []
    for fichier in _datacenters(chemin.parent, chemin):
        try:
            tableau = source.ouvrir(fichier, lambda v: sum(normaliser(x) in ("nomcourtdatacenter", "pue")
                                                           for x in v if isinstance(x, str)), limites)
        except FichierInvalide as e:
            rapport.signaler(Anomalie("datacenter", f"{e} Salles serveurs non importées.", fichier=fichier.name))
            continue
        normes = [normaliser(h) for h in tableau.entetes]
        if "nomcourtdatacenter" not in normes or "pue" not in normes:
            continue
        i_nom, i_pue = normes.index("nomcourtdatacenter"), normes.index("pue")
        i_long = normes.index("nomlongdatacenter") if "nomlongdatacenter" in normes else None
        for numero, valeurs in tableau.enregistrements:
            nom = str(valeurs[i_nom]).strip() if i_nom < len(valeurs) else ""
            if not nom:
                continue
            brut = valeurs[i_pue] if i_pue < len(valeurs) else ""
            pue = brut if isinstance(brut, (int, float)) else nombre(str(brut))
            if pue is None or pue < 1:
                rapport.signaler(Anomalie("pue-invalide", f"PUE « {brut} » du datacenter {nom} : nombre ≥ 1 attendu "
                                          "(salle non importée).", fichier=fichier.name, ligne=numero, colonne="pue"))
                continue
            long = str(valeurs[i_long]).strip() if i_long is not None and i_long < len(valeurs) else ""
            it = energie_it.get(nom, 0.0) or ENERGIE_IT_CONVENTIONNELLE
            salles.append({"Salle": long or nom, "Énergie totale (kWh/an)": round(pue * it, 3),
                           "Énergie IT (kWh/an)": round(it, 3),
                           "Méthode de mesure": f"NumEcoEval / G4IT ({fichier.name}) : PUE {pue:g} du datacenter {nom}"
                           + (", énergie IT reconstituée d'après ses équipements" if energie_it.get(nom)
                              else ", énergie IT conventionnelle")})
        rapport.notes.append(f"Salles serveurs : {len(salles)} datacenter(s) lus dans {fichier.name}.")
    return salles


# --- Out: export-numecoeval ---------------------------------------------------------------------------------------
@dataclass
class Export:
    fichiers: list[Path]
    lignes: int = 0
    equipements: float = 0
    ignores: dict[str, float] = field(default_factory=dict)  # category without a G4IT type -> quantity
    datacenters: int = 0


def _slug(texte: str, pris: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "-", normaliser(texte)).strip("-").upper()[:40] or "SALLE"
    nom, n = base, 2
    while nom in pris:
        nom, n = f"{base}-{n}", n + 1
    pris.add(nom)
    return nom


def _salles(d: Donnees) -> list[dict[str, Any]]:
    pris: set[str] = set()
    out = []
    for r in d.tables.get("T_SALLES") or []:
        if not r.get("Salle"):
            continue
        tot, it = r.get("Énergie totale (kWh/an)"), r.get("Énergie IT (kWh/an)")
        pue = tot / it if est_nombre(tot) and est_nombre(it) and it > 0 and tot / it >= 1 else None
        out.append({"court": _slug(str(r["Salle"]), pris), "long": str(r["Salle"]), "pue": pue,
                    "it": it if est_nombre(it) else 0.0})
    return out


def exporter(d: Donnees, dossier: Path) -> Export:
    """Write physicalEquipment.csv and datacenter.csv into `dossier`."""
    g4it = export_g4it()
    salle_serveur = {e.categorie for e in referentiel.load().equipements if e.salle_serveur}
    statuts = {normaliser(k): v for k, v in g4it.statuts.items()}
    salles = _salles(d)
    principale = max(salles, key=lambda s: s["it"])["court"] if salles else ""
    dossier.mkdir(parents=True, exist_ok=True)
    export = Export([dossier / FICHIER_EQUIPEMENTS, dossier / FICHIER_DATACENTERS])
    with export.fichiers[0].open("w", encoding="utf-8", newline="") as f:
        w = ecrivain(f)
        w.writerow(g4it.entetes_equipement)
        for r in d.tables.get("T_INVENTAIRE") or []:
            categorie, q = r.get("Catégorie"), r.get("Quantité")
            statut = statuts.get(normaliser(r.get("Statut") or ""))
            if not (isinstance(categorie, str) and est_nombre(q) and q > 0) or statut is None:
                continue
            type_ = g4it.types.get(categorie)
            if type_ is None:
                export.ignores[categorie] = export.ignores.get(categorie, 0) + q
                continue
            export.lignes += 1
            export.equipements += q
            an = r.get("Année d'acquisition")
            conso = r.get("Conso (kWh/an)")
            recond = ":reconditionné" if str(r.get("Reconditionné") or "").casefold() == "oui" else ""
            ligne = {
                "nomEquipementPhysique": f"{categorie} {export.lignes}", "modele": r.get("Modèle") or categorie,
                "quantite": int(q), "nomCourtDatacenter": principale if categorie in salle_serveur else "",
                "dateAchat": f"{int(an)}-01-01" if est_nombre(an) else "", "dateRetrait": "", "type": type_,
                "statut": statut, "paysDUtilisation": g4it.pays,
                "consoElecAnnuelle": f"{conso:g}" if est_nombre(conso) else "", "utilisateur": "",
                "nomSourceDonnee": f"{MARQUE}:{categorie}{recond}", "nomEntite": r.get("Service") or "",
            }
            w.writerow([ligne[h] for h in g4it.entetes_equipement])
    with export.fichiers[1].open("w", encoding="utf-8", newline="") as f:
        w = ecrivain(f)
        w.writerow(g4it.entetes_datacenter)
        for s in salles:
            export.datacenters += 1
            w.writerow([s["court"], s["long"], f"{s['pue']:.2f}" if s["pue"] else "", g4it.pays, ""])
    return export
