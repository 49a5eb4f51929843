"""The only module that prints to the terminal (rich), for the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

console = Console(highlight=False)
erreurs = Console(stderr=True, highlight=False)


def erreur(message: str) -> None:
    """An error, never cut by rich: a path or a cell in it stays whole to copy (the terminal wraps the line)."""
    erreurs.print(f"[bold red]Erreur :[/] {message}", soft_wrap=True)


def erreur_douce(message: str) -> None:
    """A note on stderr that does not stop the command (stdout stays clean for --json), never cut either."""
    erreurs.print(f"[yellow]Note :[/] {message}", soft_wrap=True)


def info(message: str) -> None:
    console.print(message)


def brut(message: str) -> None:
    """Text printed as is: no markup, no wrapping (commands to copy and paste)."""
    console.print(message, markup=False, soft_wrap=True)


def tableau(titre: str, entetes: Iterable[str], lignes: Iterable[Iterable[str]]) -> None:
    t = Table(title=titre, title_justify="left", show_lines=False)
    for h in entetes:
        t.add_column(h, overflow="fold")
    for ligne in lignes:
        t.add_row(*ligne)
    console.print(t)


def progression() -> Progress:
    """A French progress bar on the console (vanishes when done)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("reste"), TimeRemainingColumn(), console=console, transient=True)
