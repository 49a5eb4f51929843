"""`export-numecoeval`: G4IT's own template headers, types of its reference list, the fleet not scrapped, the
datacenters of our server rooms; importing the export back gives the same fleet (round trip)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nr_workbook import referentiel
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.cli import app
from nr_workbook.echanges.import_parc import importer_parc
from nr_workbook.echanges.numecoeval import exporter
from nr_workbook.engine.donnees import Donnees

# As read from G4IT (G4ITTeam/g4it, services/backend/storage/--INTERNAL-G4IT--/0/template/physicalEquipment.csv and
# datacenter.csv; refEquipmentType of G4IT_Datamodel_and_reference_data_v2_Cloud.xlsx), kept here on purpose apart
# from the package's own copy so that a slip in either shows.
ENTETE_EQUIPEMENTS = ("nomEquipementPhysique;modele;quantite;nomCourtDatacenter;dateAchat;dateRetrait;type;statut;"
                      "paysDUtilisation;consoElecAnnuelle;utilisateur;nomSourceDonnee;nomEntite")
ENTETE_DATACENTERS = "nomCourtDatacenter;nomLongDatacenter;pue;localisation;nomEntite"
TYPES_G4IT = {"Bay", "Building", "Camera", "Casing", "Compute Server", "Datacenter", "Desktop", "Docking station",
              "Feature phone", "Firewall", "Fix phone", "Laptop", "Mobile phone", "Monitor", "Printer", "Speaker",
              "Storage Server", "Switch", "Tablet", "TV", "Wifi", "Communication Device", "Cable", "Smartphone",
              "Server", "Paper", "Toner", "Technical room"}
CATEGORIES = [e.categorie for e in referentiel.load().equipements]
EXPORTABLES = [c for c in CATEGORIES if c != "Onduleur"]


def lire(p: Path) -> list[dict]:
    with p.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_files_have_the_g4it_template_headers(tmp_path):
    d = Donnees(tables={"T_INVENTAIRE": [{"Catégorie": "Écran", "Quantité": 3, "Statut": "En service"}]})
    export = exporter(d, tmp_path)
    assert [p.name for p in export.fichiers] == ["physicalEquipment.csv", "datacenter.csv"]
    assert (tmp_path / "physicalEquipment.csv").read_text(encoding="utf-8").splitlines()[0] == ENTETE_EQUIPEMENTS
    assert (tmp_path / "datacenter.csv").read_text(encoding="utf-8").splitlines()[0] == ENTETE_DATACENTERS


def test_the_example_fleet_not_scrapped_is_exported_with_g4it_types(tmp_path):
    lecteur = Lecteur(Path(__file__).parents[1] / "workbooks" / "exemple-rempli.xlsx")
    d = lecteur.donnees()
    export = exporter(d, tmp_path)
    lignes = lire(tmp_path / "physicalEquipment.csv")
    assert {x["type"] for x in lignes} <= TYPES_G4IT
    non_reformes = sum(r["Quantité"] for r in d.tables["T_INVENTAIRE"]
                       if r.get("Statut") != "Réformé" and r.get("Catégorie") != "Onduleur")
    assert sum(int(x["quantite"]) for x in lignes) == non_reformes == export.equipements
    assert export.ignores == {"Onduleur": 3}
    assert {x["statut"] for x in lignes} == {"In use", "In stock"}
    serveurs = [x for x in lignes if x["type"] in ("Server", "Storage Server")]
    assert serveurs and {x["nomCourtDatacenter"] for x in serveurs} == {"SALLE-SERVEUR-DE-L-HOTEL-DE-VILLE"}
    (dc1, dc2) = lire(tmp_path / "datacenter.csv")
    assert dc1["pue"] == f"{41_600 / 23_500:.2f}" and dc1["localisation"] == "France"
    assert dc2["nomLongDatacenter"] == "Local technique du centre technique municipal"


def test_export_numecoeval_command(tmp_path):
    r = CliRunner().invoke(app, ["export-numecoeval", str(Path(__file__).parents[1] / "workbooks" /
                                                           "exemple-rempli.xlsx"), "-o", str(tmp_path / "g4it")])
    assert r.exit_code == 0, r.output
    assert "non exporté(s)" in r.output and "Onduleur" in r.output
    assert (tmp_path / "g4it" / "physicalEquipment.csv").exists()


def _flotte(lignes: list[dict]) -> Counter:
    c = Counter()
    for r in lignes:
        if r["Statut"] == "Réformé" or r["Catégorie"] == "Onduleur":
            continue
        cle = (r["Catégorie"], r.get("Modèle"), r.get("Année d'acquisition"), r["Statut"], r.get("Service"),
               r.get("Reconditionné", "Non"))
        c[cle] += r["Quantité"]
    return +c


ligne = st.fixed_dictionaries({
    "Catégorie": st.sampled_from(CATEGORIES), "Quantité": st.integers(1, 500),
    "Statut": st.sampled_from(["En service", "En stock", "Réformé"]),
    "Modèle": st.sampled_from(["Latitude 5420", "P2419H", "Modèle « spécial » ; 24\"", "X"]),
    "Année d'acquisition": st.integers(2005, 2026),
    "Reconditionné": st.sampled_from(["Oui", "Non"]),
    "Service": st.sampled_from(["DSI", "Accueil", "École; maternelle"]),
})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ligne, min_size=1, max_size=25))
def test_round_trip_inventory_export_import_gives_the_same_fleet(tmp_path, lignes):
    exporter(Donnees(tables={"T_INVENTAIRE": lignes}), tmp_path)
    imp = importer_parc(tmp_path / "physicalEquipment.csv", annee_max=2026)
    assert imp.rapport.format.startswith("NumEcoEval") and imp.anomalies == []
    assert _flotte(imp.lignes) == _flotte(lignes)
