"""Draw the example blog's images (plain PNGs, no imaging library needed).

Run ``python docs/_tools/make_images.py``; the PNGs are committed, so building
the docs never needs this script.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "images"
BUNDLE = Path(__file__).resolve().parents[1] / "blog" / "a-page-bundle"
"""A page bundle's image lives beside its post, not in ``images/``."""


def png(width: int, height: int, pixel) -> bytes:  # type: ignore[no-untyped-def]
    """Encode an RGB image whose colour at (x, y) is ``pixel(x, y)``."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def mesh(x: int, y: int) -> tuple[int, int, int]:
    """A night-blue gradient with a grid of nodes: a service mesh, roughly."""
    r, g, b = 20 + y // 6, 40 + x // 8, 90 + (x + y) // 10
    if x % 80 < 3 or y % 60 < 3:
        return (70, 160, 200)
    if (x % 80 - 40) ** 2 + (y % 60 - 30) ** 2 < 120:
        return (240, 200, 60)
    return (min(r, 255), min(g, 255), min(b, 255))


def bars(x: int, y: int) -> tuple[int, int, int]:
    """A bar chart: build time per blog size."""
    heights = [60, 110, 170, 230]
    if y > 290 or x < 20:
        return (250, 250, 250)
    column, offset = divmod(x - 20, 100)
    if column < len(heights) and 20 < offset < 80 and 300 - heights[column] < y:
        return (40, 110 + column * 30, 200)
    return (250, 250, 250)


def face(color: tuple[int, int, int]):  # type: ignore[no-untyped-def]
    """A round avatar with two eyes and a smile."""

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        dx, dy = x - 32, y - 32
        if dx * dx + dy * dy < 900:
            if (dx + 10) ** 2 + (dy + 6) ** 2 < 16 or (dx - 10) ** 2 + (dy + 6) ** 2 < 16:
                return (30, 30, 30)
            if 100 < dx**2 + (dy - 4) ** 2 < 220 and dy > 6:
                return (30, 30, 30)
            return color
        return (245, 245, 245)

    return pixel


def bundle(x: int, y: int) -> tuple[int, int, int]:
    """A folder holding a page and an image: two cards on a warm background."""
    if 40 < x < 180 and 50 < y < 170:
        return (255, 255, 255) if (y - 50) % 24 > 4 or x > 160 else (90, 90, 110)
    if 220 < x < 360 and 50 < y < 170:
        return (40, 110 + (y - 50), 200)
    return (250, 236, 214)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "mesh.png").write_bytes(png(480, 240, mesh))
    (OUT / "build-times.png").write_bytes(png(440, 300, bars))
    (OUT / "alice.png").write_bytes(png(64, 64, face((240, 190, 80))))
    (OUT / "bob.png").write_bytes(png(64, 64, face((120, 190, 240))))
    BUNDLE.mkdir(exist_ok=True)
    (BUNDLE / "diagram.png").write_bytes(png(400, 220, bundle))


if __name__ == "__main__":
    main()
