"""The documents' own numbering: 第X章, 一、, （一）, 1., （1）."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "零一二三四五六七八九十百"
_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")}

@dataclass(frozen=True)
class Style:
    """One numbering style of official documents (GB/T 9704): its pattern and what it numbers."""

    name: str
    pattern: re.Pattern[str]
    id_prefix: str  # what the number is prefixed with in a clause id ("c4" for 第四章)
    clause_kind: str  # what a numbered unit with a body of its own is: item | measure


# Outermost first: the position in this table is the heading's rank (level).
STYLES: list[Style] = [
    Style("chapter", re.compile(rf"^第([{_CN}]+)章\s*"), "c", "item"),
    Style("cn", re.compile(rf"^([{_CN}]+)、\s*"), "", "item"),
    Style("paren_cn", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*"), "", "measure"),
    Style("arabic", re.compile(r"^(\d{1,2})[.．、](?![\d%％])\s*"), "", "item"),
    Style("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]\s*"), "", "measure"),
]
RANK = {style.name: i for i, style in enumerate(STYLES)}
_BY_NAME = {style.name: style for style in STYLES}


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
        return f"{_BY_NAME[self.kind].id_prefix}{self.number}"

    @property
    def clause_kind(self) -> str:
        """What a unit opened by this marker is, when it has a body of its own."""
        return _BY_NAME[self.kind].clause_kind


def match_marker(text: str) -> Marker | None:
    """Return the numbering marker that starts `text`, if any."""
    for style in STYLES:
        m = style.pattern.match(text)
        if m:
            return Marker(style.name, cn_to_int(m.group(1)), m.group(0).strip(), text[m.end():])
    return None
