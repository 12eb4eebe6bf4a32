#!/usr/bin/env python3
# gen-screenshot.py: draw the picture the test plugin's virDomainScreenshot
# streams.  Usage: gen-screenshot.py OUTPUT.png
#
# The image is ours: a 400x300 RGB gradient crossed by a checker band,
# with a little fixed pseudo-random grain so that it does not compress
# below one stream packet (262120 bytes) and a transfer takes several.
# Written with the standard library only: the build needs python3 alone.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import struct
import sys
import zlib

WIDTH = 400
HEIGHT = 300


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + \
        struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pixel(x, y, grain):
    if 130 <= y < 170 and ((x // 20) + (y // 20)) % 2 == 0:
        return (250, 250, 250)
    return (x * 255 // (WIDTH - 1) ^ (grain & 15),
            y * 255 // (HEIGHT - 1) ^ ((grain >> 4) & 15),
            128 ^ ((grain >> 8) & 15))


def main():
    rows = bytearray()
    seed = 1
    for y in range(HEIGHT):
        rows.append(0)                  # filter type None
        for x in range(WIDTH):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            rows.extend(pixel(x, y, seed >> 16))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + \
        chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    with open(sys.argv[1], "wb") as out:
        out.write(png)


if __name__ == "__main__":
    main()
