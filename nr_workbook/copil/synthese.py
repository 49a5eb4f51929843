"""What the steering committee sees, computed once from a workbook by the engine (never from cached results)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nr_workbook import referentiel
from nr_workbook.contract import layout as L
from nr_workbook.contract.affichage import formater, nombre_fr
from nr_workbook.engine.donnees import est_nombre
from nr_workbook.engine.feuille_de_route import budget_annuel, lignes_fiches
from nr_workbook.engine.priorisation import leviers
from nr_workbook.engine.sorties import indicateurs
from nr_workbook.engine.trajectoire import trajectoire

# Key indicators shown on the first slide, in this order.
CLES = ("NR_NB_EQUIPEMENTS", "NR_EQUIPEMENTS_PAR_AGENT", "NR_AGE_MOYEN_ANS", "NR_PART_RECONDITIONNE",
        "NR_EMPREINTE_KGCO2E_PAR_AGENT_AN", "NR_DEEE_T_PAR_AGENT_AN", "NR_PUE", "NR_SCORE_GLOBAL",
        "NR_TAUX_REEMPLOI_REFORME", "NR_PART_ACHATS_REEMPLOI_INFO")
# The legal obligations of the year against the texts' figure: output, objective or minimum, what falls short.
OBLIGATIONS = (("NR_TAUX_REEMPLOI_REFORME", "NR_OBJECTIF_REEMPLOI_REFORME",
                "Réemploi du matériel réformé : {v} %, sous l'objectif du décret 2023-266 ({o} %)."),
               ("NR_PART_ACHATS_REEMPLOI_INFO", "NR_MINIMUM_ACHATS_REEMPLOI_INFO",
                "Achats informatiques issus du réemploi, du don ou recyclés : {v} %, sous le minimum de la loi AGEC "
                "({o} %)."))
# The scenarios' gains shown with the trajectory, in this order.
GAINS = ("NR_GAIN_ALLONGEMENT_KGCO2E_AN", "NR_GAIN_ALLONGEMENT_DEEE_T_AN", "NR_GAIN_PUE_KGCO2E_AN",
         "NR_GAIN_PUE_KWH_AN", "NR_GAIN_PUE_EUR_AN", "NR_GAIN_TOTAL_KGCO2E_AN", "NR_GAIN_PART_EMPREINTE")


@dataclass
class Synthese:
    collectivite: str
    annee: Any
    valeurs: dict[str, Any]
    scores: dict[str, float | None]
    libelles: dict[str, str]
    preselectionnes: list[dict[str, Any]]  # with numeric Valeur and Faisabilité, taken into account
    retenus: list[dict[str, Any]]
    fiches: list[dict[str, Any]]  # T_FICHES rows whose lever is retained
    budget: list[dict[str, Any]]
    gouvernance: list[dict[str, Any]]
    risques: list[dict[str, Any]]
    date: dt.date
    trajectoire: list[dict[str, Any]]  # T_TRAJECTOIRE rows: the footprint without and with the plan

    @property
    def gains(self) -> list[tuple[str, str, str]]:
        """The scenarios' gains that have a value, as (label, value in French, unit)."""
        return [self.indicateur(n) for n in GAINS if self.valeurs.get(n) is not None]

    def indicateur(self, nom: str) -> tuple[str, str, str]:
        """(label, value as shown in French, unit)."""
        n = L.NOMS_PAR_NOM[nom]
        unite = "" if n.format == L.F_POURCENT else n.unite
        return n.libelle, formater(self.valeurs.get(nom), n.format), unite

    @property
    def equivalences(self) -> list[tuple[str, str, str]]:
        """Each equivalent that has a value, as (the figure: label and value, the count in French, the words)."""
        out = []
        for figure, prefixe, libelle in L.FIGURES_EQUIVALENCES:
            n = L.NOMS_PAR_NOM[figure]
            quoi = f"{libelle} : {formater(self.valeurs.get(figure), n.format)} {n.unite}"
            for k in range(1, L.NB_EQUIVALENTS + 1):
                nombre, mots = self.valeurs.get(f"{prefixe}_{k}"), self.valeurs.get(f"{prefixe}_{k}_OBJET")
                if est_nombre(nombre) and mots:
                    out.append((quoi, nombre_fr(nombre, 1 if nombre < 10 else 0), str(mots)))
        return out

    @property
    def mise_en_garde(self) -> str:
        """ADEME's caution and where the equivalents come from."""
        ref = referentiel.load()
        eq = ref.equivalences
        return (f"{eq.mise_en_garde} Source : {ref.sources[eq.source].editeur}, Impact CO2 (impactco2.fr), données "
                f"du {eq.date:%d/%m/%Y}, licence {ref.sources[eq.source].licence} ; équivalents modifiables sur la "
                "feuille Référentiel du classeur.")

    @property
    def alertes(self) -> list[str]:
        out = []
        nb = len(self.retenus)
        if nb < L.LEVIERS_MIN or nb > L.LEVIERS_MAX:
            out.append(f"{nb} leviers retenus : l'ANCT recommande {L.LEVIERS_MIN} à {L.LEVIERS_MAX}.")
        sans = [self.libelles[c] for c in self.libelles
                if not any(str(r["ID"]).upper().startswith(c + "-") for r in self.retenus)]
        if sans:
            out.append("Aucun levier retenu pour : " + ", ".join(sans) + ".")
        sans_dates = [f["ID"] for f in self.fiches if not (isinstance(f.get("Début"), dt.date)
                                                            and isinstance(f.get("Fin"), dt.date))]
        if sans_dates:
            out.append(f"{len(sans_dates)} fiche(s) sans dates de début et de fin.")
        for nom, seuil, texte in OBLIGATIONS:
            v, o = self.valeurs.get(nom), self.valeurs.get(seuil)
            if isinstance(v, (int, float)) and isinstance(o, (int, float)) and v < o:
                out.append(texte.format(v=nombre_fr(v, 1), o=nombre_fr(o, 0)))
        return out


def lire(chemin: Path) -> Synthese:
    from nr_workbook.classeur.migration import donnees_a_jour  # a file (an open book uses depuis_donnees)
    from nr_workbook.classeur.reader.fichier import Lecteur

    return depuis_donnees(donnees_a_jour(Lecteur(chemin))[0])


def depuis_donnees(d) -> Synthese:
    """The synthesis from a workbook's data, read from a file or from a workbook open in Excel."""
    valeurs = indicateurs(d)
    ref = referentiel.load()
    libelles = {dim.code: dim.libelle for dim in ref.dimensions}
    scores = {dim.code: valeurs[f"NR_SCORE_{dim.code}"] for dim in ref.dimensions}
    tous = leviers(d)
    pris = [r for r in tous if r["Pris en compte"] == "Oui"]
    presel = [r for r in pris if str(r.get("Présélection")).casefold() == "oui"
              and est_nombre(r.get("Valeur")) and est_nombre(r.get("Faisabilité"))]
    retenus = [r for r in pris if str(r.get("Retenu")).casefold() == "oui" and r.get("ID")]
    fiches = [f for f in lignes_fiches(d) if f["Levier retenu"] == "Oui"]
    return Synthese(
        collectivite=str(d.noms.get("NR_COLLECTIVITE") or "Collectivité"), annee=d.noms.get("NR_ANNEE_REFERENCE"),
        valeurs=valeurs, scores=scores, libelles=libelles, preselectionnes=presel, retenus=retenus, fiches=fiches,
        budget=budget_annuel(d), gouvernance=[g for g in d.tables.get("T_GOUVERNANCE") or [] if g.get("Instance")],
        risques=[r for r in d.tables.get("T_RISQUES") or [] if r.get("Risque")], date=dt.date.today(),
        trajectoire=[t for t in trajectoire(d, valeurs) if t["Sans le plan (kgCO2e)"] is not None],
    )
