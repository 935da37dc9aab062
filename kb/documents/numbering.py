"""The documents' own numbering: 第X章, 一、, （一）, 1., （1）."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "零一二三四五六七八九十百"
_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}

@dataclass(frozen=True)
class Style:
    """One numbering style of official documents (GB/T 9704): its pattern and what it numbers."""

    name: str
    pattern: re.Pattern[str]
    id_prefix: str  # what the number is prefixed with in a clause id ("c4" for 第四章)
    clause_kind: str  # what a numbered unit with a body of its own is: item | measure


# Outermost first: the position in this table is the heading's rank (level). A new style of
# numbering is one more row here.
STYLES: list[Style] = [
    Style("chapter", re.compile(rf"^第([{_CN}]+)章\s*"), "c", "item"),
    Style("cn", re.compile(rf"^([{_CN}]+)、\s*"), "", "item"),
    Style("paren_cn", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*"), "", "measure"),
    Style("arabic", re.compile(r"^(\d{1,2})[.．、](?![\d%％])\s*"), "", "item"),
    Style("paren_arabic", re.compile(r"^[（(](\d{1,2})[）)]\s*"), "", "measure"),
]


def cn_to_int(text: str) -> int:
    """Chinese or Arabic numeral to int: 十二 -> 12, 一百零八 -> 108, 二千 -> 2000, 一〇八 -> 108."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not any(ch in _CN_UNIT for ch in text):  # positional form such as 一〇八
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_UNIT:
            total += (digit or 1) * _CN_UNIT[ch]  # bare 十 means 一十
            digit = 0
        else:
            digit = _CN_DIGIT[ch]
    return total + digit


def int_to_cn(n: int) -> str:
    """118 -> 一百一十八, 10 -> 十, 108 -> 一百零八: how articles are numbered in Chinese laws."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        elif out:
            zero = True
    return out


@dataclass(frozen=True)
class Marker:
    """A numbering marker found at the start of a text."""

    kind: str
    number: int
    label: str  # as written, e.g. "（五）"
    rest: str  # the text after the marker
    rank: int = 0  # the style's place in STYLES: outermost is 0
    clause_kind: str = "item"  # what a unit opened by this marker is, when it has a body of its own
    id_prefix: str = ""

    @property
    def token(self) -> str:
        """The piece this marker contributes to a clause id."""
        return f"{self.id_prefix}{self.number}"


def match_marker(text: str) -> Marker | None:
    """Return the numbering marker that starts `text`, if any."""
    for rank, style in enumerate(STYLES):
        m = style.pattern.match(text)
        if m:
            return Marker(style.name, cn_to_int(m.group(1)), m.group(0).strip(), text[m.end():],
                          rank, style.clause_kind, style.id_prefix)
    return None
