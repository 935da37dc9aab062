"""Main text of a saved government web page, as lines.

Boilerplate removal (navigation, share buttons, scripts, footers) is delegated to
trafilatura, which works on the given markup only and never fetches anything.
Its XML output keeps headings, paragraphs and tables apart, so tables come out as
tab-separated rows instead of one run-on paragraph.
"""
from __future__ import annotations

import re
from functools import lru_cache

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# GB2312 and GBK are subsets of GB18030; decoding with the superset loses nothing.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
# Site names trail the page <title> after one of these separators.
_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s-\s|——).*$")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def decode_html(raw: bytes | str) -> str:
    """Decode page bytes using the declared <meta charset>, else UTF-8, else GB18030."""
    if isinstance(raw, str):
        return raw
    found = _META_CHARSET.search(raw[:4096])
    if found:
        name = found.group(1).decode("ascii").lower()
        try:
            return raw.decode(_CHARSET_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # The default minimum (250 characters) suits English pages; a short Chinese
    # notice is dense and would otherwise fall back to whole-page text.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signal-based timeouts break in threads
    return config


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _page_title(html: str) -> str:
    """The page's own heading: the first <h1>, else <title> without the site name."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError):
        return ""
    for tag in ("h1", "title"):
        for node in tree.iter(tag):
            text = _clean(node.text_content())
            if text:
                return _TITLE_SUFFIX.sub("", text) if tag == "title" else text
    return ""


def _xml_lines(xml: str) -> list[str]:
    """Flatten trafilatura's XML: one line per heading/paragraph/list item, tables as TSV."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    lines: list[str] = []
    main = root.find("main")
    for node in (main if main is not None else root).iter("head", "p", "item", "row", "quote"):
        if node.tag == "row":
            cells = [_clean("".join(c.itertext())) for c in node.iter("cell")]
            if any(cells):
                lines.append("\t".join(cells))
            continue
        if node.getparent() is not None and node.getparent().tag in ("cell", "item", "quote", "p"):
            continue  # already part of the enclosing block
        if any(anc.tag == "cell" for anc in node.iterancestors()):
            continue
        text = _clean("".join(node.itertext()))
        if text:
            lines.append(text)
    return lines


def read_html(raw: bytes | str) -> list[str]:
    """Main text of a web page as lines: title first, then paragraphs, tables as tab-separated rows."""
    import trafilatura

    html = decode_html(raw)
    xml = trafilatura.extract(
        html, output_format="xml", include_tables=True, include_comments=False,
        include_images=False, include_links=False, config=_config(),
    )
    body = _xml_lines(xml) if xml else []
    title = _page_title(html)
    if not title:
        return body
    # The heading usually survives extraction as the first line or two; keep it once, first.
    head = [line for line in body[:3] if line != title]
    return [title] + head + body[3:]
