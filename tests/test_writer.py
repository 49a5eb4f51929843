"""Structure of generated workbooks: the contract's names and tables, validations, protection, looks."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from nr_workbook import referentiel
from nr_workbook.classeur.formulas import sorties
from nr_workbook.contract import layout as L
from nr_workbook.contract.version import VERSION_MODELE

CONTRAT_NOMS = {
    "NR_VERSION_MODELE", "NR_PARCOURS", "NR_COLLECTIVITE", "NR_CODE_INSEE", "NR_POPULATION", "NR_NB_AGENTS",
    "NR_ANNEE_REFERENCE", "NR_FACTEUR_ELEC_KGCO2E_KWH", "NR_NB_EQUIPEMENTS", "NR_EQUIPEMENTS_PAR_AGENT",
    "NR_AGE_MOYEN_ANS", "NR_PART_RECONDITIONNE", "NR_POIDS_PARC_T", "NR_CONSO_KWH_AN", "NR_PUE",
    "NR_EMPREINTE_FABRICATION_KGCO2E_AN", "NR_EMPREINTE_USAGE_KGCO2E_AN", "NR_DEEE_T_PAR_AGENT_AN", "NR_DEEE_SOURCE",
    "NR_SCORE_STRATEGIE", "NR_SCORE_MESURE", "NR_SCORE_ACHATS", "NR_SCORE_TRANSFORMATION", "NR_SCORE_DEEE",
    "NR_SCORE_SENSIBILISATION", "NR_SCORE_TERRITOIRE", "NR_SCORE_GLOBAL", "NR_TAUX_COMPLETUDE", "NR_NIVEAU_MATURITE",
    "NR_NB_LEVIERS_RETENUS",
}
CONTRAT_TABLES = {
    "T_INVENTAIRE": ["Catégorie", "Modèle", "Quantité", "Année d'acquisition", "Statut", "Reconditionné",
                     "Poids unitaire (kg)", "Conso (kWh/an)", "Service"],
    "T_REFERENTIEL": ["Catégorie", "Poids unitaire (kg)", "Durée de vie (ans)", "Fabrication (kgCO2e)",
                      "Conso (kWh/an)", "Salle serveur", "Source"],
    "T_SALLES": ["Salle", "Énergie totale (kWh/an)", "Énergie IT (kWh/an)"],
    "T_DEEE": ["Année", "Poids (kg)", "Filière", "Bordereau"],
    "T_MATURITE": ["ID", "Dimension", "Question", "Niveau", "Commentaire", "Interlocuteur"],
    "T_LEVIERS": ["ID", "Dimension", "Levier", "Cible", "Présélection", "Valeur", "Faisabilité", "Quadrant", "Retenu"],
}


@pytest.fixture(scope="module")
def wb(vierge_complet):
    return load_workbook(vierge_complet)


def _cellule(wb, nom):
    ((feuille, coord),) = list(wb.defined_names[nom].destinations)
    return wb[feuille][coord.replace("$", "")]


def _tables(wb):
    return {t.displayName: (ws, t) for ws in wb.worksheets for t in ws.tables.values()}


def test_sheets_in_order_with_hidden_lists(wb):
    assert wb.sheetnames == list(L.FEUILLES)
    assert wb[L.LISTES].sheet_state == "hidden" and wb[L.XLWINGS_CONF].sheet_state == "hidden"
    assert wb[L.XLWINGS_CONF]["B1"].value == "nr_udfs"


def test_every_contract_name_is_one_cell(wb):
    assert CONTRAT_NOMS <= set(wb.defined_names)
    for nom in CONTRAT_NOMS:
        dest = list(wb.defined_names[nom].destinations)
        assert len(dest) == 1 and re.fullmatch(r"\$[A-Z]+\$\d+", dest[0][1]), nom


def test_contract_tables_start_with_the_exact_headers(wb):
    tables = _tables(wb)
    for nom, entetes in CONTRAT_TABLES.items():
        ws, t = tables[nom]
        assert [c.name for c in t.tableColumns][: len(entetes)] == entetes
        first = t.ref.split(":")[0]
        row = int(re.sub(r"[A-Z]", "", first))
        assert [ws.cell(row, t.tableColumns.index(c) + 1 + _col0(first)).value for c in t.tableColumns][
            : len(entetes)] == entetes


def _col0(coord):
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(re.sub(r"\d", "", coord)) - 1


def test_blank_template_holds_empty_rows_for_entry(wb):
    ws, t = _tables(wb)["T_INVENTAIRE"]
    from openpyxl.utils import range_boundaries

    _, r1, _, r2 = range_boundaries(t.ref)
    assert r2 - r1 == L.T_INVENTAIRE.lignes_vides


def test_version_cell_is_written_and_locked(wb):
    cell = _cellule(wb, "NR_VERSION_MODELE")
    assert cell.value == VERSION_MODELE and cell.protection.locked


def test_outputs_are_locked_array_formulas(wb):
    f = sorties()
    for nom in L.SORTIES:
        cell = _cellule(wb, nom.nom)
        texte = cell.value.text if isinstance(cell.value, ArrayFormula) else cell.value
        assert texte == f[nom.nom].texte
        assert cell.protection.locked, nom.nom
        assert cell.parent.protection.sheet, nom.nom


def test_structured_references_escape_apostrophes(wb):
    texte = _cellule(wb, "NR_AGE_MOYEN_ANS").value.text
    assert "T_INVENTAIRE[Année d''acquisition]" in texte
    assert "Année d'acquisition]" not in texte.replace("d''a", "")


def test_inputs_are_unlocked(wb):
    for nom in ("NR_COLLECTIVITE", "NR_NB_AGENTS", "NR_FACTEUR_ELEC_KGCO2E_KWH"):
        assert not _cellule(wb, nom).protection.locked
    ws, t = _tables(wb)["T_MATURITE"]
    col = L.T_MATURITE.entetes.index("Niveau") + 1
    row = int(re.sub(r"[A-Z]", "", t.ref.split(":")[0])) + 1
    assert not ws.cell(row, col).protection.locked
    assert ws.cell(row, 1).protection.locked  # the question ID is reference text


def test_input_sheets_stay_unprotected_so_tables_can_grow(wb):
    for titre in (L.INVENTAIRE, L.SALLES, L.DEEE):
        assert not wb[titre].protection.sheet


def test_protection_has_no_password(wb):
    for ws in wb.worksheets:
        assert not ws.protection.password


def test_drop_down_lists_have_french_error_messages(wb):
    ws = wb[L.INVENTAIRE]
    dvs = {dv.formula1: dv for dv in ws.data_validations.dataValidation}
    statut = dvs['"En service,En stock,Réformé"']
    assert statut.showErrorMessage and statut.errorTitle == "Saisie non valide"
    assert "L_CATEGORIES" in dvs
    quantite = next(dv for dv in ws.data_validations.dataValidation if dv.type == "whole")
    assert "entier" in quantite.error


def test_perimeter_has_two_drop_down_axes(wb):
    ws = wb[L.PREREQUIS]
    formules = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert {"L_PERIMETRE_ORGANISATION", "L_PERIMETRE_GEOGRAPHIQUE"} <= formules


def test_planning_dates_derive_from_start_date(wb):
    ws, t = _tables(wb)["T_PLANNING"]
    row = int(re.sub(r"[A-Z]", "", t.ref.split(":")[0])) + 1
    assert ws.cell(row, 5).value == '=IF(ISNUMBER(NR_DATE_DEBUT),NR_DATE_DEBUT,"")'
    assert ws.cell(row + 1, 5).value == f"=F{row}"
    assert len(referentiel.load().demarche.etapes) == 7


def test_documents_checklist(wb):
    ws = wb[L.PREREQUIS]
    textes = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for sigle in ("PCAET", "CRTE", "ODD", "SPASER", "BGES", "SDUS", "Schéma numérique", "Plan numérique territorial"):
        assert any(sigle in t for t in textes), sigle


def test_conditional_formats_flag_problems(wb):
    regles = [r.formula[0] for rng in wb[L.INVENTAIRE].conditional_formatting for r in rng.rules]
    assert any(">NR_ANNEE_REFERENCE" in f for f in regles)
    salles = [r.formula[0] for rng in wb[L.SALLES].conditional_formatting for r in rng.rules]
    assert any("<1" in f for f in salles)
    accueil = [r.formula[0] for rng in wb[L.ACCUEIL].conditional_formatting for r in rng.rules]
    assert accueil  # required identity fields, NR_NB_AGENTS among them


def test_radar_chart_of_seven_dimensions(wb):
    charts = wb[L.COTATION]._charts
    assert len(charts) == 1 and charts[0].tagname == "radarChart"


def test_print_setup_a4_fit_to_width(wb):
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1, ws.title


def test_interview_grid_groups_questions_by_interlocutor(wb):
    ws = wb[L.ENTRETIEN]
    sections = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Entretien avec")]
    assert any("DSI" in s for s in sections) and any("Élus" in s for s in sections)


def test_flash_template_holds_only_flash_questions(vierge_flash):
    wb = load_workbook(vierge_flash)
    ws, t = _tables(wb)["T_MATURITE"]
    from openpyxl.utils import range_boundaries

    _, r1, _, r2 = range_boundaries(t.ref)
    assert r2 - r1 == len(referentiel.load().questions_du_parcours("Flash"))
    assert _cellule(wb, "NR_PARCOURS").value == "Flash"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    from nr_workbook.classeur.writer import construire
    from nr_workbook.classeur.writer.contexte import Contexte

    ctx = Contexte(inventaire=[{"Catégorie": "Écran", "Quantité": 1, "Modèle": "=HYPERLINK(\"x\")",
                                "Service": "+33 1 02", "Commentaire": "@moi"}])
    p = tmp_path / "t.xlsx"
    construire(ctx).save(p)
    ws = load_workbook(p)[L.INVENTAIRE]
    row = 6
    assert ws.cell(row, 2).value == '=HYPERLINK("x")' and ws.cell(row, 2).data_type == "s"
    assert ws.cell(row, 9).value == "+33 1 02"


def test_lever_catalogue_sheet(wb):
    ws, t = _tables(wb)["T_LEVIERS"]
    from openpyxl.utils import range_boundaries

    _, r1, _, r2 = range_boundaries(t.ref)
    assert r2 - r1 == len(referentiel.load().leviers) + L.T_LEVIERS.lignes_vides
    regles = [r for rng in ws.conditional_formatting for r in rng.rules]
    assert any('="Prestataire"' in r.formula[0] for r in regles)  # orange provider levers
    assert any("NR_PRESTATAIRE_EMBARQUE" in r.formula[0] for r in regles)  # greyed when not on board
    assert _cellule(wb, "NR_PRESTATAIRE_EMBARQUE").value == "Oui"
    notes = [dv for dv in ws.data_validations.dataValidation if dv.formula1 == '"1,2,3,4"']
    assert len(notes) == 2  # Valeur and Faisabilité


def test_matrix_sheet_has_four_quadrants(wb):
    textes = " ".join(str(getattr(c.value, "text", c.value)) for row in wb[L.MATRICE].iter_rows() for c in row)
    for q in L.QUADRANTS:
        assert f'"{q} ("' in textes
