"""A diagnostic workbook generated pre-filled from exchanged data: the collectivité and its inventory file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.contract.collectivite import Collectivite
from nr_workbook.contract.obligations import candidats_reforme
from nr_workbook.echanges.import_parc import Import, importer_parc
from nr_workbook.referentiel.models import Parcours


@dataclass
class Resultat:
    classeur: Workbook
    contexte: Contexte
    import_: Import | None

    @property
    def anomalies(self) -> list[Anomalie]:
        return self.contexte.anomalies


def generer(parcours: Parcours | None = None, collectivite: Collectivite | None = None,
            inventaire: Path | None = None, mutualisateur: str | None = None,
            contact: str | None = None, format_: str = "auto", correspondances: Path | None = None) -> Resultat:
    """A workbook for the collectivité, its inventory imported from any supported file (see import_parc)."""
    annee = (collectivite.annee_reference if collectivite and collectivite.annee_reference
             else dt.date.today().year)  # a generated (not template) workbook gets this year by default
    if parcours is None:
        parcours = collectivite.parcours_retenu if collectivite else "Complet"
    imp = None
    ctx = Contexte(parcours=parcours, collectivite=collectivite, annee=annee, mutualisateur=mutualisateur,
                   contact_mutualisateur=contact)
    if inventaire is not None:
        imp = importer_parc(inventaire, format_, correspondances, annee_max=annee)
        ctx.inventaire, ctx.salles, ctx.anomalies = imp.lignes, imp.salles, imp.anomalies
        ctx.reforme = candidats_reforme(imp.lignes, annee)  # offered: the user says where they went
    return Resultat(construire(ctx), ctx, imp)
