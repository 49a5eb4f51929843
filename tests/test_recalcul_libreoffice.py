"""The workbook's live formulas, recalculated by LibreOffice, give the engine's numbers.

Blank workbooks are filled through the contract only (names and table headers), as another program would,
with hypothesis-generated data including bad values; all files are recalculated by one `soffice` call.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nr_workbook.classeur.exemple import construire_exemple
from nr_workbook.classeur.libreoffice import convertir
from nr_workbook.classeur.reader.fichier import Lecteur
from nr_workbook.classeur.remplissage import remplir, remplir_table
from nr_workbook.contract import layout as L
from nr_workbook.engine.feuille_de_route import budget_annuel, lignes_fiches
from nr_workbook.engine.inventaire import detail_par_categorie
from nr_workbook.engine.priorisation import leviers, matrice, retenus_par_dimension
from nr_workbook.engine.sorties import indicateurs
from nr_workbook.engine.suivi import evolution, suivi_fiches, tendance
from tests.helpers import meme_valeur
from tests.strategies import jeux_de_donnees

pytestmark = pytest.mark.libreoffice

NB_CAS = 30


@pytest.fixture(scope="module")
def lot(libreoffice, vierge_complet, vierge_flash, tmp_path_factory) -> list[tuple[Path, Path]]:
    """(filled file, recalculated file) pairs: hypothesis cases, a grown table, the example, blank templates."""
    dossier = tmp_path_factory.mktemp("remplis")
    fichiers: list[Path] = []

    @settings(max_examples=NB_CAS, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(jeu=jeux_de_donnees())
    def collecter(jeu):
        noms, tables = jeu
        fichiers.append(remplir(vierge_complet, dossier / f"cas{len(fichiers):03d}.xlsx", noms, tables))

    collecter()

    @settings(max_examples=1, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(jeu=jeux_de_donnees(max_inventaire=0))
    def grand(jeu):
        # more rows than the blank template holds: the table grows, formulas still count every row
        noms, tables = jeu
        tables["T_INVENTAIRE"] = _grandes_lignes()
        fichiers.append(remplir(vierge_complet, dossier / "grand.xlsx", noms, tables))

    grand()
    fichiers.append(_avec_erreurs(vierge_complet, dossier / "erreurs.xlsx"))
    fichiers.append(_avec_fiches(dossier / "fiches.xlsx"))
    fichiers.append(_pre_rempli(dossier / "lot.xlsx"))
    fichiers.append(_importe(vierge_complet, dossier / "importe.xlsx"))
    fichiers.append(_trois_annees(dossier))
    exemple = dossier / "exemple.xlsx"
    construire_exemple().save(exemple)
    fichiers += [exemple, vierge_complet, vierge_flash]
    recalcules = convertir(fichiers, dossier / "recalcules")
    return list(zip(fichiers, recalcules, strict=True))


def _trois_annees(dossier: Path) -> Path:
    """The example through `nouvelle-annee` twice, with fiches' progress and answers changed in between."""
    from openpyxl import load_workbook

    from nr_workbook.classeur.nouvelle_annee import nouvelle_annee

    construire_exemple().save(dossier / "annee1.xlsx")
    nouvelle_annee(dossier / "annee1.xlsx", dossier / "annee2.xlsx")
    wb = load_workbook(dossier / "annee2.xlsx")
    lecteur = Lecteur(dossier / "annee2.xlsx")
    for f in lecteur.fiches()[:4]:
        table = L.tables_fiche(f["FA_ID"])["actions"].nom
        plage, entetes = lecteur.structure.tables[table]
        for k in range(2):
            wb[plage.feuille].cell(plage.ligne1 + 1 + k, plage.col1 + entetes.index("Fait"), "Oui")
        statut = lecteur.structure.noms_locaux[f["_feuille"]]["FA_STATUT"].replace("$", "")
        wb[f["_feuille"]][statut] = "Terminé" if f["FA_ID"].startswith("STRATEGIE") else "En cours"
    remplir_table(wb, "T_MATURITE", [{"Niveau": 3}] * 6)
    wb.save(dossier / "annee2.xlsx")
    return nouvelle_annee(dossier / "annee2.xlsx", dossier / "annees.xlsx").sortie


def _importe(source: Path, cible: Path) -> Path:
    """A NumEcoEval import (server rooms from its datacenter file) grown by 300 GLPI-like rows through `importer`."""
    import shutil

    from nr_workbook.classeur.import_classeur import importer_dans
    from nr_workbook.echanges.import_parc import importer_parc

    shutil.copy(source, cible)
    imp = importer_parc(Path(__file__).parent / "donnees" / "imports" / "numecoeval" / "physicalEquipment.csv",
                        annee_max=2026)
    importer_dans(cible, imp.lignes, imp.salles, imp.anomalies)
    lignes = [{"Catégorie": "Écran", "Modèle": f"M{i}", "Quantité": 1 + i % 4, "Année d'acquisition": 2015 + i % 10,
               "Statut": "En service"} for i in range(300)]
    importer_dans(cible, lignes, [], [])
    return cible


def test_an_imported_inventory_grown_beyond_the_template_is_counted(lot):
    (rempli, recalcule), = [p for p in lot if p[0].name == "importe.xlsx"]
    formules = Lecteur(recalcule).valeurs_sorties()
    moteur = indicateurs(Lecteur(rempli).donnees())
    en_service = sum(r["Quantité"] for r in Lecteur(rempli).table("T_INVENTAIRE") if r["Statut"] == "En service")
    assert en_service == 85 + sum(1 + i % 4 for i in range(300))
    assert formules["NR_NB_EQUIPEMENTS"] == moteur["NR_NB_EQUIPEMENTS"] == en_service
    assert formules["NR_PUE"] == pytest.approx(moteur["NR_PUE"]) and moteur["NR_PUE"] == pytest.approx(
        (1.80 * 12600 + 1.45 * 900) / 13500)


def _avec_erreurs(source: Path, cible: Path) -> Path:
    """Input cells holding error values (#N/A, #DIV/0!): outputs must stay free of errors."""
    from openpyxl import load_workbook

    remplir(source, cible, {"NR_NB_AGENTS": 40, "NR_ANNEE_REFERENCE": 2026, "NR_CIBLE_ALLONGEMENT_ANS": "deux"}, {
        "T_INVENTAIRE": [{"Catégorie": "Écran", "Quantité": 5, "Statut": "En service"},
                         {"Catégorie": "Écran", "Quantité": 7, "Statut": "En service", "Reconditionné": "Oui"},
                         {"Catégorie": "Serveur", "Quantité": 2, "Statut": "En service"}],
        "T_MATURITE": [{"Niveau": 2}, {"Niveau": 3}],
        "T_DEEE": [{"Année": 2025, "Poids (kg)": 50, "Filière": "Don (association, école)"}],
        "T_REFORME": [{"Catégorie": "Écran", "Quantité": 4, "Année d'acquisition": 2020, "Année de réforme": 2025,
                       "Présent au 1er janvier": "Oui", "Destination": "Don", "Engagement du repreneur": "Oui"},
                      {"Catégorie": "Écran", "Quantité": 6, "Année d'acquisition": 2019, "Année de réforme": 2025,
                       "Présent au 1er janvier": "Oui", "Destination": "Vente", "Engagement du repreneur": "Oui"}],
        "T_ACHATS": [{"Type de produit": L.TYPE_INFORMATIQUE, "Montant total (€ HT)": 1000,
                      "Réemploi et réutilisation (€ HT)": 100, "Matières recyclées (€ HT)": 50},
                     {"Type de produit": L.TYPE_INFORMATIQUE, "Montant total (€ HT)": 500,
                      "Réemploi et réutilisation (€ HT)": 80}]})
    wb = load_workbook(cible)
    ws = wb[L.INVENTAIRE]
    ws["E6"] = "=NA()"  # Statut of the first row
    ws["F7"] = "=1/0"  # Reconditionné of the second row
    wb[L.COTATION]["A20"] = "=NA()"  # the ID of the first question (answered: level 2)
    wb[L.DEEE]["C6"] = "=NA()"  # Filière
    wb[L.REFORME]["F11"] = "=NA()"  # Destination of the second row: it no longer counts in A
    wb[L.ACHATS]["C11"] = "=1/0"  # the reuse amount of the second row: counts as empty
    wb.save(cible)
    return cible


def _avec_fiches(cible: Path) -> Path:
    """The example's fiches with awkward values: text budget and ETP, a lever no longer retained, a KPI."""
    from openpyxl import load_workbook

    from nr_workbook.classeur.exemple import _exemple_diagnostic
    from nr_workbook.classeur.fiches import generer_fiches
    from nr_workbook.classeur.remplissage import remplir_table

    _exemple_diagnostic().save(cible)
    generer_fiches(cible, sauvegarde=False)
    wb = load_workbook(cible)
    valeurs = {"Fiche STRATEGIE-01": {"FA_ETP": 0.5, "FA_RESPONSABLE": "DGS"},
               "Fiche ACHATS-01": {"FA_ETP": "beaucoup"}, "Fiche MESURE-01": {"FA_ETP": 1.25}}
    for feuille, champs in valeurs.items():
        for nom, v in champs.items():
            ((_, coord),) = list(wb[feuille].defined_names[nom].destinations)
            wb[feuille][coord.replace("$", "")] = v
    remplir_table(wb, "T_FA_STRATEGIE_01_BUDGET", [{"Année": 2027, "Montant (€ HT)": 1200.5},
                                                   {"Année": 2028, "Montant (€ HT)": "2000"}])
    remplir_table(wb, "T_FA_MESURE_01_BUDGET", [{"Année": 2027, "Montant (€ HT)": 800}])
    ids = [c.value for c in wb[L.LEVIERS]["A"]]
    wb[L.LEVIERS][f"I{ids.index('MESURE-01') + 1}"] = "Non"  # Retenu: its fiche leaves the totals
    wb.save(cible)
    return cible


def _pre_rempli(cible: Path) -> Path:
    """A member's workbook pre-filled by patching the template's XML (nr-workbook lot), then filled further."""
    from nr_workbook.contract.collectivite import Collectivite
    from nr_workbook.mutualisation.adherents import Adherent
    from nr_workbook.mutualisation.lot import Gabarit, valeurs_identite

    adh = Adherent(2, Collectivite(nom="Ville Y", code_insee="31003", population=25_000, nb_agents=400,
                                   annee_reference=2026, a_une_dsi=True))
    cible.write_bytes(Gabarit("Complet", 2026).remplir(valeurs_identite(adh, "SM", "nr@sm.fr")))
    return remplir(cible, cible, tables={"T_INVENTAIRE": _grandes_lignes()[:40],
                                         "T_DEEE": [{"Année": 2025, "Poids (kg)": 300}]})


def _grandes_lignes() -> list[dict]:
    cats = ["Ordinateur portable", "Écran", "Serveur", "Smartphone"]
    statuts = ["En service", "Réformé", "En stock"]
    return [{"Catégorie": cats[i % 4], "Quantité": i % 7, "Année d'acquisition": 2010 + i % 15,
             "Statut": statuts[i % 3], "Reconditionné": "Oui" if i % 5 == 0 else "Non"} for i in range(260)]


def _ecarts(rempli: Path, recalcule: Path) -> list[str]:
    attendu = indicateurs(Lecteur(rempli).donnees())
    obtenu = Lecteur(recalcule).valeurs_sorties()
    return [f"{rempli.name} {nom}: classeur={obtenu[nom]!r} moteur={attendu[nom]!r}"
            for nom in attendu if not meme_valeur(obtenu[nom], attendu[nom])]


def test_every_output_matches_the_engine_on_generated_workbooks(lot):
    ecarts = [e for rempli, recalcule in lot for e in _ecarts(rempli, recalcule)]
    assert not ecarts, "\n".join(ecarts[:40])


def test_per_category_breakdown_matches_the_engine(lot):
    ecarts = []
    for rempli, recalcule in lot:
        attendu = detail_par_categorie(Lecteur(rempli).donnees())
        obtenu = Lecteur(recalcule).table("T_DETAIL")
        assert len(obtenu) == len(attendu), rempli.name
        ecarts += [f"{rempli.name} {a['Catégorie']} {k}: classeur={o.get(k)!r} moteur={v!r}"
                   for a, o in zip(attendu, obtenu, strict=True) for k, v in a.items() if not meme_valeur(o.get(k), v)]
    assert not ecarts, "\n".join(ecarts[:40])


def test_lever_rows_match_the_engine(lot):
    ecarts = []
    colonnes = ("Pris en compte", "Quadrant", "Niveau constaté", "Suggéré par le diagnostic")
    for rempli, recalcule in lot:
        attendu = leviers(Lecteur(rempli).donnees())
        obtenu = Lecteur(recalcule).table("T_LEVIERS")
        obtenu = obtenu[: len(attendu)]
        ecarts += [f"{rempli.name} {a.get('ID')} {k}: classeur={o.get(k)!r} moteur={a[k]!r}"
                   for a, o in zip(attendu, obtenu, strict=True) for k in colonnes if not meme_valeur(o.get(k), a[k])]
    assert not ecarts, "\n".join(ecarts[:40])


def _matrice_lue(recalcule: Path) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Read the Matrice sheet as a person does: quadrant titles, the lines under them, the per-dimension table."""
    from openpyxl import load_workbook

    ws = load_workbook(recalcule, data_only=True)[L.MATRICE]
    grille = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    listes: dict[str, list[str]] = {}
    for i, row in enumerate(grille):
        for j, v in enumerate(row):
            titre = str(v or "")
            q = next((q for q in L.QUADRANTS if titre.startswith(q + " (")), None)
            if q:
                listes[q] = [grille[i + k][j] for k in range(1, 21) if grille[i + k][j]]
    par_dim = {row[0]: row[2] for row in grille if row and row[0] in {d for d in retenus_par_dimension_codes()}}
    return listes, par_dim


def retenus_par_dimension_codes() -> list[str]:
    from nr_workbook import referentiel

    return [d.code for d in referentiel.load().dimensions]


def test_matrix_lists_match_the_engine(lot):
    for rempli, recalcule in lot:
        d = Lecteur(rempli).donnees()
        listes, par_dim = _matrice_lue(recalcule)
        attendu = {q: v[:20] for q, v in matrice(d).items()}
        assert listes == attendu, rempli.name
        assert par_dim == retenus_par_dimension(d), rempli.name


def test_fiche_summary_matches_the_engine(lot):
    for rempli, recalcule in lot:
        attendu = lignes_fiches(Lecteur(rempli).donnees())
        obtenu = [r for r in Lecteur(recalcule).table("T_FICHES") if r.get("ID")]
        assert len(obtenu) == len(attendu), rempli.name
        ecarts = [f"{rempli.name} {a['ID']} {k}: classeur={o.get(k)!r} moteur={v!r}"
                  for a, o in zip(attendu, obtenu, strict=True) for k, v in a.items() if not meme_valeur(o.get(k), v)]
        assert not ecarts, "\n".join(ecarts)


def test_budget_per_year_matches_the_engine(lot):
    for rempli, recalcule in lot:
        attendu = budget_annuel(Lecteur(rempli).donnees())
        obtenu = Lecteur(recalcule).table("T_BUDGET_ANNUEL")
        ecarts = [f"{rempli.name} {a['Année']} {k}: classeur={o.get(k)!r} moteur={v!r}"
                  for a, o in zip(attendu, obtenu, strict=True) for k, v in a.items() if not meme_valeur(o.get(k), v)]
        assert not ecarts, "\n".join(ecarts)
    (_, recalcule), = [p for p in lot if p[0].name == "exemple.xlsx"]
    assert Lecteur(recalcule).table("T_BUDGET_ANNUEL")[1]["Total"] == 61_900


def _table_egale(rempli: Path, recalcule: Path, table: str, attendu: list[dict]) -> list[str]:
    lu = Lecteur(recalcule)
    premiere = lu.structure.tables[table][0].ligne1 + 1
    par_ligne = {r["_ligne"] - premiere: r for r in lu.table(table) or []}  # rows left all empty are not read
    obtenu = [par_ligne.get(i, {}) for i in range(len(attendu))]
    return [f"{rempli.name} {table} ligne {i + 1} {k}: classeur={o.get(k)!r} moteur={v!r}"
            for i, (a, o) in enumerate(zip(attendu, obtenu, strict=True)) for k, v in a.items()
            if not meme_valeur(o.get(k), v)]


def test_year_on_year_tables_match_the_engine(lot):
    ecarts = []
    for rempli, recalcule in lot:
        d = Lecteur(rempli).donnees()
        valeurs = indicateurs(d)
        ecarts += _table_egale(rempli, recalcule, "T_EVOLUTION", evolution(d, valeurs))
        ecarts += _table_egale(rempli, recalcule, "T_TENDANCE", tendance(d, valeurs))
        ecarts += _table_egale(rempli, recalcule, "T_SUIVI_FICHES", suivi_fiches(d))
    assert not ecarts, "\n".join(ecarts[:40])


def test_three_years_show_the_history_and_the_fiches_progress(lot):
    (rempli, recalcule), = [p for p in lot if p[0].name == "annees.xlsx"]
    lu = Lecteur(recalcule)
    annees = [r["Année"] for r in lu.table("T_TENDANCE")]
    assert annees[-3:] == [2026, 2027, 2028]
    scores = [r["Score global (/100)"] for r in lu.table("T_TENDANCE")]
    assert scores[:3] == [None, None, None] and scores[3] == pytest.approx(39.84, abs=0.01)
    assert scores[4] > scores[3] and scores[5] == pytest.approx(scores[4])
    fiches = {r["ID"]: r for r in lu.table("T_SUIVI_FICHES") if r.get("ID")}
    assert fiches["STRATEGIE-01"]["Statut N-1"] == "Terminé" and fiches["STRATEGIE-01"]["Avancement N-1"] > 0
    assert len(fiches) == 12


def test_fiches_totals_leave_out_unretained_levers(lot):
    (_, recalcule), = [p for p in lot if p[0].name == "fiches.xlsx"]
    v = Lecteur(recalcule).valeurs_sorties()
    assert v["NR_NB_FICHES"] == 11
    assert v["NR_BUDGET_TOTAL_EUR"] == pytest.approx(1200.5)
    assert v["NR_ETP_TOTAL"] == pytest.approx(0.5)


def test_the_batch_covers_bad_values_and_every_output(lot):
    assert len(lot) == NB_CAS + 9
    vus = {nom: set() for nom in (n.nom for n in L.SORTIES)}
    for _, recalcule in lot:
        for nom, v in Lecteur(recalcule).valeurs_sorties().items():
            vus[nom].add("vide" if v is None else "valeur")
    # sums and the completion rate are valued even when nothing is entered
    toujours = {"NR_NB_EQUIPEMENTS", "NR_POIDS_PARC_T", "NR_CONSO_KWH_AN", "NR_EMPREINTE_FABRICATION_KGCO2E_AN",
                "NR_NB_REFERENTS", "NR_TAUX_COMPLETUDE", "NR_NB_LEVIERS_PRESELECTIONNES",
                "NR_NB_LEVIERS_RETENUS", "NR_NB_FICHES", "NR_BUDGET_TOTAL_EUR", "NR_ETP_TOTAL"}
    manquants = {nom: s for nom, s in vus.items() if s != ({"valeur"} if nom in toujours else {"vide", "valeur"})}
    assert not manquants


def test_a_grown_table_is_counted(lot):
    (rempli, recalcule), = [p for p in lot if p[0].name == "grand.xlsx"]
    valeur = Lecteur(recalcule).valeurs_sorties()["NR_NB_EQUIPEMENTS"]
    attendu = sum(i % 7 for i in range(260) if i % 3 == 0)
    assert valeur == attendu


def test_filled_example_shows_hand_checked_values(lot):
    (_, recalcule), = [p for p in lot if p[0].name == "exemple.xlsx"]
    v = Lecteur(recalcule).valeurs_sorties()
    assert v["NR_NB_EQUIPEMENTS"] == 898
    assert v["NR_PUE"] == pytest.approx((41_600 + 5_900) / (23_500 + 3_900))
    assert v["NR_DEEE_SOURCE"] == "Bordereaux"
    assert v["NR_DEEE_T_PAR_AGENT_AN"] == pytest.approx((812 + 455 + 390 + 620) / 3 / 1000 / 215)
    assert v["NR_TAUX_COMPLETUDE"] == pytest.approx(40 / 42)
    assert v["NR_NIVEAU_MATURITE"] == "En démarrage"
    # décret 2023-266: A = 18 + 30 + 4 + 6 (sent to reuse with a commitment), B = 18 + 30 + 20 (in stock on 1 January;
    # the 2014 desktops, 11 years old, are left out of both)
    assert v["NR_TAUX_REEMPLOI_REFORME"] == pytest.approx(58 / 68 * 100)
    assert v["NR_OBJECTIF_REEMPLOI_REFORME"] == 50
    assert v["NR_PART_ACHATS_REEMPLOI_INFO"] == pytest.approx((9_600 + 2_400) / 84_000 * 100)
    assert v["NR_MINIMUM_ACHATS_REEMPLOI_INFO"] == 20


def test_blank_templates_show_empty_strings_not_errors(lot):
    sommes = ("NR_NB_EQUIPEMENTS", "NR_POIDS_PARC_T", "NR_CONSO_KWH_AN", "NR_NB_REFERENTS",
              "NR_EMPREINTE_FABRICATION_KGCO2E_AN", "NR_EMPREINTE_USAGE_KGCO2E_AN", "NR_EMPREINTE_TOTALE_KGCO2E_AN",
              "NR_TAUX_COMPLETUDE", "NR_NB_LEVIERS_PRESELECTIONNES", "NR_NB_LEVIERS_RETENUS", "NR_NB_FICHES",
              "NR_BUDGET_TOTAL_EUR", "NR_ETP_TOTAL", "NR_GAIN_ALLONGEMENT_KGCO2E_AN",
              "NR_GAIN_ALLONGEMENT_DEEE_T_AN", "NR_GAIN_TOTAL_KGCO2E_AN")
    for _, recalcule in lot[-2:]:
        v = Lecteur(recalcule).valeurs_sorties()
        assert all(v[k] == 0 for k in sommes), v
        assert all(x is None for k, x in v.items() if k not in sommes), v


def test_legal_obligations_rows_and_udfs_match_the_engine_on_generated_workbooks(lot):
    """Per row (age, share, minimum in force) and per workbook (the UDFs on the tables as Excel passes them), the
    recalculated formulas of the Réforme and Achats sheets give the engine's numbers, empty tables included."""
    from nr_workbook.engine.obligations import age_reforme, minimum_achats, part_ligne
    from nr_workbook.excel.fonctions import appeler
    from tests.test_fonctions import _plage

    ecarts, vus = [], set()
    for rempli, recalcule in lot:
        lu, calcule = Lecteur(rempli), Lecteur(recalcule)
        d = lu.donnees()
        annee = d.noms.get("NR_ANNEE_REFERENCE")
        annee = float(annee) if isinstance(annee, (int, float)) else None
        for r, c in zip(d.tables["T_REFORME"], calcule.table("T_REFORME") or [], strict=False):
            if not meme_valeur(c.get("Âge à la réforme (ans)"), age_reforme(r)):
                ecarts.append(f"{rempli.name} ligne {r['_ligne']} âge : {c.get('Âge à la réforme (ans)')!r}")
        for r, c in zip(d.tables["T_ACHATS"], calcule.table("T_ACHATS") or [], strict=False):
            part = part_ligne(r)
            minimum = minimum_achats(d.tables["T_MINIMA_ACHATS"], r.get("Type de produit"), annee)
            for h, attendu in (("Part comptée (%)", part), ("Minimum du décret (%)", minimum)):
                if not meme_valeur(c.get(h), attendu):
                    ecarts.append(f"{rempli.name} ligne {r['_ligne']} {h} : {c.get(h)!r} ≠ {attendu!r}")
        formules = calcule.valeurs_sorties()
        for nom, table in (("NR_TAUX_REEMPLOI_REFORME", "T_REFORME"), ("NR_PART_ACHATS_REEMPLOI_INFO", "T_ACHATS")):
            udf = appeler(nom, _plage(lu, table))
            vus.add((nom, udf == ""))
            if not meme_valeur(formules[nom], None if udf == "" else udf):
                ecarts.append(f"{rempli.name} {nom} : classeur={formules[nom]!r} fonction={udf!r}")
    assert not ecarts, "\n".join(ecarts[:40])
    assert vus == {(n, v) for n in ("NR_TAUX_REEMPLOI_REFORME", "NR_PART_ACHATS_REEMPLOI_INFO") for v in (True, False)}


def test_udfs_agree_with_the_recalculated_formulas_on_the_example(lot):
    from nr_workbook.excel.fonctions import appeler
    from tests.test_fonctions import arguments

    (rempli, recalcule), = [p for p in lot if p[0].name == "exemple.xlsx"]
    formules = Lecteur(recalcule).valeurs_sorties()
    for sortie, (nom, *args) in arguments(Lecteur(rempli)).items():
        assert appeler(nom, *args) == pytest.approx(formules[sortie], rel=1e-9), nom
    quadrants = {r["ID"]: r["Quadrant"] for r in Lecteur(recalcule).table("T_LEVIERS") if r.get("ID")}
    for r in Lecteur(rempli).table("T_LEVIERS"):
        if r.get("Valeur") is not None:
            assert appeler("NR_QUADRANT", r["Valeur"], r["Faisabilité"]) == (quadrants[r["ID"]] or ""), r["ID"]


def test_recalculer_action_finds_no_disagreement_on_recalculated_workbooks(lot):
    """The ribbon action, replayed on the LibreOffice-recalculated payloads (what Excel would send)."""
    import os

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    from nr_workbook.excel.actions import recalculer
    from nr_workbook.excel.payload import charge_utile

    for rempli, recalcule in lot[:5] + [p for p in lot if p[0].name in ("exemple.xlsx", "fiches.xlsx")]:
        r = recalculer(xw.Book(json=charge_utile(recalcule, xw.__version__)))
        assert r.ecarts == [], (rempli.name, r.ecarts)


def test_recalculer_on_the_office_js_extract_finds_no_disagreement_on_any_recalculated_workbook(lot):
    """Recalculer as the Office.js ribbon runs it (only what it reads): on every workbook of the batch, error
    values and grown tables included, the engine agrees with LibreOffice's formulas and reads no undeclared table."""
    from nr_workbook.classeur.reader.extrait import LecteurExtrait
    from nr_workbook.excel.actions import LECTURE_RECALCULER, recalculer_extrait
    from nr_workbook.excel.payload import extrait

    for rempli, recalcule in lot:
        r, _ = recalculer_extrait(LecteurExtrait(extrait(recalcule, LECTURE_RECALCULER), LECTURE_RECALCULER))
        assert r.ecarts == [], (rempli.name, r.ecarts)


# --- The quantified roadmap: lever gains, the matrix read by gain, fiche gains, the trajectory ---------------------
def test_lever_gains_match_the_engine(lot):
    from nr_workbook.engine.trajectoire import gains_leviers

    ecarts = []
    for rempli, recalcule in lot:
        attendu = gains_leviers(Lecteur(rempli).donnees())
        obtenu = [r.get("Gain (kgCO2e/an)") for r in Lecteur(recalcule).table("T_LEVIERS")][: len(attendu)]
        ecarts += [f"{rempli.name} ligne {i}: classeur={o!r} moteur={a!r}"
                   for i, (a, o) in enumerate(zip(attendu, obtenu, strict=True)) if not meme_valeur(o, a)]
    assert not ecarts, "\n".join(ecarts[:40])


def test_the_matrix_shows_each_levers_gain_beside_it(lot):
    from openpyxl import load_workbook

    from nr_workbook.engine.trajectoire import gains_matrice

    vus = 0
    for rempli, recalcule in lot:
        attendu = gains_matrice(Lecteur(rempli).donnees())
        ws = load_workbook(recalcule, data_only=True)[L.MATRICE]
        grille = [list(row) for row in ws.iter_rows(values_only=True)]
        for i, row in enumerate(grille):
            for j, v in enumerate(row):
                q = next((q for q in L.QUADRANTS if str(v or "").startswith(q + " (")), None)
                if q:
                    n = len(attendu[q][:20])
                    gains = [grille[i + k][j + 1] for k in range(1, n + 1)]
                    assert all(meme_valeur(g, a) for g, a in zip(gains, attendu[q], strict=False)), (rempli.name, q)
                    vus += sum(1 for a in attendu[q] if a is not None)
    assert vus > 0


def test_each_fiche_shows_its_levers_gain_live(lot):
    from nr_workbook.engine.trajectoire import gains_leviers

    vus = 0
    for rempli, recalcule in lot:
        d = Lecteur(rempli).donnees()
        par_id = {str(r.get("ID")).casefold(): g for r, g in zip(leviers(d), gains_leviers(d), strict=True)}
        for f in Lecteur(recalcule).fiches():
            attendu = par_id.get(str(f["FA_ID"]).casefold())
            assert meme_valeur(f.get("FA_GAIN"), attendu), (rempli.name, f["FA_ID"], f.get("FA_GAIN"), attendu)
            vus += attendu is not None
    assert vus > 0


def test_the_trajectory_matches_the_engine(lot):
    from nr_workbook.engine.trajectoire import trajectoire

    ecarts = []
    for rempli, recalcule in lot:
        d = Lecteur(rempli).donnees()
        ecarts += _table_egale(rempli, recalcule, "T_TRAJECTOIRE", trajectoire(d, indicateurs(d)))
    assert not ecarts, "\n".join(ecarts[:40])


def test_the_examples_plan_lowers_the_footprint_from_its_fiches_start_years(lot):
    (_, recalcule), = [p for p in lot if p[0].name == "exemple.xlsx"]
    lu = Lecteur(recalcule)
    v = lu.valeurs_sorties()
    assert v["NR_GAIN_ALLONGEMENT_KGCO2E_AN"] > 0 and v["NR_GAIN_PUE_KGCO2E_AN"] > 0 and v["NR_GAIN_PUE_EUR_AN"] > 0
    lignes = lu.table("T_TRAJECTOIRE")
    assert [r["Année"] for r in lignes] == [2026, 2027, 2028, 2029, 2030]
    gains = [r["Gain du plan (kgCO2e)"] for r in lignes]
    assert gains[0] == pytest.approx(v["NR_GAIN_ALLONGEMENT_KGCO2E_AN"])  # ACHATS-02 and TRANSFORMATION-01, 2026
    assert gains[2] == pytest.approx(v["NR_GAIN_TOTAL_KGCO2E_AN"])  # TRANSFORMATION-04 (PUE) from 2028
