"""The checks of the yearly legal obligations' inputs, row by row (T_REFORME, T_ACHATS) and the SIRET: used by
`nr-workbook verifier` (each problem named with its sheet and cell) and by the AGEC export, which refuses a row
the official declaration would not accept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nr_workbook.contract import layout as L
from nr_workbook.contract.siret import probleme_siret
from nr_workbook.engine.donnees import cle_texte, est_nombre

Probleme = tuple[str, str, str]  # column, French message, gravity ("erreur" or "avertissement")
_OUI_NON = {"oui", "non"}
_DESTINATIONS = {d.casefold() for d in L.DESTINATIONS}
_REEMPLOI = {d.casefold() for d in L.DESTINATIONS_REEMPLOI}
_TYPES = {t.casefold() for t in L.TYPES_PRODUIT}


def _annee(v: Any) -> bool:
    return est_nombre(v) and 1980 <= v <= 2100 and float(v).is_integer()


def problemes_reforme(r: Mapping[str, Any], annee_ref: Any = None) -> list[Probleme]:
    out: list[Probleme] = []
    q = r.get("Quantité")
    if q is None:
        if r.get("Catégorie") is not None or r.get("Destination") is not None:
            out.append(("Quantité", "quantité manquante : la ligne ne compte pas.", "erreur"))
    elif not (est_nombre(q) and q >= 0):
        out.append(("Quantité", f"quantité invalide « {q} » (nombre entier positif attendu).", "erreur"))
    for col in ("Année d'acquisition", "Année de réforme"):
        v = r.get(col)
        if v is not None and not _annee(v):
            out.append((col, f"{col.lower()} invalide « {v} ».", "erreur"))
    acq, ref = r.get("Année d'acquisition"), r.get("Année de réforme")
    if _annee(acq) and _annee(ref):
        if ref < acq:  # (more than ten years old is no error: the sheet says, row by row, that it does not count)
            out.append(("Année de réforme", f"réforme ({ref:g}) antérieure à l'acquisition ({acq:g}).", "erreur"))
        if est_nombre(annee_ref) and ref > annee_ref:
            out.append(("Année de réforme", f"réforme en {ref:g}, après l'année du diagnostic.", "erreur"))
    elif q is not None:
        out.append(("Année d'acquisition" if not _annee(acq) else "Année de réforme",
                    "années d'acquisition et de réforme nécessaires pour savoir si la ligne compte (10 ans au plus).",
                    "avertissement"))
    for col in ("Présent au 1er janvier", "Engagement du repreneur"):
        v = r.get(col)
        if v is not None and cle_texte(v) not in _OUI_NON:
            out.append((col, f"« {v} » : Oui ou Non attendu.", "erreur"))
    dest = r.get("Destination")
    if dest is not None and cle_texte(dest) not in _DESTINATIONS:
        out.append(("Destination", f"destination « {dest} » inconnue (attendu : {', '.join(L.DESTINATIONS)}).",
                    "erreur"))
    elif cle_texte(dest) in _REEMPLOI and cle_texte(r.get("Engagement du repreneur")) != "oui":
        out.append(("Engagement du repreneur", "sans l'engagement du repreneur à réemployer ou réutiliser, la ligne "
                                               "ne compte pas comme réemployée.", "avertissement"))
    return out


def problemes_achat(r: Mapping[str, Any]) -> list[Probleme]:
    out: list[Probleme] = []
    type_ = r.get("Type de produit")
    montants = ("Montant total (€ HT)", *L.MONTANTS_ACHATS)
    if type_ is None:
        if any(r.get(m) is not None for m in montants):
            out.append(("Type de produit", "type de produit manquant.", "erreur"))
    elif cle_texte(type_) not in _TYPES:
        out.append(("Type de produit", f"type de produit « {type_} » absent de la liste de la déclaration AGEC.",
                    "erreur"))
    for m in montants:
        v = r.get(m)
        if v is None:
            if m == montants[0] and type_ is not None:
                out.append((m, "montant total manquant.", "erreur"))
        elif not est_nombre(v):
            out.append((m, f"montant invalide « {v} » (nombre attendu).", "erreur"))
        elif v < 0:
            out.append((m, f"montant négatif « {v:g} ».", "erreur"))
    total = r.get(montants[0])
    if est_nombre(total) and total >= 0:
        for m in L.MONTANTS_ACHATS:
            v = r.get(m)
            if est_nombre(v) and v > total:
                out.append((m, f"{m} ({v:g}) supérieur au montant total ({total:g}).", "erreur"))
    return out


def probleme_du_siret(valeur: Any) -> str | None:
    """None when the SIRET is empty (optional until the AGEC export) or valid."""
    return None if valeur in (None, "") else probleme_siret(valeur)
