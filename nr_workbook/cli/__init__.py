"""Command line `nr-workbook` (French), thin: each command parses its options and calls the layers below.

`app` holds the Typer application and `main` (the console entry point); the commands are registered by importing
their modules, one per step of the method, in the order `--help` lists them: `diagnostic`, `echanges` (other
tools' files), `feuille_de_route`, `obligations` (the reports the law asks for), `suivi` (the years after),
`excel`, `mutualisation`.
"""

# isort: off
from nr_workbook.cli.app import app, main, traduire_usage
from nr_workbook.cli import diagnostic, echanges, feuille_de_route, obligations, suivi, excel, mutualisation  # noqa: F401,E501
# isort: on

__all__ = ["app", "main", "traduire_usage"]
