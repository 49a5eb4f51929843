"""Commands of the reports the law asks for: the AGEC declaration of the year's purchases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nr_workbook.cli import console as out
from nr_workbook.cli.app import app
from nr_workbook.cli.commun import Arret, ecrire_sortie, executer, ouvrir, verifier_sortie


@app.command("export-agec")
def export_agec(
    fichier: Annotated[Path, typer.Argument(help="Classeur rempli, feuille Achats (.xlsx).")],
    sortie: Annotated[Path, typer.Option("-o", "--sortie", help="Déclaration à écrire (.csv).")],
    force: Annotated[bool, typer.Option("--force", help="Remplacer le fichier existant (après sauvegarde).")] = False,
) -> None:
    """Écrit la déclaration annuelle AGEC (achats issus du réemploi, du don ou recyclés) au schéma officiel de
    data.gouv.fr, validée avant écriture ; une ligne refusée est signalée avec sa feuille et sa cellule."""
    executer(_export_agec, fichier, sortie, force)


def _export_agec(fichier: Path, sortie: Path, force: bool) -> int:
    from nr_workbook.classeur.migration import donnees_a_jour
    from nr_workbook.echanges.agec import Lieux, declaration, en_csv, valider

    verifier_sortie(sortie, force, ".csv")
    lecteur = ouvrir(fichier)
    d, ancienne = donnees_a_jour(lecteur)
    dec = declaration(d, Lieux(lecteur if ancienne is None else None))
    if any(r.bloquant for r in dec.refus):
        raise Arret("Déclaration impossible :\n" + "\n".join(f"  {r}" for r in dec.refus if r.bloquant))
    if not dec.lignes and not dec.refus:
        raise Arret(f"{fichier.name} : aucun achat saisi dans la feuille Achats : rien à déclarer.")
    texte = en_csv(dec.lignes)
    erreurs = valider(texte)
    if erreurs:  # our checks let through what the official schema refuses: nothing is written
        raise Arret("La déclaration ne respecte pas le schéma officiel :\n" + "\n".join(f"  {e}" for e in erreurs))
    if dec.lignes:
        ecrire_sortie(sortie, lambda: sortie.write_text(texte, encoding="utf-8", newline=""))
        out.info(f"[green]✔[/] {sortie} : {len(dec.lignes)} type(s) de produit déclaré(s) pour "
                 f"{dec.lignes[0]['annee']}, conforme au schéma officiel (data.gouv.fr, v0.1.0).")
    for r in dec.refus:
        out.erreur_douce(f"Ligne refusée – {r}")
    return 1 if dec.refus else 0
