"""The add-in's icons (ribbon, add-in list, AppSource sizes), drawn once per size with Pillow and kept in memory.

A green rounded square with a white leaf and its vein: readable at 16 px, the same at 80 px.
Drawn at four times the size and reduced, so the edges are smooth; the bytes are the same on every run.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

VERT = (31, 122, 77, 255)
BLANC = (255, 255, 255, 255)


@lru_cache(maxsize=8)
def icone_png(taille: int) -> bytes:
    """The PNG icon of `taille` × `taille` pixels."""
    from PIL import Image, ImageDraw

    if not 8 <= taille <= 512:
        raise ValueError(f"taille d'icône hors limites : {taille}")
    n = taille * 4
    image = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((0, 0, n - 1, n - 1), radius=n // 5, fill=VERT)
    a, b = (0.24 * n, 0.78 * n), (0.80 * n, 0.22 * n)  # the leaf's tip and base, on the diagonal
    dx, dy = b[0] - a[0], b[1] - a[1]
    longueur = math.hypot(dx, dy)
    nx, ny = -dy / longueur, dx / longueur
    pas = [i / 24 for i in range(25)]
    bord = [(a[0] + t * dx + s * nx * 0.27 * longueur * math.sin(math.pi * t) ** 0.8,
             a[1] + t * dy + s * ny * 0.27 * longueur * math.sin(math.pi * t) ** 0.8)
            for s, ts in ((1, pas), (-1, pas[::-1])) for t in ts]
    d.polygon(bord, fill=BLANC)
    d.line((a, b), fill=VERT, width=max(4, n // 18))  # the vein, drawn as a circuit trace
    d.line((a, (0.14 * n, 0.88 * n)), fill=BLANC, width=max(4, n // 16))  # the stalk
    sortie = io.BytesIO()
    image.resize((taille, taille), Image.Resampling.LANCZOS).save(sortie, format="PNG", optimize=True)
    return sortie.getvalue()
