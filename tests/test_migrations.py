"""Migration of workbooks of every released template version to the current one: nothing is lost.

Frozen workbooks of each released version (`tests/donnees/versions/<version>/`, generated from the git history)
are filled at random through their names and tables, migrated, and every input is looked for in the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell

from nr_workbook.classeur.enregistrement import enregistrer
from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.migration import FUSIONS, NON_REPRIS, donnees_migrees, migrer_classeur
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.classeur.signature import signature_courante
from nr_workbook.contract import layout as L
from nr_workbook.contract.migrations import VERSIONS, VersionInconnue, etapes, signature, signature_actuelle
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.engine import indicateurs
from tests.helpers import meme_valeur

VERSIONS_FIGEES = Path(__file__).parent / "donnees" / "versions"
ANCIENNES = [v for v in VERSIONS if v != VERSION_MODELE]
FICHIERS = ("exemple-rempli.xlsx", "nr-diagnostic-complet.xlsx", "nr-diagnostic-flash.xlsx")


def _copie(tmp_path: Path, version: str, nom: str) -> Path:
    cible = tmp_path / f"{version}-{nom}"
    shutil.copy(VERSIONS_FIGEES / version / nom, cible)
    return cible


# --- The guard --------------------------------------------------------------------------------------------------
def test_the_current_layout_is_the_recorded_signature_of_the_current_version():
    """Changing a sheet, name, table or column needs a new VERSION_MODELE, a migration step and its signature
    (python -m nr_workbook.classeur.signature): see docs/architecture.md, "Changing the template"."""
    enregistree = signature(VERSION_MODELE)
    assert {k: enregistree.get(k) for k in signature_actuelle()} == signature_actuelle()


def test_the_labels_of_the_current_templates_are_recorded():
    assert signature_courante() == signature(VERSION_MODELE)


def test_every_released_version_has_a_signature_frozen_workbooks_and_a_chain_of_steps():
    assert VERSIONS[0] == "1.0.0" and VERSIONS[-1] == VERSION_MODELE
    for v in VERSIONS:
        assert signature(v)["entrees"][0] == "NR_VERSION_MODELE"
        assert all((VERSIONS_FIGEES / v / f).exists() for f in FICHIERS) or v == VERSION_MODELE
        assert [e.vers for e in etapes(v)][-1:] in ([VERSION_MODELE], [])


def test_unknown_and_newer_versions_are_refused_in_french():
    with pytest.raises(VersionInconnue, match="versions connues : 1.0.0"):
        etapes("0.9.0")
    with pytest.raises(VersionInconnue, match="plus récent que cet outil"):
        etapes("99.0.0")


# --- Frozen workbooks -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("version", ANCIENNES)
@pytest.mark.parametrize("nom", FICHIERS)
def test_a_frozen_workbook_migrates_with_nothing_left_over(tmp_path, version, nom):
    source = _copie(tmp_path, version, nom)
    rapport = migrer_classeur(source, tmp_path / "migre.xlsx")
    assert rapport.version == version and rapport.journal[0].startswith(f"Modèle {version} → ")
    assert rapport.non_repris == [] and rapport.feuilles_ajoutees == []
    assert Lecteur(tmp_path / "migre.xlsx").nom("NR_VERSION_MODELE") == VERSION_MODELE
    assert NON_REPRIS not in load_workbook(tmp_path / "migre.xlsx", read_only=True).sheetnames


@pytest.mark.parametrize("version", ANCIENNES)
def test_the_migrated_example_keeps_every_name_and_row(tmp_path, version):
    source = _copie(tmp_path, version, "exemple-rempli.xlsx")
    migrer_classeur(source, tmp_path / "migre.xlsx")
    _tout_retrouve(Lecteur(source), Lecteur(tmp_path / "migre.xlsx"), version)


def test_the_migrated_1_1_0_example_equals_the_example_entered_in_the_current_template(tmp_path):
    source = _copie(tmp_path, "1.1.0", "exemple-rempli.xlsx")
    migrer_classeur(source, tmp_path / "migre.xlsx")
    enregistrer(construire_exemple(), tmp_path / "actuel.xlsx")  # as build_workbook.py writes it
    migre, actuel = Lecteur(tmp_path / "migre.xlsx").donnees(), Lecteur(tmp_path / "actuel.xlsx").donnees()
    # What the example gained in 1.3.0 (its scenario hypotheses, TRANSFORMATION-04 retained instead of -07 with a
    # dated fiche) is not in the 1.1.0 example: the migrated one has the template's defaults there.
    # Nor what it gained in 1.5.0 (its SIRET, scrapped equipment and purchases): the migrated one is offered the
    # inventory's « Réformé » rows as scrapped equipment, for the user to complete.
    scenarios = {n.nom for n in L.ENTREES_SCENARIOS} | {"NR_SIRET"}
    assert {k: v for k, v in migre.noms.items() if k not in scenarios} == {
        k: v for k, v in actuel.noms.items() if k not in scenarios}
    reformes = [r for r in actuel.tables["T_INVENTAIRE"] if r.get("Statut") == "Réformé"]
    assert [(r["Catégorie"], r["Quantité"], r["Année d'acquisition"], r["Année de réforme"], r["Destination"])
            for r in migre.tables["T_REFORME"]] == [
        (r["Catégorie"], r["Quantité"], r["Année d'acquisition"], 2026, None) for r in reformes]
    assert len(reformes) >= 2 and migre.tables["T_ACHATS"] == []
    assert migre.noms["NR_CIBLE_ALLONGEMENT_ANS"] == 1 and migre.noms["NR_CIBLE_PUE"] is None
    nouveaux = {"TRANSFORMATION-04", "TRANSFORMATION-07"}
    for t in L.TABLES:
        if t.nom in ("T_REFORME", "T_ACHATS"):
            continue
        entrees = [c.entete for c in t.colonnes if not c.calculee] + ["_ligne"]
        assert [{h: r.get(h) for h in entrees} for r in migre.tables[t.nom] if r.get("ID") not in nouveaux] == [
            {h: r.get(h) for h in entrees} for r in actuel.tables[t.nom] if r.get("ID") not in nouveaux], t.nom
    assert len(migre.fiches) == 12
    # a fiche's gain is computed from the scenario hypotheses, which differ (see above); its élu is new in 1.5.0
    autres = ("FA_GAIN", "FA_ELU")
    assert [{k: v for k, v in f.items() if k not in autres} for f in migre.fiches if f["FA_ID"] not in nouveaux] == [
        {k: v for k, v in f.items() if k not in autres} for f in actuel.fiches if f["FA_ID"] not in nouveaux]
    assert all(f["FA_ELU"] is None for f in migre.fiches)


@pytest.mark.parametrize("version", ANCIENNES)
def test_in_memory_migration_gives_the_indicators_of_the_migrated_file(tmp_path, version):
    source = _copie(tmp_path, version, "exemple-rempli.xlsx")
    migrer_classeur(source, tmp_path / "migre.xlsx")
    en_memoire, v = donnees_migrees(Lecteur(source))
    assert v == version
    assert indicateurs(en_memoire) == indicateurs(Lecteur(tmp_path / "migre.xlsx").donnees())


def test_migrating_in_place_keeps_a_backup_and_an_up_to_date_workbook_is_left_alone(tmp_path):
    source = _copie(tmp_path, "1.0.0", "exemple-rempli.xlsx")
    avant = source.read_bytes()
    rapport = migrer_classeur(source)
    assert rapport.sauvegarde and rapport.sauvegarde.read_bytes() == avant
    assert Lecteur(source).nom("NR_VERSION_MODELE") == VERSION_MODELE
    apres = source.read_bytes()
    assert migrer_classeur(source).a_jour and source.read_bytes() == apres


def test_free_cells_and_added_sheets_are_kept(tmp_path):
    source = _copie(tmp_path, "1.0.0", "exemple-rempli.xlsx")
    wb = load_workbook(source)
    wb[L.ACCUEIL]["J3"] = "Note : relancer le DGS"
    wb[L.INVENTAIRE]["P40"] = 1234
    wb.create_sheet("Mes notes")["B2"] = "=SOMME(1;2) n'est pas une formule ici"
    wb["Mes notes"]["B2"].data_type = "s"
    wb.save(source)
    rapport = migrer_classeur(source, tmp_path / "migre.xlsx")
    assert {(n.feuille, n.cellule, n.valeur) for n in rapport.non_repris} == {
        (L.ACCUEIL, "J3", "Note : relancer le DGS"), (L.INVENTAIRE, "P40", 1234)}
    migre = Lecteur(tmp_path / "migre.xlsx")
    assert rapport.feuilles_ajoutees == ["Mes notes"]
    assert migre.cellule("Mes notes", "B2") == "=SOMME(1;2) n'est pas une formule ici"
    assert "modèle 1.0.0" in migre.cellule(NON_REPRIS, "A2")
    lignes = migre.grille(NON_REPRIS)[4:]
    assert sorted((r[0], r[1], r[2]) for r in lignes) == [(L.ACCUEIL, "J3", "Note : relancer le DGS"),
                                                         (L.INVENTAIRE, "P40", 1234)]


# --- Random inputs: all found after migration -------------------------------------------------------------------
_valeur = st.one_of(st.none(), st.integers(-5, 5000), st.floats(0, 1000, allow_nan=False).map(lambda x: round(x, 3)),
                    st.text("abcdeé =+-@;12", min_size=1, max_size=12), st.sampled_from(["Oui", "Non", "En service"]))


@st.composite
def saisies_au_hasard(draw, version: str):
    """(names, tables, free cells) for a blank workbook of `version`, through its recorded layout."""
    sig = signature(version)
    vierge = Lecteur(VERSIONS_FIGEES / version / "nr-diagnostic-complet.xlsx")
    noms = {n: draw(_valeur) for n in sig["entrees"] if n not in ("NR_VERSION_MODELE", "NR_PARCOURS")
            and draw(st.booleans())}
    tables = {}
    for nom, t in sig["tables"].items():
        spec = L.TABLES_PAR_NOM.get(nom)
        saisies = [c.entete for c in spec.colonnes if c.saisie] if spec else []
        if not saisies or not draw(st.booleans()):
            continue
        if nom in FUSIONS:  # pre-filled rows: inputs of some of them
            n = len(vierge.table(nom) or [])
            cle = FUSIONS[nom][0]  # the template's keys are kept (a renamed key is a new row: tested apart)
            tables[nom] = [{h: draw(_valeur) for h in saisies if h in t["colonnes"] and h != cle}
                           for _ in range(draw(st.integers(0, n)))]
        else:
            plage, _ = vierge.structure.tables[nom]  # within the table (tables stacked on a sheet cannot grow)
            tables[nom] = draw(st.lists(st.fixed_dictionaries({h: _valeur for h in saisies}),
                                        max_size=min(5, plage.ligne2 - plage.ligne1)))
    libres = draw(st.lists(st.tuples(st.sampled_from([L.ACCUEIL, L.PREREQUIS, L.INVENTAIRE]), st.integers(1, 30),
                                     st.text("xyz ", min_size=1, max_size=8).map(lambda s: "libre " + s)),
                           max_size=3, unique_by=lambda x: (x[0], x[1])))
    return noms, tables, libres


def _tout_retrouve(avant: Lecteur, apres: Lecteur, version: str) -> None:
    sig = signature(version)
    for nom in sig["entrees"]:
        if nom in {n.nom for n in L.ENTREES} and nom != "NR_VERSION_MODELE":
            assert meme_valeur(apres.nom(nom), avant.nom(nom)), nom
    for nom, t in sig["tables"].items():
        spec = L.TABLES_PAR_NOM.get(nom)
        saisies = [c.entete for c in spec.colonnes if c.saisie and c.entete in t["colonnes"]] if spec else []
        if not saisies:
            continue
        a, b = avant.table(nom) or [], apres.table(nom) or []
        if nom in FUSIONS:
            cle = FUSIONS[nom][0]
            b_par_cle = {str(r[cle]).casefold(): r for r in b}
            for r in a:
                trouve = b_par_cle[str(r[cle]).casefold()]
                assert all(meme_valeur(trouve[h], r[h]) for h in saisies), (nom, r, trouve)
        else:
            # every value typed before is there after (after, computed cells also carry their values)
            ua, ub = _utiles(a, saisies), _utiles(b, saisies)
            assert len(ub) == len(ua), nom
            assert all(meme_valeur(x, y) for u, v in zip(ub, ua, strict=True) for x, y in zip(u, v, strict=True)
                       if y not in (None, "")), nom


def _utiles(lignes: list[dict], colonnes: list[str]) -> list[list]:
    """The rows holding an input, as lists of their input values."""
    return [[r.get(h) for h in colonnes] for r in lignes if any(r.get(h) not in (None, "") for h in colonnes)]


@pytest.mark.parametrize("version", ANCIENNES)
def test_random_inputs_of_an_old_workbook_are_all_found_after_migration(tmp_path_factory, version):
    dossier = tmp_path_factory.mktemp(f"hasard-{version}")
    vierge = VERSIONS_FIGEES / version / "nr-diagnostic-complet.xlsx"
    compteur = iter(range(1000))

    @settings(max_examples=8, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(jeu=saisies_au_hasard(version))
    def cas(jeu):
        noms, tables, libres = jeu
        i = next(compteur)
        rempli = remplir(vierge, dossier / f"rempli{i}.xlsx", noms, tables)
        if libres:
            wb = load_workbook(rempli)
            libres = [x for x in libres if not isinstance(wb[x[0]].cell(x[1], 30), MergedCell)]
            for feuille, ligne, texte in libres:
                wb[feuille].cell(ligne, 30, texte)  # column AD: outside every table and label
            wb.save(rempli)
        rapport = migrer_classeur(rempli, dossier / f"migre{i}.xlsx")
        _tout_retrouve(Lecteur(rempli), Lecteur(dossier / f"migre{i}.xlsx"), version)
        assert {(n.feuille, n.cellule, n.valeur) for n in rapport.non_repris} == {
            (f, f"AD{ligne}", t) for f, ligne, t in libres}

    cas()


# --- The command ------------------------------------------------------------------------------------------------
def test_cli_migrer_reports_what_moved_and_refuses_to_overwrite_without_force(tmp_path):
    from typer.testing import CliRunner

    from nr_workbook.cli import app

    runner = CliRunner(env={"COLUMNS": "200"})
    source = _copie(tmp_path, "1.0.0", "exemple-rempli.xlsx")
    r = runner.invoke(app, ["migrer", str(source), "-o", str(tmp_path / "migre.xlsx")])
    assert r.exit_code == 0, r.output
    assert f"modèle 1.0.0 → {VERSION_MODELE}" in r.output and "T_INVENTAIRE" in r.output
    r = runner.invoke(app, ["migrer", str(source), "-o", str(tmp_path / "migre.xlsx")])
    assert r.exit_code == 2 and "--force" in r.output
    r = runner.invoke(app, ["migrer", str(tmp_path / "migre.xlsx")])
    assert r.exit_code == 0 and "rien à migrer" in r.output
    remplir(source, tmp_path / "futur.xlsx", {"NR_VERSION_MODELE": "9.0.0"})
    r = runner.invoke(app, ["migrer", str(tmp_path / "futur.xlsx")])
    assert r.exit_code == 2 and "plus récent que cet outil" in r.output and "Traceback" not in r.output
