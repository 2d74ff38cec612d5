"""Draw the extension's icons (a magnifying glass on a blue tile) as PNG files.

    python3 extension/scripts/make-icons.py

Pure Python (zlib + struct), 4x supersampling for smooth edges; the PNGs in
extension/icons/ are the output of this script.
"""

import math
import struct
import zlib
from pathlib import Path

TILE = (26, 77, 143)
WHITE = (255, 255, 255)
SIZES = (16, 32, 48, 128)
SCALE = 4


def coverage(x: float, y: float) -> tuple[float, float]:
    """(tile, glass) coverage at a point of the unit square."""
    radius = 0.18  # a rounded square: the cross of two bands plus four corner discs
    inside_tile = 0 <= x <= 1 and 0 <= y <= 1 and (
        radius <= x <= 1 - radius
        or radius <= y <= 1 - radius
        or any(math.hypot(x - cx, y - cy) <= radius for cx in (radius, 1 - radius) for cy in (radius, 1 - radius))
    )
    ring = abs(math.hypot(x - 0.44, y - 0.44) - 0.22) <= 0.065
    # the handle: a thick segment from the ring towards the lower right corner
    t = max(0.0, min(1.0, ((x - 0.60) * 0.7071 + (y - 0.60) * 0.7071) / 0.24))
    hx, hy = 0.60 + t * 0.17, 0.60 + t * 0.17
    handle = math.hypot(x - hx, y - hy) <= 0.07
    return float(inside_tile), float(ring or handle)


def pixels(size: int) -> bytes:
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            tile = glass = 0.0
            for sy in range(SCALE):
                for sx in range(SCALE):
                    t, g = coverage((px + (sx + 0.5) / SCALE) / size, (py + (sy + 0.5) / SCALE) / size)
                    tile += t
                    glass += g * t
            tile /= SCALE * SCALE
            glass /= SCALE * SCALE
            colour = [round(TILE[i] * (1 - glass / max(tile, 1e-9)) + WHITE[i] * (glass / max(tile, 1e-9))) for i in range(3)]
            row += bytes(colour) + bytes([round(255 * tile)])
        rows.append(bytes(row))
    return b"".join(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels(size), 9)) + chunk(b"IEND", b"")


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "icons"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
