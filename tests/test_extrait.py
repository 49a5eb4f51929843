"""Recalculer on the extract Office.js sends (only what the action declares it reads) gives what it gives on the
whole workbook: same engine input, same cells written; the engine reads no table outside the declaration; a
malformed extract is refused with a French message naming the part at fault."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
xw = pytest.importorskip("xlwings")

from nr_workbook.classeur.exemple import construire_exemple  # noqa: E402
from nr_workbook.classeur.reader.extrait import (  # noqa: E402
    ExtraitInvalide,
    LecteurExtrait,
    TableNonTransmise,
    marque,
)
from nr_workbook.classeur.reader.fichier import Lecteur  # noqa: E402
from nr_workbook.classeur.remplissage import remplir  # noqa: E402
from nr_workbook.contract import layout as L  # noqa: E402
from nr_workbook.engine.feuille_de_route import CHAMPS_LUS, TABLES_FICHE_LUES  # noqa: E402
from nr_workbook.engine.sorties import COLONNES_NON_LUES, TABLES_LUES, indicateurs  # noqa: E402
from nr_workbook.excel.actions import LECTURE_RECALCULER, recalculer, recalculer_extrait  # noqa: E402
from nr_workbook.excel.payload import charge_utile, extrait  # noqa: E402
from tests.helpers import en_series  # noqa: E402
from tests.strategies import jeux_de_donnees  # noqa: E402


@pytest.fixture(scope="module")
def exemple(tmp_path_factory):
    p = tmp_path_factory.mktemp("extrait") / "exemple.xlsx"
    construire_exemple().save(p)
    return p


def _lecteur(chemin) -> LecteurExtrait:
    return LecteurExtrait(json.loads(json.dumps(extrait(chemin, LECTURE_RECALCULER))), LECTURE_RECALCULER)


def _sans_heure(actions: list[dict]) -> list[dict]:
    return [{**a, "args": None, "values": a["values"][1:] if a["row_count"] == 1 else a["values"]}
            | ({"titre": a["values"][0][0].split(" – ")[-1]} if a["row_count"] == 1 else {}) for a in actions]


def test_the_extract_is_the_engines_whole_input(exemple):
    donnees, attendu = _lecteur(exemple).donnees(), Lecteur(exemple).donnees()
    assert donnees.noms == en_series(attendu.noms)
    lues = {t: [{k: v for k, v in r.items() if k not in COLONNES_NON_LUES.get(t, ())} for r in attendu.tables[t]]
            for t in TABLES_LUES}  # the same rows, without the columns the engine never reads
    assert {t: donnees.tables[t] for t in TABLES_LUES} == en_series(lues)
    assert "Description" not in donnees.tables["T_LEVIERS"][0] and donnees.tables["T_LEVIERS"][0]["ID"]
    lus = ("_feuille", *CHAMPS_LUS, *TABLES_FICHE_LUES)  # what the engine reads of a fiche, nothing more
    def champs(fiches: list[dict]) -> list[dict]:
        return [{k: f[k] for k in lus} for f in fiches]

    assert champs(donnees.fiches) == en_series(champs(attendu.fiches))
    assert set(donnees.fiches[0]) == {*lus, "indicateurs"} and donnees.fiches[0]["indicateurs"] == []
    assert len(donnees.fiches) == 12 and donnees.fiches[0]["FA_ID"] == "STRATEGIE-01"


def test_recalculer_on_the_extract_writes_what_it_writes_on_the_book(exemple):
    resultat, actions = recalculer_extrait(_lecteur(exemple))
    book = xw.Book(json=charge_utile(exemple, xw.__version__))
    classique = recalculer(book)
    assert resultat.valeurs == classique.valeurs == indicateurs(Lecteur(exemple).donnees())
    assert resultat.ecarts == classique.ecarts
    assert _sans_heure(actions) == _sans_heure(book.json()["actions"])
    titre, tableau = actions
    assert (titre["sheet_position"], titre["start_row"], titre["start_column"]) == (
        [*Lecteur(exemple).structure.feuilles].index(L.INDICATEURS), 4, 6)  # G5
    assert tableau["row_count"] == len(L.SORTIES) and tableau["column_count"] == 4


def test_a_row_filled_only_in_a_column_not_read_still_counts(exemple):
    """The columns the engine never reads are sent marked (filled or empty) and left out of the rows, but they
    still make a row count, as on the whole workbook: a device with only its model typed in is an inventory row."""
    brut = extrait(exemple, LECTURE_RECALCULER)
    inventaire = next(t for t in brut["tables"] if t["nom"] == "T_INVENTAIRE")
    entetes, lignes = inventaire["valeurs"][0], inventaire["valeurs"][1:]
    assert {"Modèle", "Commentaire"} <= set(COLONNES_NON_LUES["T_INVENTAIRE"])
    seul = [marque("Modèle saisi seul") if h == "Modèle" else "" for h in entetes]
    vide = [marque(None)] * len(entetes)
    inventaire["valeurs"] = [entetes, seul, vide, *lignes[:-2]]  # the range keeps its size
    lignes_lues = LecteurExtrait(brut, LECTURE_RECALCULER).table("T_INVENTAIRE")
    assert lignes_lues[0] == {h: None for h in entetes if h not in COLONNES_NON_LUES["T_INVENTAIRE"]} | {
        "_ligne": lignes_lues[0]["_ligne"]}
    assert lignes_lues[1]["_ligne"] == lignes_lues[0]["_ligne"] + 2  # the empty row made no row
    assert len(lignes_lues) == len(lignes) - 2 + 1


def test_the_extract_is_a_third_of_the_workbook(exemple):
    entier, partiel = json.dumps(charge_utile(exemple)), json.dumps(extrait(exemple, LECTURE_RECALCULER))
    assert len(partiel) < len(entier) / 2.5


@settings(max_examples=6, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
@given(jeu=jeux_de_donnees(max_inventaire=12))
def test_any_filled_workbook_reads_the_same_through_its_extract(vierge_complet, tmp_path_factory, jeu):
    """The engine gives the same figures on the extract as on the file, and reads no undeclared table (it would
    raise TableNonTransmise); the saved formulas' values agree with the engine there too."""
    noms, tables = jeu
    chemin = remplir(vierge_complet, tmp_path_factory.mktemp("cas") / "cas.xlsx", noms, tables)
    resultat, _ = recalculer_extrait(_lecteur(chemin))
    assert resultat.valeurs == indicateurs(Lecteur(chemin).donnees())


def test_a_table_outside_the_declaration_is_a_loud_error(exemple):
    with pytest.raises(TableNonTransmise, match="T_SUIVI"):
        _lecteur(exemple).table("T_SUIVI")


def test_a_declared_table_missing_from_the_workbook_reads_as_absent(exemple):
    brut = extrait(exemple, LECTURE_RECALCULER)
    brut["tables"] = [t for t in brut["tables"] if t["nom"] != "T_EQUIVALENCES"]
    assert LecteurExtrait(brut, LECTURE_RECALCULER).table("T_EQUIVALENCES") is None


@pytest.mark.parametrize(("changer", "message"), [
    (lambda e: e.pop("feuilles"), "feuilles manquant(s) ou invalide(s)"),
    (lambda e: e.update(nr_extrait=7), "format d'extrait 7 inconnu de ce serveur"),
    (lambda e: e["noms"][0].update(feuille=999), "feuille n° 1000 absente de l'extrait"),
    (lambda e: e["noms"][0].update(adresse="B5C"), "adresse « B5C » illisible"),
    (lambda e: e["tables"][0].update(valeurs=[[1, 2]]), "ses valeurs ne tiennent pas dans sa plage"),
    (lambda e: e["tables"][0].update(valeurs="x"), "ses valeurs ne tiennent pas dans sa plage"),
    (lambda e: e["noms"][0].pop("adresse"), "noms.0.adresse"),
])
def test_a_malformed_extract_is_refused_in_french(exemple, changer, message):
    brut = extrait(exemple, LECTURE_RECALCULER)
    changer(brut)
    with pytest.raises(ExtraitInvalide, match=message.replace("(", r"\(").replace(")", r"\)")):
        LecteurExtrait(brut, LECTURE_RECALCULER)


def test_the_target_cell_missing_is_explained(exemple):
    brut = extrait(exemple, LECTURE_RECALCULER)
    brut["noms"] = [n for n in brut["noms"] if n["nom"] != "NR_CONTROLE_MOTEUR"]
    with pytest.raises(LookupError, match="NR_CONTROLE_MOTEUR absent du classeur : migrez-le"):
        recalculer_extrait(LecteurExtrait(brut, LECTURE_RECALCULER))
