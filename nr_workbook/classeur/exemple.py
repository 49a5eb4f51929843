"""A realistic filled example: Valmorin-sur-Lèze, a fictitious commune of 12,400 inhabitants (deterministic).

Built as a user would: a generated workbook, then filled through the contract's names and tables only.
"""

from __future__ import annotations

import datetime as dt
import random

from openpyxl import Workbook

from nr_workbook import referentiel
from nr_workbook.classeur.remplissage import remplir_nom, remplir_table
from nr_workbook.classeur.writer import construire
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L
from nr_workbook.contract.collectivite import Collectivite

COLLECTIVITE = Collectivite(nom="Commune de Valmorin-sur-Lèze", code_insee="31999", population=12_400,
                            nb_agents=215, annee_reference=2026, a_une_dsi=True, parcours="Complet")

# (category, model, quantity, year, status, refurbished, service)
_INVENTAIRE = [
    ("Ordinateur portable", "Dell Latitude 5420", 48, 2021, "En service", "Non", "Services administratifs"),
    ("Ordinateur portable", "Lenovo ThinkPad T14", 36, 2023, "En service", "Non", "Services administratifs"),
    ("Ordinateur portable", "HP EliteBook 840 G6", 22, 2020, "En service", "Oui", "Police municipale"),
    ("Ordinateur portable", "Dell Latitude 7480", 14, 2017, "Réformé", "Non", "Services administratifs"),
    ("Ordinateur fixe", "HP ProDesk 400 G5", 58, 2019, "En service", "Non", "Accueil et état civil"),
    ("Ordinateur fixe", "Dell OptiPlex 7070", 24, 2020, "En service", "Oui", "Services techniques"),
    ("Ordinateur fixe", "HP EliteDesk 800 G1", 18, 2015, "Réformé", "Non", "Services techniques"),
    ("Ordinateur fixe", "Dell OptiPlex 3080", 30, 2021, "En service", "Non", "Écoles"),
    ("Client léger", "Dell Wyse 5070", 20, 2019, "En service", "Non", "Médiathèque"),
    ("Écran", "Dell P2419H", 140, 2019, "En service", "Non", "Tous services"),
    ("Écran", "Iiyama ProLite 24\"", 60, 2022, "En service", "Oui", "Tous services"),
    ("Écran", "Samsung S22", 25, 2014, "Réformé", "Non", "Tous services"),
    ("Écran", "Dell P2422H", 12, 2024, "En stock", "Non", "DSI"),
    ("Smartphone", "Samsung Galaxy A54", 65, 2023, "En service", "Non", "Encadrement et astreintes"),
    ("Smartphone", "iPhone SE (2e gén.)", 18, 2021, "En service", "Oui", "Élus"),
    ("Smartphone", "Samsung Galaxy A40", 20, 2019, "Réformé", "Non", "Encadrement et astreintes"),
    ("Téléphone mobile simple", "Alcatel 2053", 25, 2020, "En service", "Non", "Services techniques"),
    ("Téléphone fixe / IP", "Yealink T43U", 170, 2020, "En service", "Non", "Tous services"),
    ("Tablette", "Samsung Galaxy Tab A8", 30, 2022, "En service", "Non", "Écoles"),
    ("Tablette", "iPad 9e gén.", 12, 2021, "En service", "Non", "Élus"),
    ("Imprimante", "HP LaserJet Pro M404", 26, 2018, "En service", "Non", "Tous services"),
    ("Imprimante", "Brother HL-L2350", 10, 2016, "Réformé", "Non", "Tous services"),
    ("Multifonction (copieur)", "Ricoh IM C3000", 14, 2021, "En service", "Non", "Tous services"),
    ("Vidéoprojecteur", "Epson EB-W49", 12, 2019, "En service", "Non", "Salles de réunion"),
    ("Écran interactif / TBI", "Promethean ActivPanel 65\"", 18, 2022, "En service", "Non", "Écoles"),
    ("Téléviseur / affichage dynamique", "Samsung QM55", 6, 2020, "En service", "Non", "Accueil et état civil"),
    ("Serveur", "Dell PowerEdge R740", 6, 2020, "En service", "Non", "DSI"),
    ("Serveur", "HPE ProLiant DL380 Gen9", 3, 2016, "Réformé", "Non", "DSI"),
    ("Baie de stockage / NAS", "Synology RS3621xs+", 2, 2021, "En service", "Non", "DSI"),
    ("Onduleur", "APC Smart-UPS 3000", 3, 2019, "En service", "Non", "DSI"),
    ("Commutateur (switch)", "Aruba 2930F 24G", 22, 2019, "En service", "Non", "DSI"),
    ("Routeur / pare-feu", "Stormshield SN310", 3, 2021, "En service", "Non", "DSI"),
    ("Borne Wi-Fi", "Aruba AP-505", 28, 2022, "En service", "Non", "Tous services"),
]

_SALLES = [
    {"Salle": "Salle serveur de l'hôtel de ville", "Énergie totale (kWh/an)": 41_600, "Énergie IT (kWh/an)": 23_500,
     "Méthode de mesure": "Sous-compteur dédié, relevé annuel 2025"},
    {"Salle": "Local technique du centre technique municipal", "Énergie totale (kWh/an)": 5_900,
     "Énergie IT (kWh/an)": 3_900, "Méthode de mesure": "Estimation à partir des puissances relevées"},
]

_DEEE = [
    {"Année": 2023, "Poids (kg)": 812, "Filière": "Éco-organisme", "Bordereau": "BSD-2023-041"},
    {"Année": 2024, "Poids (kg)": 455, "Filière": "Reconditionneur / réemploi", "Bordereau": "BSD-2024-017"},
    {"Année": 2024, "Poids (kg)": 390, "Filière": "Éco-organisme", "Bordereau": "BSD-2024-052"},
    {"Année": 2025, "Poids (kg)": 620, "Filière": "Éco-organisme", "Bordereau": "BSD-2025-009",
     "Commentaire": "Enlèvement groupé avec les écoles"},
]

_REFERENTS = [
    {"Nom": "Claire Fabre", "Fonction": "Responsable du service informatique", "Service": "DSI",
     "Rôle dans la démarche": "Référente technique", "Courriel": "c.fabre@valmorin.example"},
    {"Nom": "Karim Benali", "Fonction": "Chargé de mission transition écologique", "Service": "Direction générale",
     "Rôle dans la démarche": "Référent métier, pilote", "Courriel": "k.benali@valmorin.example"},
]

# Maturity levels: a commune that has started (inventory, DEEE collection) but has no strategy yet.
_NIVEAUX_PAR_DIMENSION = {
    "STRATEGIE": [1, 2, 1, 1, 0, 0], "MESURE": [2, 1, 2, 2, 1, None], "ACHATS": [1, 1, 2, 2, 0, 0],
    "TRANSFORMATION": [2, 1, 2, 1, 2, 1], "DEEE": [2, 3, 2, 1, 1, 2], "SENSIBILISATION": [1, 1, 0, 1, 0, None],
    "TERRITOIRE": [1, 1, 1, 0, 2, 1],
}


# Step 4.1 of the example: pre-selected levers with (value, feasibility, retained).
_PRIORISATION = {
    "STRATEGIE-01": (4, 3, "Oui"), "STRATEGIE-02": (4, 2, "Oui"), "STRATEGIE-04": (3, 4, "Oui"),
    "STRATEGIE-06": (3, 1, "Non"), "MESURE-01": (3, 3, "Oui"), "MESURE-02": (3, 2, "Non"),
    "MESURE-04": (3, 4, "Oui"), "MESURE-07": (2, 4, "Non"), "ACHATS-01": (4, 3, "Oui"), "ACHATS-02": (4, 4, "Oui"),
    "ACHATS-03": (3, 2, "Non"), "TRANSFORMATION-01": (4, 3, "Oui"), "TRANSFORMATION-05": (3, 1, "Non"),
    "TRANSFORMATION-04": (3, 4, "Oui"), "TRANSFORMATION-08": (2, 4, "Non"), "DEEE-01": (4, 3, "Oui"),
    "DEEE-03": (2, 2, "Non"), "SENSIBILISATION-01": (4, 4, "Oui"), "SENSIBILISATION-04": (2, 4, "Non"),
    "SENSIBILISATION-05": (2, 1, "Non"), "TERRITOIRE-02": (3, 2, "Oui"), "TERRITOIRE-03": (2, 3, "Non"),
}


# Scrapped equipment of 2025–2026 and where it went (décret 2023-266); the 2014 desktops are over ten years old.
_REFORME = [
    ("Ordinateur portable", 18, 2019, 2025, "Oui", "Don", "Association d'insertion du canton", "Oui"),
    ("Écran", 30, 2017, 2025, "Oui", "Cession à une personne publique", "Collège du secteur", "Oui"),
    ("Ordinateur fixe", 12, 2014, 2025, "Oui", "Recyclage", "Éco-organisme agréé", "Non"),
    ("Smartphone", 20, 2020, 2025, "Oui", "En stock", None, None),
    ("Imprimante", 4, 2018, 2026, "Non", "Reprise par un éco-organisme", "Éco-organisme agréé", "Oui"),
    ("Tablette", 6, 2021, 2026, "Non", "Vente", "Reconditionneur régional", "Oui"),
]
# Purchases of 2026 per product type of the AGEC declaration (€ HT): total, reuse, donations, recycled.
_ACHATS = [
    ("Matériel informatique et téléphonie", 84_000, 9_600, 0, 2_400, "Dont 24 portables reconditionnés"),
    ("Matériel de reprographie et d'impression", 12_000, 0, 0, 1_500, None),
    ("Consommables d'impression", 6_500, 0, 0, 1_300, "Cartouches remanufacturées"),
    ("Papier", 9_800, 0, 0, 7_840, None),
    ("Mobilier et aménagement d'intérieur", 22_000, 3_500, 800, 2_000, "Don de mobilier par la région"),
]
SIRET_EXEMPLE = "21319990000019"  # fictitious, with a right Luhn key


def lignes_reforme() -> list[dict]:
    return [dict(zip(("Catégorie", "Quantité", "Année d'acquisition", "Année de réforme", "Présent au 1er janvier",
                      "Destination", "Repreneur", "Engagement du repreneur"), r, strict=True)) for r in _REFORME]


def lignes_achats() -> list[dict]:
    return [dict(zip(("Type de produit", "Montant total (€ HT)", *L.MONTANTS_ACHATS, "Commentaire"), r, strict=True))
            for r in _ACHATS]


def lignes_inventaire() -> list[dict]:
    return [
        {"Catégorie": c, "Modèle": m, "Quantité": q, "Année d'acquisition": a, "Statut": s, "Reconditionné": r,
         "Service": svc}
        for c, m, q, a, s, r, svc in _INVENTAIRE
    ]


# Step 4.2 of the example: what the referents typed in some fiches (through each fiche's sheet-scoped names).
_FICHES = {
    "STRATEGIE-01": {"FA_RESPONSABLE": "Direction générale des services", "FA_CONTRIBUTEURS": "DRH, DSI",
                     "FA_ELU": "Adjointe au numérique et à la transition écologique",
                     "FA_DEBUT": dt.datetime(2026, 9, 1), "FA_FIN": dt.datetime(2026, 12, 31), "FA_ETP": 0.5,
                     "FA_JH": 10, "FA_STATUT": "En cours",
                     "FA_LIEN_DISPOSITIFS": "Plan d'administration éco-exemplaire",
                     "budget": [(2026, "Personnel", "Fonctionnement", 18_000),
                                (2027, "Personnel", "Fonctionnement", 36_000)]},
    "ACHATS-02": {"FA_RESPONSABLE": "Service commande publique", "FA_ELU": "Adjoint aux finances",
                  "FA_DEBUT": dt.datetime(2026, 10, 1),
                  "FA_FIN": dt.datetime(2027, 6, 30), "FA_ETP": 0.1, "FA_STATUT": "À venir",
                  "budget": [(2027, "Matériel", "Investissement", 12_000)]},
    "TRANSFORMATION-01": {"FA_RESPONSABLE": "DSI", "FA_DEBUT": dt.datetime(2026, 11, 1),
                          "FA_FIN": dt.datetime(2028, 12, 31), "FA_ETP": 0.2, "FA_STATUT": "À venir",
                          "budget": [(2027, "Matériel", "Investissement", 4_500),
                                     (2027, "Prestations", "Fonctionnement", 3_000)]},
    "TRANSFORMATION-04": {"FA_RESPONSABLE": "DSI", "FA_CONTRIBUTEURS": "Services techniques",
                          "FA_DEBUT": dt.datetime(2028, 3, 1), "FA_FIN": dt.datetime(2028, 9, 30),
                          "FA_STATUT": "À venir"},
    "SENSIBILISATION-01": {"FA_RESPONSABLE": "Ressources humaines", "FA_DEBUT": dt.datetime(2027, 1, 15),
                           "FA_FIN": dt.datetime(2027, 12, 15), "FA_ETP": 0.15, "FA_STATUT": "À venir",
                           "budget": [(2027, "Prestations", "Fonctionnement", 6_400)]},
}


def construire_exemple() -> Workbook:
    """The filled example, its fiches actions generated as `nr-workbook fiches` does, some of them filled."""
    import tempfile
    from pathlib import Path

    from nr_workbook.classeur.fiches import appliquer, planifier
    from nr_workbook.classeur.reader.fichier import Lecteur

    wb = _exemple_diagnostic()
    with tempfile.TemporaryDirectory() as d:
        chemin = Path(d) / "exemple.xlsx"
        wb.save(chemin)
        lecteur = Lecteur(chemin)
        appliquer(wb, planifier(lecteur.donnees(), lecteur))
    for ident, champs in _FICHES.items():
        ws = wb[f"Fiche {ident}"]
        for nom, valeur in champs.items():
            if nom == "budget":
                remplir_table(wb, f"T_FA_{ident.replace('-', '_')}_BUDGET",
                              [{"Année": a, "Nature": n, "Section": s_, "Montant (€ HT)": m} for a, n, s_, m in valeur])
            else:
                ((_, coord),) = list(ws.defined_names[nom].destinations)
                ws[coord.replace("$", "")] = valeur
    return wb


def _exemple_diagnostic() -> Workbook:
    wb = construire(Contexte(parcours="Complet", collectivite=COLLECTIVITE, inventaire=lignes_inventaire()))
    ref = referentiel.load()
    rng = random.Random(2026)
    niveaux = []
    for q in ref.questions_du_parcours("Complet"):
        n = _NIVEAUX_PAR_DIMENSION[q.dimension][int(q.id.split("-")[1]) - 1]
        commentaire = None if n is None else rng.choice(
            ["Entretien du 12/03/2026", "Confirmé par les pièces transmises", "À approfondir en atelier",
             "Pratique hétérogène selon les services"])
        niveaux.append({"Niveau": n, "Commentaire": commentaire})
    remplir_table(wb, "T_MATURITE", niveaux)
    remplir_table(wb, "T_SALLES", _SALLES)
    remplir_table(wb, "T_DEEE", _DEEE)
    remplir_table(wb, "T_REFERENTS", _REFERENTS)
    remplir_table(wb, "T_REFORME", lignes_reforme())
    remplir_table(wb, "T_ACHATS", lignes_achats())
    remplir_nom(wb, "NR_SIRET", SIRET_EXEMPLE)
    remplir_nom(wb, "NR_DATE_DEBUT", dt.datetime(2026, 1, 12))
    remplir_nom(wb, "NR_CIBLE_ALLONGEMENT_ANS", 2)  # the two scenarios of the roadmap, quantified
    remplir_nom(wb, "NR_CIBLE_PUE", 1.4)
    remplir_nom(wb, "NR_PERIMETRE_ORGANISATION", ref.demarche.perimetre.organisation[2])
    disponibles = {"Plan Climat Air Énergie Territorial (PCAET)": "Oui", "Bilan d'émissions de gaz à effet de serre "
                   "(BGES)": "Oui", "Schéma numérique": "En cours"}
    remplir_table(wb, "T_DOCUMENTS", [{"Disponible": disponibles.get(d, "Non")} for d in ref.demarche.documents])
    choix = []
    for lv in ref.leviers:
        if lv.id in _PRIORISATION:
            v, f, retenu = _PRIORISATION[lv.id]
            choix.append({"Présélection": "Oui", "Valeur": v, "Faisabilité": f, "Retenu": retenu})
        else:
            choix.append({"Présélection": "Non", "Retenu": "Non"})
    remplir_table(wb, "T_LEVIERS", choix)
    return wb
