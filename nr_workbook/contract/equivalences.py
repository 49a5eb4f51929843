"""The footprint and the plan's yearly gain in everyday equivalents, for the élus (ADEME's Impact CO2), declared:
the editable table of equivalents on the Référentiel sheet (T_EQUIVALENCES) and the outputs on the Indicateurs
sheet, three equivalents per figure, each a count (the figure ÷ the item's kgCO2e) and the item's words.

The k-th equivalent of a figure v is the k-th row of T_EQUIVALENCES, in table order, whose band holds v
(« Tranche : au-delà de » < v ≤ « Tranche : jusqu'à », an empty bound being 0 or none) and whose kgCO2e is a
positive number; nothing when v is not a positive number or the band has fewer than k rows. These names are ours
(`docs/contrat-classeur.md`), not the shared contract's.
"""

from __future__ import annotations

from nr_workbook.contract.elements import F_DECIMAL1, F_DECIMAL4, F_TEXTE, Colonne, Nom, Saisie, Table
from nr_workbook.contract.feuilles import INDICATEURS, REFERENTIEL

_KG = Saisie("decimal", minimum=0, aide="kgCO2e, nombre positif.")

T_EQUIVALENCES = Table(
    "T_EQUIVALENCES",
    REFERENTIEL,
    (
        Colonne("Équivalent", 40, F_TEXTE, Saisie("texte", aide="Ce qui suit le nombre : « km en TGV »…")),
        Colonne("kgCO2e par unité", 11, F_DECIMAL4, _KG),
        Colonne("Tranche : au-delà de (kgCO2e)", 13, F_DECIMAL1, _KG),
        Colonne("Tranche : jusqu'à (kgCO2e)", 13, F_DECIMAL1, _KG),
        Colonne("Identifiant Impact CO2", 16, F_TEXTE, Saisie("texte")),
        Colonne("Source", 60, F_TEXTE, Saisie("texte")),
    ),
)

# The figures spoken of in equivalents: (name of the figure, prefix of the outputs, label).
FIGURES_EQUIVALENCES = (
    ("NR_EMPREINTE_TOTALE_KGCO2E_AN", "NR_EQUIVALENT_EMPREINTE", "Empreinte carbone annuelle du parc"),
    ("NR_GAIN_TOTAL_KGCO2E_AN", "NR_EQUIVALENT_GAIN", "Gain annuel du plan (scénarios)"),
)
NB_EQUIVALENTS = 3


def _sorties() -> tuple[Nom, ...]:
    out = []
    for figure, prefixe, libelle in FIGURES_EQUIVALENCES:
        for k in range(1, NB_EQUIVALENTS + 1):
            out.append(Nom(f"{prefixe}_{k}", INDICATEURS, "sortie", f"{libelle} : équivalent {k}", "",
                           f"{figure} ÷ kgCO2e par unité du {k}e équivalent de sa tranche (feuille Référentiel, "
                           "ADEME Impact CO2).", F_DECIMAL1, contrat=False,
                           extra={"equivalence": (figure, k)}))
            out.append(Nom(f"{prefixe}_{k}_OBJET", INDICATEURS, "sortie", f"{libelle} : objet de l'équivalent {k}",
                           definition=f"L'objet ou le geste du {k}e équivalent de la tranche de {figure}.",
                           contrat=False, extra={"equivalence_objet": (figure, k)}))
    return tuple(out)


SORTIES_EQUIVALENCES = _sorties()
# Words for the élus, not indicators: left out of the consolidation's statistics and of the open data.
NOMS_EQUIVALENCES = frozenset(n.nom for n in SORTIES_EQUIVALENCES)
