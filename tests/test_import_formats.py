"""Other tools' inventories (fixtures of our own in their real shapes): GLPI, OCS Inventory, Ecodiag, NumEcoEval /
G4IT, any sheet with a mapping. The format is recognised, the categories and statuses mapped, virtual machines and
consumables left out, unknown types grouped and never guessed, bad rows reported by line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.echanges.formats import Correspondances, normaliser
from nr_workbook.echanges.import_parc import importer_parc, lire_correspondances

DOSSIER = Path(__file__).parent / "donnees" / "imports"


def importer(nom: str, **options):
    return importer_parc(DOSSIER / nom, annee_max=2026, **options)


def flotte(imp) -> Counter:
    c = Counter()
    for r in imp.lignes:
        c[(r["Catégorie"], r["Statut"])] += r["Quantité"]
    return c


def test_glpi_computers_french_export():
    imp = importer("glpi-ordinateurs-fr.csv")
    r = imp.rapport
    assert r.format.startswith("GLPI") and r.format_choisi == "auto"
    assert (r.encodage, r.separateur, r.ligne_entete) == ("utf-8-sig", ";", 3)
    assert r.colonnes["date"] == "Date d'achat" and "Numéro de série" in r.colonnes_ignorees
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 5, ("Ordinateur fixe", "En service"): 1,
                                   ("Ordinateur fixe", "En stock"): 1, ("Ordinateur fixe", "Réformé"): 1,
                                   ("Serveur", "En service"): 1})
    assert sum(q for (raison, _), q in r.exclues.items() if raison == "machine virtuelle") == 3
    assert ("consommable, accessoire ou infrastructure (pas un équipement du parc)", "Docking Station") in r.exclues
    assert {v: t.lignes for v, t in r.inconnues.items()} == {"Other": [15]}
    assert [(a.ligne, a.colonne, a.type) for a in imp.anomalies if a.gravite == "erreur"] == [
        (17, "Date d'achat", "date-impossible"), (18, "Date d'achat", "annee-impossible")]


def test_glpi_identical_devices_become_one_row_and_multivalued_cells_keep_the_first_value():
    imp = importer("glpi-ordinateurs-fr.csv")
    portables = [x for x in imp.lignes if x["Modèle"] == "Dell Inc. Latitude 5420"]
    assert [(x["Année d'acquisition"], x["Quantité"]) for x in portables] == [(2021, 3)]
    (atelier,) = [x for x in imp.lignes if x["Modèle"] == "HP ProDesk 400 G5 MT"]
    assert atelier["Service"] == "Services techniques" and atelier["Année d'acquisition"] == 2019


def test_glpi_a_generic_type_is_decided_by_the_model_and_a_loaned_device_is_in_service():
    imp = importer("glpi-ordinateurs-fr.csv")
    assert ("Other", "Ordinateur portable") in imp.rapport.repartition  # "Other" + Latitude 7420
    assert imp.rapport.statuts[("Prêté", "En service")] == 1


def test_glpi_english_peripherals_with_item_type_and_crlf():
    imp = importer("glpi-peripheriques-en.csv")
    assert imp.rapport.separateur == "," and imp.rapport.ligne_entete == 2
    assert flotte(imp) == Counter({("Écran", "En service"): 3, ("Imprimante", "En service"): 1,
                                   ("Imprimante", "Réformé"): 1, ("Multifonction (copieur)", "En service"): 1,
                                   ("Téléphone fixe / IP", "En service"): 1, ("Smartphone", "En stock"): 1,
                                   ("Commutateur (switch)", "En service"): 1, ("Routeur / pare-feu", "En service"): 1,
                                   ("Borne Wi-Fi", "En service"): 1})
    assert list(imp.rapport.inconnues) == ["Webcam / Peripheral"]


@pytest.mark.parametrize("nom", ["glpi-ordinateurs.xlsx", "glpi-ordinateurs.ods"])
def test_glpi_spreadsheet_export_with_group_prefixed_headers_and_real_dates(nom):
    imp = importer(nom)
    assert imp.rapport.colonnes["date"] == "Financial and administrative information - Date of purchase"
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 2, ("Ordinateur fixe", "En service"): 1,
                                   ("Tablette", "En service"): 1})
    assert {x["Année d'acquisition"] for x in imp.lignes} == {2022, 2023}
    assert imp.rapport.exclues == Counter({("machine virtuelle", "VMware"): 1})


def test_ocs_inventory_with_chassis_and_bios_dates():
    imp = importer("ocs-ordinateurs.csv")
    r = imp.rapport
    assert r.format.startswith("OCS") and r.colonnes["date_fabrication"] == "Date BIOS"
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 2, ("Ordinateur fixe", "En service"): 2,
                                   ("Serveur", "En service"): 1})
    assert sum(r.exclues.values()) == 3 and {raison for raison, _ in r.exclues} == {"machine virtuelle"}
    assert list(r.inconnues) == ["Other"]  # "Boîte noire": neither the chassis nor the model says what it is
    assert any("date du BIOS" in n for n in r.notes)
    assert {x["Année d'acquisition"] for x in imp.lignes if x["Catégorie"] == "Ordinateur portable"} == {2021}


def test_ocs_english_export_in_windows_1252_without_chassis_uses_models_and_server_systems():
    imp = importer("ocs-ordinateurs-en.csv")
    assert imp.rapport.encodage == "cp1252" and imp.rapport.format.startswith("OCS")
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 1, ("Serveur", "En service"): 2,
                                   ("Ordinateur fixe", "En service"): 1})


def test_ecodiag_csv_with_inch_marks_and_fuzzy_dates():
    imp = importer("ecodiag.csv")
    assert imp.rapport.format.startswith("Ecodiag")
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 3, ("Tablette", "En service"): 1,
                                   ("Ordinateur fixe", "En service"): 1, ("Serveur", "En service"): 1,
                                   ("Écran", "En service"): 2})
    assert any(x["Modèle"] == 'MONITEUR IIYAMA PROLITE 24"' for x in imp.lignes)
    assert [(a.ligne, a.type) for a in imp.anomalies if a.gravite == "erreur"] == [(11, "date-impossible")]
    assert list(imp.rapport.inconnues) == ["Grille-pain"]


def test_numecoeval_physical_equipment_in_any_column_order():
    imp = importer("numecoeval/physicalEquipment.csv")
    r = imp.rapport
    assert r.format.startswith("NumEcoEval")
    assert flotte(imp) == Counter({
        ("Ordinateur portable", "En service"): 29, ("Ordinateur portable", "En stock"): 2,
        ("Ordinateur portable", "Réformé"): 1, ("Ordinateur fixe", "En service"): 6, ("Écran", "En service"): 30,
        ("Écran", "En stock"): 5, ("Serveur", "En service"): 3, ("Serveur", "Réformé"): 1,
        ("Baie de stockage / NAS", "En service"): 1, ("Smartphone", "En service"): 14,
        ("Borne Wi-Fi", "En service"): 2, ("Commutateur (switch)", "Réformé"): 3})
    assert r.exclues[("consommable, accessoire ou infrastructure (pas un équipement du parc)", "Consumable")] == 40
    assert [(a.ligne, a.colonne, a.type) for a in imp.anomalies if a.gravite == "erreur"][:4] == [
        (15, "quantite", "quantite-non-numerique"), (16, "quantite", "quantite-negative"),
        (17, "dateAchat", "date-impossible"), (18, "consoElecAnnuelle", "valeur-invalide")]
    serveurs = [x for x in imp.lignes if x["Catégorie"] == "Serveur" and x["Statut"] == "En service"]
    assert serveurs[0]["Conso (kWh/an)"] == 4200.0


def test_numecoeval_datacenters_beside_fill_the_server_rooms():
    imp = importer("numecoeval/physicalEquipment.csv")
    salles = {s["Salle"]: s for s in imp.salles}
    assert set(salles) == {"Salle serveur de la mairie", "Local technique du CTM"}
    mairie, ctm = salles["Salle serveur de la mairie"], salles["Local technique du CTM"]
    assert mairie["Énergie IT (kWh/an)"] == 3 * 4200  # the servers in service that point to it
    assert mairie["Énergie totale (kWh/an)"] / mairie["Énergie IT (kWh/an)"] == pytest.approx(1.80)
    assert ctm["Énergie totale (kWh/an)"] / ctm["Énergie IT (kWh/an)"] == pytest.approx(1.45)
    assert any(a.type == "pue-invalide" and "DC-VIDE" in a.message for a in imp.anomalies)


def test_any_sheet_with_a_mapping_file():
    imp = importer("autre/parc-mairie.xlsx", correspondances=DOSSIER / "autre" / "correspondances.yaml")
    assert imp.rapport.ligne_entete == 3
    assert flotte(imp) == Counter({("Ordinateur portable", "En service"): 12, ("Ordinateur fixe", "En service"): 8,
                                   ("Écran", "En service"): 20, ("Ordinateur fixe", "Réformé"): 5})
    assert imp.rapport.exclues == Counter({("machine virtuelle", "VM"): 4})
    assert list(imp.rapport.inconnues) == ["Électroménager"]


def test_a_named_format_is_used_as_told():
    imp = importer("ecodiag.csv", format_="ecodiag")
    assert imp.rapport.format_choisi == "option" and imp.rapport.nb_importees == 8


@pytest.mark.parametrize(("contenu", "message"), [
    ("colonnes: [", "YAML invalide"),
    ("colonnes:\n  type: Famille\ncategories:\n  PC: Ordinateur de poche\n",
     "catégorie inconnue « Ordinateur de poche »"),
    ("colonnes:\n  couleur: Teinte\n", "colonnes"),
])
def test_a_bad_mapping_file_is_a_clear_error(tmp_path, contenu, message):
    p = tmp_path / "corr.yaml"
    p.write_text(contenu, encoding="utf-8")
    with pytest.raises(FichierInvalide, match=message):
        lire_correspondances(p)


def test_mapping_values_are_compared_without_case_or_accents():
    c = Correspondances.model_validate({"colonnes": {"type": "T"}, "categories": {"Unité Centrale": "Ordinateur fixe"}})
    assert c.en_format("x").categories == {normaliser("unite centrale"): "Ordinateur fixe"}
