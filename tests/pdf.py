"""A PDF of a few lines of text, made in the tests: letters and reports in Ofsted's layouts that the
shared set does not hold (monitoring visits, reports with a section left empty), and broken ones,
without a PDF library to write them."""

from __future__ import annotations

from pathlib import Path


def _string(text: str) -> bytes:
    """A PDF string in WinAnsi (Helvetica's encoding here), with its special characters escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one page per list of lines, each line set in 11-point Helvetica. An empty line is
    set as a space, as pypdf reads a line with no text as none at all, and the blank lines of a
    report separate its paragraphs and footnotes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for lines in pages:
        text = b"".join(_string(line or " ") + b" Tj T* " for line in lines)
        stream = b"BT /F1 11 Tf 14 TL 56 790 Td " + text + b"ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content, font))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path
