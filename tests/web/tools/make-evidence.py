#!/usr/bin/env python3
"""Makes the attached-file fixtures of issue 21 (佐证材料), reproducibly.

Writes into tests/fixtures/evidence/:
  photo-gps-rotated.jpg  a camera-like photo: 640×480 pixels as stored, with an EXIF block
                         written here byte by byte (big-endian, "MM"): Orientation 6 (turn 90°
                         clockwise to show: it shows 480 wide, 640 high), Make and Model, and a
                         GPS IFD (22°32'35.16"N 114°3'28.44"E, Futian). The stored pixels have
                         a red block top left, green top right, blue bottom left, yellow bottom
                         right; shown the right way up, red is top right.
  minutes.pdf            a one-page PDF (会议纪要 in ASCII words), written by hand with a correct
                         cross-reference table.

`--bench FILE` writes a 12-megapixel photo (4000×3000, orientation 1, the same GPS block) of
about 4 MB for the shrink benchmark (not committed). `--check` regenerates the fixtures into
a temporary folder and fails when anything differs from the committed files; `.ci/test` runs
it. The pixels are encoded by Pillow (pinned in .ci/setup, so its libjpeg gives the same
bytes); the EXIF block and the PDF are written here.
"""

import pathlib
import random
import struct
import sys
import tempfile

from PIL import Image, ImageDraw

ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = ROOT / "tests" / "fixtures" / "evidence"

# TIFF types
SHORT, LONG, ASCII, RATIONAL, BYTE = 3, 4, 2, 5, 1


def ifd(entries, start, order=">"):
    """One IFD at offset `start`: entries (tag, type, values), the data of long values after
    it. Returns its bytes (entries, next-IFD 0, data)."""
    sizes = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8}
    data_at = start + 2 + 12 * len(entries) + 4
    head = struct.pack(order + "H", len(entries))
    data = b""
    for tag, kind, values in sorted(entries):
        if kind == ASCII:
            raw = values.encode("ascii") + b"\0"
            count = len(raw)
        elif kind == RATIONAL:
            raw = b"".join(struct.pack(order + "II", n, d) for n, d in values)
            count = len(values)
        else:
            fmt = {BYTE: "B", SHORT: "H", LONG: "I"}[kind]
            raw = b"".join(struct.pack(order + fmt, v) for v in values)
            count = len(values)
        assert len(raw) == count * sizes[kind]
        if len(raw) <= 4:
            head += struct.pack(order + "HHI", tag, kind, count) + raw.ljust(4, b"\0")
        else:
            head += struct.pack(order + "HHII", tag, kind, count, data_at + len(data))
            data += raw + (b"\0" if len(raw) % 2 else b"")
    return head + struct.pack(order + "I", 0) + data


def exif_block(orientation):
    """A big-endian TIFF block: IFD0 (Make, Model, Orientation, GPS pointer), then the GPS IFD."""
    gps = [
        (0x0000, BYTE, [2, 3, 0, 0]),  # GPSVersionID
        (0x0001, ASCII, "N"),
        (0x0002, RATIONAL, [(22, 1), (32, 1), (3516, 100)]),
        (0x0003, ASCII, "E"),
        (0x0004, RATIONAL, [(114, 1), (3, 1), (2844, 100)]),
        (0x0006, RATIONAL, [(12, 1)]),  # altitude, metres
    ]
    ifd0_entries = lambda gps_at: [
        (0x010F, ASCII, "DutyLedger"),
        (0x0110, ASCII, "Fixture Camera"),
        (0x0112, SHORT, [orientation]),
        (0x8825, LONG, [gps_at]),
    ]
    ifd0_len = len(ifd(ifd0_entries(0), 8))
    gps_at = 8 + ifd0_len
    return b"MM\0\x2a" + struct.pack(">I", 8) + ifd(ifd0_entries(gps_at), 8) + ifd(gps, gps_at)


def photo(width, height, seed, noise):
    """Quadrants of colour over a gradient, with seeded noise (a photo's texture)."""
    image = Image.new("RGB", (width, height))
    rng = random.Random(seed)
    # A smooth gradient, then noise: random bytes around it.
    base = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (base, base.transpose(Image.Transpose.FLIP_LEFT_RIGHT), base.transpose(Image.Transpose.FLIP_TOP_BOTTOM)))
    if noise:
        grain = Image.frombytes("L", (width, height), rng.randbytes(width * height))
        grain = grain.point(lambda v: 128 + (v - 128) * noise // 100)
        image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.25)
    draw = ImageDraw.Draw(image)
    w, h = width // 4, height // 4
    draw.rectangle([0, 0, w, h], fill=(220, 20, 20))
    draw.rectangle([width - w, 0, width - 1, h], fill=(20, 200, 20))
    draw.rectangle([0, height - h, w, height - 1], fill=(20, 20, 220))
    draw.rectangle([width - w, height - h, width - 1, height - 1], fill=(230, 220, 20))
    return image


def save_photo(path, width, height, orientation, noise, quality):
    image = photo(width, height, seed=21, noise=noise)
    image.save(path, "JPEG", quality=quality, exif=b"Exif\0\0" + exif_block(orientation))


def pdf(path):
    """A one-page PDF with a line of text, its xref offsets counted."""
    text = b"BT /F1 24 Tf 72 720 Td (Meeting minutes: food safety, Futian 2023) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)


def make(folder):
    folder.mkdir(parents=True, exist_ok=True)
    save_photo(folder / "photo-gps-rotated.jpg", 640, 480, orientation=6, noise=60, quality=88)
    pdf(folder / "minutes.pdf")


def check():
    with tempfile.TemporaryDirectory() as tmp:
        fresh = pathlib.Path(tmp)
        make(fresh)
        bad = [p.name for p in sorted(fresh.iterdir()) if (OUT / p.name).read_bytes() != p.read_bytes()]
        if bad:
            sys.exit(f"tests/fixtures/evidence differs from make-evidence.py: {', '.join(bad)}")
    print("tests/fixtures/evidence matches make-evidence.py")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    elif len(sys.argv) == 3 and sys.argv[1] == "--bench":
        save_photo(pathlib.Path(sys.argv[2]), 4000, 3000, orientation=1, noise=100, quality=92)
    elif not sys.argv[1:]:
        make(OUT)
    else:
        sys.exit("usage: make-evidence.py [--check | --bench FILE]")
