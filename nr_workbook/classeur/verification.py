"""Check a filled workbook: contract present, values in range, unanswered questions; each anomaly with its cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.contract.affichage import nombre_fr
from nr_workbook.contract.anomalies import Anomalie
from nr_workbook.contract.migrations import VERSIONS
from nr_workbook.contract.version import VERSION_MODELE
from nr_workbook.engine.donnees import est_nombre

Regle = Callable[[Any, dict[str, Any]], str | None]


class _Rapport:
    def __init__(self, lecteur):
        self.lecteur = lecteur
        self.anomalies: list[Anomalie] = []

    def nom(self, nom: str, type_: str, message: str, gravite: str = "erreur") -> None:
        feuille, cell = self.lecteur.structure.noms.get(nom, ("", ""))
        self.anomalies.append(Anomalie(type_, message, fichier=self.lecteur.chemin.name, feuille=feuille,
                                       cellule=cell, gravite=gravite))

    def cellule(self, table: str, entete: str, row: dict, type_: str, message: str,
                gravite: str = "erreur") -> None:
        plage, _ = self.lecteur.structure.tables[table]
        self.anomalies.append(Anomalie(type_, message, fichier=self.lecteur.chemin.name, feuille=plage.feuille,
                                       cellule=self.lecteur.coord(table, entete, row["_ligne"]), gravite=gravite))


def _contrat(r: _Rapport) -> bool:
    s = r.lecteur.structure
    ok = True
    for n in L.NOMS:
        if n.contrat and n.nom not in s.noms:
            r.anomalies.append(Anomalie("nom-absent", f"le nom défini {n.nom} est absent du classeur.",
                                        fichier=r.lecteur.chemin.name))
            ok = False
    for t in L.TABLES_CONTRAT:
        if t.nom not in s.tables:
            r.anomalies.append(Anomalie("table-absente", f"la table {t.nom} est absente du classeur.",
                                        fichier=r.lecteur.chemin.name))
            ok = False
            continue
        plage, entetes = s.tables[t.nom]
        manquants = [h for h in t.entetes if h not in entetes and not t.colonne(h).calculee]
        if manquants:
            r.anomalies.append(Anomalie("colonne-absente", f"table {t.nom} : colonne(s) absente(s) "
                                        f"{', '.join(manquants)}.", fichier=r.lecteur.chemin.name,
                                        feuille=plage.feuille))
            ok = False
    return ok


def _nombre_entre(v: Any, bas: float, haut: float) -> bool:
    return est_nombre(v) and bas <= v <= haut


def _entrees(r: _Rapport, noms: dict[str, Any]) -> None:
    version = noms.get("NR_VERSION_MODELE")
    if version != VERSION_MODELE:
        suite = (" : lu par migration en mémoire ; « nr-workbook migrer » met le classeur à jour"
                 if str(version) in VERSIONS else "")
        r.nom("NR_VERSION_MODELE", "version-modele",
              f"version du modèle « {version} » différente de la version attendue {VERSION_MODELE}{suite}.",
              "avertissement")
    for nom, texte in (("NR_COLLECTIVITE", "nom de la collectivité"), ("NR_PARCOURS", "parcours")):
        if noms.get(nom) in (None, ""):
            r.nom(nom, "valeur-manquante", f"{texte} non renseigné.")
    if noms.get("NR_PARCOURS") not in (None, *L.PARCOURS):
        r.nom("NR_PARCOURS", "valeur-invalide", "parcours attendu : Complet ou Flash.")
    agents = noms.get("NR_NB_AGENTS")
    if agents is None:
        r.nom("NR_NB_AGENTS", "valeur-manquante", "nombre d'agents non renseigné : pas d'indicateur par agent.")
    elif not (_nombre_entre(agents, 1, 10**8) and float(agents).is_integer()):
        r.nom("NR_NB_AGENTS", "valeur-invalide", f"nombre d'agents invalide « {agents} » (entier > 0 attendu).")
    pop = noms.get("NR_POPULATION")
    if pop is not None and not (_nombre_entre(pop, 0, 10**8) and float(pop).is_integer()):
        r.nom("NR_POPULATION", "valeur-invalide", f"population invalide « {pop} ».")
    annee = noms.get("NR_ANNEE_REFERENCE")
    if annee is None:
        r.nom("NR_ANNEE_REFERENCE", "valeur-manquante", "année du diagnostic non renseignée.")
    elif not _nombre_entre(annee, 2000, 2100):
        r.nom("NR_ANNEE_REFERENCE", "valeur-invalide", f"année du diagnostic invalide « {annee} ».")
    f = noms.get("NR_FACTEUR_ELEC_KGCO2E_KWH")
    if not _nombre_entre(f, 0, 2):
        r.nom("NR_FACTEUR_ELEC_KGCO2E_KWH", "valeur-invalide",
              f"facteur d'émission de l'électricité invalide « {f} » (kgCO2e/kWh entre 0 et 2).")
    for n in L.ENTREES_SCENARIOS:  # bounds of the cells' own validation (empty: no scenario, not an error)
        v, s = noms.get(n.nom), n.saisie
        if v is not None and not _nombre_entre(v, s.minimum, s.maximum):
            borne = f"de {nombre_fr(s.minimum, 0)} à {nombre_fr(s.maximum, 0)}{' ' + n.unite if n.unite else ''}"
            r.nom(n.nom, "valeur-invalide",
                  f"{n.libelle} : valeur invalide « {v} » (nombre {borne} attendu) ; le scénario est ignoré.")


def _regles_inventaire(categories: set[str], annee_ref: Any) -> dict[str, Regle]:
    def categorie(v, row):
        if v is None:
            return "catégorie manquante." if row.get("Quantité") is not None else None
        return None if isinstance(v, str) and v.casefold() in categories else f"catégorie inconnue « {v} »."

    def quantite(v, row):
        if v is None:
            return "quantité manquante." if row.get("Catégorie") is not None else None
        return None if est_nombre(v) and v >= 0 else f"quantité invalide « {v} » (nombre positif attendu)."

    def annee(v, row):
        if v is None:
            return None
        if not _nombre_entre(v, 1980, 2100):
            return f"année d'acquisition invalide « {v} »."
        if est_nombre(annee_ref) and v > annee_ref:
            return f"année d'acquisition {v:g} postérieure à l'année du diagnostic."
        return None

    def liste(valeurs, libelle, obligatoire=False):
        def regle(v, row):
            if v is None:
                return f"{libelle} manquant." if obligatoire and row.get("Catégorie") is not None else None
            ok = isinstance(v, str) and v.casefold() in {x.casefold() for x in valeurs}
            return None if ok else f"{libelle} « {v} » inconnu (attendu : {', '.join(valeurs)})."
        return regle

    def positif(v, row):
        return None if v is None or (est_nombre(v) and v >= 0) else f"valeur invalide « {v} » (nombre ≥ 0)."

    return {
        "Catégorie": categorie, "Quantité": quantite, "Année d'acquisition": annee,
        "Statut": liste(L.STATUTS, "statut", obligatoire=True), "Reconditionné": liste(L.OUI_NON, "reconditionné"),
        "Poids unitaire (kg)": positif, "Conso (kWh/an)": positif,
    }


def _tables(r: _Rapport, donnees) -> None:
    noms = donnees.noms
    cats = {str(x["Catégorie"]).casefold() for x in donnees.tables["T_REFERENTIEL"] if x.get("Catégorie")}
    regles = _regles_inventaire(cats, noms.get("NR_ANNEE_REFERENCE"))
    for row in donnees.tables["T_INVENTAIRE"]:
        for col, regle in regles.items():
            msg = regle(row.get(col), row)
            if msg:
                r.cellule("T_INVENTAIRE", col, row, "inventaire", msg)
    for row in donnees.tables["T_REFERENTIEL"]:
        if row.get("Catégorie") is None:
            continue
        duree = row.get("Durée de vie (ans)")
        if not (est_nombre(duree) and duree > 0):
            r.cellule("T_REFERENTIEL", "Durée de vie (ans)", row, "referentiel",
                      f"durée de vie invalide « {duree} » pour {row['Catégorie']}.")
    for row in donnees.tables["T_SALLES"]:
        tot, it = row.get("Énergie totale (kWh/an)"), row.get("Énergie IT (kWh/an)")
        for col, v in (("Énergie totale (kWh/an)", tot), ("Énergie IT (kWh/an)", it)):
            if v is not None and not (est_nombre(v) and v >= 0):
                r.cellule("T_SALLES", col, row, "salle", f"énergie invalide « {v} ».")
            elif v is None:
                r.cellule("T_SALLES", col, row, "salle", "énergie manquante : la salle n'entre pas dans le PUE.",
                          "avertissement")
        if est_nombre(tot) and est_nombre(it) and it > 0 and tot / it < 1:
            r.cellule("T_SALLES", "Énergie totale (kWh/an)", row, "pue-inferieur-a-1",
                      f"PUE de {tot / it:.2f} inférieur à 1 : l'énergie totale doit inclure l'énergie IT.")
    annee_ref = noms.get("NR_ANNEE_REFERENCE")
    for row in donnees.tables["T_DEEE"]:
        an, poids = row.get("Année"), row.get("Poids (kg)")
        if not _nombre_entre(an, 1980, 2100):
            r.cellule("T_DEEE", "Année", row, "deee", f"année invalide « {an} » : le bordereau est ignoré.")
        elif est_nombre(annee_ref) and an > annee_ref:
            r.cellule("T_DEEE", "Année", row, "deee", f"année {an:g} postérieure à l'année du diagnostic.")
        if not (est_nombre(poids) and poids >= 0):
            r.cellule("T_DEEE", "Poids (kg)", row, "deee", f"poids invalide « {poids} » : le bordereau est ignoré.")
    for row in donnees.tables["T_MATURITE"]:
        if row.get("ID") is None:
            continue
        n = row.get("Niveau")
        if n is None:
            r.cellule("T_MATURITE", "Niveau", row, "question-sans-reponse",
                      f"question {row['ID']} sans réponse (non comptée dans les scores).", "avertissement")
        elif not _nombre_entre(n, 0, 3):
            r.cellule("T_MATURITE", "Niveau", row, "niveau-invalide",
                      f"question {row['ID']} : niveau « {n} » hors de l'échelle 0 à 3 (ignoré).")
    _obligations(r, donnees)
    _leviers(r, donnees)
    nb_referents = sum(1 for x in donnees.tables["T_REFERENTS"] if str(x.get("Nom") or "").strip())
    if nb_referents < 2:
        r.nom("NR_NB_REFERENTS", "referents", f"{nb_referents} référent(s) : au moins 2 sont recommandés.",
              "avertissement")


def _obligations(r: _Rapport, donnees) -> None:
    """SIRET, scrapped equipment and purchases (`controles_obligations`); tables an older template lacks are skipped."""
    from nr_workbook.classeur.controles_obligations import probleme_du_siret, problemes_achat, problemes_reforme

    msg = probleme_du_siret(donnees.noms.get("NR_SIRET"))
    if msg:
        r.nom("NR_SIRET", "siret", msg)
    for nom, problemes in (("T_REFORME", lambda row: problemes_reforme(row, donnees.noms.get("NR_ANNEE_REFERENCE"))),
                           ("T_ACHATS", problemes_achat)):
        if nom not in r.lecteur.structure.tables:  # an older workbook: rows offered by the migration, not typed
            continue
        for row in donnees.tables.get(nom) or []:
            for col, texte, gravite in problemes(row):
                r.cellule(nom, col, row, "reforme" if nom == "T_REFORME" else "achats", texte, gravite)


def _leviers(r: _Rapport, donnees) -> None:
    """T_LEVIERS: marks from 1 to 4, Oui/Non answers, known targets, retained levers without a mark."""
    def oui_non(v):
        return v is None or (isinstance(v, str) and v.casefold() in ("oui", "non"))

    for row in donnees.tables.get("T_LEVIERS") or []:
        for col in ("Valeur", "Faisabilité"):
            v = row.get(col)
            if v is not None and not (_nombre_entre(v, 1, 4) and float(v).is_integer()):
                r.cellule("T_LEVIERS", col, row, "note-invalide", f"{col.lower()} « {v} » : note entière de 1 à 4 "
                          "attendue (levier hors de la matrice).")
        for col in ("Présélection", "Retenu"):
            if not oui_non(row.get(col)):
                r.cellule("T_LEVIERS", col, row, "valeur-invalide", f"« {row.get(col)} » : Oui ou Non attendu.")
        cible = row.get("Cible")
        if row.get("ID") is not None and not (isinstance(cible, str) and cible.casefold() in
                                              {c.casefold() for c in L.CIBLES}):
            r.cellule("T_LEVIERS", "Cible", row, "cible-invalide", f"cible « {cible} » : Interne ou Prestataire.")
        if isinstance(row.get("Retenu"), str) and row["Retenu"].casefold() == "oui" and row.get("Valeur") is None:
            r.cellule("T_LEVIERS", "Valeur", row, "levier-non-note", f"levier {row.get('ID')} retenu sans note "
                      "de valeur ni de faisabilité.", "avertissement")


def _date(v: Any) -> bool:
    """A date cell: a date from a file, or Excel's serial number as an open book (Office.js) gives it."""
    import datetime as dt

    return isinstance(v, (dt.datetime, dt.date)) or (est_nombre(v) and 1 <= v <= 2958465)


def _serie(v: Any) -> float:
    import datetime as dt

    if isinstance(v, dt.datetime):
        return (v - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(v, dt.date):
        return float((v - dt.date(1899, 12, 30)).days)
    return float(v)


def _jour(v: Any) -> str:
    import datetime as dt

    return (dt.datetime(1899, 12, 30) + dt.timedelta(days=_serie(v))).strftime("%d/%m/%Y")


def _fiches(r: _Rapport, donnees) -> None:
    """Fiche action sheets: dates readable and in order, human means and budget amounts numeric."""
    for f in donnees.fiches:
        _fiche(r, f)


def _fiche(r: _Rapport, f: dict) -> None:
    fichier = r.lecteur.chemin.name
    feuille = f["_feuille"]
    cellules = r.lecteur.structure.noms_locaux.get(feuille, {})

    def signaler(nom: str, type_: str, message: str, gravite: str = "erreur") -> None:
        r.anomalies.append(Anomalie(type_, message, fichier=fichier, feuille=feuille,
                                    cellule=cellules.get(nom, "").replace("$", ""), gravite=gravite))

    debut, fin = f.get("FA_DEBUT"), f.get("FA_FIN")
    for nom, v in (("FA_DEBUT", debut), ("FA_FIN", fin)):
        if v is not None and not _date(v):
            signaler(nom, "date-invalide", f"date illisible « {v} » (attendu : jj/mm/aaaa).")
    if _date(debut) and _date(fin) and _serie(fin) < _serie(debut):
        signaler("FA_FIN", "dates-inversees", f"la fin ({_jour(fin)}) précède le début ({_jour(debut)}).")
    for nom in ("FA_ETP", "FA_JH"):
        v = f.get(nom)
        if v is not None and not (est_nombre(v) and v >= 0):
            signaler(nom, "moyens-invalides", f"valeur « {v} » : nombre positif attendu (ignorée dans les totaux).")
    if f.get("FA_RESPONSABLE") is None and not f.get("FA_ETAT"):
        signaler("FA_RESPONSABLE", "responsable-manquant", "aucun responsable désigné.", "avertissement")
    table = L.tables_fiche(str(f.get("FA_ID") or ""))["budget"].nom
    for row in f.get("budget", []):
        montant = row.get("Montant (€ HT)")
        if montant is not None and not (est_nombre(montant) and montant >= 0):
            r.cellule(table, "Montant (€ HT)", row, "budget-invalide",
                      f"montant « {montant} » non numérique : ignoré dans le budget.")
        if montant is not None and not _nombre_entre(row.get("Année"), 2000, 2100):
            r.cellule(table, "Année", row, "budget-sans-annee", "année du montant manquante ou invalide.",
                      "avertissement")


def verifier(chemin: Path) -> list[Anomalie]:
    """A workbook file: Excel's limits and opening rules first (`conformite/limites.py`), then its contents."""
    from nr_workbook.classeur.conformite.limites import verifier_limites
    from nr_workbook.classeur.reader.fichier import (
        Lecteur,  # python-calamine: not needed for an open book (verifier_lecteur)
    )

    lecteur = Lecteur(chemin)  # an unreadable file stops here, with its French message
    return verifier_limites(chemin) + verifier_lecteur(lecteur)


def _historique(r: _Rapport, donnees) -> None:
    """The Suivi sheet's history: what its formulas would leave out is said, with its cell."""
    codes = {n.nom.casefold() for n in L.INDICATEURS_SUIVIS}
    vus: set[tuple] = set()
    t = L.T_HISTORIQUE.nom
    for row in donnees.tables[t]:
        annee, code, valeur = row.get("Année"), row.get("Indicateur"), row.get("Valeur")
        if not (_nombre_entre(annee, 2000, 2100) and float(annee).is_integer()):
            r.cellule(t, "Année", row, "historique", f"année invalide « {annee} » : ligne ignorée par le suivi.")
        if not (isinstance(code, str) and code.casefold() in codes):
            r.cellule(t, "Indicateur", row, "historique",
                      f"indicateur inconnu « {code} » : ligne ignorée par le suivi (liste déroulante).")
        if not est_nombre(valeur):
            r.cellule(t, "Valeur", row, "historique", f"valeur non numérique « {valeur} » : ignorée par le suivi.")
        cle = (annee, str(code).casefold())
        if cle in vus and est_nombre(valeur):
            r.cellule(t, "Indicateur", row, "historique-en-double",
                      f"{code} figure deux fois pour {annee} : le suivi additionne les valeurs.", "avertissement")
        vus.add(cle)
    t = L.T_HISTORIQUE_FICHES.nom
    for row in donnees.tables[t]:
        avancement = row.get("Avancement")
        if avancement is not None and not _nombre_entre(avancement, 0, 1):
            r.cellule(t, "Avancement", row, "historique",
                      f"avancement invalide « {avancement} » (part de 0 à 100 %).")


def verifier_lecteur(lecteur, donnees=None, contrat: bool = True, historique: bool = True) -> list[Anomalie]:
    """Checks through any reader offering structure, coord, donnees (a file's Lecteur, an open book's).

    `donnees`: the workbook's data when already read (for a workbook of an older template migrated in memory, its
    rows keep their cells in the old file, and `contrat=False` skips the check of the current contract);
    `historique=False` leaves out the Suivi sheet's history (a consolidation does not read it)."""
    r = _Rapport(lecteur)
    if not contrat or _contrat(r):
        donnees = donnees if donnees is not None else lecteur.donnees()
        _entrees(r, donnees.noms)
        _tables(r, donnees)
        _fiches(r, donnees)
        if historique and L.T_HISTORIQUE.nom in lecteur.structure.tables:
            _historique(r, donnees)
    return r.anomalies
