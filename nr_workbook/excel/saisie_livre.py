"""Input cells on a workbook open in Excel (xlwings): the same rule, input message « À saisir » and fill as the
openpyxl writer gives them (`classeur.writer.cells.validation`), so that a fiche created from the ribbon reads the
same to a screen reader as one created by `nr-workbook fiches`.

xlwings sets list and comparison rules on every engine but has no setter for the input message: on the Office.js
add-in it goes as our own action `setDataValidationPrompt` (applied by `serveur_commandes.js`), on desktop Excel
through the object model (`Range.Validation`); an engine offering neither keeps the rule without the message.
"""

from __future__ import annotations

from typing import Any

from nr_workbook.classeur.writer.cells import invite
from nr_workbook.classeur.writer.styles import SAISIE
from nr_workbook.contract import layout as L

DATE_MIN, DATE_MAX = 36526, 73051  # 01/01/2000 and 31/12/2099, as the openpyxl writer bounds dates
_XL_VALIDATE_INPUT_ONLY = 0


def regle(plage: Any, saisie: L.Saisie | None) -> None:
    """The rule of `saisie` on the range (nothing for free text)."""
    if saisie is None or saisie.kind == "texte":
        return
    dv = plage.data_validation
    if saisie.kind in ("liste", "niveau"):
        if saisie.plage:
            dv.set_list(plage.sheet.book.names[saisie.plage])
        else:
            dv.set_list([str(v) for v in saisie.valeurs])
    elif saisie.kind in ("entier", "decimal"):
        poser = dv.set_whole_number if saisie.kind == "entier" else dv.set_decimal
        minimum = saisie.minimum if saisie.minimum is not None else 0
        if saisie.maximum is None:
            poser("greater_than_or_equal", minimum)
        else:
            poser("between", minimum, saisie.maximum)
    elif saisie.kind == "date":
        dv.set_date("between", DATE_MIN, DATE_MAX)


def message(plage: Any, titre: str, texte: str) -> bool:
    """The input message of the range; False when the engine cannot set it."""
    titre, texte = titre[:32], texte[:255]
    impl = plage.impl
    if hasattr(impl, "append_json_action"):  # remote interpreter: the Office.js add-in applies it
        impl.append_json_action(func="setDataValidationPrompt", args=[titre, texte])
        return True
    try:  # desktop Excel (COM): a cell without a rule takes an "input only" validation first
        v = plage.api.Validation
        try:
            v.Type  # noqa: B018 - raises when the cell has no validation
        except Exception:  # noqa: BLE001 - COM raises its own error class
            v.Add(_XL_VALIDATE_INPUT_ONLY)
        v.InputTitle, v.InputMessage, v.ShowInput = titre, texte, True
        return True
    except Exception:  # noqa: BLE001 - another engine (macOS): the rule stays, without its message
        return False


def saisir(plage: Any, saisie: L.Saisie | None) -> None:
    """An input range: its fill, its rule and its « À saisir » message."""
    plage.color = "#" + SAISIE
    regle(plage, saisie)
    message(plage, *invite(saisie))
