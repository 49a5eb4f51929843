"""Spreadsheet functions (UDFs): same numbers as the engine; bad input gives "" or a French text, never raises."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.engine.sorties import indicateurs
from nr_workbook.excel.fonctions import FONCTIONS, appeler, colonnes


@pytest.fixture(scope="module")
def exemple(tmp_path_factory):
    p = tmp_path_factory.mktemp("udf") / "exemple.xlsx"
    construire_exemple().save(p)
    return Lecteur(p)


def arguments(lecteur: Lecteur) -> dict[str, tuple]:
    """Each UDF's arguments, as the workbook's own formulas see the data (columns of the contract's tables)."""
    d = lecteur.donnees()
    t = d.tables
    achats = [r for r in t["T_MATURITE"] if r["ID"].startswith("ACHATS-")]
    inv, ref = _plage(lecteur, "T_INVENTAIRE"), _plage(lecteur, "T_REFERENTIEL")
    facteur, pue = d.noms["NR_FACTEUR_ELEC_KGCO2E_KWH"], indicateurs(d)["NR_PUE"]
    allongement, cible = d.noms["NR_CIBLE_ALLONGEMENT_ANS"], d.noms["NR_CIBLE_PUE"]
    return {
        "NR_SCORE_ACHATS": ("NR_SCORE_DIMENSION", colonnes(achats, "Niveau")),
        "NR_PUE": ("NR_PUE", colonnes(t["T_SALLES"], "Énergie totale (kWh/an)"),
                   colonnes(t["T_SALLES"], "Énergie IT (kWh/an)")),
        "NR_DEEE_T_PAR_AGENT_AN": ("NR_DEEE_PAR_AGENT", colonnes(t["T_DEEE"], "Année"),
                                   colonnes(t["T_DEEE"], "Poids (kg)"), d.noms["NR_NB_AGENTS"]),
        "NR_EMPREINTE_TOTALE_KGCO2E_AN": ("NR_EMPREINTE", inv, ref, facteur, pue),
        "NR_GAIN_ALLONGEMENT_KGCO2E_AN": ("NR_GAIN_ALLONGEMENT", inv, ref, allongement),
        "NR_GAIN_ALLONGEMENT_DEEE_T_AN": ("NR_GAIN_ALLONGEMENT_DEEE", inv, ref, allongement),
        "NR_GAIN_PUE_KGCO2E_AN": ("NR_GAIN_PUE", inv, ref, facteur, pue, cible),
        "NR_GAIN_TOTAL_KGCO2E_AN": ("NR_GAIN_TOTAL", inv, ref, facteur, pue, allongement, cible),
        "NR_TAUX_REEMPLOI_REFORME": ("NR_TAUX_REEMPLOI_REFORME", _plage(lecteur, "T_REFORME")),
        "NR_PART_ACHATS_REEMPLOI_INFO": ("NR_PART_ACHATS_REEMPLOI_INFO", _plage(lecteur, "T_ACHATS")),
    }


def _plage(lecteur: Lecteur, table: str) -> list[list]:
    """A table with its header row, as Excel passes T_X[#All]."""
    plage, entetes = lecteur.structure.tables[table]
    g = lecteur.grille(plage.feuille)
    return [list(r[plage.col1 - 1: plage.col2]) for r in g[plage.ligne1 - 1: plage.ligne2]]


def test_every_udf_gives_the_engine_value(exemple):
    attendu = indicateurs(exemple.donnees())
    for sortie, (nom, *args) in arguments(exemple).items():
        assert appeler(nom, *args) == pytest.approx(attendu[sortie]), nom
    scores = [[attendu[f"NR_SCORE_{c}"]] for c in ("STRATEGIE", "MESURE", "ACHATS", "TRANSFORMATION", "DEEE",
                                                  "SENSIBILISATION", "TERRITOIRE")]
    assert appeler("NR_SCORE_GLOBAL", scores) == pytest.approx(attendu["NR_SCORE_GLOBAL"])


@pytest.mark.parametrize(("v", "f", "q"), [(4, 4, "Gain rapide"), (4, 1, "Projet majeur"), (1, 4, "Tâche d'appoint"),
                                           (2, 2, "À écarter"), ("", 3, ""), ("x", 3, "")])
def test_quadrant(v, f, q):
    assert appeler("NR_QUADRANT", v, f) == q


@pytest.mark.parametrize(("nom", "args", "attendu"), [
    ("NR_SCORE_DIMENSION", ([[None], [""], ["x"], [7]],), ""),
    ("NR_SCORE_DIMENSION", ([[3], [None], [0]],), 50.0),
    ("NR_PUE", ([[1], [2]], [[1]]), "Erreur : les deux plages d'énergie n'ont pas la même taille."),
    ("NR_PUE", ([["abc"]], [[0]]), ""),
    ("NR_DEEE_PAR_AGENT", ([[2025]], [[500]], ""), ""),
    ("NR_DEEE_PAR_AGENT", ([[2024], [2025]], [[500], [500]], 10), 0.05),
    ("NR_EMPREINTE", ("pas une table", [[1]], 0.05), "Erreur : donnez toute la table avec ses en-têtes, par exemple "
                                                       "T_INVENTAIRE[#Tout]."),
    ("NR_TAUX_REEMPLOI_REFORME", ([["Catégorie", "Quantité", "Année d'acquisition"]],), ""),
    ("NR_PART_ACHATS_REEMPLOI_INFO", ([["Type de produit", "Montant total (€ HT)", "Réemploi et réutilisation (€ HT)"]],
                                      "Ordinateurs"),
     "Erreur : type de produit inconnu : « Ordinateurs » (liste de la déclaration AGEC)."),
    ("NR_EMPREINTE", ([["Catégorie", "Statut"]], [["Catégorie"]], 0.05),
     "Erreur : colonne Modèle absente des en-têtes de T_INVENTAIRE."),
])
def test_bad_or_empty_input_never_raises(nom, args, attendu):
    resultat = appeler(nom, *args)
    assert resultat == (pytest.approx(attendu) if isinstance(attendu, float) else attendu)


def test_registry_names_are_the_issue_ones():
    assert [f.nom for f in FONCTIONS] == ["NR_SCORE_DIMENSION", "NR_SCORE_GLOBAL", "NR_PUE", "NR_DEEE_PAR_AGENT",
                                          "NR_QUADRANT", "NR_EMPREINTE", "NR_GAIN_ALLONGEMENT",
                                          "NR_GAIN_ALLONGEMENT_DEEE", "NR_GAIN_PUE", "NR_GAIN_TOTAL",
                                          "NR_TAUX_REEMPLOI_REFORME", "NR_PART_ACHATS_REEMPLOI_INFO"]


@pytest.mark.parametrize("module", ["nr_workbook.lite", "nr_workbook.excel.lite"])
def test_lite_plugin_registers_everything_without_optional_packages(module):
    """In Pyodide, python-calamine, typer and rich are absent: the plugin must import and register all functions,
    through its public entry point (`nr_workbook.lite`) as through its room in the Excel faces."""
    code = (
        "import sys\n"
        "for m in ('python_calamine', 'typer', 'rich'):\n"
        "    sys.modules[m] = None\n"
        f"import {module} as plugin\n"
        "from xlwings.server import custom_functions_meta\n"
        "noms = sorted(f['name'] for f in custom_functions_meta(plugin)['functions'])\n"
        "from xlwings.server import custom_scripts_meta\n"
        "scripts = sorted(s['name'] for s in custom_scripts_meta(plugin))\n"
        "print(','.join(noms) + '|' + ','.join(scripts))\n"
        "assert 'nr_workbook.classeur.reader.fichier' not in sys.modules\n"
    )
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ("NR_DEEE_PAR_AGENT,NR_EMPREINTE,NR_GAIN_ALLONGEMENT,NR_GAIN_ALLONGEMENT_DEEE,"
                                "NR_GAIN_PUE,NR_GAIN_TOTAL,NR_PART_ACHATS_REEMPLOI_INFO,NR_PUE,NR_QUADRANT,"
                                "NR_SCORE_DIMENSION,NR_SCORE_GLOBAL,NR_TAUX_REEMPLOI_REFORME"
                                "|Contrôler,Exporter le dossier COPIL,Générer la feuille de route,"
                                "Générer les fiches actions,Recalculer")


def test_classic_module_exposes_every_function():
    from nr_workbook.excel.addin import dossier_complement

    sys.path.insert(0, str(dossier_complement()))
    try:
        import nr_udfs
    finally:
        sys.path.pop(0)
    for f in FONCTIONS:
        fonction = getattr(nr_udfs, f.nom)
        assert fonction.__name__ == f.nom and fonction.__doc__ == f.aide
    assert nr_udfs.NR_QUADRANT(3, 3) == "Gain rapide"
