"""Importing a fleet from our own CSV: encodings, delimiters, junk lines, quotes, tolerant headers, one French
message per bad field, identical lines grouped (the format every other importer falls back on)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nr_workbook import referentiel
from nr_workbook.contract.anomalies import FichierInvalide
from nr_workbook.echanges.import_parc import importer_parc
from nr_workbook.echanges.texte import nombre

CATS = [e.categorie for e in referentiel.load().equipements]
ENTETE = "Catégorie;Modèle;Quantité;Année d'acquisition;Statut;Reconditionné;Poids unitaire (kg);Conso (kWh/an);Service"


def imp(tmp_path: Path, texte: str, annee_max: int = 2026, encodage: str = "utf-8", nom: str = "parc.csv"):
    p = tmp_path / nom
    p.write_bytes(texte.encode(encodage))
    return importer_parc(p, annee_max=annee_max)


def test_valid_rows_are_typed(tmp_path):
    r = imp(tmp_path, ENTETE + "\nÉcran;Dell P24;12;2021;En service;Oui;5,5;70;DSI\n")
    assert r.lignes == [{"Catégorie": "Écran", "Modèle": "Dell P24", "Quantité": 12, "Année d'acquisition": 2021,
                         "Statut": "En service", "Reconditionné": "Oui", "Poids unitaire (kg)": 5.5,
                         "Conso (kWh/an)": 70.0, "Service": "DSI"}]
    assert r.anomalies == [] and r.rapport.format.startswith("nr_workbook")


def test_each_bad_row_is_rejected_with_line_and_column_and_the_rest_imported(tmp_path):
    texte = "\n".join([
        ENTETE,
        "Écran;A;2;2020;En service;;;;",
        "Grille-pain;B;1;2020;En service;;;;",
        "Écran;C;-3;2020;En service;;;;",
        "Écran;D;douze;2020;En service;;;;",
        "Écran;E;1;2031;En service;;;;",
        "Écran;F;1;2020;Volé;;;;",
        "Écran;G;1;2020;réformé;oui;;;",
        "Écran;H;1;2020;En service;;-4;;",
    ])
    r = imp(tmp_path, texte)
    assert [x["Modèle"] for x in r.lignes] == ["A", "G"]
    assert r.lignes[1]["Statut"] == "Réformé" and r.lignes[1]["Reconditionné"] == "Oui"
    lieux = [(a.ligne, a.colonne, a.type) for a in r.anomalies]
    assert lieux == [(3, "Catégorie", "categorie-inconnue"), (4, "Quantité", "quantite-negative"),
                     (5, "Quantité", "quantite-non-numerique"), (6, "Année d'acquisition", "annee-impossible"),
                     (7, "Statut", "statut-inconnu"), (9, "Poids unitaire (kg)", "valeur-invalide")]
    assert str(r.anomalies[0]).startswith(
        "parc.csv, ligne 3, colonne « Catégorie » : catégorie inconnue « Grille-pain »")
    assert r.nb_rejetees == 6 and r.nb_lues == 8


def test_windows_1252_from_excel_is_accepted(tmp_path):
    r = imp(tmp_path, ENTETE + "\r\nÉcran;Modèle é;3;2022;Réformé;Non;;;Accueil\r\n", encodage="cp1252")
    assert r.lignes[0]["Catégorie"] == "Écran" and r.lignes[0]["Modèle"] == "Modèle é"
    assert r.rapport.encodage == "cp1252"


def test_utf8_bom_and_comma_separator(tmp_path):
    r = imp(tmp_path, "\ufeffCatégorie,Quantité,Statut\r\nSmartphone,4,En service\r\n")
    assert r.lignes == [{"Catégorie": "Smartphone", "Quantité": 4, "Statut": "En service"}]
    assert r.rapport.separateur == ","


def test_headers_are_matched_tolerantly_and_unknown_columns_reported(tmp_path):
    r = imp(tmp_path, "categorie;QUANTITE;statut;Numéro de série\nserveur;2;en service;ABC\n")
    assert r.lignes == [{"Catégorie": "Serveur", "Quantité": 2, "Statut": "En service"}]
    (a,) = r.anomalies
    assert a.type == "colonne-inconnue" and a.gravite == "avertissement" and "Numéro de série" in a.message


def test_missing_required_column_stops_with_a_french_message(tmp_path):
    p = tmp_path / "parc.csv"
    p.write_text("Catégorie;Statut\nÉcran;En service\n", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=r"ligne 1 : colonne\(s\) obligatoire\(s\) absente\(s\).*quantite"):
        importer_parc(p, "nr")
    with pytest.raises(FichierInvalide, match="format non reconnu.*--proposer"):
        p.write_text("Référence;Libellé\nA;B\n", encoding="utf-8")
        importer_parc(p)


def test_empty_status_is_in_service_and_shown_in_the_report(tmp_path):
    r = imp(tmp_path, "Catégorie;Quantité;Statut\nÉcran;1;\n")
    assert r.lignes[0]["Statut"] == "En service" and r.rapport.statuts == Counter({("(vide)", "En service"): 1})


def test_formula_like_text_is_kept_as_text(tmp_path):
    r = imp(tmp_path, "Catégorie;Quantité;Modèle;Service\nÉcran;1;=cmd|' /C calc'!A0;@SUM(1)\n")
    assert r.lignes[0]["Modèle"] == "=cmd|' /C calc'!A0" and r.lignes[0]["Service"] == "@SUM(1)"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FichierInvalide, match="introuvable"):
        importer_parc(tmp_path / "absent.csv")


def test_empty_file_is_a_clear_error(tmp_path):
    with pytest.raises(FichierInvalide, match="vide"):
        imp(tmp_path, "\n\n")


def test_blank_lines_are_skipped_and_line_numbers_stay_physical(tmp_path):
    r = imp(tmp_path, "Catégorie;Quantité\n\nÉcran;x\n")
    assert r.anomalies[0].ligne == 3


def test_junk_lines_before_the_header_are_skipped(tmp_path):
    r = imp(tmp_path, "Inventaire du parc – export du 12/11/2026;;\n;;\nCatégorie;Quantité;Statut\nÉcran;3;\n")
    assert r.rapport.ligne_entete == 3 and r.lignes[0]["Quantité"] == 3


def test_an_unbalanced_quote_loses_one_line_only(tmp_path):
    texte = "Catégorie;Modèle;Quantité\nÉcran;\"Dell P24;3\nÉcran;A;2\n" + "".join(f"Tablette;T{i};1\n"
                                                                               for i in range(80))
    r = imp(tmp_path, texte)
    assert [a.ligne for a in r.anomalies] == [2]
    assert "guillemets non équilibrés" in r.anomalies[0].message
    assert sum(x["Quantité"] for x in r.lignes) == 82 and r.nb_rejetees == 1 and r.nb_lues == 82


def test_a_quoted_value_may_span_lines(tmp_path):
    r = imp(tmp_path, "Catégorie;Modèle;Quantité;Commentaire\nÉcran;A;2;\"deux\nlignes\"\nÉcran;B;1;\n")
    assert [x["Quantité"] for x in r.lignes] == [2, 1] and r.lignes[0]["Commentaire"] == "deux\nlignes"


def test_identical_lines_are_grouped_with_their_quantities_summed(tmp_path):
    texte = "Catégorie;Modèle;Quantité;Année d'acquisition;Statut;Service\n" + "\n".join(
        ["Écran;P24;2;2021;En service;DSI", "Écran;P24;3;2021;En service;DSI", "Écran;P24;1;2021;En stock;DSI",
         "Écran;P24;4;2021;En service;RH"])
    r = imp(tmp_path, texte)
    assert [(x["Statut"], x["Service"], x["Quantité"]) for x in r.lignes] == [
        ("En service", "DSI", 5), ("En stock", "DSI", 1), ("En service", "RH", 4)]
    assert r.rapport.nb_lignes_inventaire == 3 and r.rapport.nb_equipements == 10


def test_grouped_weights_are_averaged_by_quantity(tmp_path):
    r = imp(tmp_path, "Catégorie;Quantité;Poids unitaire (kg)\nÉcran;1;4\nÉcran;3;8\n")
    assert r.lignes == [{"Catégorie": "Écran", "Quantité": 4, "Statut": "En service", "Poids unitaire (kg)": 7.0}]


@pytest.mark.parametrize(("texte", "valeur"), [("12", 12), ("1 234,5", 1234.5), ("1234.5", 1234.5),
                                               ("1\u00a0000", 1000), ("abc", None), ("", None), ("nan", None)])
def test_french_numbers(texte, valeur):
    assert nombre(texte) == valeur


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(CATS), st.integers(0, 10_000), st.integers(1980, 2026)), max_size=30))
def test_valid_rows_round_trip_grouped(tmp_path, rows):
    texte = "Catégorie;Quantité;Année d'acquisition;Statut\n" + "\n".join(f"{c};{q};{a};En service" for c, q, a in rows)
    r = imp(tmp_path, texte)
    attendu = Counter()
    for c, q, a in rows:
        attendu[(c, a)] += q
    assert Counter({(x["Catégorie"], x["Année d'acquisition"]): x["Quantité"] for x in r.lignes}) == attendu
    assert len(r.lignes) == len(attendu) and r.anomalies == []


def test_beyond_the_row_limit_lines_are_grouped_without_site_then_model(tmp_path):
    from nr_workbook.echanges.conversion import Ligne
    from nr_workbook.echanges.regroupement import Rapport, Regroupement

    r = Regroupement(Rapport("x.csv"), max_lignes=3)
    for i in range(6):
        v = {"Catégorie": "Écran", "Quantité": 2, "Statut": "En service", "Année d'acquisition": 2020,
             "Modèle": f"M{i % 2}", "Service": f"S{i}", "Poids unitaire (kg)": float(i)}
        r.ajouter(i, Ligne(v, "Écran", ""))
    lignes = r.lignes()
    assert [(x.get("Modèle"), x["Quantité"]) for x in lignes] == [("M0", 6), ("M1", 6)]
    assert all("Service" not in x for x in lignes)
    assert lignes[0]["Poids unitaire (kg)"] == 2.0 and lignes[1]["Poids unitaire (kg)"] == 3.0  # means by quantity
    assert any("« Service »" in n for n in r.rapport.notes)
    for i in range(6, 10):
        r.ajouter(i, Ligne({"Catégorie": "Écran", "Quantité": 1, "Statut": "En service", "Modèle": f"X{i}"},
                           "Écran", ""))
    assert any("« Modèle »" in n for n in r.rapport.notes)
    assert sum(x["Quantité"] for x in r.lignes()) == 16 and len(r.lignes()) == 2
