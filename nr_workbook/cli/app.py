"""The `nr-workbook` Typer application and its console entry point: usage errors in French, never a traceback.

Exit codes: 0 success; 1 anomalies found (verifier, or build --strict with rejected rows); 2 unusable input or
output (missing file, invalid JSON, existing output without --force, unwritable output); 3 unexpected error.
"""

from __future__ import annotations

import re
import sys

import typer

from nr_workbook.cli import console as out

app = typer.Typer(
    help="Boîte à outils « numérique responsable » de l'ANCT : classeurs Excel vivants et moteur de calcul.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

_USAGE = (
    (r"Missing option '(.+)'\.?", "option obligatoire manquante : {0}"),
    (r"Missing argument '(.+)'\.?", "argument manquant : {0}"),
    (r"No such option: (\S+).*", "option inconnue : {0}"),
    (r"No such command '(.+)'\.?", "commande inconnue : {0}"),
    (r"Invalid value for '(.+)': (.+)", "valeur invalide pour {0} : {1}"),
    (r"Got unexpected extra arguments? \((.+)\)", "argument(s) en trop : {0}"),
    (r"Missing parameter: (.+)", "paramètre obligatoire manquant : {0}"),
    (r"Option '(.+)' requires an argument\.?", "l'option {0} attend une valeur"),
    (r"(?:Value error, )?'(.+)' is not one of (.+?)\.?", "« {0} » n'est pas une valeur admise ({1})"),
    (r"'(.+)' is not a valid integer\.?", "« {0} » n'est pas un nombre entier"),
)


def traduire_usage(message: str) -> str:
    """French wording of click's usage errors (click only speaks English)."""
    for motif, texte in _USAGE:
        m = re.fullmatch(motif, message.strip(), flags=re.S)
        if m:
            return texte.format(*(traduire_usage(g).replace("' / '", " / ") for g in m.groups()))
    return message


def main() -> None:
    """Console entry point: usage errors in French, exit code 2, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        out.erreur("interrompu.")
        code = 130
    except Exception as e:
        if hasattr(e, "format_message") and hasattr(e, "exit_code"):  # click's (or typer's vendored) errors
            ctx = getattr(e, "ctx", None)
            commande = ctx.command_path if ctx else "nr-workbook"
            out.erreur(f"{traduire_usage(e.format_message())} (aide : {commande} --help)")
            code = e.exit_code
        else:  # last resort: one French line instead of a traceback
            out.erreur(f"erreur inattendue ({e.__class__.__name__}) : {e}")
            code = 3
    sys.exit(code or 0)
