"""Accueil: purpose, identity of the collectivité (named inputs), how to fill, links to every sheet."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from nr_workbook.classeur import formulas as F
from nr_workbook.classeur.writer import cells as C
from nr_workbook.classeur.writer import styles as S
from nr_workbook.classeur.writer.contexte import Contexte
from nr_workbook.contract import layout as L
from nr_workbook.contract.version import VERSION_MODELE

_ETAPES = (
    (L.PREREQUIS, "Étape 1 – Sécuriser les prérequis : référents, parties prenantes, périmètre, planning, "
                  "documents à collecter."),
    (L.INVENTAIRE, "Étape 3 – Inventaire quantitatif : une ligne par lot d'équipements (catégorie, quantité, année, "
                   "statut). Importable depuis un CSV avec la commande nr-workbook build --inventaire."),
    (L.SALLES, "Énergie annuelle de chaque salle serveur (totale et informatique) pour calculer le PUE."),
    (L.DEEE, "Pesées des bordereaux d'enlèvement des déchets d'équipements (DEEE), par année."),
    (L.ENTRETIEN, "Grille d'entretien à imprimer : les questions regroupées par interlocuteur."),
    (L.COTATION, "Grille de cotation : un niveau de 0 à 3 par question, scores par dimension et radar."),
    (L.INDICATEURS, "Tous les indicateurs calculés, avec leur unité et leur signification."),
    (L.DETAIL, "Le parc en service par catégorie : nombre, âge, poids, consommation et empreinte carbone."),
    (L.LEVIERS, "Étape 4.1 – Catalogue de 70 leviers (ceux du prestataire SI : « Prestataire » dans la colonne "
                "Cible, sur fond orange), suggestions issues du diagnostic, présélection, notes de valeur et de "
                "faisabilité, leviers retenus."),
    (L.MATRICE, "Matrice valeur × faisabilité des leviers présélectionnés, alertes sur le nombre de leviers retenus."),
    (L.SCENARIOS, "Gains chiffrés de la feuille de route : allonger la durée d'usage, viser un meilleur PUE "
                  "(kgCO2e, tonnes de DEEE, kWh et euros par an)."),
    (L.FEUILLE_DE_ROUTE, "Étapes 4.2 et 4.3 – Fiches actions (commande nr-workbook fiches), totaux et planning."),
    (L.PILOTAGE, "Étape 5 – Budget par année, gouvernance, risques et indicateurs de suivi pour le COPIL."),
    (L.SUIVI, "Les années suivantes – Année N comparée à N-1 (indicateurs, scores, fiches), six ans en graphiques ; "
              "historique complété par nr-workbook nouvelle-annee."),
    (L.REFERENTIEL, "Valeurs par défaut (poids, durée de vie, empreinte, consommation) et leurs sources, "
                    "modifiables."),
)

_OBLIGATOIRES = ("NR_COLLECTIVITE", "NR_POPULATION", "NR_NB_AGENTS", "NR_ANNEE_REFERENCE", "NR_PARCOURS")

_LIGNES_BUT = (
    "Ce classeur accompagne les cinq étapes du pas à pas de l'ANCT pour élaborer la stratégie numérique "
    "responsable de la collectivité (loi REEN du 15 novembre 2021, décret 2022-1084) : prérequis, diagnostic, "
    "choix des leviers, fiches actions, feuille de route et comité de pilotage.",
    "Il calcule en direct, sans macro ni complément, les indicateurs de l'inventaire (DEEE par agent, PUE, "
    "empreinte carbone…) et les scores de maturité sur les 7 dimensions du numérique responsable.",
    "Les cellules à saisir ont un fond jaune pâle, un cadre gris foncé et, quand on les sélectionne, le message "
    "« À saisir » ; les cellules calculées ont un fond gris et sont protégées (protection sans mot de passe : "
    "Révision › Ôter la protection). Une valeur impossible est signalée par « ⚠ » et un fond rouge.",
)


def ecrire_accueil(ws: Worksheet, ctx: Contexte) -> None:
    wb = ws.parent
    for col, w in zip("ABCD", (38, 42, 62, 4), strict=True):
        ws.column_dimensions[col].width = w
    ws["A1"] = "Stratégie numérique responsable – diagnostic et feuille de route"
    ws["A1"].style = S.TITRE
    ws.row_dimensions[1].height = 28
    ws["A2"] = (f"Boîte à outils nationale de l'ANCT · parcours {ctx.parcours} · modèle {VERSION_MODELE} · "
                "classeur généré par nr_workbook")
    ws["A2"].style = S.SOUS_TITRE

    C.section(ws, 4, "Votre collectivité", 3)
    col = ctx.collectivite
    valeurs = {
        "NR_COLLECTIVITE": col.nom if col else None,
        "NR_CODE_INSEE": col.code_insee if col else None,
        "NR_SIRET": getattr(col, "siret", None) if col else None,
        "NR_POPULATION": col.population if col else None,
        "NR_NB_AGENTS": col.nb_agents if col else None,
        "NR_ANNEE_REFERENCE": (col.annee_reference if col and col.annee_reference else ctx.annee),
        "NR_A_UNE_DSI": ({True: "Oui", False: "Non"}.get(col.a_une_dsi) if col else None),
        "NR_PARCOURS": ctx.parcours,
        "NR_MUTUALISATEUR": ctx.mutualisateur,
        "NR_MUTUALISATEUR_CONTACT": ctx.contact_mutualisateur,
    }
    aides = {
        "NR_CODE_INSEE": "Code INSEE de la commune ou SIREN de l'EPCI.",
        "NR_NB_AGENTS": "Effectif total (agents permanents et contractuels) ; sert aux ratios par agent.",
        "NR_ANNEE_REFERENCE": "Année de l'état des lieux ; sert au calcul de l'âge du parc.",
        "NR_PARCOURS": "Flash : moins de 3 500 habitants ou pas de DSI. Complet sinon.",
        "NR_MUTUALISATEUR": "Syndicat, OPSN, département ou agglomération qui vous accompagne, le cas échéant.",
    }
    obligatoires = []
    ligne = 5
    for nom, valeur in valeurs.items():
        coord = C.champ(ws, ligne, L.NOMS_PAR_NOM[nom], valeur, aide=aides.get(nom, ""))
        if nom == "NR_SIRET":
            ws.cell(ligne, 3, F.controle_siret()).style = S.NOTE
        if nom in _OBLIGATOIRES:
            obligatoires.append(coord)
        ligne += 1
    version = L.NOMS_PAR_NOM["NR_VERSION_MODELE"]
    ws.cell(ligne, 1, version.libelle).style = S.LIBELLE
    ws.cell(ligne, 2, VERSION_MODELE).style = S.calcul(wb, L.F_TEXTE)
    C.nommer(ws, version.nom, f"B{ligne}")
    ws.cell(ligne, 3, "Écrit par le générateur : ne pas modifier.").style = S.NOTE
    ligne += 1
    ws.cell(ligne, 1).value = (
        '=IF(ISNUMBER(NR_NB_AGENTS),IF(AND(ISNUMBER(NR_POPULATION),NR_A_UNE_DSI<>""),'
        'IF(OR(NR_POPULATION<3500,NR_A_UNE_DSI="Non"),"Parcours conseillé : Flash","Parcours conseillé : Complet"),'
        '""),"⚠ Renseignez le nombre d\'agents : les indicateurs par agent en dépendent.")'
    )
    ws.cell(ligne, 1).style = S.TEXTE
    ws.cell(ligne, 1).font = Font(name="Calibri", size=10, bold=True, color=S.ROUGE_TEXTE)
    C.fusionner(ws, start_row=ligne, start_column=1, end_row=ligne, end_column=3)
    ws.conditional_formatting.add(
        " ".join(obligatoires),
        FormulaRule(formula=[f'{obligatoires[0]}=""'], **S.fond(S.ORANGE)),
    )
    ligne += 2

    C.section(ws, ligne, "À quoi sert ce classeur", 3)
    lignes_but = _LIGNES_BUT + ((
        "Parcours Flash (moins de 3 500 habitants ou pas de DSI) : questions simplifiées et premier inventaire ; "
        "associez votre prestataire informatique dès le début, il détient une bonne part des réponses.",)
        if ctx.parcours == "Flash" else ())
    for texte in lignes_but:
        ligne += 1
        ws.cell(ligne, 1, texte).style = S.TEXTE
        C.fusionner(ws, start_row=ligne, start_column=1, end_row=ligne, end_column=3)
        ws.row_dimensions[ligne].height = 30
    ligne += 2

    C.section(ws, ligne, "Comment le remplir (cliquez sur le nom d'une feuille pour l'ouvrir)", 3)
    for feuille, texte in _ETAPES:
        ligne += 1
        cell = ws.cell(ligne, 1, feuille)
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(feuille)}!A1", display=feuille)
        cell.style = S.LIEN
        ws.cell(ligne, 2, texte).style = S.TEXTE
        C.fusionner(ws, start_row=ligne, start_column=2, end_row=ligne, end_column=3)
        ws.row_dimensions[ligne].height = 28
    ligne += 2

    C.section(ws, ligne, "Légende", 3)
    ligne += 1
    ws.cell(ligne, 1, "Cellule à remplir").style = S.saisie(wb)
    C.message(ws, f"A{ligne}", "Légende", "Exemple : une cellule à saisir a ce fond et ce message « À saisir ».")
    ws.cell(ligne, 2, "Cellule calculée (protégée)").style = S.calcul(wb)
    cell = ws.cell(ligne, 3, "Valeur à vérifier ou manquante")
    cell.style = S.TEXTE
    cell.fill = PatternFill("solid", fgColor=S.ORANGE)
    ligne += 1
    ws.cell(ligne, 1, ("Les questions sans réponse ne comptent pas comme 0 : elles sont exclues des scores et "
                       "signalées dans la grille de cotation.")).style = S.NOTE
    C.fusionner(ws, start_row=ligne, start_column=1, end_row=ligne, end_column=3)
    ws.freeze_panes = "A4"
    C.impression(ws)
    C.proteger(ws)
