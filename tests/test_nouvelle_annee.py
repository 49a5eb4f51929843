"""`nr-workbook nouvelle-annee`: year N+1 from year N, everything carried, year N in the history, year after year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.nouvelle_annee import nouvelle_annee
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import ajouter_lignes, remplir
from nr_workbook.classeur.sauvegarde import ClasseurRefuse
from nr_workbook.classeur.verification import verifier
from nr_workbook.cli import app
from nr_workbook.contract import layout as L
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.engine import indicateurs

VERSIONS = Path(__file__).parent / "donnees" / "versions"


@pytest.fixture(scope="module")
def annees(tmp_path_factory) -> list[Path]:
    d = tmp_path_factory.mktemp("annees")
    enregistrer(construire_exemple(), d / "2026.xlsx")  # as build_workbook.py writes it: with its values
    nouvelle_annee(d / "2026.xlsx", d / "2027.xlsx")
    nouvelle_annee(d / "2027.xlsx", d / "2028.xlsx")
    return [d / "2026.xlsx", d / "2027.xlsx", d / "2028.xlsx"]


def test_the_reference_year_advances_and_the_identity_stays(annees):
    avant, apres = Lecteur(annees[0]).donnees(), Lecteur(annees[1]).donnees()
    assert apres.noms["NR_ANNEE_REFERENCE"] == avant.noms["NR_ANNEE_REFERENCE"] + 1 == 2027
    for nom in ("NR_COLLECTIVITE", "NR_CODE_INSEE", "NR_POPULATION", "NR_NB_AGENTS", "NR_PARCOURS"):
        assert apres.noms[nom] == avant.noms[nom]


def test_the_fleet_is_carried_without_last_years_retired_lines_and_grows_older(annees):
    avant, apres = Lecteur(annees[0]).donnees(), Lecteur(annees[1]).donnees()
    en_service = [r for r in avant.tables["T_INVENTAIRE"] if r["Statut"] != "Réformé"]
    assert [r["Modèle"] for r in apres.tables["T_INVENTAIRE"]] == [r["Modèle"] for r in en_service]
    assert len(en_service) < len(avant.tables["T_INVENTAIRE"])
    assert indicateurs(apres)["NR_AGE_MOYEN_ANS"] == pytest.approx(indicateurs(avant)["NR_AGE_MOYEN_ANS"] + 1)
    assert indicateurs(apres)["NR_NB_EQUIPEMENTS"] == indicateurs(avant)["NR_NB_EQUIPEMENTS"]


def test_levers_fiches_and_every_budget_line_are_kept(annees):
    avant, apres = Lecteur(annees[0]).donnees(), Lecteur(annees[1]).donnees()
    assert [r.get("Retenu") for r in apres.tables["T_LEVIERS"]] == [r.get("Retenu") for r in avant.tables["T_LEVIERS"]]
    assert len(apres.fiches) == len(avant.fiches) == 12
    for a, b in zip(avant.fiches, apres.fiches, strict=True):
        assert {k: v for k, v in a.items() if k.startswith("FA_")} == {k: v for k, v in b.items()
                                                                          if k.startswith("FA_")}
        assert [{k: v for k, v in r.items() if k != "_ligne"} for r in a["budget"]] == [
            {k: v for k, v in r.items() if k != "_ligne"} for r in b["budget"]]


def test_each_year_goes_into_the_history_once(annees):
    histo = Lecteur(annees[2]).donnees().tables["T_HISTORIQUE"]
    assert sorted({r["Année"] for r in histo}) == [2026, 2027]
    valeurs = [indicateurs(Lecteur(a).donnees()) for a in annees[:2]]  # the year's purchases stay with that year
    assert len(histo) == sum(len([n for n in L.INDICATEURS_SUIVIS if v[n.nom] not in (None, "")]) for v in valeurs)
    valeurs_2026 = indicateurs(Lecteur(annees[0]).donnees())
    assert {r["Indicateur"]: r["Valeur"] for r in histo if r["Année"] == 2026}["NR_SCORE_GLOBAL"] == pytest.approx(
        valeurs_2026["NR_SCORE_GLOBAL"])
    fiches = Lecteur(annees[2]).donnees().tables["T_HISTORIQUE_FICHES"]
    assert len(fiches) == 24 and {r["Statut"] for r in fiches} <= set(L.STATUTS_FICHE)


def test_running_a_year_again_replaces_it(annees, tmp_path):
    nouvelle_annee(annees[1], tmp_path / "2028-bis.xlsx")
    un, deux = Lecteur(annees[2]).donnees(), Lecteur(tmp_path / "2028-bis.xlsx").donnees()
    cle = [(r["Année"], r["Indicateur"], r["Valeur"]) for r in un.tables["T_HISTORIQUE"]]
    assert cle == [(r["Année"], r["Indicateur"], r["Valeur"]) for r in deux.tables["T_HISTORIQUE"]]
    again = tmp_path / "2027-again.xlsx"
    shutil.copy(annees[1], again)
    remplir(again, again, noms={"NR_ANNEE_REFERENCE": 2026})  # the same year sent through twice
    nouvelle_annee(again, tmp_path / "2027-ter.xlsx")
    histo = Lecteur(tmp_path / "2027-ter.xlsx").donnees().tables["T_HISTORIQUE"]
    assert sorted({r["Année"] for r in histo}) == [2026] and len(histo) == len(cle) // 2


def test_pilotage_reference_values_are_frozen_then_year_one_is_filled(annees):
    def suivi(p):
        return {r["Indicateur"]: r for r in Lecteur(p).donnees().tables["T_SUIVI"]}

    v2026 = indicateurs(Lecteur(annees[0]).donnees())
    a2027, a2028 = suivi(annees[1]), suivi(annees[2])
    score = "Score global de maturité"
    assert a2027[score]["Valeur de référence"] == pytest.approx(v2026["NR_SCORE_GLOBAL"])
    assert a2027[score]["Valeur an 1"] is None
    assert a2028[score]["Valeur an 1"] == pytest.approx(indicateurs(Lecteur(annees[1]).donnees())["NR_SCORE_GLOBAL"])
    assert a2028["Part des agents sensibilisés"]["Valeur de référence"] is None


def test_the_source_is_never_changed_and_a_1_1_0_workbook_starts_next_year(tmp_path):
    source = tmp_path / "v110.xlsx"
    shutil.copy(VERSIONS / "1.1.0" / "exemple-rempli.xlsx", source)
    avant = source.read_bytes()
    r = nouvelle_annee(source, tmp_path / "suivante.xlsx")
    assert source.read_bytes() == avant
    assert r.migration.version == "1.1.0" and r.migration.journal and r.annee == 2026
    assert Lecteur(tmp_path / "suivante.xlsx").nom("NR_VERSION_MODELE") == VERSION_MODELE
    with pytest.raises(ClasseurRefuse, match="autre fichier"):
        nouvelle_annee(source, source)


def test_a_workbook_without_its_year_is_refused_with_the_cell(tmp_path):
    remplir(VERSIONS / "1.1.0" / "exemple-rempli.xlsx", tmp_path / "sans-annee.xlsx", {"NR_ANNEE_REFERENCE": None})
    r = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["nouvelle-annee", str(tmp_path / "sans-annee.xlsx"), "-o",
                                                       str(tmp_path / "n.xlsx")])
    assert r.exit_code == 2 and "Accueil" in r.output and "cellule" in r.output and not (tmp_path / "n.xlsx").exists()


def test_cli_nouvelle_annee(annees, tmp_path):
    runner = CliRunner(env={"COLUMNS": "200"})
    r = runner.invoke(app, ["nouvelle-annee", str(annees[0]), "-o", str(tmp_path / "n.xlsx")])
    assert r.exit_code == 0, r.output
    assert "année 2027" in r.output and "Valeurs de l'année versées dans l'historique" in r.output
    r = runner.invoke(app, ["nouvelle-annee", str(annees[0]), "-o", str(tmp_path / "n.xlsx")])
    assert r.exit_code == 2 and "--force" in r.output


def test_the_checker_names_the_history_cells_the_suivi_sheet_leaves_out(annees, tmp_path):
    p = tmp_path / "histo.xlsx"
    shutil.copy(annees[2], p)
    wb = load_workbook(p)
    ajouter_lignes(wb, "T_HISTORIQUE", [{"Indicateur": "NR_INCONNU", "Année": "2025", "Valeur": "beaucoup"},
                                        {"Indicateur": "NR_SCORE_GLOBAL", "Année": 2026, "Valeur": 12}])
    wb.save(p)
    anomalies = [a for a in verifier(p) if a.type.startswith("historique")]
    messages = sorted(a.message for a in anomalies)
    assert any("indicateur inconnu « NR_INCONNU »" in m for m in messages)
    assert any("année invalide « 2025 »" in m for m in messages)
    assert any("valeur non numérique « beaucoup »" in m for m in messages)
    assert any("NR_SCORE_GLOBAL figure deux fois pour 2026" in m for m in messages)
    assert all(a.feuille == L.SUIVI and a.cellule for a in anomalies)


def test_indicateurs_reads_an_old_template_through_migration_and_says_so():
    r = CliRunner().invoke(app, ["indicateurs", str(VERSIONS / "1.0.0" / "exemple-rempli.xlsx"), "--json"])
    assert r.exit_code == 0
    assert "lu par migration en mémoire" in r.output
