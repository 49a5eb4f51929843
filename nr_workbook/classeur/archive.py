"""The zip container of an Office file, written the same way every time (reproducible builds) and fast when most
parts are already compressed (a lot of workbooks that differ from their template in a few parts).

Every entry carries the same date (`date_des_documents`), parts keep their order, deflate level 6 (1 for the parts
a lot's member changes); a part kept from another archive is copied compressed as it is (`Entree.brute`), which the
standard zipfile module cannot do.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from nr_workbook.contract.version import DATE_MODELE


def date_des_documents() -> dt.datetime:
    """The date written in every file we produce: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the
    template's release date, so that building the same workbook twice gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(DATE_MODELE, dt.time())


@dataclass(frozen=True)
class Entree:
    """One part: its name, its compressed bytes, CRC-32 and uncompressed size."""

    nom: str
    comprime: bytes
    crc: int
    taille: int
    methode: int = zipfile.ZIP_DEFLATED

    @classmethod
    def depuis(cls, nom: str, octets: bytes, niveau: int = 6) -> Entree:
        """A part compressed now (`niveau` 1 for the parts a lot's member changes: four times faster)."""
        c = zlib.compressobj(niveau, zlib.DEFLATED, -15)
        return cls(nom, c.compress(octets) + c.flush(), zlib.crc32(octets), len(octets))

    @classmethod
    def brute(cls, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> Entree:
        """A part of an existing archive, still compressed."""
        if info.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or info.flag_bits & 1:
            return cls.depuis(info.filename, z.read(info))
        f = z.fp
        f.seek(info.header_offset)
        entete = f.read(30)
        n, extra = struct.unpack("<HH", entete[26:30])
        f.seek(info.header_offset + 30 + n + extra)
        return cls(info.filename, f.read(info.compress_size), info.CRC, info.file_size, info.compress_type)


def entrees(z: zipfile.ZipFile) -> list[Entree]:
    return [Entree.brute(z, i) for i in z.infolist()]


def _dos(d: dt.datetime) -> tuple[int, int]:
    d = max(d, dt.datetime(1980, 1, 1))
    return (d.hour << 11) | (d.minute << 5) | (d.second // 2), ((d.year - 1980) << 9) | (d.month << 5) | d.day


def ecrire(parts: list[Entree], cible: Path | BinaryIO) -> None:
    """Write the archive: local headers and data, then the central directory (no zip64: parts under 4 GiB)."""
    heure, jour = _dos(date_des_documents())
    corps = bytearray()
    central = bytearray()
    for p in parts:
        nom = p.nom.encode("utf-8")
        drapeaux = 0 if nom.isascii() else 0x800
        decalage = len(corps)
        corps += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, drapeaux, p.methode, heure, jour, p.crc,
                             len(p.comprime), p.taille, len(nom), 0) + nom + p.comprime
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, drapeaux, p.methode, heure, jour, p.crc,
                               len(p.comprime), p.taille, len(nom), 0, 0, 0, 0, 0, decalage) + nom
    fin = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(corps), 0)
    octets = bytes(corps + central + fin)
    if isinstance(cible, Path):
        cible.write_bytes(octets)
    else:
        cible.write(octets)
