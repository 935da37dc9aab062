"""The documents' own numbering: 第X章, 一、, （一）, 1., （1）."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "零一二三四五六七八九十百"
_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}

# Outermost first: the index in this list is the heading's rank.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^第([{_CN}]+)章\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)、\s*")),
    ("paren_cn", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*")),
    ("arabic", re.compile(r"^(\d{1,2})[.．、](?![\d%％])\s*")),
    ("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
]
RANK = {name: i for i, (name, _) in enumerate(PATTERNS)}


def cn_to_int(text: str) -> int:
    """一 -> 1, 十一 -> 11, 二十三 -> 23, 一百 -> 100."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS.get(ch, 0)
    return total + current


@dataclass(frozen=True)
class Marker:
    """A numbering marker found at the start of a text."""

    kind: str
    number: int
    label: str  # as written, e.g. "（五）"
    rest: str  # the text after the marker

    @property
    def rank(self) -> int:
        return RANK[self.kind]

    @property
    def token(self) -> str:
        """The piece this marker contributes to a clause id."""
        return f"c{self.number}" if self.kind == "chapter" else str(self.number)


def match_marker(text: str) -> Marker | None:
    """Return the numbering marker that starts `text`, if any."""
    for kind, pattern in PATTERNS:
        m = pattern.match(text)
        if m:
            return Marker(kind, cn_to_int(m.group(1)), m.group(0).strip(), text[m.end():])
    return None
