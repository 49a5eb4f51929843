"""Tolerant reading of the text that exchanged files hold: encodings, numbers written the French or the English way,
headers and codes compared without case, accents or extra spaces."""

from __future__ import annotations

import re
import unicodedata


def normaliser(texte: str) -> str:
    """Lower case, no accents, single spaces: how headers and codes are compared."""
    t = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", " ", t).strip().casefold()


def decoder(brut: bytes) -> str:
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        return brut.decode("cp1252", errors="replace")


def nombre(texte: str) -> float | None:
    """French or English number: "1 234,5", "1234.5", "12"; None when it is not a number."""
    t = texte.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    try:
        v = float(t)
    except ValueError:
        return None
    return v if v == v and v not in (float("inf"), float("-inf")) else None
