"""The SIRET of a collectivité (the AGEC declaration's `siret`): 14 digits whose Luhn key is right; La Poste's
establishments (SIREN 356000000) use the sum of the digits, a multiple of 5, instead (INSEE's rule)."""

from __future__ import annotations

import re

_CHIFFRES = re.compile(r"\d{14}")
SIREN_LA_POSTE = "356000000"


def luhn(chiffres: str) -> int:
    """Luhn sum of a string of digits (every second digit from the right doubled, 9 taken off above 9)."""
    total = 0
    for i, c in enumerate(reversed(chiffres)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total


def normaliser(valeur: object) -> str:
    """The SIRET as typed, without the spaces people put in it (« 130 025 265 00013 »); a number becomes its digits."""
    if isinstance(valeur, bool) or valeur is None:
        return ""
    if isinstance(valeur, (int, float)) and float(valeur).is_integer():
        return str(int(valeur)).zfill(14)
    return re.sub(r"[\s\u00a0\u202f.]", "", str(valeur))


def probleme_siret(valeur: object) -> str | None:
    """Why the value is not a valid SIRET (French), or None when it is one."""
    s = normaliser(valeur)
    if not _CHIFFRES.fullmatch(s):
        return f"« {valeur} » n'est pas un SIRET : il faut 14 chiffres."
    if s.startswith(SIREN_LA_POSTE):
        return None if sum(int(c) for c in s) % 5 == 0 else f"SIRET {s} : la clé de contrôle est fausse."
    return None if luhn(s) % 10 == 0 else f"SIRET {s} : la clé de contrôle (Luhn) est fausse."


def siret_fictif(code: object) -> str:
    """A SIRET with a right key built from a code (demonstrations and tests only: « 21 » + the code's digits)."""
    chiffres = "".join(c if c.isdigit() else "0" for c in str(code or ""))[:5].zfill(5)
    base = f"21{chiffres}000001"  # 13 digits
    return next(base + str(k) for k in range(10) if luhn(base + str(k)) % 10 == 0)
