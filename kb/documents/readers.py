"""Read a document file into text lines, whatever its format and encoding.

Each format is a `Reader` in `READERS`, keyed by file suffix; a new format is one function
and one entry here. `check_file` is the one place that decides whether a file may be read.
"""
from __future__ import annotations

import codecs
import logging
from pathlib import Path
from typing import Callable

from kb.errors import CorpusError, UnsupportedFormat

MAX_BYTES = 20 * 1024 * 1024

Reader = Callable[[Path], str]
"""A reader takes a file and returns its text: lines in reading order, table rows tab-separated."""


def check_file(path: Path, name: str | None = None) -> None:
    """Refuse an unsupported format, a missing, empty or oversized file, with a message naming it."""
    path, name = Path(path), name or Path(path).name
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise UnsupportedFormat(
            f"{name}: unsupported format '{suffix or '(none)'}'; supported: {', '.join(READERS)}. "
            "Convert the file (e.g. save as .docx or .txt) and add it again.")
    if not path.is_file():
        raise CorpusError(f"{path}: file not found; check the 'file' entry in corpus/manifest.json.")
    size = path.stat().st_size
    if size == 0:
        raise CorpusError(f"{name}: the file is empty (0 bytes); replace it with the full document.")
    if size > MAX_BYTES:
        raise CorpusError(f"{name}: {size / 1e6:.1f} MB is larger than the {MAX_BYTES // 1_000_000} MB limit "
                          "for one document; split it or check that it is really a policy document.")


def read_lines(path: Path) -> list[str]:
    """Return the document's text as lines; raise CorpusError naming the file if unusable."""
    path = Path(path)
    check_file(path)
    text = READERS[path.suffix.lower()](path)
    if not text.strip():
        raise CorpusError(f"{path.name}: no text found in the file; it may be a scanned image or blank.")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _plain_text(path: Path) -> str:
    return decode(path.read_bytes(), path.name)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8, else GB18030 (which covers GBK/GB2312); refuse binary data."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")  # Windows Notepad's "Unicode"
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        raise CorpusError(f"{name}: looks like a binary file (contains NUL bytes), not text; "
                          "export the document as .txt, .docx or .pdf.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    candidates = ["gb18030"]
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_text(text):
            return text
    raise CorpusError(f"{name}: cannot decode the text (not UTF-8 or GB18030); "
                      "re-save it as UTF-8 and add it again.")


def _mostly_text(text: str) -> bool:
    if not text:
        return False
    printable = sum(ch.isprintable() or ch in "\n\t\r" for ch in text)
    return printable / len(text) > 0.97


def _docx_text(path: Path) -> str:
    try:
        import docx
        import docx.table
    except ImportError as exc:  # pragma: no cover - pinned dependency
        raise UnsupportedFormat(f"{path.name}: .docx support needs python-docx") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types for a bad file
        raise CorpusError(f"{path.name}: not a readable .docx file ({exc.__class__.__name__}); "
                          "open it in Word and save it again, or export it as .txt.") from exc
    lines = []
    for block in document.iter_inner_content():  # paragraphs and tables in reading order
        if isinstance(block, docx.table.Table):
            lines.extend("\t".join(cell.text.replace("\n", " ") for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file is reported below, once
    try:
        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as exc:  # pypdf's ways of failing
        raise CorpusError(f"{path.name}: not a readable PDF ({exc}); export it again or save it as .docx.") from exc


def _html_text(path: Path) -> str:
    from kb.documents.html_reader import read_html

    try:
        return "\n".join(read_html(path.read_bytes()))
    except Exception as exc:  # lxml and trafilatura raise several unrelated types for a broken page
        raise CorpusError(f"{path.name}: not a readable web page ({exc}); save the page again or as .txt.") from exc


READERS: dict[str, Reader] = {
    ".txt": _plain_text, ".md": _plain_text, ".docx": _docx_text, ".pdf": _pdf_text,
    ".html": _html_text, ".htm": _html_text,
}
