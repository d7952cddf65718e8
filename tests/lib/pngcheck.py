#!/usr/bin/env python3
"""pngcheck.py FILE [MIN]: decodes a PNG (8-bit RGB/RGBA, the screenshots
Chromium writes) with zlib, undoing the row filters, and counts distinct
pixel colours.  Exits 0 when there are at least MIN (default 20): a blank
page has one or two.  Standard library only."""
import struct, sys, zlib

path = sys.argv[1]
need = int(sys.argv[2]) if len(sys.argv) > 2 else 20
data = open(path, 'rb').read()
if data[:8] != b'\x89PNG\r\n\x1a\n':
    sys.exit(f'{path}: not a PNG')
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ct = struct.unpack('>IIBB', chunk[:10])
    elif kind == b'IDAT':
        idat += chunk
    pos += 12 + n
if depth != 8 or ct not in (2, 6):
    sys.exit(f'{path}: unsupported PNG type {ct}/{depth}')
bpp = 3 if ct == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours = bytearray(stride), set()


def unfilter(f, row, prev):
    """Undoes one row's filter (PNG spec 9.2); one loop per filter type,
    so the common ones (none, Up) cost no per-byte Python branch."""
    if f == 0:
        return row
    if f == 2:
        return bytearray((x + y) & 255 for x, y in zip(row, prev))
    for i in range(stride):
        a = row[i - bpp] if i >= bpp else 0
        if f == 1:
            row[i] = (row[i] + a) & 255
        elif f == 3:
            row[i] = (row[i] + (a + prev[i]) // 2) & 255
        else:
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else
                                b if pb <= pc else c)) & 255
    return row


for y in range(h):
    f = raw[y * (stride + 1)]
    row = unfilter(f, bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]), prev)
    if y % 4 == 0:
        colours.update(bytes(row[x:x + 3]) for x in range(0, stride, bpp * 4))
    prev = row
print(f'# {w}x{h} screenshot, {len(colours)} distinct colours sampled')
sys.exit(0 if len(colours) >= need else 1)
