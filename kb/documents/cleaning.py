"""Line-level cleaning: markup, page furniture, metadata headers, broken lines."""
from __future__ import annotations

import re
from functools import lru_cache

from kb import vocab

SENTENCE_END = "。；！？"
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉ₓ", "0123456789x")
_CJK = r"\u3400-\u9fff"

_MARKUP = [
    (re.compile(r"_\{([^}]*)\}"), r"\1"),                    # PM_{2.5} -> PM2.5
    (re.compile(r"\s*<sub>\s*([^<]*?)\s*</sub>\s*"), r"\1"),  # PM <sub>2.5</sub> -> PM2.5
    (re.compile(r"</?(?:b|strong|i|em|span|sup|br)\s*/?>"), ""),
    (re.compile(r"\*\*"), ""),
    (re.compile(r"^\s*#{1,6}\s+"), ""),
    (re.compile(r"^\s*-\s+(?=\S)"), ""),                     # markdown list bullet
]
_SPACE_AROUND_CJK = [
    re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[0-9A-Za-z%(（])"),
    re.compile(rf"(?<=[0-9A-Za-z%)）])[ \u3000]+(?=[{_CJK}])"),
    re.compile(r"(?<=\d) +(?=[.%])|(?<=\.) +(?=\d)"),
]
_PAGE_NUMBER = re.compile(r"^\s*[-—–－]{1,2}\s*\d+\s*[-—–－]{1,2}\s*$")  # "- 2 -", "— 3 —"
_TOC_ENTRY = re.compile(r"(?:\t|\.{2,}|…{1,})\s*-?\s*\d+\s*-?\s*$|^\s*\d+\s*-\s*$")


def strip_markup(text: str) -> str:
    """Turn HTML/Markdown fragments and subscripts into plain text."""
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return text.translate(_SUBSCRIPTS)


def tidy_spaces(text: str) -> str:
    """Drop PDF spacing between Chinese and digits ("2023 年" -> "2023年")."""
    for pattern in _SPACE_AROUND_CJK:
        text = pattern.sub("", text)
    return text.strip()


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters (scraping artefacts) to simplified ones."""
    return _t2s().convert(text)


def clean_text(text: str) -> str:
    """Full inline cleaning for one line or cell of prose."""
    return tidy_spaces(to_simplified(strip_markup(text)))


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in vocab.data("boilerplate")["furniture"])


@lru_cache(maxsize=1)
def _metadata_header() -> re.Pattern[str]:
    return re.compile(vocab.data("boilerplate")["metadata_header"])


def is_furniture(text: str) -> bool:
    """Page numbers, font-size widgets and site notices (kb/data/boilerplate.json) that are not part of the document."""
    return bool(_PAGE_NUMBER.match(text)) or any(p.search(text) for p in _furniture())


def split_metadata(lines: list[str]) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """Separate `. [发文机构] …` header lines from the body; keep 1-based line numbers."""
    meta: dict[str, str] = {}
    body: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        m = _metadata_header().match(raw)
        if m:
            meta[m.group(1).strip()] = m.group(2).strip()
        else:
            body.append((number, raw))
    return meta, body


def drop_toc(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Remove a 目录 block: from the 目录 line to its last page-numbered entry."""
    for i, (_, text) in enumerate(body):
        if re.sub(r"\s", "", text) == "目录":
            last = i
            for j in range(i + 1, len(body)):
                t = body[j][1].strip()
                if not t:
                    continue
                if _TOC_ENTRY.search(t):
                    last = j
                elif len(t) > 40 or any(p in t for p in SENTENCE_END):
                    break
            return body[:i] + body[last + 1:]
    return body


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a list lead-in), so the next line starts anew."""
    return bool(text) and text[-1] in SENTENCE_END + "：:”」）)"


def split_sentences(text: str) -> list[str]:
    """Split Chinese prose after 。；！？, keeping the punctuation."""
    return [s for s in re.split(r"(?<=[。；！？])", text) if s.strip()]
