"""The AGEC declaration (`nr-workbook export-agec`): exactly the official schema, validated by frictionless before
writing; bad rows refused with their sheet and cell; the SIRET's key checked."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir
from nr_workbook.cli import app
from nr_workbook.contract import layout as L
from nr_workbook.contract.siret import probleme_siret
from nr_workbook.echanges.agec import Lieux, champs, declaration, en_csv, schema, valider

RACINE = Path(__file__).resolve().parent.parent
SCHEMAS = RACINE / "nr_workbook" / "echanges" / "schemas"
SIRET = "21319990000019"


def _classeur(vierge: Path, cible: Path, achats: list[dict], siret: object = SIRET) -> Path:
    noms = {"NR_COLLECTIVITE": "Commune d'essai", "NR_ANNEE_REFERENCE": 2025, "NR_SIRET": siret}
    return remplir(vierge, cible, noms, {"T_ACHATS": achats})


def _lire(chemin: Path) -> list[dict]:
    with chemin.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_shipped_schema_is_the_official_one_and_validates_its_own_example():
    sources = (SCHEMAS / "SOURCES.md").read_text(encoding="utf-8")
    for fichier in ("declaration-agec.schema.json", "LICENCE-declaration-agec.md"):
        assert hashlib.sha256((SCHEMAS / fichier).read_bytes()).hexdigest() in sources
    assert schema()["version"] == "v0.1.0" and schema()["licenses"][0]["name"] == "etalab-2.0"
    assert [f["name"] for f in schema()["fields"]][3] == "type_produit_acquis"
    assert next(f for f in schema()["fields"] if f["name"] == "type_produit_acquis")["constraints"]["enum"] == list(
        L.TYPES_PRODUIT)
    exemple = (RACINE / "tests" / "donnees" / "agec" / "exemple-valide.csv").read_text(encoding="utf-8")
    assert valider(exemple) == []


def test_the_example_declares_each_product_type_in_the_official_shape(tmp_path):
    sortie = tmp_path / "agec.csv"
    r = CliRunner().invoke(app, ["export-agec", str(RACINE / "workbooks" / "exemple-rempli.xlsx"), "-o", str(sortie)])
    assert r.exit_code == 0, r.output
    brut = sortie.read_bytes()
    assert not brut.startswith(b"\xef\xbb\xbf") and b"\r\n" in brut
    assert brut.decode("utf-8").splitlines()[0] == ",".join(champs())
    assert valider(brut.decode("utf-8")) == []
    lignes = _lire(sortie)
    assert [x["type_produit_acquis"] for x in lignes] == [
        "Matériel informatique et téléphonie", "Matériel de reprographie et d'impression", "Consommables d'impression",
        "Papier", "Mobilier et aménagement d'intérieur"]
    info = lignes[0]
    assert (info["annee"], info["siret"], info["raison_sociale"]) == ("2026", SIRET, "Commune de Valmorin-sur-Lèze")
    assert (info["montant_total"], info["montant_reemploi_et_reutilisation"], info["montant_produits_issus_don"],
            info["montant_produits_recycles"]) == ("84000", "9600", "0", "2400")
    assert lignes[4]["montant_produits_issus_don"] == "800"


def test_rows_of_one_type_are_added_up_and_bad_rows_refused_with_their_cell(vierge_complet, tmp_path):
    info = L.TYPE_INFORMATIQUE
    source = _classeur(vierge_complet, tmp_path / "c.xlsx", [
        {"Type de produit": info, "Montant total (€ HT)": 1000.5, "Réemploi et réutilisation (€ HT)": 200,
         "Commentaire": "Portables"},
        {"Type de produit": "papier", "Montant total (€ HT)": 300, "Matières recyclées (€ HT)": -5},
        {"Type de produit": info, "Montant total (€ HT)": 500, "Issus du don (€ HT)": 120.25, "Commentaire": "Dons"},
        {"Type de produit": "Mobilier urbain", "Montant total (€ HT)": 50, "Réemploi et réutilisation (€ HT)": 80},
        {"Type de produit": "Ordinateurs", "Montant total (€ HT)": 10},
    ])
    lecteur = Lecteur(source)
    dec = declaration(lecteur.donnees(), Lieux(lecteur))
    assert [(x["type_produit_acquis"], x["montant_total"], x["montant_reemploi_et_reutilisation"],
             x["montant_produits_issus_don"], x["commentaires"]) for x in dec.lignes] == [
        (info, 1500.5, 200.0, 120.25, "Portables ; Dons")]
    messages = [str(r) for r in dec.refus]
    assert messages == [
        "feuille « Achats », cellule E11 : montant négatif « -5 ».",
        "feuille « Achats », cellule C13 : Réemploi et réutilisation (€ HT) (80) supérieur au montant total (50).",
        "feuille « Achats », cellule A14 : type de produit « Ordinateurs » absent de la liste de la déclaration AGEC.",
    ]
    sortie = tmp_path / "agec.csv"
    r = CliRunner().invoke(app, ["export-agec", str(source), "-o", str(sortie)])
    assert r.exit_code == 1 and "Ligne refusée" in r.output and "Traceback" not in r.output
    assert [x["montant_total"] for x in _lire(sortie)] == ["1500.5"]


def test_a_wrong_siret_writes_nothing_and_names_its_cell(vierge_complet, tmp_path):
    source = _classeur(vierge_complet, tmp_path / "c.xlsx",
                       [{"Type de produit": "Papier", "Montant total (€ HT)": 10}], siret="21319990000018")
    sortie = tmp_path / "agec.csv"
    r = CliRunner().invoke(app, ["export-agec", str(source), "-o", str(sortie)])
    assert r.exit_code == 2 and not sortie.exists()
    assert "feuille « Accueil », cellule B7" in r.output and "clé de contrôle" in r.output
    from nr_workbook.classeur.verification import verifier

    assert any(a.feuille == "Accueil" and a.cellule == "B7" and "Luhn" in a.message for a in verifier(source))


def test_an_existing_declaration_is_kept_unless_forced_then_backed_up(tmp_path):
    sortie = tmp_path / "agec.csv"
    sortie.write_text("ancien", encoding="utf-8")
    exemple = str(RACINE / "workbooks" / "exemple-rempli.xlsx")
    r = CliRunner().invoke(app, ["export-agec", exemple, "-o", str(sortie)])
    assert r.exit_code == 2 and "existe déjà" in r.output and sortie.read_text(encoding="utf-8") == "ancien"
    r = CliRunner().invoke(app, ["export-agec", exemple, "-o", str(sortie), "--force"])
    assert r.exit_code == 0 and [p.read_text(encoding="utf-8") for p in tmp_path.glob("agec.sauvegarde-*.csv")] == [
        "ancien"]


def test_frictionless_refusals_say_row_field_and_rule_in_french():
    lignes = [{"annee": 2025, "siret": "123", "raison_sociale": "X", "type_produit_acquis": "Papiers",
               "montant_total": 1.0, "montant_reemploi_et_reutilisation": 0.0, "montant_produits_issus_don": 0.0,
               "montant_produits_recycles": 0.0, "commentaires": None}]
    messages = [str(e) for e in valider(en_csv(lignes))]
    assert messages == [
        "ligne 2, champ « siret » : contrainte du schéma non respectée (motif attendu : ^\\d{14}$).",
        "ligne 2, champ « type_produit_acquis » : contrainte du schéma non respectée (valeur hors de la liste "
        "officielle des types de produit).",
    ]


@pytest.mark.parametrize(("siret", "bon"), [
    ("21319990000019", True), ("130 025 265 00013", True), (13002526500013, True), ("35600000000048", False),
    ("35600000000001", True), ("21319990000018", False), ("2131999000001", False), ("2131999000001A", False),
])
def test_siret_key(siret, bon):
    assert (probleme_siret(siret) is None) is bon


def test_a_consolidation_of_twelve_members_writes_one_declaration_of_the_official_schema(tmp_path):
    from nr_workbook.mutualisation.adherents import lire
    from nr_workbook.mutualisation.generateur import adherents, ecrire, simuler_retours
    from nr_workbook.mutualisation.lot import construire_lot

    lot = tmp_path / "lot"
    lot.mkdir()
    membres = lire(ecrire(tmp_path / "adh.csv", adherents(12, graine=5)), 2026).adherents
    construire_lot(membres, lot)
    assert simuler_retours(lot) == 12
    sans_siret = lot / membres[0].fichier  # one member typed no SIRET: left out of the declaration, and said so
    remplir(sans_siret, sans_siret, noms={"NR_SIRET": None})
    r = CliRunner().invoke(app, ["consolider", str(lot), "-o", str(tmp_path / "consolidation.xlsx")])
    assert r.exit_code == 0, r.output
    declaration_csv = tmp_path / "consolidation-agec.csv"
    texte = declaration_csv.read_text(encoding="utf-8")
    assert valider(texte) == []
    lignes = _lire(declaration_csv)
    sirets = {x["siret"] for x in lignes}
    assert len(sirets) == 11 and all(probleme_siret(s) is None for s in sirets)
    assert {x["type_produit_acquis"] for x in lignes} == {L.TYPE_INFORMATIQUE, "Papier"} and len(lignes) == 22
    assert {x["annee"] for x in lignes} == {"2026"}


def test_a_mutualisateur_prefills_each_members_siret_and_a_wrong_key_is_refused(tmp_path):
    from nr_workbook.mutualisation.adherents import lire
    from nr_workbook.mutualisation.lot import construire_lot

    csv_ = tmp_path / "adh.csv"
    csv_.write_text("nom;code_insee;siret\nCommune A;98001;219 800 100 00014\nCommune B;98002;21980020000019\n",
                    encoding="utf-8")
    lecture = lire(csv_, 2026)
    assert [a.collectivite.siret for a in lecture.adherents] == ["21980010000014"]
    assert [str(a) for a in lecture.anomalies] == [
        "adh.csv, ligne 3 : SIRET 21980020000019 : la clé de contrôle (Luhn) est fausse. : ligne ignorée."]
    construire_lot(lecture.adherents, tmp_path / "lot")
    (classeur,) = (tmp_path / "lot").glob("98001-*.xlsx")
    assert Lecteur(classeur).nom("NR_SIRET") == "21980010000014"


def test_the_donation_flat_rates_we_could_read_are_on_the_referentiel_sheet(vierge_complet):
    """Arrêté du 29 février 2024: each flat rate shipped is written under the minima, with its source, and the
    sheet sends the user to the full grid."""
    from openpyxl import load_workbook

    from nr_workbook import referentiel

    ws = load_workbook(vierge_complet)[L.REFERENTIEL]
    lignes = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0]}
    dons = referentiel.load().obligations.dons
    assert dons and all(d.source == "arrete_2024_dons" for d in dons)
    portable = lignes["Ordinateur portable de moins de 5 ans"]
    assert portable[1] == 200 and "Arrêté du 29 février 2024" in portable[2]
    assert any(str(k).startswith("Un don reçu se déclare à ce forfait") for k in lignes)
