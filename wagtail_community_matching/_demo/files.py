"""Image and PDF files made at load time, so the demo needs no binary fixtures."""

from __future__ import annotations

import hashlib
import io

from PIL import Image, ImageDraw

PALETTE = ["#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b91c1c", "#0f766e", "#a16207"]


def colour_for(text: str) -> str:
    """A stable colour from the palette for ``text``."""
    digest = hashlib.sha256(text.encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def banner_png(text: str, width: int = 1200, height: int = 500) -> bytes:
    """A PNG banner: two overlapping circles (the matching) on a tinted ground."""
    image = Image.new("RGB", (width, height), "#f3f5f8")
    draw = ImageDraw.Draw(image)
    radius = height // 3
    centre_y = height // 2
    for index, colour in enumerate((colour_for(text), colour_for(text[::-1] + "x"))):
        centre_x = width // 2 + (index * 2 - 1) * radius // 2
        draw.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            outline=colour,
            width=18,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def logo_png(initials: str, size: int = 400) -> bytes:
    """A square PNG logo with the organisation's initials."""
    image = Image.new("RGB", (size, size), colour_for(initials))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((16, 16, size - 16, size - 16), radius=48, outline="#ffffff", width=10)
    draw.text(
        (size // 2, size // 2),
        initials[:3].upper(),
        fill="#ffffff",
        anchor="mm",
        font_size=size // 4,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``title`` and ``lines`` (Latin-1 text)."""
    commands = ["BT", "/F1 20 Tf", "72 760 Td", f"({_pdf_escape(title)}) Tj", "/F1 12 Tf"]
    for line in lines:
        commands += ["0 -22 Td", f"({_pdf_escape(line)}) Tj"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
