"""Inventory CSV import: encodings, separators, tolerant headers, one French message per bad field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nr_workbook import referentiel
from nr_workbook.echanges.inventaire_csv import FichierInvalide, analyser, decoder, lire_csv, nombre

CATS = [e.categorie for e in referentiel.load().equipements]
ENTETE = "Catégorie;Modèle;Quantité;Année d'acquisition;Statut;Reconditionné;Poids unitaire (kg);Conso (kWh/an);Service"


def imp(texte: str, annee_max: int = 2026):
    return analyser(texte, "parc.csv", CATS, annee_max)


def test_valid_rows_are_typed():
    r = imp(ENTETE + "\nÉcran;Dell P24;12;2021;En service;Oui;5,5;70;DSI\n")
    assert r.lignes == [{"Catégorie": "Écran", "Modèle": "Dell P24", "Quantité": 12, "Année d'acquisition": 2021,
                         "Statut": "En service", "Reconditionné": "Oui", "Poids unitaire (kg)": 5.5,
                         "Conso (kWh/an)": 70.0, "Service": "DSI"}]
    assert r.anomalies == []


def test_each_bad_row_is_rejected_with_line_and_column_and_the_rest_imported():
    texte = "\n".join([
        ENTETE,
        "Écran;A;2;2020;En service;;;;",
        "Grille-pain;B;1;2020;En service;;;;",
        "Écran;C;-3;2020;En service;;;;",
        "Écran;D;douze;2020;En service;;;;",
        "Écran;E;1;2031;En service;;;;",
        "Écran;F;1;2020;Volé;;;;",
        "Écran;G;1;2020;réformé;oui;;;",
    ])
    r = imp(texte)
    assert [x["Modèle"] for x in r.lignes] == ["A", "G"]
    assert r.lignes[1]["Statut"] == "Réformé" and r.lignes[1]["Reconditionné"] == "Oui"
    lieux = [(a.ligne, a.colonne, a.type) for a in r.anomalies]
    assert lieux == [(3, "Catégorie", "categorie-inconnue"), (4, "Quantité", "quantite-negative"),
                     (5, "Quantité", "quantite-non-numerique"), (6, "Année d'acquisition", "annee-impossible"),
                     (7, "Statut", "statut-inconnu")]
    assert str(r.anomalies[0]).startswith(
        "parc.csv, ligne 3, colonne « Catégorie » : catégorie inconnue « Grille-pain »")
    assert r.nb_rejetees == 5 and r.nb_lues == 7


def test_windows_1252_from_excel_is_accepted(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes((ENTETE + "\r\nÉcran;Modèle é;3;2022;Réformé;Non;;;Accueil\r\n").encode("cp1252"))
    r = lire_csv(p, CATS, 2026)
    assert r.lignes[0]["Catégorie"] == "Écran" and r.lignes[0]["Modèle"] == "Modèle é"


def test_utf8_bom_and_comma_separator():
    texte = decoder(("\ufeffCatégorie,Quantité,Statut\r\nSmartphone,4,En service\r\n").encode("utf-8"))
    assert imp(texte).lignes == [{"Catégorie": "Smartphone", "Quantité": 4, "Statut": "En service"}]


def test_headers_are_matched_tolerantly_and_unknown_columns_reported():
    r = imp("categorie;QUANTITE;statut;Numéro de série\nserveur;2;en service;ABC\n")
    assert r.lignes == [{"Catégorie": "Serveur", "Quantité": 2, "Statut": "En service"}]
    (a,) = r.anomalies
    assert a.type == "colonne-inconnue" and a.gravite == "avertissement" and "Numéro de série" in a.message


def test_missing_required_column_stops_with_a_french_message():
    with pytest.raises(FichierInvalide, match="colonne.*obligatoire.*Quantité"):
        imp("Catégorie;Statut\nÉcran;En service\n")


def test_empty_status_defaults_to_in_service_with_a_warning():
    r = imp("Catégorie;Quantité;Statut\nÉcran;1;\n")
    assert r.lignes[0]["Statut"] == "En service" and r.anomalies[0].gravite == "avertissement"


def test_formula_like_text_is_kept_as_text():
    r = imp("Catégorie;Quantité;Modèle;Service\nÉcran;1;=cmd|' /C calc'!A0;@SUM(1)\n")
    assert r.lignes[0]["Modèle"] == "=cmd|' /C calc'!A0" and r.lignes[0]["Service"] == "@SUM(1)"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FichierInvalide, match="introuvable"):
        lire_csv(tmp_path / "absent.csv", CATS, 2026)


def test_blank_lines_are_skipped_and_line_numbers_stay_physical():
    r = imp("Catégorie;Quantité\n\nÉcran;x\n")
    assert r.anomalies[0].ligne == 3


@pytest.mark.parametrize(("texte", "valeur"), [("12", 12), ("1 234,5", 1234.5), ("1234.5", 1234.5),
                                               ("1\u00a0000", 1000), ("abc", None), ("", None), ("nan", None)])
def test_french_numbers(texte, valeur):
    assert nombre(texte) == valeur


@given(st.lists(st.tuples(st.sampled_from(CATS), st.integers(0, 10_000), st.integers(1980, 2026)), max_size=30))
def test_valid_rows_round_trip(rows):
    texte = "Catégorie;Quantité;Année d'acquisition;Statut\n" + "\n".join(
        f"{c};{q};{a};En service" for c, q, a in rows)
    r = imp(texte)
    assert [(x["Catégorie"], x["Quantité"], x["Année d'acquisition"]) for x in r.lignes] == rows
    assert r.anomalies == []
